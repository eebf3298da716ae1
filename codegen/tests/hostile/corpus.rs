//! The hostile documents of issue 21, each made at a size: `scale` 1 is the size the issue
//! measured, 2 and 4 are twice and four times the input. `codegen/tests/hostile.rs` asserts
//! what the pipeline does with each; `benches/examples/hostile.rs` times them side by side.

use std::fmt::Write as _;

/// A hostile document, with what reading it must give.
pub(crate) struct Case {
    /// What the document holds, for messages and the benchmark's table.
    pub(crate) name: &'static str,
    /// The markdown.
    pub(crate) text: String,
    /// How many rows the table has (each valid unless `problems` says otherwise).
    pub(crate) rows: usize,
    /// How many problems `check` must report.
    pub(crate) problems: usize,
}

/// A table of two good rows, which every document that is hostile outside the table ends in:
/// reading it back shows the hostile part was read past, not swallowed.
const TABLE: &str = "\n| Code | Name | Usage |\n|---|---|---|\n| 1000 | Normal Closure | Done |\n\
                     | 4000 - 4999 | | Free |\n";

/// 5,000 link reference definitions, then 5,000 `=x` lines (each could underline a setext
/// heading, and the definitions above could be its text): 72 KB here, 55 KB in the issue.
pub(crate) fn definitions_then_underlines(scale: usize) -> Case {
    let count = 5_000 * scale;
    let mut text = String::new();
    for i in 0..count {
        let _ = writeln!(text, "[d{i}]: /u");
    }
    text.push_str(&"=x\n".repeat(count));
    text.push_str(TABLE);
    Case {
        name: "link definitions then `=x` lines",
        text,
        rows: 2,
        problems: 0,
    }
}

/// 25,000 `a* ` in one cell: each `*` could open emphasis that a later one closes (75 KB).
pub(crate) fn emphasis_openers_in_a_cell(scale: usize) -> Case {
    let cell = "a* ".repeat(25_000 * scale);
    Case {
        name: "`a* ` many times in one cell",
        text: format!("{TABLE}| 1001 | Going Away | {cell} |\n"),
        rows: 3,
        problems: 0,
    }
}

/// 10,000 `[` then 10,000 `]` in one cell: each could open a link that each could close.
pub(crate) fn brackets_in_a_cell(scale: usize) -> Case {
    let count = 10_000 * scale;
    let cell = format!("{}{}", "[".repeat(count), "]".repeat(count));
    Case {
        name: "`[` then `]` many times in one cell",
        text: format!("{TABLE}| 1001 | Going Away | {cell} |\n"),
        rows: 3,
        problems: 0,
    }
}

/// Lines each one list level deeper than the last, then the table. A line's indent grows
/// with its depth, so the document's size grows as the square of its lines: 1,000 lines (the
/// issue's case, 1 MB) at scale 1, and `1,000 × √scale` lines for `scale` times the input.
pub(crate) fn ever_deeper_lists(scale: usize) -> Case {
    let lines = (1_000_000 * scale).isqrt();
    let mut text = String::new();
    for depth in 0..lines {
        let _ = writeln!(text, "{}- level {depth}", "  ".repeat(depth));
    }
    text.push_str(TABLE);
    Case {
        name: "list lines each a level deeper",
        text,
        rows: 2,
        problems: 0,
    }
}

/// One row for each of the 65,536 codes, none named: 16,384 rows × `scale` (the case
/// at scale 4, where every code has a row).
pub(crate) fn unnamed_rows(scale: usize) -> Case {
    let rows = 16_384 * scale;
    let mut text = String::from("| Code | Name |\n|---|---|\n");
    for code in 0..rows {
        let _ = writeln!(text, "| {code} | |");
    }
    Case {
        name: "unnamed rows, one per code",
        text,
        rows,
        problems: 0,
    }
}

/// 25,000 named rows × `scale`, codes repeating so that 34.464 % of them are duplicates: the
/// issue's 100,000 rows with 34,464 duplicate codes at scale 4. Each duplicate is reported and
/// its name kept as a lost variant.
pub(crate) fn duplicate_codes(scale: usize) -> Case {
    let rows = 25_000 * scale;
    let distinct = rows * 65_536 / 100_000;
    let mut text = String::from("| Code | Name |\n|---|---|\n");
    for i in 0..rows {
        let _ = writeln!(text, "| {} | Row {i} |", i % distinct);
    }
    Case {
        name: "named rows, a third of their codes duplicates",
        text,
        rows: distinct,
        problems: rows - distinct,
    }
}

/// A header of 10,000 columns over 2,000 rows of one cell each (113 KB at scale 1; the
/// issue's had shorter column names); both grow with `scale`.
pub(crate) fn wide_header(scale: usize) -> Case {
    let columns = 10_000 * scale;
    let rows = 2_000 * scale;
    let mut text = String::from("| Code |");
    for column in 1..columns {
        let _ = write!(text, " c{column} |");
    }
    text.push_str("\n|");
    text.push_str(&"-|".repeat(columns));
    text.push('\n');
    for code in 0..rows {
        let _ = writeln!(text, "| {code} |");
    }
    // pulldown-cmark pads short rows with empty cells up to a limit for the whole table, then
    // ends the table: the rows it padded are read, and the cut is one located problem.
    let read = (PADDING_LIMIT / (columns - 1)).min(rows);
    Case {
        name: "10,000-column header over one-cell rows",
        text,
        rows: read,
        problems: usize::from(read < rows),
    }
}

/// How many empty cells pulldown-cmark 0.13 adds to one table's short rows before it ends the
/// table.
pub(crate) const PADDING_LIMIT: usize = 1 << 18;
