//! The pipeline's ways in: the macro's input (options, flags, what it refuses), reading the
//! file (every failure worded without OS text), and the build-script mode's settings and
//! output.

use std::path::{Path, PathBuf};
use std::process::Command;

use close_codes_codegen::Build;
use close_codes_codegen::BuildError;
use close_codes_codegen::Source;

mod common;
use common::macro_output;

const TABLE: &str = "| Code | Name | Reserved | Custom |\n|---|---|---|---|\n| 1000 | Fine | | |\n| 1005 | Gone | Yes | |\n| 4000 - 4999 | | | Yes |\n";

/// A crate directory of its own (its manifest declares a workspace, so messages name files
/// from it, wherever the target dir is), holding `codes.md`.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"t\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(dir.join("codes.md"), TABLE).unwrap();
    dir
}

fn expand(input: &str, dir: &Path) -> String {
    macro_output(input, Some(dir)).to_string()
}

/// The messages of the `compile_error!`s in an expansion, unescaped.
fn errors(expansion: &str) -> Vec<String> {
    expansion
        .split("compile_error ! {")
        .skip(1)
        .map(|rest| {
            let literal = rest
                .split_once(" }")
                .map_or(rest, |(literal, _)| literal)
                .trim();
            literal
                .trim_matches('"')
                .replace("\\\"", "\"")
                .replace("\\n", "\n")
        })
        .collect()
}

#[test]
fn the_macro_accepts_each_form_of_its_input() {
    let dir = scratch("entry-forms");
    for input in [
        "krate; \"codes.md\"",
        "krate; \"codes.md\",",
        "krate; enum App from \"codes.md\"",
        "krate; pub(crate) enum App from \"codes.md\", heading = \"x\"",
        "krate; #[derive(Default)] enum App from \"codes.md\"",
        "a::b; \"codes.md\"",
    ] {
        let expansion = expand(input, &dir);
        let errors = errors(&expansion);
        // The one heading form has a heading that the file does not hold.
        if input.contains("heading") {
            assert_eq!(
                errors,
                ["codes.md has no heading `x` (help: codes.md has no headings)"],
                "{input}"
            );
        } else {
            assert!(errors.is_empty(), "{input}: {errors:?}");
        }
        assert!(expansion.contains("enum"), "{input}");
    }
}

#[test]
fn the_macro_names_the_type_and_visibility_as_written() {
    let dir = scratch("entry-names");
    // The short form is `pub enum CloseCode`; the long form says its own visibility, and the
    // type sits where the call is, in no module of its own.
    assert!(expand("krate; \"codes.md\"", &dir).contains("pub enum CloseCode"));
    let restricted = expand("krate; pub(crate) enum App from \"codes.md\"", &dir);
    assert!(
        restricted.contains("pub (crate) enum App {"),
        "{restricted}"
    );
    let private = expand("krate; enum App from \"codes.md\"", &dir);
    assert!(
        private.contains("] enum App {") && !private.contains("pub enum App"),
        "no visibility is private, as Rust reads `enum App`: {private}"
    );
    for expansion in [&restricted, &private] {
        assert!(!expansion.contains(" mod "), "no module: {expansion}");
        assert!(!expansion.contains(" use "), "no re-export: {expansion}");
    }
}

#[test]
fn doc_comments_replace_the_default_first_line_and_other_attributes_do_not() {
    let dir = scratch("entry-docs");
    let default_line = "WebSocket close codes from `codes.md`.";
    let documented = expand("krate; /// Ours.\n enum App from \"codes.md\"", &dir);
    assert!(documented.contains("\" Ours.\""), "{documented}");
    assert!(!documented.contains(default_line), "{documented}");
    let attributed = expand(
        "krate; #[derive(Default)] /// Ours.\n enum App from \"codes.md\"",
        &dir,
    );
    assert!(!attributed.contains(default_line), "{attributed}");
    let undocumented = expand("krate; #[derive(Default)] enum App from \"codes.md\"", &dir);
    assert!(undocumented.contains(default_line), "{undocumented}");
}

#[test]
fn the_macro_refuses_malformed_input_with_a_message_each() {
    let dir = scratch("entry-refusals");
    for (input, message) in [
        (
            "krate; #(x) enum App from \"codes.md\"",
            "expected `[` after `#`",
        ),
        (
            "krate; enum App form \"codes.md\"",
            "expected `from \"path/to/table.md\"` after the type's name",
        ),
        (
            "krate; pub \"codes.md\"",
            "expected `enum Name from \"path/to/table.md\"`",
        ),
        (
            "krate; #[derive(Default)] \"codes.md\"",
            "expected `enum Name from \"path/to/table.md\"`",
        ),
        (
            "krate; codes",
            "expected the markdown file's path as a string, e.g. `close_codes!(\"codes.md\")`",
        ),
    ] {
        let expansion = expand(input, &dir);
        assert_eq!(errors(&expansion), [message], "{input}");
        assert!(
            !expansion.contains("impl"),
            "{input}: no type without a name"
        );
    }
}

#[test]
fn a_bad_option_still_declares_the_type_without_variants() {
    let dir = scratch("entry-bad-options");
    for (input, message) in [
        (
            "krate; \"codes.md\", color = \"red\"",
            "unknown option `color`: the one option is `heading = \"…\"`",
        ),
        (
            "krate; \"codes.md\", headng = \"Close codes\"",
            "unknown option `headng`: did you mean `heading`? the one option is `heading = \"…\"`",
        ),
        (
            "krate; \"codes.md\", heading = \"a\", heading = \"b\"",
            "`heading` is given twice: keep one",
        ),
        (
            "krate; \"codes.md\", heading = Close",
            "`heading` takes a string: the heading's text, e.g. `heading = \"Close codes\"`",
        ),
        (
            "krate; \"codes.md\", 7",
            "expected an option: `heading = \"…\"`",
        ),
        ("krate; \"codes.md\" extra", "expected `,`"),
    ] {
        let expansion = expand(input, &dir);
        assert_eq!(errors(&expansion), [message], "{input}");
        // The one error, and the type its uses name: no cascade of unresolved names.
        assert!(
            expansion.contains("pub enum CloseCode { }"),
            "{input}: {expansion}"
        );
        assert!(
            !expansion.contains("include_bytes"),
            "{input}: the table was not read"
        );
    }
}

#[test]
fn a_relative_path_needs_the_manifest_dir() {
    let expansion = macro_output("krate; \"codes.md\"", None).to_string();
    assert_eq!(
        errors(&expansion),
        [
            "cannot resolve `codes.md`: CARGO_MANIFEST_DIR is not set (help: build with cargo, or give an absolute path)"
        ]
    );
}

#[test]
fn an_absolute_path_is_read_as_it_is() {
    let dir = scratch("entry-absolute");
    let path = dir.join("codes.md");
    let input = format!("krate; {:?}", path.display().to_string());
    let expansion = macro_output(&input, None).to_string();
    assert!(errors(&expansion).is_empty(), "{expansion}");
    assert!(expansion.contains("Fine = 1000"), "{expansion}");
    // The rebuild hook names the file it read.
    assert!(expansion.contains("include_bytes !"), "{expansion}");
}

#[test]
fn a_missing_file_says_where_relative_paths_start() {
    let dir = scratch("entry-missing");
    let expansion = expand("krate; \"nope.md\"", &dir);
    assert_eq!(
        errors(&expansion),
        [
            "cannot read `nope.md`: no such file (help: paths are relative to the crate's \
             directory, the one with its Cargo.toml)"
        ]
    );
    assert!(!expansion.contains("include_bytes"), "{expansion}");
}

/// A path that the OS refuses to read even to root, which reads a mode-000 file anyway:
/// Linux's `/proc/sys` checks a write-only file's mode bits for every user.
#[cfg(unix)]
fn unreadable(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let locked = dir.join("locked.md");
    std::fs::write(&locked, TABLE).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    [locked, PathBuf::from("/proc/sys/vm/drop_caches")]
        .into_iter()
        .find(|path| {
            std::fs::read(path).is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied)
        })
        .expect("a file this user may not read")
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_as_permission_denied() {
    let dir = scratch("entry-unreadable");
    let path = unreadable(&dir);
    let error = Source::read(&path, "locked.md").unwrap_err();
    assert_eq!(error.message, "cannot read `locked.md`: permission denied");
    assert_eq!(error.help, None);
}

#[test]
fn a_path_through_a_file_could_not_be_read_at_all() {
    let dir = scratch("entry-not-a-dir");
    let path = dir.join("codes.md").join("inner.md");
    let error = Source::read(&path, "inner.md").unwrap_err();
    assert_eq!(
        error.message,
        "cannot read `inner.md`: the file could not be read"
    );
}

#[test]
fn build_reads_its_table_relative_to_the_manifest_dir() {
    let dir = scratch("entry-build");
    let code = Build::new("codes.md")
        .manifest_dir(&dir)
        .generate()
        .unwrap();
    assert!(code.starts_with(
        "// Generated by close-codes from `codes.md`. Edit the table, not this file.\n"
    ));
    assert!(code.contains("Fine = 1000"), "{code}");
    let absolute = Build::new(dir.join("codes.md").display().to_string())
        .generate()
        .unwrap();
    assert!(absolute.contains("Fine = 1000"), "{absolute}");
}

#[test]
fn build_writes_one_item_a_line_each_allowing_what_the_enum_allows() {
    let dir = scratch("entry-items");
    let code = Build::new("codes.md")
        .manifest_dir(&dir)
        .generate()
        .unwrap();
    let lines: Vec<&str> = code.lines().skip(1).collect();
    let allow = "# [allow (dead_code , unreachable_pub)]";
    let starts: Vec<String> = lines
        .iter()
        .map(|line| {
            let line = line.replacen(allow, "", 1);
            let line = line.trim_start();
            line.split(" {").next().unwrap_or(line).to_owned()
        })
        .collect();
    // Every line but the last allows the lints, once.
    for line in &lines[..lines.len() - 1] {
        assert_eq!(line.matches(allow).count(), 1, "{line}");
    }
    assert!(starts[0].starts_with("# [doc"), "{}", starts[0]);
    assert_eq!(
        starts[1..],
        [
            "impl CloseCode",
            "impl CloseCode",
            "impl :: close_codes :: Code for CloseCode",
            "impl :: core :: fmt :: Display for CloseCode",
            "impl :: core :: cmp :: PartialOrd for CloseCode",
            "# [doc = r\" Orders by code number.\"]  impl :: core :: cmp :: Ord for CloseCode",
            "impl :: core :: convert :: From < CloseCode > for u16",
            "impl :: core :: convert :: TryFrom < u16 > for CloseCode",
            ":: close_codes :: __private :: integrate ! (CloseCode) ;",
        ]
    );
}

fn settings_error(build: &Build) -> String {
    match build.generate_from(&Source::new("app.md", TABLE)) {
        Err(error @ BuildError::Setting { .. }) => error.to_string(),
        other => panic!("expected a settings error, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn build_accepts_every_visibility_rust_has() {
    for visibility in [
        "",
        "pub",
        "pub(crate)",
        "pub(super)",
        "pub(in crate::codes)",
    ] {
        let code = Build::new("app.md")
            .visibility(visibility)
            .generate_from(&Source::new("app.md", TABLE));
        assert!(code.is_ok(), "{visibility}");
    }
}

#[test]
fn build_refuses_what_is_not_a_visibility() {
    let why = "expected `pub`, `pub(crate)`, `pub(super)`, `pub(in path)` or nothing";
    for visibility in [
        "crate",
        "pub[crate]",
        "pub(crate) extra",
        "pub pub",
        "(crate)",
    ] {
        assert_eq!(
            settings_error(&Build::new("app.md").visibility(visibility)),
            format!("invalid visibility `{visibility}`: {why}")
        );
    }
}

#[test]
fn build_refuses_settings_that_are_not_rust_and_says_which() {
    assert_eq!(
        settings_error(&Build::new("app.md").type_name("enum")),
        "invalid type name `enum`: expected an identifier that is not a keyword"
    );
    assert_eq!(
        settings_error(&Build::new("app.md").crate_path("")),
        "invalid crate path ``: expected a path"
    );
    assert_eq!(
        settings_error(&Build::new("app.md").crate_path("(")),
        "invalid crate path `(`: expected a path"
    );
    assert_eq!(
        settings_error(&Build::new("app.md").attribute("")),
        "invalid attribute ``: expected what goes inside `#[…]`"
    );
}

#[test]
fn build_settings_reach_the_generated_code() {
    let code = Build::new("app.md")
        .heading("Codes")
        .crate_path("::wire")
        .attribute("non_exhaustive")
        .doc("First.\nSecond.")
        .generate_from(&Source::new("app.md", format!("# Codes\n\n{TABLE}")))
        .unwrap();
    assert!(code.contains(":: wire :: Row"), "{code}");
    assert!(!code.contains("close_codes ::"), "{code}");
    assert!(code.contains("# [non_exhaustive]"), "{code}");
    assert!(
        code.contains("# [doc = \" First.\"] # [doc = \" Second.\"]"),
        "{code}"
    );
    assert!(!code.contains("WebSocket close codes from"), "{code}");
    let undocumented = Build::new("app.md")
        .generate_from(&Source::new("app.md", TABLE))
        .unwrap();
    assert!(undocumented.contains("WebSocket close codes from `app.md`."));
}

#[test]
fn build_errors_count_their_problems_and_name_the_table() {
    let one = Build::new("bad.md")
        .generate_from(&Source::new("bad.md", "| Code |\n|-|\n| x |\n"))
        .unwrap_err();
    assert_eq!(
        one.to_string(),
        "the close-code table `bad.md` has 1 problem: see the errors above, fix the table, and \
         build again"
    );
    let dir = scratch("entry-build-missing");
    let unread = Build::new("nope.md")
        .manifest_dir(&dir)
        .generate()
        .unwrap_err();
    assert_eq!(
        unread.to_string(),
        "the close-code table could not be read: see the errors above, fix the table, and build \
         again"
    );
    assert_eq!(format!("{unread:?}"), unread.to_string());
    let option = Build::new("app.md")
        .type_name("enum")
        .generate_from(&Source::new("app.md", TABLE))
        .unwrap_err();
    assert_eq!(option.rendered(), [option.to_string()]);
}

#[test]
fn build_writes_the_generated_code_to_the_path() {
    let dir = scratch("entry-write");
    let out = dir.join("out.rs");
    let build = Build::new("codes.md").manifest_dir(&dir);
    build.write_to(&out).unwrap();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        build.generate().unwrap()
    );
    let unwritable = build.write_to(&dir.join("missing-dir").join("out.rs"));
    assert!(
        matches!(&unwritable, Err(BuildError::Write { path, .. }) if path.ends_with("missing-dir/out.rs")),
        "{unwritable:?}"
    );
}

/// Runs `write_to_out_dir` in a child process of this test binary with `OUT_DIR` as given: the
/// environment is the function's input, and a test must not change its own process's.
fn write_to_out_dir_with(out_dir: Option<&Path>, manifest_dir: &Path) -> String {
    let mut child = Command::new(std::env::current_exe().unwrap());
    child
        .args([
            "--ignored",
            "--exact",
            "write_to_out_dir_in_a_child",
            "--nocapture",
        ])
        .env("CHILD_MANIFEST_DIR", manifest_dir);
    match out_dir {
        Some(dir) => child.env("OUT_DIR", dir),
        None => child.env_remove("OUT_DIR"),
    };
    let output = child.output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[ignore = "run by build_writes_to_out_dir_and_asks_cargo_to_watch_the_table, in a child"]
fn write_to_out_dir_in_a_child() {
    let dir = std::env::var_os("CHILD_MANIFEST_DIR").expect("run by its parent test");
    match Build::new("codes.md")
        .manifest_dir(dir)
        .write_to_out_dir("codes.rs")
    {
        Ok(path) => println!("wrote {}", path.display()),
        Err(error) => println!("error: {error}"),
    }
}

#[test]
fn build_writes_to_out_dir_and_asks_cargo_to_watch_the_table() {
    let dir = scratch("entry-out-dir");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let printed = write_to_out_dir_with(Some(&out), &dir);
    let table = dir.join("codes.md");
    let written = out.join("codes.rs");
    assert!(
        printed.contains(&format!("\ncargo:rerun-if-changed={}\n", table.display())),
        "{printed}"
    );
    assert!(
        printed.contains(&format!("\nwrote {}\n", written.display())),
        "{printed}"
    );
    let expected = Build::new("codes.md")
        .manifest_dir(&dir)
        .generate()
        .unwrap();
    assert_eq!(std::fs::read_to_string(&written).unwrap(), expected);

    let printed = write_to_out_dir_with(None, &dir);
    assert!(
        printed.contains(
            "\nerror: OUT_DIR is not set: call `write_to_out_dir` from a build script, or use `write_to`\n"
        ),
        "{printed}"
    );
}

#[test]
fn a_bad_table_still_asks_cargo_to_watch_it() {
    let dir = scratch("entry-out-dir-bad");
    std::fs::write(dir.join("codes.md"), "| Code |\n|-|\n| x |\n").unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let printed = write_to_out_dir_with(Some(&out), &dir);
    assert!(
        printed.contains(&format!(
            "\ncargo:rerun-if-changed={}\n",
            dir.join("codes.md").display()
        )),
        "{printed}"
    );
    assert!(
        printed.contains("\nerror: the close-code table `codes.md` has 1 problem"),
        "{printed}"
    );
    assert!(!out.join("codes.rs").exists());
}

#[test]
fn the_runtime_path_is_the_token_the_call_passed() {
    let dir = scratch("entry-runtime");
    let expansion = expand("some::runtime; \"codes.md\"", &dir);
    assert!(
        expansion.contains("some :: runtime :: Row"),
        "the rows name the runtime as passed: {expansion}"
    );
    assert!(!expansion.contains("close_codes ::"), "{expansion}");
}

#[test]
fn messages_name_a_member_crate_from_the_workspace_root() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("entry-member");
    let _ = std::fs::remove_dir_all(&root);
    let member = root.join("server");
    std::fs::create_dir_all(&member).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nmembers = [\"server\"]\n",
    )
    .unwrap();
    std::fs::write(member.join("Cargo.toml"), "[package]\nname = \"server\"\n").unwrap();
    assert_eq!(
        errors(&expand("krate; \"nope.md\"", &member)),
        [
            "cannot read `server/nope.md`: no such file (help: paths are relative to the \
             crate's directory `server/`, the one with its Cargo.toml)"
        ]
    );
    // An absolute path is shown as written, even inside the workspace.
    let absolute = member.join("gone.md").display().to_string();
    let expansion = expand(&format!("krate; {absolute:?}"), &member);
    assert!(
        errors(&expansion)[0].starts_with(&format!("cannot read `{absolute}`: no such file")),
        "{expansion}"
    );
}

#[test]
fn build_expands_a_checked_table_with_its_settings() {
    let (table, problems) = close_codes_codegen::check(&Source::new("app.md", TABLE), None);
    assert!(problems.is_empty());
    let tokens = Build::new("app.md")
        .type_name("AppCode")
        .expand(&table)
        .unwrap()
        .to_string();
    assert!(tokens.contains("pub enum AppCode"), "{tokens}");
    assert!(tokens.contains("Fine = 1000"), "{tokens}");
    // Only the allowance every generated enum has (its variants are the table's names); the
    // build script's `dead_code` and `unreachable_pub` are for the file it writes.
    assert_eq!(tokens.matches("allow").count(), 1, "{tokens}");
    assert!(
        tokens.contains("allow (clippy :: enum_variant_names)"),
        "{tokens}"
    );
    let bad = Build::new("app.md").visibility("public").expand(&table);
    assert!(matches!(
        bad,
        Err(BuildError::Setting {
            setting: "visibility",
            ..
        })
    ));
}

#[test]
fn a_write_error_keeps_its_cause() {
    use std::error::Error as _;
    let dir = scratch("entry-write-cause");
    let error = Build::new("codes.md")
        .manifest_dir(&dir)
        .write_to(&dir.join("missing-dir").join("out.rs"))
        .unwrap_err();
    let cause = error.source().expect("the io::Error");
    let io = cause
        .downcast_ref::<std::io::Error>()
        .expect("an io::Error");
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    assert!(error.to_string().starts_with("cannot write "), "{error}");
    // Other errors have no cause of their own.
    let setting = Build::new("codes.md")
        .type_name("enum")
        .generate_from(&Source::new("codes.md", TABLE));
    assert!(setting.unwrap_err().source().is_none());
}

#[test]
fn a_mistyped_path_suggests_the_file_with_a_similar_name() {
    let dir = scratch("entry-typo");
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(dir.join("docs/good.md"), TABLE).unwrap();
    assert_eq!(
        errors(&expand("krate; \"docs/god.md\"", &dir)),
        [
            "cannot read `docs/god.md`: no such file (help: a file with a similar name exists: \
             `docs/good.md`; paths are relative to the crate's directory, the one with its \
             Cargo.toml)"
        ]
    );
    // Up to a third of the name's length in edits is near; more is not.
    let near = |written: &str| {
        Source::read_relative(written, &dir, written)
            .unwrap_err()
            .help
    };
    assert_eq!(
        near("docs/gxxd.md").as_deref(),
        Some("a file with a similar name exists: `docs/good.md`")
    );
    assert_eq!(near("docs/gxxx.md"), None);
    assert_eq!(near("docs/zzzzzz.md"), None);
}

#[test]
fn a_file_in_another_directory_of_the_crate_is_suggested_by_its_name() {
    let dir = scratch("entry-elsewhere");
    for hidden in ["target/docs", ".git/docs", "a/b/c/d/e"] {
        std::fs::create_dir_all(dir.join(hidden)).unwrap();
        std::fs::write(dir.join(hidden).join("lobby.md"), TABLE).unwrap();
    }
    // Only target/, hidden directories and one too deep to search hold it.
    let missing = Source::read_relative("lobby.md", &dir, "lobby.md").unwrap_err();
    assert_eq!(missing.help, None);
    std::fs::create_dir_all(dir.join("docs/protocol")).unwrap();
    std::fs::write(dir.join("docs/protocol/lobby.md"), TABLE).unwrap();
    let found = Source::read_relative("doc/lobby.md", &dir, "doc/lobby.md").unwrap_err();
    assert_eq!(found.message, "cannot read `doc/lobby.md`: no such file");
    assert_eq!(
        found.help.as_deref(),
        Some("a file of that name exists at `docs/protocol/lobby.md`")
    );
}

#[test]
fn a_file_holding_only_a_byte_order_mark_is_empty() {
    let dir = scratch("entry-bom");
    std::fs::write(dir.join("bom.md"), "\u{feff}\n  \n").unwrap();
    let error = Source::read(&dir.join("bom.md"), "bom.md").unwrap_err();
    assert_eq!(error.message, "`bom.md` is empty");
    assert_eq!(
        errors(&expand("krate; \"bom.md\"", &dir)),
        ["`bom.md` is empty (help: add a markdown table with a code column)"]
    );
}

#[test]
fn a_file_beyond_the_limit_is_refused_and_one_at_it_is_read() {
    let dir = scratch("entry-oversize");
    let limit = usize::try_from(Source::MAX_FILE_LEN).unwrap();
    // The table, then blank lines up to exactly the limit: read; one byte more: refused.
    let mut text = TABLE.to_owned();
    text.push_str(&"\n".repeat(limit - TABLE.len()));
    std::fs::write(dir.join("at.md"), &text).unwrap();
    let at = Source::read(&dir.join("at.md"), "at.md").expect("a file at the limit is read");
    assert_eq!(at.text().len(), limit, "read whole, not cut short");
    text.push('\n');
    std::fs::write(dir.join("over.md"), &text).unwrap();
    let error = Source::read(&dir.join("over.md"), "over.md").unwrap_err();
    assert_eq!(
        error.message,
        "`over.md` is larger than 8 MiB, the most a table file may hold"
    );
    assert!(
        errors(&expand("krate; \"over.md\"", &dir))[0]
            .starts_with("`over.md` is larger than 8 MiB, the most a table file may hold (help: ")
    );
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_without_being_read() {
    let started = std::time::Instant::now();
    let zero = Source::read(Path::new("/dev/zero"), "/dev/zero").unwrap_err();
    assert_eq!(zero.message, "`/dev/zero` is a device, not a markdown file");
    let dir = scratch("entry-fifo");
    let fifo = dir.join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Opening a FIFO that no one writes to would block this test forever.
    let error = Source::read(&fifo, "pipe.md").unwrap_err();
    assert_eq!(error.message, "`pipe.md` is a FIFO, not a markdown file");
    assert_eq!(
        errors(&expand("krate; \"pipe.md\"", &dir)),
        [
            "`pipe.md` is a FIFO, not a markdown file (help: name a markdown file: only a \
             regular file is read)"
        ]
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn the_macro_and_build_scripts_show_a_hundred_problems_then_a_count() {
    let dir = scratch("entry-capped");
    let rows = (0..150)
        .map(|n| format!("| x{n} | Bad | | |"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(
        dir.join("many.md"),
        format!("| Code | Name | Reserved | Custom |\n|---|---|---|---|\n{rows}"),
    )
    .unwrap();
    let expansion = expand("krate; \"many.md\"", &dir);
    let shown = errors(&expansion);
    assert_eq!(shown.len(), 101, "{shown:#?}");
    assert!(
        shown[99].starts_with("`x99` is not a close code"),
        "{}",
        shown[99]
    );
    assert_eq!(
        shown[100],
        "50 more problems in `many.md` not shown: fix the 100 above first"
    );
    let error = Build::new("many.md")
        .manifest_dir(&dir)
        .generate()
        .unwrap_err();
    assert_eq!(error.rendered(), shown);
}

/// The column (0-based) of the first token of the first `compile_error!` in an expansion.
fn first_error_column(input: &str, dir: &Path) -> usize {
    let output = macro_output(input, Some(dir));
    let first = output.into_iter().next().expect("an error");
    first.span().start().column
}

#[test]
fn a_heading_problem_points_at_the_heading_and_a_table_problem_at_the_path() {
    let dir = scratch("entry-spans");
    std::fs::write(dir.join("bad.md"), "# Codes\n\n| Code |\n|---|\n| x |\n").unwrap();
    let heading = "krate; \"codes.md\", heading = \"Nope\"";
    assert_eq!(
        first_error_column(heading, &dir),
        heading.find("\"Nope\"").unwrap()
    );
    let table = "krate; \"bad.md\", heading = \"Codes\"";
    assert_eq!(
        first_error_column(table, &dir),
        table.find("\"bad.md\"").unwrap()
    );
}

#[test]
fn a_word_written_for_from_is_underlined_itself() {
    let dir = scratch("entry-from");
    let input = "krate; enum App form \"codes.md\"";
    assert_eq!(first_error_column(input, &dir), input.find("form").unwrap());
    let missing = "krate; enum App \"codes.md\"";
    assert_eq!(
        first_error_column(missing, &dir),
        missing.find("\"codes.md\"").unwrap()
    );
}
