//! Runs the `close-codes` binary on good and bad tables and checks exit codes and output.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{run_in, text};

fn cli_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary from the cli/ directory, so fixture paths read as they are typed.
fn run(args: &[&str]) -> Output {
    run_in(&cli_dir(), args)
}

#[test]
fn check_accepts_good_tables_with_a_summary() {
    let out = run(&["check", "codes.md", "tests/fixtures/game.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    // The bundled table: 23 rows, 18 named, codes 0-4999; sendable {1000-1003, 1007-1014}
    // and 3000-4999 is 4 + 8 + 2000 = 2012.
    assert!(
        stdout.contains("codes.md: ok, 23 rows, 18 named; 5000 codes covered, 2012 sendable"),
        "{stdout}"
    );
    assert!(
        stdout.contains("tests/fixtures/game.md: ok, 5 rows, 4 named; 203 codes covered"),
        "{stdout}"
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn check_reports_every_problem_rustc_style() {
    let out = run(&["check", "tests/fixtures/game.md", "tests/fixtures/bad.md"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let expected = "\
error: code 1000 appears in two rows
 --> tests/fixtures/bad.md:6:3
  |
6 | | `1000` | Duplicate | | Same code again |
  |   ^^^^^^
 ::: tests/fixtures/bad.md:5:3
  |
5 | | `1000` | Normal Closure | | Fine |
  |   ------ first here
  |
  = help: keep one row per code
";
    assert!(stderr.contains(expected), "{stderr}");
    assert!(
        stderr.contains(" --> tests/fixtures/bad.md:7:3\n"),
        "70000: {stderr}"
    );
    // The caret sits under the Reserved cell `Maybe`, column 21.
    assert!(
        stderr.contains(
            " --> tests/fixtures/bad.md:8:21\n  |\n8 | | `4000` | Kicked | Maybe | Not a Reserved value |\n  |                     ^^^^^\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: 3 problems in 1 of 2 files\n"),
        "{stderr}"
    );
    // The good file still gets its line.
    assert!(text(&out.stdout).starts_with("tests/fixtures/game.md: ok"));
}

#[test]
fn check_reports_unreadable_files_and_headings_without_tables() {
    let out = run(&["check", "tests/fixtures/missing.md"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("error: cannot read `tests/fixtures/missing.md`: no such file"),
        "{stderr}"
    );

    let out = run(&["check", "--heading", "Nowhere", "tests/fixtures/game.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Nowhere"),
        "{}",
        text(&out.stderr)
    );

    let out = run(&[
        "check",
        "--heading",
        "close codes",
        "tests/fixtures/game.md",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn explain_uses_the_bundled_table_by_default() {
    let out = run(&["explain", "1014"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for line in [
        "1014 Bad gateway\n",
        "  variant   BadGateway\n",
        "  sendable  yes: an endpoint may send it\n",
        "  reserved  no\n",
        "  HTTP      502\n",
        "  row       codes.md:20 (the bundled table)\n",
        "| `1014` | *Bad gateway* |",
    ] {
        assert!(stdout.contains(line), "{line:?} in {stdout}");
    }

    let reserved = text(&run(&["explain", "1006"]).stdout);
    assert!(
        reserved.contains("  sendable  no: reserved\n"),
        "{reserved}"
    );
    assert!(reserved.contains("  reserved  yes\n"), "{reserved}");

    let unnamed = text(&run(&["explain", "4001"]).stdout);
    assert!(unnamed.starts_with("4001 (unnamed)\n"), "{unnamed}");
    assert!(
        unnamed.contains("  variant   Other(_), in the range 4000–4999\n"),
        "{unnamed}"
    );
    let extension = text(&run(&["explain", "2000"]).stdout);
    assert!(
        extension.contains("  sendable  no: for extensions only\n"),
        "{extension}"
    );
}

#[test]
fn explain_reads_another_table() {
    let out = run(&["explain", "4107", "--table", "tests/fixtures/game.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("4107 Suspended\n"), "{stdout}");
    assert!(stdout.contains("  variant   Suspended(_), the range 4100–4199\n"));
    assert!(
        stdout.contains("  row       tests/fixtures/game.md:13\n"),
        "{stdout}"
    );

    let out = run(&["explain", "4002", "--table", "tests/fixtures/game.md"]);
    assert!(text(&out.stdout).contains("  HTTP      503\n"));
}

#[test]
fn explain_fails_on_uncovered_codes_bad_numbers_and_bad_tables() {
    let out = run(&["explain", "5000"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "error: no row of codes.md covers 5000\n");

    // clap rejects what is not a u16, with its usage error code.
    let out = run(&["explain", "70000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("70000 is not in 0..=65535"));

    let out = run(&["explain", "1000", "--table", "tests/fixtures/bad.md"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("error: code 1000 appears in two rows"),
        "{stderr}"
    );
    assert!(
        stderr.contains("close-codes check tests/fixtures/bad.md"),
        "{stderr}"
    );
}

#[test]
fn expand_prints_formatted_rust_that_parses() {
    let out = run(&[
        "expand",
        "tests/fixtures/game.md",
        "--name",
        "GameCode",
        "--vis",
        "pub(crate)",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let code = text(&out.stdout);
    let file = syn::parse_file(&code).expect("expand prints Rust");
    assert!(file.items.len() >= 8, "the enum and its impls");
    assert!(code.contains("pub(crate) enum GameCode {\n"), "{code}");
    assert!(code.contains("    MatchOver = 4000,\n"), "{code}");
    assert!(code.contains("Suspended(::close_codes::Unnamed<Self, 4100, 4199>) = 4100,"));
    // Formatted: one statement a line, not one line of tokens.
    assert!(code.lines().count() > 100, "{code}");
}

#[test]
fn expand_rejects_bad_tables_and_settings() {
    let out = run(&["expand", "tests/fixtures/bad.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains(" --> tests/fixtures/bad.md:8:21"));

    let out = run(&["expand", "tests/fixtures/game.md", "--vis", "public"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("invalid visibility `public`"));

    let out = run(&["expand", "tests/fixtures/game.md", "--name", "fn"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("invalid type name `fn`"));
}

#[test]
fn the_reference_commands_run_and_its_example_error_is_real() {
    let readme = std::fs::read_to_string(cli_dir().join("../runtime/src/docs/cli.md"))
        .expect("the CLI's reference page");
    let start = readme.find("## Command-line tool").expect("the section");
    let section = &readme[start..];
    let section = &section[..section[3..]
        .find("\n## ")
        .map_or(section.len(), |end| end + 3)];
    let blocks: Vec<&str> = section.split("```").skip(1).step_by(2).collect();
    assert_eq!(blocks.len(), 2, "{blocks:#?}");

    let commands: Vec<Vec<String>> = blocks[0]
        .lines()
        .filter_map(|line| line.strip_prefix("close-codes "))
        .map(|line| words(line.split(" # ").next().unwrap_or_default()))
        .collect();
    assert_eq!(commands.len(), 4, "{commands:?}");
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run_in(&common::workspace(), &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{args:?}");
    }

    let shown = blocks[1].strip_prefix("text\n").expect("a text block");
    let out = run(&["check", "tests/fixtures/bad.md"]);
    assert!(text(&out.stderr).contains(shown), "README shows:\n{shown}");
}

/// Splits a command line at spaces, keeping "double-quoted words" whole.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.trim().chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn scratch_with(name: &str, files: &[(&str, &str)]) -> PathBuf {
    common::scratch(name, files)
}

const TWO_TABLES: &str = "# Protocol\n\n## Message types\n\n| Code | Meaning |\n|---|---|\n| 1 | say |\n\n\
                          ## Close codes\n\n| Code | Name |\n|---|---|\n| 4000 | Room closed |\n| x | Bad |\n";

#[test]
fn explain_keeps_the_heading_in_the_command_it_suggests() {
    let dir = scratch_with("cli-explain-heading", &[("protocol notes.md", TWO_TABLES)]);
    let out = run_in(
        &dir,
        &[
            "explain",
            "4000",
            "--table",
            "protocol notes.md",
            "--heading",
            "Close codes",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("--> protocol notes.md:14:3"), "{stderr}");
    assert!(
        stderr.ends_with(
            "error: fix the table first: `close-codes check 'protocol notes.md' --heading 'Close codes'`\n"
        ),
        "{stderr}"
    );
}

#[test]
fn check_says_which_table_the_heading_picked_in_each_file() {
    let good = "# Close codes\n\n| Code | Name |\n|---|---|\n| 4000 | Room closed |\n";
    let dir = scratch_with(
        "cli-check-heading",
        &[
            ("a.md", good),
            ("b.md", "# Other\n\n| Code |\n|---|\n| 1 |\n"),
        ],
    );
    let out = run_in(&dir, &["check", "a.md", "b.md", "--heading", "close codes"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "a.md: ok, the table under `close codes`: 1 row, 1 named; 1 code covered, 1 sendable\n"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: b.md has no heading `close codes`"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: 1 problem in 1 of 2 files\n"),
        "{stderr}"
    );
}

#[test]
fn check_lists_every_table_with_a_code_column_instead_of_guessing() {
    let dir = scratch_with("cli-two-tables", &[("protocol.md", TWO_TABLES)]);
    let out = run_in(&dir, &["check", "protocol.md"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(
            "error: protocol.md has 2 tables with a code column; which one is the close-code table?\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("--> protocol.md:5:1"), "{stderr}");
    assert!(
        stderr.contains("another table with a code column, under `Close codes`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 5, `Message types`; line 11, `Close codes`"),
        "{stderr}"
    );
    // A byte order mark in front of the same document changes nothing.
    std::fs::write(dir.join("bom.md"), format!("\u{feff}{TWO_TABLES}")).unwrap();
    let with_bom = run_in(&dir, &["check", "bom.md", "--heading", "Message types"]);
    assert_eq!(
        with_bom.status.code(),
        Some(0),
        "{}",
        text(&with_bom.stderr)
    );
}
