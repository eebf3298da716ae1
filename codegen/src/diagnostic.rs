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
            // As rustc: an empty gutter line, then the help; without a snippet, the gutter of
            // a one-digit line number (rustc's layout for an error without a place).
            let pad = if pad.is_empty() { "  " } else { &pad };
            let _ = write!(out, "\n{} |\n{pad}= help: {help}", &pad[1..]);
        }
        out
    }

    /// The most problems a front end shows for one table: past it, one line says how many
    /// more there are (a hostile table can hold 100,000 duplicate codes).
    pub const MAX_SHOWN: usize = 100;

    /// Every problem of one table as the CLI and build scripts show it: the first
    /// [`MAX_SHOWN`] rendered (see [`render`]), then, when there were more, one last line
    /// saying how many. Each string is printed after `error: `.
    ///
    /// [`MAX_SHOWN`]: Self::MAX_SHOWN
    /// [`render`]: Self::render
    pub fn render_capped(problems: &[Diagnostic], source: Option<&Source>) -> Vec<String> {
        capped(problems, source, Diagnostic::render)
    }

    /// Every problem of one table as the macro shows it, one `compile_error!` each: as
    /// [`render_capped`](Self::render_capped), but rustc prints the call's location after
    /// each message, and nothing after that location, so a problem without a place in the
    /// table (a file that cannot be read, a heading not found) keeps its help on its first
    /// line rather than on a line before the location.
    #[cfg(feature = "macro")]
    pub(crate) fn compile_errors(problems: &[Diagnostic], source: Option<&Source>) -> Vec<String> {
        capped(problems, source, |problem, source| {
            match (&problem.span, &problem.help) {
                (None, Some(help)) => format!("{} (help: {help})", problem.message),
                _ => problem.render(source),
            }
        })
    }
}

/// The first [`Diagnostic::MAX_SHOWN`] problems, each rendered by `render`, then one line
/// saying how many more there are, if any.
fn capped(
    problems: &[Diagnostic],
    source: Option<&Source>,
    render: impl Fn(&Diagnostic, Option<&Source>) -> String,
) -> Vec<String> {
    let mut shown: Vec<String> = problems
        .iter()
        .take(Diagnostic::MAX_SHOWN)
        .map(|problem| render(problem, source))
        .collect();
    let hidden = problems.len().saturating_sub(Diagnostic::MAX_SHOWN);
    if hidden > 0 {
        let of = source.map_or(String::new(), |source| format!(" in `{}`", source.name()));
        let problems = if hidden == 1 { "problem" } else { "problems" };
        shown.push(format!(
            "{hidden} more {problems}{of} not shown: fix the {} above first",
            Diagnostic::MAX_SHOWN,
        ));
    }
    shown
}

/// How many edits turn `written` into `known`, when few enough to call it a slip: at most a
/// third of `written`'s length, and at least one. One rule for every near miss (a table's path,
/// a macro option).
#[cfg(any(feature = "macro", feature = "build"))]
pub(crate) fn slip_distance(written: &str, known: &str) -> Option<usize> {
    let edits = strsim::levenshtein(written, known);
    (edits <= (written.chars().count() / 3).max(1)).then_some(edits)
}

/// A source line as a snippet shows it, one character for one: a tab as a space, and a control
/// or bidi character as U+FFFD, as rustc shows them, so that no terminal acts on it.
fn shown_line(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\t' => ' ',
            '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' => '\u{fffd}',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
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
    let text = shown_line(source.line(line));
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

    /// A problem at the word `Maybe` in `text`, with a help, rendered.
    fn maybe_rendered(text: &str) -> String {
        let source = Source::new("codes.md", text);
        let at = source.text().find("Maybe").unwrap();
        Diagnostic::at(at..at + 5, "bad `Maybe`")
            .with_help("use `Yes`")
            .render(Some(&source))
    }

    #[test]
    fn renders_like_rustc() {
        assert_eq!(
            maybe_rendered("| Code | Reserved |\n|--|--|\n| `1005` | Maybe |\n"),
            "bad `Maybe`\n --> codes.md:3:12\n  |\n3 | | `1005` | Maybe |\n  |            ^^^^^\n  |\n  = help: use `Yes`"
        );
    }

    #[test]
    fn the_gutter_is_as_wide_as_the_longest_line_number() {
        assert_eq!(
            maybe_rendered(&format!("{}| 4000 | Maybe |\n", "\n".repeat(11))),
            "bad `Maybe`\n  --> codes.md:12:10\n   |\n12 | | 4000 | Maybe |\n   |          ^^^^^\n   |\n   = help: use `Yes`"
        );
    }

    #[test]
    fn a_snippet_shows_controls_and_bidi_characters_as_replacements() {
        let source = Source::new("codes.md", "| 4000 | a\u{202e}b\u{7}c |\n");
        let rendered = Diagnostic::at(9..10, "bad").render(Some(&source));
        assert!(
            rendered.contains("1 | | 4000 | a\u{fffd}b\u{fffd}c |\n"),
            "{rendered}"
        );
    }

    #[test]
    fn a_problem_without_a_place_has_its_help_under_a_gutter() {
        let rendered = Diagnostic::error("cannot read `a.md`: no such file")
            .with_help("did you mean `b.md`?")
            .render(None);
        assert_eq!(
            rendered,
            "cannot read `a.md`: no such file\n  |\n  = help: did you mean `b.md`?"
        );
    }

    #[cfg(feature = "macro")]
    #[test]
    fn a_compile_error_without_a_place_keeps_its_help_on_its_first_line() {
        let source = Source::new("codes.md", "| Code |\n|--|\n| x |\n");
        let problems = [
            Diagnostic::error("cannot read `a.md`: no such file").with_help("try `b.md`"),
            Diagnostic::error("no help"),
            Diagnostic::at(16..17, "bad `x`").with_help("write a number"),
        ];
        let errors = Diagnostic::compile_errors(&problems, Some(&source));
        assert_eq!(
            errors,
            [
                "cannot read `a.md`: no such file (help: try `b.md`)".to_owned(),
                "no help".to_owned(),
                // A problem with a place keeps rustc's layout: location, snippet, help.
                problems[2].render(Some(&source)),
            ]
        );
        assert!(errors[2].starts_with("bad `x`\n --> codes.md:3:3\n"));
        let many = vec![Diagnostic::error("same"); 101];
        assert_eq!(
            Diagnostic::compile_errors(&many, None)[100],
            "1 more problem not shown: fix the 100 above first"
        );
    }

    #[test]
    fn at_most_a_hundred_problems_then_a_count_of_the_rest() {
        let source = Source::new("codes.md", "| Code |\n|--|\n");
        let problems: Vec<Diagnostic> = (0..150)
            .map(|n| Diagnostic::error(format!("problem {n}")))
            .collect();
        let shown = Diagnostic::render_capped(&problems, Some(&source));
        assert_eq!(shown.len(), 101);
        assert_eq!(shown[99], "problem 99");
        assert_eq!(
            shown[100],
            "50 more problems in `codes.md` not shown: fix the 100 above first"
        );
        let exactly = Diagnostic::render_capped(&problems[..100], None);
        assert_eq!(exactly.len(), 100);
        assert_eq!(exactly[99], "problem 99");
        let one_more = Diagnostic::render_capped(&problems[..101], None);
        assert_eq!(
            one_more[100],
            "1 more problem not shown: fix the 100 above first"
        );
    }
}
