//! The freshness check: the committed docs/protocol.md must be what the run wrote.

use std::fmt::Write as _;

/// A line diff from `old` to `new` (`-` lines only in old, `+` only in new, with the line
/// numbers of each file), by longest common subsequence: the files are a few hundred lines.
pub(crate) fn diff(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    // common[i][j]: the longest common subsequence of old[i..] and new[j..].
    let mut common = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            common[i][j] = if old[i] == new[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            i += 1;
            j += 1;
        } else if j < new.len() && (i == old.len() || common[i][j + 1] >= common[i + 1][j]) {
            let _ = writeln!(out, "+{:>4}: {}", j + 1, new[j]);
            j += 1;
        } else {
            let _ = writeln!(out, "-{:>4}: {}", i + 1, old[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::diff;

    #[test]
    fn same_text_has_no_diff() {
        assert_eq!(diff("a\nb\n", "a\nb\n"), "");
    }

    #[test]
    fn changed_lines_show_both_sides() {
        assert_eq!(
            diff("a\nb\nc\n", "a\nB\nc\nd\n"),
            "+   2: B\n-   2: b\n+   4: d\n"
        );
        assert_eq!(diff("", "x\n"), "+   1: x\n");
        assert_eq!(diff("x\n", ""), "-   1: x\n");
    }
}
