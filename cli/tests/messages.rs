//! What the CLI says when a file cannot be a table, and where it sends the user next: bounded
//! reading (special files, oversize files), empty files, a mistyped path's near miss, at most
//! 100 errors, `check --generated` from another directory, and the paths `generate` records.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{run_in, scratch, text, workspace};

/// The bundled table's text, for files these tests write.
fn bundled() -> String {
    std::fs::read_to_string(workspace().join("codes.md")).unwrap()
}

/// Runs `check FILE` in `dir` and returns its standard error, asserting it failed within
/// `limit`.
fn check_fails(dir: &Path, file: &str) -> String {
    let started = Instant::now();
    let out = run_in(dir, &["check", file]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "check {file} took {:?}",
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    text(&out.stderr)
}

#[cfg(unix)]
#[test]
fn check_refuses_dev_zero_at_once() {
    let stderr = check_fails(Path::new("/"), "/dev/zero");
    assert!(
        stderr.starts_with(
            "error: `/dev/zero` is a device, not a markdown file\n  |\n  = help: name a \
             markdown file: only a regular file is read\n"
        ),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn every_command_refuses_a_fifo_without_blocking_on_it() {
    let dir = scratch("messages-fifo", &[]);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.md"))
        .status()
        .unwrap();
    assert!(made.success());
    let stderr = check_fails(&dir, "pipe.md");
    assert!(
        stderr.starts_with("error: `pipe.md` is a FIFO, not a markdown file\n"),
        "{stderr}"
    );
    for args in [
        &["explain", "1000", "--table", "pipe.md"][..],
        &["expand", "pipe.md"],
        &["generate", "pipe.md"],
    ] {
        let out = run_in(&dir, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            text(&out.stderr).starts_with("error: `pipe.md` is a FIFO, not a markdown file\n"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn check_refuses_a_file_beyond_the_limit() {
    let dir = scratch("messages-oversize", &[]);
    // The bundled table, padded with blank lines to one byte over 8 MiB.
    let mut table = bundled();
    table.push_str(&"\n".repeat((8 << 20) + 1 - table.len()));
    std::fs::write(dir.join("huge.md"), &table).unwrap();
    let stderr = check_fails(&dir, "huge.md");
    assert!(
        stderr
            .starts_with("error: `huge.md` is larger than 8 MiB, the most a table file may hold\n"),
        "{stderr}"
    );
    // At the limit, it is read, and checked.
    table.pop();
    std::fs::write(dir.join("huge.md"), &table).unwrap();
    let out = run_in(&dir, &["check", "huge.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn a_file_holding_only_a_byte_order_mark_is_empty() {
    let dir = scratch(
        "messages-bom",
        &[("bom.md", "\u{feff}"), ("blank.md", "\n")],
    );
    for file in ["bom.md", "blank.md"] {
        let stderr = check_fails(&dir, file);
        assert!(
            stderr.starts_with(&format!(
                "error: `{file}` is empty\n  |\n  = help: add a markdown table with a code column\n"
            )),
            "{stderr}"
        );
    }
}

#[test]
fn a_mistyped_path_gets_its_near_miss_and_no_macro_syntax() {
    let table = bundled();
    let dir = scratch("messages-typo", &[]);
    std::fs::create_dir_all(dir.join("docs/protocol")).unwrap();
    std::fs::write(dir.join("docs/good.md"), &table).unwrap();
    std::fs::write(dir.join("docs/protocol/lobby.md"), &table).unwrap();
    let stderr = check_fails(&dir, "docs/god.md");
    assert_eq!(
        stderr,
        "error: cannot read `docs/god.md`: no such file\n  |\n  = help: a file with a similar \
         name exists: `docs/good.md`\n\nerror: 1 problem in 1 of 1 file\n"
    );
    let out = run_in(&dir, &["expand", "lobby.md"]);
    assert_eq!(
        text(&out.stderr),
        "error: cannot read `lobby.md`: no such file\n  |\n  = help: a file of that name \
         exists at `docs/protocol/lobby.md`\n"
    );
    // The CLI's help is the CLI's: no word of the macro or its crate directory.
    for wording in [&stderr, &text(&out.stderr)] {
        assert!(!wording.contains("Cargo.toml"), "{wording}");
        assert!(!wording.contains("close_codes!"), "{wording}");
    }
}

#[test]
fn at_most_a_hundred_errors_then_how_many_more() {
    let rows: Vec<String> = (0..150)
        .map(|n| format!("| {} | Code {n} |", 70_000 + n))
        .collect();
    let rows = rows.join("\n");
    let dir = scratch(
        "messages-cap",
        &[("many.md", &format!("| Code | Name |\n|---|---|\n{rows}"))],
    );
    let stderr = check_fails(&dir, "many.md");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("error: "))
        .collect();
    // At most 101 error lines: the first hundred problems, in row order, and the summary.
    assert_eq!(errors.len(), 101, "{stderr}");
    for (n, error) in errors[..100].iter().enumerate() {
        assert!(error.contains(&format!("`{}`", 70_000 + n)), "{error}");
    }
    // The summary still counts every problem.
    assert_eq!(errors[100], "error: 150 problems in 1 of 1 file");
    // Between them, a note counts the rest.
    assert!(
        stderr
            .contains("\nnote: 50 more problems in `many.md` not shown: fix the 100 above first\n"),
        "{stderr}"
    );
}

#[test]
fn usage_without_arguments_agrees_with_help() {
    let usage = |output: &[u8]| {
        let text = text(output);
        let start = text.find("Usage: ").expect("a usage");
        let end = text[start..].find("\n\n").expect("a blank line after it") + start;
        text[start..end].to_owned()
    };
    let dir = workspace();
    let missing = run_in(&dir, &["check"]);
    assert_eq!(missing.status.code(), Some(2));
    let help = run_in(&dir, &["check", "--help"]);
    assert!(help.status.success());
    assert_eq!(usage(&missing.stderr), usage(&help.stdout));
    assert!(usage(&help.stdout).contains("check [OPTIONS] <FILE>...\n"));
    assert!(usage(&help.stdout).contains("check [OPTIONS] --generated <GENERATED>..."));
}

#[test]
fn check_generated_from_another_directory_names_the_file_and_its_directory() {
    let dir = scratch("messages-generated", &[("codes.md", &bundled())]);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let out = run_in(&dir, &["generate", "codes.md", "-o", "src/app_codes.rs"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run_in(&dir, &["check", "--generated", "src/app_codes.rs"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let out = run_in(&dir.join("src"), &["check", "--generated", "app_codes.rs"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: cannot read `codes.md`: no such file\n  |\n  = help: `app_codes.rs` was \
         generated from `codes.md`: its paths are relative to the directory `close-codes \
         generate` ran in, `..` from here; run the check from there\n\nerror: 1 problem in 1 \
         of 1 file\n"
    );
}

#[test]
fn generate_records_absolute_paths_under_the_current_directory_as_relative_ones() {
    let dir = scratch("messages-absolute", &[("codes.md", &bundled())]);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let table = dir.join("codes.md").display().to_string();
    let output = dir.join("src/app_codes.rs").display().to_string();
    let out = run_in(&dir, &["generate", &table, "-o", &output]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let module = std::fs::read_to_string(&output).unwrap();
    let header: Vec<&str> = module.lines().take(3).collect();
    assert_eq!(
        header,
        [
            "// @generated by close-codes from `codes.md`: edit the table, not this file.",
            "// Regenerate: close-codes generate codes.md -o src/app_codes.rs",
            "// Check: close-codes check --generated src/app_codes.rs",
        ]
    );
    assert!(
        module.contains("pub const SOURCE: &'static str = \"codes.md\";"),
        "{module}"
    );
    let out = run_in(&dir, &["check", "--generated", "src/app_codes.rs"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // From a directory that holds neither file, the paths stay absolute, and it says so.
    let elsewhere = scratch("messages-absolute-elsewhere", &[]);
    let out = run_in(&elsewhere, &["generate", &table, "-o", &output]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "warning: `{table}` is not under the current directory, so the file records it as \
             an absolute path"
        )),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning: ").count(), 2, "{stderr}");
    let module = std::fs::read_to_string(&output).unwrap();
    assert!(
        module.contains(&format!(
            "// Regenerate: close-codes generate {table} -o {output}\n"
        )),
        "{module}"
    );
}
