//! One error type for every stage, with its place in the markdown, rendered the way rustc
//! renders its own errors so that `compile_error!`, the CLI and tests all read the same.

use std::fmt::Write as _;
use std::ops::Range;

use crate::source::Source;

/// A problem found in a table, or in reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, quoting the offending text.
    pub message: String,
    /// The byte range of the offending cell or line, when the problem has a place.
    pub span: Option<Range<usize>>,
    /// Related places, such as the first of two rows with the same code.
    pub notes: Vec<(Range<usize>, String)>,
    /// What would fix it.
    pub help: Option<String>,
    /// Whether the problem is the chosen heading's (none has that text, or no code table stands
    /// under it) rather than the table's: the macro then points at its `heading` option.
    about_heading: bool,
}

impl Diagnostic {
    /// A problem without a place in the document.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: None,
            notes: Vec::new(),
            help: None,
            about_heading: false,
        }
    }

    /// A problem at a byte range of the document.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            span: Some(span),
            ..Diagnostic::error(message)
        }
    }

    /// Adds what would fix it.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related place.
    #[must_use]
    pub fn with_note(mut self, span: Range<usize>, note: impl Into<String>) -> Self {
        self.notes.push((span, note.into()));
        self
    }

    /// Marks the problem as the chosen heading's.
    #[must_use]
    pub(crate) fn about_heading(mut self) -> Self {
        self.about_heading = true;
        self
    }

    /// Whether the problem is the chosen heading's, not the table's: a front end points at
    /// where the heading was given (the macro's `heading` option, the CLI's flag).
    pub fn is_about_heading(&self) -> bool {
        self.about_heading
    }

    /// The 1-based line and column where the problem is, if it has a place.
    pub fn line_col(&self, source: &Source) -> Option<(usize, usize)> {
        self.span.as_ref().map(|span| source.line_col(span.start))
    }

    /// Renders the message, then `--> file:line:col`, the source line with carets under the
    /// offending cell, the related places and the help, as rustc lays out its own errors.
    pub fn render(&self, source: Option<&Source>) -> String {
        let mut out = self.message.clone();
        let mut pad = String::new();
        if let (Some(source), Some(span)) = (source, &self.span) {
            let gutter = self
                .notes
                .iter()
                .map(|(span, _)| span.start)
                .chain([span.start])
                .map(|at| source.line_col(at).0.to_string().len())
                .max()
                .unwrap_or(1);
            pad = " ".repeat(gutter + 1);
            snippet(&mut out, source, span, "-->", '^', "", gutter);
            for (span, note) in &self.notes {
                snippet(&mut out, source, span, ":::", '-', note, gutter);
            }
        }
        if let Some(help) = &self.help {
            // As rustc: after a snippet, an empty gutter line, then the help.
            if !pad.is_empty() {
                let _ = write!(out, "\n{} |", &pad[1..]);
            }
            let _ = write!(out, "\n{pad}= help: {help}");
        }
        out
    }
}

/// Whether `written` looks like a slip for `known`: a letter or two off (Levenshtein distance
/// at most a third of the longer name, and at least one), case aside.
#[cfg(feature = "macro")]
pub(crate) fn is_near_miss(written: &str, known: &str) -> bool {
    let (written, known) = (written.to_lowercase(), known.to_lowercase());
    let longest = written.chars().count().max(known.chars().count());
    edit_distance(&written, &known) <= (longest / 3).max(1)
}

/// Levenshtein distance in characters, one row of the table at a time.
#[cfg(feature = "macro")]
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, a) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &b) in b.iter().enumerate() {
            let substituted = diagonal + usize::from(a != b);
            diagonal = row[j + 1];
            row[j + 1] = substituted.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// `1 cell`, `2 cells`: a count with its noun, pluralised with an `s`.
pub(crate) fn counted(count: usize, noun: &str) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{count} {noun}{s}")
}

fn snippet(
    out: &mut String,
    source: &Source,
    span: &Range<usize>,
    arrow: &str,
    mark: char,
    label: &str,
    gutter: usize,
) {
    let (line, col) = source.line_col(span.start);
    let text = source.line(line).replace('\t', " ");
    // Underline the span's characters on its first line, at least one.
    let width = source
        .text()
        .get(span.clone())
        .map_or(1, |cell| cell.lines().next().unwrap_or("").chars().count())
        .max(1);
    let blank = " ".repeat(gutter);
    let _ = write!(
        out,
        "\n{blank}{arrow} {}:{line}:{col}\n{blank} |\n{line:>gutter$} | {text}\n{blank} | {}{}{}{label}",
        source.name(),
        " ".repeat(col - 1),
        mark.to_string().repeat(width),
        if label.is_empty() { "" } else { " " },
    );
}

#[cfg(test)]
mod tests {
    use super::Diagnostic;
    use crate::source::Source;

    #[test]
    fn renders_like_rustc() {
        let source = Source::new(
            "codes.md",
            "| Code | Reserved |\n|--|--|\n| `1005` | Maybe |\n",
        );
        let at = source.text().find("Maybe").unwrap();
        let rendered = Diagnostic::at(at..at + 5, "bad `Maybe`")
            .with_help("use `Yes`")
            .render(Some(&source));
        assert_eq!(
            rendered,
            "bad `Maybe`\n --> codes.md:3:12\n  |\n3 | | `1005` | Maybe |\n  |            ^^^^^\n  |\n  = help: use `Yes`"
        );
    }
}
