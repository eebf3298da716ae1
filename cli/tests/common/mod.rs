//! What the CLI's test files share: running the binary, reading its output, and directories
//! under the target dir for the files a test writes.
// Each test file uses its own subset of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub(crate) fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the binary in `dir`, uncoloured.
pub(crate) fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_close-codes"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A fresh directory under the target dir holding `files`.
pub(crate) fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    for (file, text) in files {
        std::fs::write(dir.join(file), text).expect("write a scratch file");
    }
    dir
}

/// Edits row 1009's usage text in `dir/codes.md` (a copy of the bundled table).
pub(crate) fn edit_a_row(dir: &Path) {
    let table = std::fs::read_to_string(dir.join("codes.md")).unwrap();
    let edited = table.replace(
        "Endpoint won't process large message",
        "Message over the limit",
    );
    assert_ne!(edited, table, "the row's text is in codes.md");
    std::fs::write(dir.join("codes.md"), edited).unwrap();
}
