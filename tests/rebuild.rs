//! Editing the table regenerates the type on the next build: a fixture crate is built, its
//! table edited, and built again. The fixture is also a `#![no_std]` library under
//! `#![deny(missing_docs)]` that depends on close-codes under another name (so no path to
//! `::close_codes` exists there), and clippy (pedantic) must have nothing to say about it.

use std::path::{Path, PathBuf};
use std::process::Command;

const TABLE: &str = "| Code | Name | Usage |\n|---|---|---|\n| 4000 | First Code | The first |\n";

fn cargo(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        // A target dir of its own, kept between runs so only the first run builds the deps.
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("rebuild-fixture/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{stdout}\n{stderr}"
    );
    stdout + &stderr
}

fn fixture() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Under the target directory (CARGO_TARGET_DIR honoured), never in the source tree.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rebuild-fixture/crate");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let runtime = repo.join("runtime");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"rebuild-fixture\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
             [dependencies]\nwire-codes = {{ package = \"close-codes\", path = {:?}, features = [\"macros\"] }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    // The workspace's lock file pins the same dependency versions, so nothing new is fetched.
    std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "//! Fixture.\n#![no_std]\n#![deny(missing_docs)]\nwire_codes::close_codes!(\"codes.md\");\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        "fn main() {\n    for code in (0..=u16::MAX).filter_map(rebuild_fixture::CloseCode::from_u16) {\n        println!(\"{code:?} {code}\");\n    }\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("codes.md"), TABLE).unwrap();
    dir
}

#[test]
fn editing_the_table_regenerates_the_type() {
    let dir = fixture();
    let before = cargo(&dir, &["run", "--quiet"]);
    assert!(before.contains("FirstCode 4000 First Code"), "{before}");
    assert!(!before.contains("SecondCode"), "{before}");

    std::fs::write(
        dir.join("codes.md"),
        format!("{TABLE}| 4001 | Second Code | Added by the edit |\n"),
    )
    .unwrap();
    let after = cargo(&dir, &["run", "--quiet"]);
    assert!(after.contains("FirstCode 4000 First Code"), "{after}");
    assert!(after.contains("SecondCode 4001 Second Code"), "{after}");

    let lints = cargo(
        &dir,
        &[
            "clippy",
            "--quiet",
            "--",
            "-D",
            "warnings",
            "-W",
            "clippy::pedantic",
        ],
    );
    assert!(!lints.contains("warning"), "{lints}");
}
