//! Decides, once per toolchain, whether the ui suite (tests/ui.rs) runs or is reported as
//! ignored: its snapshots hold the exact output of one rustc, [`SNAPSHOT_TOOLCHAIN`].
//!
//! - `cfg(ui_snapshots)` when the compiler building the tests is that rustc, or when
//!   `CLOSE_CODES_UI=1` demands the suite (CI sets it, so there a toolchain without snapshots
//!   fails the suite with a message instead of skipping it);
//! - `CLOSE_CODES_UI_TOOLCHAIN` (compile-time env): the snapshots' rustc, for the messages;
//!   `CLOSE_CODES_UI_RUSTC`: the `rustc --version` of the compiler building the tests.

use std::process::Command;

/// The `rustc --version` prefix the snapshots of tests/ui/fail were taken with.
const SNAPSHOT_TOOLCHAIN: &str = "rustc 1.95.";

fn main() {
    println!("cargo::rustc-check-cfg=cfg(ui_snapshots)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CLOSE_CODES_UI");
    println!("cargo::rustc-env=CLOSE_CODES_UI_TOOLCHAIN={SNAPSHOT_TOOLCHAIN}");

    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    // The test names the compiler in its message; it is the one building it, so it is this one.
    println!("cargo::rustc-env=CLOSE_CODES_UI_RUSTC={}", version.trim());
    let demanded = std::env::var_os("CLOSE_CODES_UI").is_some_and(|value| value == "1");
    if version.starts_with(SNAPSHOT_TOOLCHAIN) || demanded {
        println!("cargo::rustc-cfg=ui_snapshots");
    }
}
