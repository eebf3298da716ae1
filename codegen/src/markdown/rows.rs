//! One line of a table: its cells, and whether it is a delimiter row (`|---|:--:|`). The
//! rules are GitHub's as pulldown-cmark implements them (it read the tables before this module
//! did, and `reference.rs` checks the two still agree).

use std::ops::Range;

/// The cells of a table line, as byte ranges of `line` between the pipes (padding included).
///
/// A `|` right after a backslash does not split (`\|` is a pipe in the text, and so is `\\|`, as
/// pulldown-cmark reads it). A line that is only pipes and blanks has no cells.
pub(super) fn cells(line: &str) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let mut at = blanks(bytes, 0);
    let mut cells = Vec::new();
    loop {
        if bytes.get(at) == Some(&b'|') {
            at += 1;
        }
        let start = at;
        at = blanks(bytes, at);
        if at == bytes.len() {
            return cells;
        }
        at = cell_end(bytes, at);
        cells.push(start..at);
    }
}

/// Whether `line` has a `|` that splits cells (one not escaped by a backslash).
pub(super) fn has_separator(line: &str) -> bool {
    cell_end(line.as_bytes(), 0) < line.len()
}

/// Where the cell starting at `at` ends: the next pipe not after a backslash, or the line's end.
fn cell_end(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        match bytes[at] {
            b'|' if at == 0 || bytes[at - 1] != b'\\' => return at,
            _ => at += 1,
        }
    }
    at
}

fn blanks(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// The number of columns when `line` (already without its indent) is a delimiter row: only
/// `-`, `:`, `|` and spaces, a pipe and a `-` somewhere, and a `-` in every column a pipe ends.
pub(super) fn delimiter_columns(line: &str) -> Option<usize> {
    let body = line.strip_prefix('|').unwrap_or(line);
    let mut pipe = body.len() != line.len();
    let (mut columns, mut hyphen, mut hyphen_in_column, mut open) = (0, false, false, false);
    for byte in body.bytes() {
        match byte {
            b' ' => {}
            b':' => open = true,
            b'-' => (hyphen, hyphen_in_column, open) = (true, true, true),
            b'|' if hyphen_in_column => {
                (columns, pipe) = (columns + 1, true);
                (hyphen_in_column, open) = (false, false);
            }
            _ => return None,
        }
    }
    columns += usize::from(open);
    (pipe && hyphen).then_some(columns)
}

/// Removes the backslash of every `\|` (and both of `\\|`): inside a table the pipe's escape
/// belongs to the table, even in a code span.
pub(super) fn unescape_pipes(cell: &str) -> String {
    cell.replace("\\\\|", "|").replace("\\|", "|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<&str> {
        cells(line).into_iter().map(|range| &line[range]).collect()
    }

    #[test]
    fn cells_are_split_on_unescaped_pipes() {
        assert_eq!(texts("| a | b |"), [" a ", " b "]);
        assert_eq!(texts("a | b"), ["a ", " b"]);
        assert_eq!(texts(r"| a \| b | c |"), [r" a \| b ", " c "]);
        assert_eq!(texts(r"| a \\| b |"), [r" a \\| b "]);
        assert_eq!(texts("|  | x |"), ["  ", " x "]);
        assert_eq!(texts("||"), [""]);
        assert_eq!(texts("| |"), [" "]);
        assert!(texts("|").is_empty());
        assert!(texts("   ").is_empty());
    }

    #[test]
    fn delimiter_rows_count_their_columns() {
        assert_eq!(delimiter_columns("|---|:-:|"), Some(2));
        assert_eq!(delimiter_columns("-|-"), Some(2));
        assert_eq!(delimiter_columns("|-|"), Some(1));
        assert_eq!(delimiter_columns("| --- | :--- |  "), Some(2));
        assert_eq!(delimiter_columns("---"), None);
        assert_eq!(delimiter_columns("|--||"), None);
        assert_eq!(delimiter_columns("|:|"), None);
        assert_eq!(delimiter_columns("| a |"), None);
        assert_eq!(delimiter_columns("|-\t|"), None);
        assert_eq!(delimiter_columns("|"), None);
        // A last column without a pipe after it needs no `-` of its own.
        assert_eq!(delimiter_columns("|-|:"), Some(2));
    }

    #[test]
    fn escaped_pipes_lose_their_backslashes() {
        assert_eq!(
            unescape_pipes(r"a \| b `c\|d` \\| e \* f"),
            r"a | b `c|d` | e \* f"
        );
    }
}
