//! The compile-fail suite: bad tables and bad codes must fail to compile with messages a
//! person can act on (`tests/ui/fail/*.rs`, each with the `.stderr` rustc printed), and tricky
//! but valid tables must compile and run (`tests/ui/pass/*.rs`).
//!
//! trybuild builds every case in a crate of its own under `<target>/tests/trybuild/`, so the
//! cases' `CARGO_MANIFEST_DIR` is that crate's directory. This runner copies the fixtures of
//! `tests/ui/tables/` into it, and the cases name them `"tables/…"`, as a user's crate would.
//!
//! The snapshots hold rustc's exact output, so they are tied to one toolchain (1.95) and to
//! the default target directory; elsewhere the test prints why and passes without running.
//! After a deliberate change of wording, re-bless them with
//! `TRYBUILD=overwrite cargo test --test ui` and read every changed `.stderr`.

use std::path::Path;
use std::process::Command;

const TOOLCHAIN: &str = "rustc 1.95.";

#[test]
fn ui() {
    let version = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    if !version.starts_with(TOOLCHAIN) {
        println!(
            "note: skipping the ui snapshots: they were taken with {TOOLCHAIN}x, this is `{}`",
            version.trim()
        );
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // CARGO_TARGET_TMPDIR is `<target>/tmp`.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory");
    if target != root.join("target") {
        println!(
            "note: skipping the ui snapshots: the missing-file cases print paths under \
             <workspace>/target, and this build's target directory is {}",
            target.display()
        );
        return;
    }
    let tables = target.join("tests/trybuild/close-codes-suite/tables");
    std::fs::create_dir_all(&tables).expect("create the fixtures' directory");
    for entry in std::fs::read_dir(root.join("tests/ui/tables")).expect("tests/ui/tables") {
        let entry = entry.expect("a fixture");
        std::fs::copy(entry.path(), tables.join(entry.file_name())).expect("copy a fixture");
    }

    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
