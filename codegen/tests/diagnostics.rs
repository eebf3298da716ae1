//! Every table error's place and wording, checked on the pipeline directly so that a message
//! regression shows up here without a compile of the ui suite (`tests/ui.rs` in the root).

use std::path::Path;

use close_codes_codegen::Diagnostic;
use close_codes_codegen::{Source, check};
use proc_macro2::{TokenStream, TokenTree};

mod common;
use common::macro_output;

const HEADER: &str = "| Code | Name | Reserved | Custom | Usage |\n|---|---|---|---|---|\n";

/// The problems of a table made of `HEADER` and `rows`.
fn table_problems(rows: &str) -> (Source, Vec<Diagnostic>) {
    let source = Source::new("codes.md", format!("{HEADER}{rows}"));
    let (_, problems) = check(&source, None);
    (source, problems)
}

/// The one problem of a table with `rows`: its `line:col`, message and help.
fn one(rows: &str) -> ((usize, usize), String, String) {
    let (source, problems) = table_problems(rows);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let problem = &problems[0];
    (
        problem.line_col(&source).expect("a place"),
        problem.message.clone(),
        problem.help.clone().unwrap_or_default(),
    )
}

const CODE_HELP: &str = "write a number from 0 to 65535, or an inclusive range such as `1016 - 2999` (also `–` or `..=`)";

#[test]
fn code_cells() {
    let cases = [
        ("| 4OO1 | Kicked | | | |\n", "`4OO1` is not a close code"),
        (
            "| -1 | Minus | | | |\n",
            "`-1` is negative: close codes are 0 to 65535",
        ),
        (
            "| 65536 | High | | | |\n",
            "`65536` is above 65535: close codes are 16-bit",
        ),
        (
            "| 4000 - | | | Yes | |\n",
            "`4000 -` is a malformed range: it needs a code on each side",
        ),
        ("|  | Nothing | | | |\n", "the code cell is empty"),
    ];
    for (row, message) in cases {
        assert_eq!(one(row), ((3, 3), message.to_owned(), CODE_HELP.to_owned()));
    }
    assert_eq!(
        one("| `4999` - `4000` | | | Yes | |\n"),
        (
            (3, 3),
            "`4999 - 4000` is a reversed range".to_owned(),
            "write the smaller code first: `4000 - 4999`".to_owned()
        )
    );
}

#[test]
fn a_short_row_without_its_code_cell_is_reported_at_its_line() {
    // The code column comes second; the row stops after the first cell. Its padded code cell has
    // no place of its own, so the row's line is underlined, not the end of the line.
    let source = Source::new(
        "codes.md",
        "| Name | Code |\n|---|---|\n| Fine | 1000 |\n| Kicked |\n",
    );
    let (_, problems) = check(&source, None);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].message, "the code cell is empty");
    assert_eq!(problems[0].line_col(&source), Some((4, 1)));
    assert_eq!(problems[0].span, Some(42..52), "the whole of `| Kicked |`");
}

#[test]
fn a_short_row_is_padded_and_a_long_row_reported_once_at_its_line() {
    // Four cells under five headers: GitHub pads the row, so `gone` sits under Custom.
    let (at, message, _) = one("| 4000 | A | | Yes | ok |\n| 4001 | Kicked | Yes | gone |\n");
    assert_eq!(
        (at, message.as_str()),
        ((4, 25), "`gone` is not a Custom value")
    );
    let (source, problems) = table_problems("| 4000 | A | | Yes | ok |\n| 4001 |\n");
    assert!(problems.is_empty(), "{problems:?}");
    let (table, _) = close_codes_codegen::check(&source, None);
    assert_eq!(table.rows[1].usage, "");
    assert_eq!(table.rows[1].name, None);
    let (source, problems) =
        table_problems("| 4000 | A | | Yes | ok |\n| 4001 | B | | Yes | x | y |\n");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line_col(&source), Some((4, 1)));
    assert!(problems[0].help.as_deref().unwrap().contains("`\\|`"));
    assert_eq!(
        problems[0].message,
        "this row has 6 cells but the header has 5"
    );
}

#[test]
fn same_codes_and_overlaps_point_at_both_rows() {
    let (source, problems) =
        table_problems("| 4000 | A | | Yes | |\n| 4001 | B | | Yes | |\n| 4000 | C | | Yes | |\n");
    assert_eq!(problems.len(), 1);
    let rendered = problems[0].render(Some(&source));
    assert_eq!(
        rendered,
        "code 4000 appears in two rows\n --> codes.md:5:3\n  |\n5 | | 4000 | C | | Yes | |\n  |   ^^^^\n ::: codes.md:3:3\n  |\n3 | | 4000 | A | | Yes | |\n  |   ---- first here\n  |\n  = help: keep one row per code"
    );

    let (source, problems) = table_problems(
        "| 3000 - 3999 | | | Yes | |\n| 3999 - 4999 | | | Yes | |\n| 3999 | Last | | | |\n",
    );
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line_col(&source), Some((4, 3)));
    assert_eq!(
        problems[0].message,
        "range 3999–4999 overlaps range 3000–3999: both cover 3999"
    );
    assert_eq!(source.line_col(problems[0].notes[0].0.start), (3, 3));
}

#[test]
fn reserved_and_custom_values() {
    assert_eq!(
        one("| 1005 | No Status Rcvd | Maybe | | |\n"),
        (
            (3, 27),
            "`Maybe` is not a Reserved value".to_owned(),
            "write `Yes` for a code that is reported but never sent; `No`, `-`, `Undefined` or nothing otherwise".to_owned()
        )
    );
    assert_eq!(
        one("| 4000 - 4999 | | | Sure | |\n"),
        (
            (3, 21),
            "`Sure` is not a Custom value".to_owned(),
            "write `Yes`, `No`, `Extensions only` or nothing".to_owned()
        )
    );
    let ((line, col), message, _) = one("| 4000 | Room closed | Yes | Yes | |\n");
    assert_eq!((line, col), (3, 30));
    assert!(message.starts_with("`4000` is Reserved `Yes` and Custom `Yes`"));
}

#[test]
fn names_that_make_no_variant() {
    let cases = [
        (
            "!!!",
            "the name `!!!` has no letters or digits, so it makes no Rust identifier",
        ),
        (
            "123",
            "the name `123` starts with a digit, so it makes no Rust identifier",
        ),
        (
            "3rd party",
            "the name `3rd party` becomes `3rdParty`, which starts with a digit",
        ),
        ("self", "the name `self` becomes `Self`, a Rust keyword"),
        (
            "other",
            "the name `other` becomes `Other`, which the generated type uses itself",
        ),
    ];
    for (name, message) in cases {
        let (at, got, _) = one(&format!("| 4000 | {name} | | Yes | |\n"));
        assert_eq!((at, got.as_str()), ((3, 10), message));
    }
    let (source, problems) =
        table_problems("| 4000 | Room closed | | Yes | |\n| 4002 | room-closed | | Yes | |\n");
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message,
        "`Room closed` and `room-closed` both become the variant `RoomClosed`"
    );
    assert_eq!(problems[0].line_col(&source), Some((4, 10)));
    assert_eq!(source.line_col(problems[0].notes[0].0.start), (3, 10));
}

#[test]
fn every_problem_of_a_table_comes_out_together_in_document_order() {
    let (source, problems) = table_problems(
        "| 4000 | A | | Yes | |\n| 4001 | B | Maybe | Yes | |\n| 4000 | C | | Yes | |\n| 4100 - 4050 | D | | Yes | |\n| 4200 | !!! | | Yes | |\n",
    );
    let places: Vec<_> = problems
        .iter()
        .map(|problem| problem.line_col(&source).unwrap())
        .collect();
    assert_eq!(places, [(4, 14), (5, 3), (6, 3), (7, 10)]);
}

#[test]
fn documents_without_a_usable_table() {
    let find = |text: &str, heading| check(&Source::new("t.md", text), heading).1;
    let none = find("# Codes\n\nprose only\n", None);
    assert_eq!(none[0].message, "t.md has no markdown table");
    assert_eq!(none[0].span, None);

    let source = Source::new(
        "t.md",
        "# Codes\n\n| Number | Name |\n|---|---|\n| 1 | x |\n",
    );
    let (_, problems) = check(&source, None);
    assert_eq!(
        problems[0].message,
        "t.md has no code column: its one table has no header with `code`"
    );
    assert_eq!(problems[0].line_col(&source), Some((3, 1)));

    let two = find("| a |\n|-|\n| 1 |\n\n| b |\n|-|\n| 2 |\n", None);
    assert_eq!(
        two[0].message,
        "t.md has no code column: none of its 2 tables has a header with `code`"
    );

    let heading = find("# One\n\n## Two\n\n| Code |\n|-|\n| 1 |\n", Some("Three"));
    assert_eq!(heading[0].message, "t.md has no heading `Three`");
    assert_eq!(
        heading[0].help.as_deref(),
        Some("the headings in t.md are `One`, `Two`")
    );
}

/// A fresh directory under cargo's scratch space for this test binary.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn files_that_cannot_be_tables() {
    let dir = scratch("diagnostics-files");
    std::fs::write(dir.join("empty.md"), "\n  \n").unwrap();
    std::fs::write(dir.join("latin1.md"), b"| Code |\n|--|\n| 4000 caf\xe9 |\n").unwrap();
    let read = |name: &str| Source::read(&dir.join(name), name).unwrap_err();

    // No absolute path: the name says where, and messages read the same on every machine.
    assert_eq!(
        read("missing.md").message,
        "cannot read `missing.md`: no such file"
    );
    assert_eq!(read(".").message, "`.` is a directory, not a markdown file");
    let latin1 = read("latin1.md");
    assert_eq!(
        latin1.message,
        "`latin1.md` is not UTF-8: the first bad byte is at latin1.md:3:11"
    );
    assert_eq!(latin1.help.as_deref(), Some("save the file as UTF-8"));
    let empty = read("empty.md");
    assert_eq!(empty.message, "`empty.md` is empty");
}

fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Group(group) => idents(group.stream(), out),
            _ => {}
        }
    }
}

fn expand(input: &str, dir: &Path) -> String {
    macro_output(input, Some(dir)).to_string()
}

#[test]
fn the_macro_reports_errors_and_still_emits_the_type() {
    let dir = scratch("diagnostics-macro");
    let missing = expand("krate; \"missing.md\"", &dir);
    assert!(missing.contains("compile_error"), "{missing}");
    assert!(
        missing.contains("paths are relative to the crate's directory"),
        "{missing}"
    );
    assert!(
        missing.contains("enum CloseCode"),
        "the skeleton is emitted"
    );
    // An empty table leaves no variants, and `repr` is not allowed on such an enum.
    assert!(!missing.contains("repr"));

    std::fs::write(
        dir.join("bad.md"),
        format!("{HEADER}| 4000 | A | | Yes | |\n| x | B | | | |\n"),
    )
    .unwrap();
    let bad = expand("krate; enum App from \"bad.md\"", &dir);
    assert_eq!(bad.matches("compile_error").count(), 1);
    // Shown from the workspace root (the scratch dir may lie inside this workspace).
    assert!(
        bad.contains("/bad.md:4:3") || bad.contains("--> bad.md:4:3"),
        "{bad}"
    );
    assert!(
        bad.contains("B = 0"),
        "the variant of a row left out is kept: {bad}"
    );
    assert!(
        bad.contains("A = 4000"),
        "the rows that passed are kept: {bad}"
    );
}

#[test]
fn variants_of_rows_left_out_stay_in_the_type_and_never_exist_at_run_time() {
    let dir = scratch("diagnostics-lost");
    std::fs::write(
        dir.join("lost.md"),
        format!(
            "{HEADER}| 4000 | A | | Yes | |\n| 4000 | B | | Yes | |\n| 4100 - 4199 | R | | Yes | |\n\
             | 4150 - 4250 | S | | Yes | |\n| 4300 - 4399 | | | Yes | |\n"
        ),
    )
    .unwrap();
    let expansion = expand("krate; \"lost.md\"", &dir);
    assert_eq!(expansion.matches("compile_error").count(), 2, "{expansion}");
    // B duplicates A's code and S overlaps R: both left out of the rows, kept as variants.
    assert!(expansion.contains("# [doc (hidden)] B = "), "{expansion}");
    assert!(
        expansion.contains("# [doc (hidden)] S (krate :: Unnamed < Self , 4150 , 4250 >) = "),
        "{expansion}"
    );
    // In `as_u16` and in `row`, each is an arm that cannot be reached.
    for arm in [
        "Self :: B => :: core :: unreachable ! () ,",
        "Self :: S (_) => :: core :: unreachable ! () ,",
    ] {
        assert_eq!(expansion.matches(arm).count(), 2, "{arm} in {expansion}");
    }
}

#[test]
fn the_expansion_names_the_runtime_only_through_the_given_path() {
    let dir = scratch("diagnostics-rename");
    std::fs::write(
        dir.join("codes.md"),
        format!("{HEADER}| 1005 | No Status Rcvd | Yes | | |\n| 4000 - 4999 | | | Yes | |\n"),
    )
    .unwrap();
    let tokens = macro_output("renamed_runtime; \"codes.md\"", Some(&dir));
    let mut names = Vec::new();
    idents(tokens, &mut names);
    assert!(names.iter().any(|name| name == "renamed_runtime"));
    assert!(
        !names
            .iter()
            .any(|name| name.contains("close_codes") && !name.starts_with("__close_codes_")),
        "{names:?}"
    );
}

#[test]
fn paths_in_messages_read_from_the_workspace_root() {
    let dir = scratch("diagnostics-workspace");
    let member = dir.join("server");
    std::fs::create_dir_all(member.join("docs")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nmembers = [\"server\"]\n",
    )
    .unwrap();
    std::fs::write(member.join("Cargo.toml"), "[package]\nname = \"server\"\n").unwrap();
    std::fs::write(
        member.join("docs/codes.md"),
        format!("{HEADER}| x | A | | | |\n"),
    )
    .unwrap();
    let in_workspace = expand("krate; \"docs/../docs/codes.md\"", &member);
    assert!(
        in_workspace.contains("--> server/docs/codes.md:3:3"),
        "{in_workspace}"
    );
    // A crate of its own is its own root; a path outside the root is shown as written.
    std::fs::write(
        member.join("Cargo.toml"),
        "[package]\nname = \"server\"\n[workspace]\n",
    )
    .unwrap();
    let alone = expand("krate; \"docs/codes.md\"", &member);
    assert!(alone.contains("--> docs/codes.md:3:3"), "{alone}");
    std::fs::copy(member.join("docs/codes.md"), dir.join("elsewhere.md")).unwrap();
    let outside = expand("krate; \"../elsewhere.md\"", &member);
    assert!(outside.contains("--> ../elsewhere.md:3:3"), "{outside}");
}
