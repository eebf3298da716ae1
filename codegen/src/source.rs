//! Stage 1: the markdown document's text, and the map from byte offsets to `line:col`. A leaf:
//! reading a file, which can fail with a diagnostic, is `load`'s job.

use std::ops::Range;

/// A markdown document and the name errors call it by.
#[derive(Clone, Debug)]
pub struct Source {
    name: String,
    text: String,
    line_starts: Vec<usize>,
}

impl Source {
    /// The most bytes a table file may hold, 8 MiB: a row for each of the 65,536 codes at 128
    /// bytes a row, far above any real table. [`Source::read`] refuses a larger file (or a
    /// device that never ends) rather than read it into memory.
    pub const MAX_FILE_LEN: u64 = 8 * 1024 * 1024;

    /// A document held in memory; `name` is what `-->` lines show. A leading byte order mark
    /// (editors on Windows write one) is not part of the text: columns count from after it.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Source {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// The name errors show for this document.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, col + 1)
    }

    /// The first line of `span` without its indentation and trailing blanks: where a table row
    /// is underlined.
    pub(crate) fn trimmed_line(&self, span: &Range<usize>) -> Range<usize> {
        let text = &self.text[span.clone()];
        let line = text.lines().next().unwrap_or("");
        let start = span.start + (line.len() - line.trim_start().len());
        start..span.start + line.trim_end().len()
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }
}

#[cfg(test)]
mod tests {
    use super::Source;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let source = Source::new("t.md", "ab\n| é | x |\r\nlast");
        assert_eq!(source.line_col(0), (1, 1));
        assert_eq!(source.line_col(3), (2, 1));
        // `x` sits after a two-byte character: column counts characters, not bytes.
        let x = source.text().find('x').unwrap();
        assert_eq!(source.line_col(x), (2, 7));
        assert_eq!(source.line(2), "| é | x |");
        assert_eq!(source.line(3), "last");
        assert_eq!(source.line(9), "");
    }

    #[test]
    fn a_byte_order_mark_is_not_text() {
        let source = Source::new("t.md", "\u{feff}| Code |\n|-|\n| 1000 |\n");
        assert!(source.text().starts_with("| Code |"));
        assert_eq!(source.line(1), "| Code |");
        assert_eq!(source.line_col(2), (1, 3));
    }
}
