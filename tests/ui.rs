//! The compile-fail suite: bad tables and bad codes must fail to compile with messages a
//! person can act on (`tests/ui/fail/*.rs`, each with the `.stderr` rustc printed), and tricky
//! but valid tables must compile and run (`tests/ui/pass/*.rs`).
//!
//! trybuild builds every case in a crate of its own, `<target>/tests/trybuild/close-codes-suite/`,
//! so the cases' `CARGO_MANIFEST_DIR` is that crate's directory. This runner copies the fixtures
//! of `tests/ui/tables/` into it, and the cases name them `"tables/…"`, as a user's crate would.
//!
//! No message prints an absolute path (a table's path reads from the workspace root, the
//! crate's directory likewise), so the snapshots hold no target directory: the suite runs with
//! any `CARGO_TARGET_DIR`, and writes only under it.
//!
//! The snapshots hold rustc's exact output, so they are tied to one toolchain
//! (`CLOSE_CODES_UI_TOOLCHAIN`, set by build.rs). Built with another, the test is reported as
//! ignored; with `CLOSE_CODES_UI=1` (CI sets it) it runs anyway and fails, saying why.
//! After a deliberate change of wording, re-bless the snapshots with
//! `TRYBUILD=overwrite cargo test --test ui` and read every changed `.stderr`.

use std::path::Path;

/// The `rustc --version` prefix of the toolchain the snapshots were taken with.
const TOOLCHAIN: &str = env!("CLOSE_CODES_UI_TOOLCHAIN");

#[test]
#[cfg_attr(
    not(ui_snapshots),
    ignore = "the ui snapshots are another rustc's output (build.rs names it); \
              CLOSE_CODES_UI=1 runs them anyway"
)]
fn ui() {
    // The rustc trybuild will run: the one building this test, as build.rs read it.
    let version = env!("CLOSE_CODES_UI_RUSTC");
    assert!(
        version.starts_with(TOOLCHAIN),
        "the ui snapshots were taken with {TOOLCHAIN}x and this is `{}`: run the suite with \
         that toolchain (`cargo +{} test --test ui`), or re-bless them with \
         `TRYBUILD=overwrite cargo test --test ui` and read every changed .stderr",
        version,
        TOOLCHAIN.trim_start_matches("rustc ").trim_end_matches('.'),
    );

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // CARGO_TARGET_TMPDIR is `<target>/tmp`: trybuild builds its crate under `<target>/tests`.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory");

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
