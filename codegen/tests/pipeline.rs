//! The pipeline's stages on tables written the many ways markdown allows: where each cell and
//! problem is (spans in tight or wide tables, lines with multi-byte text), which values the
//! model gives a row, and the exact wording of the problems a user reads.

use close_codes_codegen::{Custom, Diagnostic, Row, Source, Table, check};

fn table(text: &str) -> Table {
    let (table, problems) = check(&Source::new("t.md", text), None);
    assert!(problems.is_empty(), "{problems:#?}");
    table
}

fn problems(text: &str) -> (Source, Vec<Diagnostic>) {
    let source = Source::new("t.md", text);
    let (_, problems) = check(&source, None);
    (source, problems)
}

/// The one problem of `text`: the text its span covers, its `line:col` and its message.
fn one_problem(text: &str) -> (String, (usize, usize), String) {
    let (source, problems) = problems(text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let problem = &problems[0];
    let span = problem.span.clone().expect("a place");
    (
        text[span].to_owned(),
        source.line_col(problem.span.as_ref().unwrap().start),
        problem.message.clone(),
    )
}

fn row(table: &Table, code: u16) -> &Row {
    table
        .rows
        .iter()
        .find(|row| row.start == code)
        .unwrap_or_else(|| panic!("no row starts at {code}"))
}

#[test]
fn cells_without_padding_are_placed_exactly() {
    assert_eq!(
        one_problem("|Code|Name|\n|-|-|\n|1000|Fine|\n|x|Bad|\n"),
        ("x".to_owned(), (4, 2), "`x` is not a close code".to_owned())
    );
}

#[test]
fn cells_with_wide_padding_are_placed_at_their_text() {
    assert_eq!(
        one_problem("|    Code    | Name |\n|---|---|\n|    10x0    | Fine |\n"),
        (
            "10x0".to_owned(),
            (3, 6),
            "`10x0` is not a close code".to_owned()
        )
    );
}

#[test]
fn an_empty_cell_is_placed_one_space_inside_its_pipe() {
    let (source, problems) = problems("| Code | Name |\n|---|---|\n|      | Fine |\n");
    assert_eq!(problems[0].message, "the code cell is empty");
    assert_eq!(problems[0].line_col(&source), Some((3, 3)));
    assert_eq!(problems[0].span.as_ref().map(std::ops::Range::len), Some(0));
}

#[test]
fn columns_after_multi_byte_text_count_characters() {
    // `é` and `€` are two and three bytes: the column is still the character's.
    let text = "| Name | Code |\n|---|---|\n| Café € | 4x |\n";
    let (cell, (line, col), _) = one_problem(text);
    assert_eq!((cell.as_str(), line, col), ("4x", 3, 12));
}

#[test]
fn a_byte_offset_inside_a_character_counts_bytes_on_its_line() {
    let source = Source::new("t.md", "ab\néé x\n");
    // Offset 4 is the second byte of the first `é` of line 2, which starts at 3.
    assert_eq!(source.line_col(4), (2, 2));
    assert_eq!(source.line_col(5), (2, 2));
    assert_eq!(source.line_col(2), (1, 3));
    assert_eq!(source.line_col(99), (3, 1));
    assert_eq!(source.line(2), "éé x");
    assert_eq!(source.line(1), "ab");
}

#[test]
fn a_table_with_no_rows_is_reported_at_its_header() {
    let (source, problems) = problems("| Code | Name |\n|---|---|\n");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].message, "the table has no rows");
    assert_eq!(problems[0].line_col(&source), Some((1, 1)));
}

#[test]
fn an_indented_header_without_a_code_column_is_underlined_without_its_indent() {
    let text = "  | a | b |  \n  |---|---|\n  | 1 | 2 |\n";
    let (source, problems) = problems(text);
    assert_eq!(problems[0].span, Some(2..11));
    assert_eq!(
        problems[0].render(Some(&source)),
        "t.md has no code column: its one table has no header with `code`\n --> t.md:1:3\n  |\n1 |   | a | b |  \n  |   ^^^^^^^^^\n  |\n  = help: the code column's header must contain the word `code`, e.g. `| Code | Name |`"
    );
}

#[test]
fn a_row_with_too_many_cells_is_underlined_without_its_indent() {
    let text = "| Code | Name |\n|---|---|\n  | 1000 | A | extra |  \n";
    let (source, problems) = problems(text);
    assert_eq!(
        problems[0].message,
        "this row has 3 cells but the header has 2"
    );
    let span = problems[0].span.clone().unwrap();
    assert_eq!(&text[span], "| 1000 | A | extra |");
    assert_eq!(problems[0].line_col(&source), Some((3, 3)));
}

#[test]
fn each_column_role_can_be_claimed_only_once() {
    for (headers, label) in [
        ("Code | Close code", "code"),
        ("Name | Meaning", "name"),
        ("Reserved | Reserved?", "Reserved"),
        ("Custom | Custom use", "Custom"),
        ("Usage | Description", "usage"),
    ] {
        let (first, second) = headers.split_once(" | ").unwrap();
        let code = if label == "code" { "" } else { "Code | " };
        let text = format!(
            "| {code}{headers} |\n|-|-|{}\n",
            if code.is_empty() { "" } else { "-|" }
        );
        let (source, problems) = problems(&text);
        let problem = problems
            .iter()
            .find(|p| p.message.starts_with("two columns"))
            .unwrap_or_else(|| panic!("{text}: {problems:#?}"));
        assert_eq!(
            problem.message,
            format!("two columns are the {label} column: `{first}` and `{second}`")
        );
        assert_eq!(
            problem.help.as_deref(),
            Some("rename one header so that only one names the column")
        );
        let second_at = text.find(second).unwrap();
        assert_eq!(problem.span, Some(second_at..second_at + second.len()));
        let first_at = text.find(first).unwrap();
        assert_eq!(
            problem.notes,
            [(first_at..first_at + first.len(), "first here".to_owned())]
        );
        assert_eq!(source.line_col(second_at).0, 1);
    }
}

#[test]
fn the_duplicate_column_problem_renders_both_places() {
    let (source, problems) = problems("| Code | HTTP code |\n|-|-|\n| 1 | 2 |\n");
    assert_eq!(
        problems[0].render(Some(&source)),
        "two columns are the code column: `Code` and `HTTP code`\n --> t.md:1:10\n  |\n1 | | Code | HTTP code |\n  |          ^^^^^^^^^\n ::: t.md:1:3\n  |\n1 | | Code | HTTP code |\n  |   ---- first here\n  |\n  = help: rename one header so that only one names the column"
    );
}

#[test]
fn headers_name_columns_by_any_of_their_words() {
    let columns = check(
        &Source::new(
            "t.md",
            "| Meaning | Description | Custom | Reserved | Code |\n|-|-|-|-|-|\n| A | b | | | 1 |\n",
        ),
        None,
    )
    .0;
    let only = &columns.rows[0];
    assert_eq!(only.name.as_ref().map(|n| n.ident.as_str()), Some("A"));
    assert_eq!(only.usage, "b");
}

#[test]
fn a_heading_written_over_two_lines_is_matched_as_one_line() {
    let text = "Close\ncodes\n-----\n\n| Code |\n|-|\n| 4000 |\n";
    let (table, problems) = check(&Source::new("t.md", text), Some("close codes"));
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(table.rows[0].start, 4000);
}

#[test]
fn a_section_ends_at_a_heading_of_its_level_but_not_at_a_deeper_one() {
    let text = "## A\n\n### A.1\n\n| Code |\n|-|\n| 1 |\n\n## B\n\n| Code |\n|-|\n| 2 |\n";
    let (table, _) = check(&Source::new("t.md", text), Some("A"));
    assert_eq!(table.rows[0].start, 1);
    let (table, _) = check(&Source::new("t.md", text), Some("B"));
    assert_eq!(table.rows[0].start, 2);
}

#[test]
fn tables_before_the_chosen_heading_are_skipped_but_counted() {
    let text = "| Code |\n|-|\n| 1 |\n\n# Mine\n\n| Code |\n|-|\n| 2 |\n";
    let (table, _) = check(&Source::new("t.md", text), Some("Mine"));
    assert_eq!(table.rows[0].start, 2);
    let text = "| Code |\n|-|\n| 1 |\n\n# Mine\n\nNo table here.\n";
    let (_, problems) = check(&Source::new("t.md", text), Some("Mine"));
    assert_eq!(
        problems[0].message,
        "t.md has no table with a code column under the heading `Mine`"
    );
    let (_, problems) = check(&Source::new("t.md", "| a |\n|-|\n| 1 |\n"), Some("x"));
    assert_eq!(problems[0].message, "t.md has no heading `x`");
    assert_eq!(problems[0].help.as_deref(), Some("t.md has no headings"));
}

#[test]
fn a_reserved_code_inside_a_custom_range_keeps_its_own_custom_cell() {
    let t = table(
        "| Code | Name | Reserved | Custom | Usage |\n|-|-|-|-|-|\n| 4000 - 4999 | | | Yes | Apps |\n| 4005 | Gone | Yes | | |\n| 4006 | Kept | | | |\n",
    );
    let gone = row(&t, 4005);
    assert!(gone.reserved);
    assert_eq!(gone.custom, Custom::Unspecified);
    assert!(!gone.sendable);
    assert_eq!(gone.usage, "Apps");
    let kept = row(&t, 4006);
    assert_eq!(kept.custom, Custom::Yes);
    assert!(kept.sendable);
}

#[test]
fn a_single_code_outside_every_range_inherits_nothing() {
    let t = table(
        "| Code | Name | Reserved | Custom | Usage |\n|-|-|-|-|-|\n| 4000 - 4099 | | Yes | No | Apps |\n| 4100 | | | | |\n| 3999 | | | | |\n",
    );
    for code in [4100, 3999] {
        let single = row(&t, code);
        assert!(!single.reserved, "{code}");
        assert_eq!(single.custom, Custom::Unspecified, "{code}");
        assert_eq!(single.usage, "", "{code}");
        assert!(!single.sendable, "{code}");
    }
}

#[test]
fn a_single_code_inherits_from_the_range_around_it_only_what_it_leaves_empty() {
    let t = table(
        "| Code | Name | Reserved | Custom | Usage |\n|-|-|-|-|-|\n| 1016 - 2999 | | Yes | Extensions only | Later |\n| 2000 | | No | | |\n| 2001 | | | | Own |\n| 1016 | | | | |\n| 2999 | | | | |\n",
    );
    assert!(!row(&t, 2000).reserved);
    assert_eq!(row(&t, 2000).custom, Custom::ExtensionsOnly);
    assert_eq!(row(&t, 2000).usage, "Later");
    assert!(row(&t, 2001).reserved);
    assert_eq!(row(&t, 2001).usage, "Own");
    // The range's own ends are inside it.
    assert!(row(&t, 1016).reserved && row(&t, 2999).reserved);
    let range = &t.rows[0];
    assert!(range.is_range() && range.reserved && !range.sendable);
}

#[test]
fn sendable_is_not_reserved_and_named_or_custom_yes() {
    let t = table(
        "| Code | Name | Reserved | Custom |\n|-|-|-|-|\n| 1 | One | | |\n| 2 | | | Yes |\n| 3 | | | No |\n| 4 | Four | Yes | |\n| 5 | | Yes | |\n",
    );
    let sendable: Vec<bool> = t.rows.iter().map(|row| row.sendable).collect();
    assert_eq!(sendable, [true, true, false, false, false]);
}

#[test]
fn rows_keep_their_line() {
    let t = table("# Codes\n\n| Code |\n|-|\n| 1 |\n| 2 |\n");
    assert_eq!(t.line, 3);
    assert_eq!(
        t.rows.iter().map(|row| row.line).collect::<Vec<_>>(),
        [5, 6]
    );
}

fn http(usage: &str) -> Option<u16> {
    let t = table(&format!("| Code | Usage |\n|-|-|\n| 1 | {usage} |\n"));
    t.rows[0].http_status
}

#[test]
fn http_equivalents_are_three_digit_statuses() {
    assert_eq!(http("Equivalent to HTTP `502`"), Some(502));
    assert_eq!(http("equivalent to http 100"), Some(100));
    assert_eq!(http("Equivalent to HTTP 599."), Some(599));
    assert_eq!(http("Equivalent to HTTP 0502"), None);
    assert_eq!(http("Equivalent to HTTP 099"), None);
    assert_eq!(http("Equivalent to HTTP 600"), None);
    assert_eq!(http("Equivalent to HTTP"), None);
    assert_eq!(http("Equivalent to HTTPS 502"), None);
}

#[test]
fn a_name_that_is_not_an_identifier_is_reported_at_its_cell() {
    assert_eq!(
        one_problem("| Code | Name |\n|-|-|\n| 1 | x² |\n"),
        (
            "x²".to_owned(),
            (3, 7),
            "the name `x²` becomes `X²`, which is not a Rust identifier".to_owned()
        )
    );
}
