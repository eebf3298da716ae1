//! What a user's crate compiles, feature by feature: with default features close-codes brings
//! no dependency at all (no proc macro, no syn); `macros` brings the proc macro on syn, quote,
//! proc-macro2 and pulldown-cmark, and `close_codes!` without the `macros` feature
//! is one error that says which line to add. Each case is a crate of its own, built by cargo
//! the way a user's would be.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A crate under the target directory that depends on close-codes as `dependency` says.
fn user_crate(name: &str, dependency: &str, lib: &str) -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("features")
        .join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let runtime = format!("{:?}", repo.join("runtime").display().to_string());
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
             [dependencies]\n{}\n\n[workspace]\n",
            dependency.replace("RUNTIME", &runtime)
        ),
    )
    .unwrap();
    // The workspace's lock file pins the same versions, so nothing new is fetched.
    std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::copy(repo.join("codes.md"), dir.join("codes.md")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    dir
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("features/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const BUNDLED_ONLY: &str = "#![no_std]\n\
    pub fn sendable(code: u16) -> bool {\n    \
        close_codes::CloseCode::from_u16(code).is_some_and(close_codes::CloseCode::is_sendable)\n\
    }\n";

#[test]
fn the_bundled_type_needs_no_dependency() {
    let dir = user_crate(
        "bundled-only",
        "close-codes = { path = RUNTIME }",
        BUNDLED_ONLY,
    );
    let tree = cargo(
        &dir,
        &["tree", "--edges", "normal,build", "--prefix", "none"],
    );
    assert!(tree.status.success(), "{}", text(&tree.stderr));
    let crates: Vec<String> = text(&tree.stdout)
        .lines()
        .map(|line| line.split(' ').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(crates, ["bundled-only", "close-codes"]);
    let build = cargo(&dir, &["build", "--quiet"]);
    assert!(build.status.success(), "{}", text(&build.stderr));
}

#[test]
fn close_codes_without_the_macros_feature_is_one_clear_error() {
    let dir = user_crate(
        "no-macros-feature",
        "close-codes = { path = RUNTIME }",
        "close_codes::close_codes!(\"codes.md\");\n",
    );
    let check = cargo(&dir, &["check", "--quiet"]);
    assert!(!check.status.success());
    let stderr = text(&check.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(
        errors,
        [
            "error: `close_codes!` needs the `macros` feature of close-codes; in Cargo.toml: \
             close-codes = { version = \"0.1\", features = [\"macros\"] }",
            "error: could not compile `no-macros-feature` (lib) due to 1 previous error",
        ],
        "{stderr}"
    );
    assert!(stderr.contains("--> src/lib.rs:1:1"), "{stderr}");
}

#[test]
fn the_macros_feature_brings_the_proc_macro() {
    let dir = user_crate(
        "macros-feature",
        "close-codes = { path = RUNTIME, features = [\"macros\"] }",
        "close_codes::close_codes!(\"codes.md\");\n",
    );
    let tree = cargo(&dir, &["tree", "--edges", "normal", "--prefix", "none"]);
    let tree = text(&tree.stdout);
    assert!(tree.contains("close-codes-macros v"), "{tree}");
    // The proc macro stands on the brief's stack: syn reads its input, pulldown-cmark the
    // table, quote and proc-macro2 write the code.
    for present in ["syn v", "quote v", "proc-macro2 v", "pulldown-cmark v"] {
        assert!(tree.contains(present), "{present} missing from:\n{tree}");
    }
    // syn with no more features than serde_derive turns on, so an app with serde builds it
    // once for both.
    let features = cargo(
        &dir,
        &[
            "tree", "--edges", "features", "--invert", "syn", "--prefix", "none",
        ],
    );
    let mut syn_features: Vec<String> = text(&features.stdout)
        .lines()
        .filter_map(|line| line.strip_prefix("syn feature \""))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect();
    syn_features.sort();
    syn_features.dedup();
    assert_eq!(
        syn_features,
        ["parsing", "proc-macro"],
        "{}",
        text(&features.stdout)
    );
    let check = cargo(&dir, &["check", "--quiet"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
}

#[test]
fn a_generated_module_builds_with_default_features() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let module = std::fs::read_to_string(repo.join("examples/generated-file/src/app_codes.rs"))
        .expect("the example's generated module");
    let lib = format!(
        "#![no_std]\n{module}\npub const KICKED: u16 = AppCode::Kicked.as_u16();\n\
         pub fn sendable(code: u16) -> bool {{\n    \
             AppCode::from_u16(code).is_some_and(AppCode::is_sendable)\n}}\n"
    );
    let dir = user_crate("generated-module", "close-codes = { path = RUNTIME }", &lib);
    let build = cargo(&dir, &["clippy", "--quiet", "--", "-D", "warnings"]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let tree = cargo(&dir, &["tree", "--edges", "normal", "--prefix", "none"]);
    assert!(
        !text(&tree.stdout).contains("syn"),
        "{}",
        text(&tree.stdout)
    );
}

#[test]
fn build_script_mode_compiles_no_proc_macro_and_no_syn() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let codegen = format!("{:?}", repo.join("codegen").display().to_string());
    let dir = user_crate(
        "build-script-mode",
        &format!(
            "close-codes = {{ path = RUNTIME }}\n\n[build-dependencies]\n\
             close-codes-codegen = {{ path = {codegen} }}"
        ),
        BUNDLED_ONLY,
    );
    let tree = |edges: &str| {
        let out = cargo(&dir, &["tree", "--edges", edges, "--prefix", "none"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let normal = tree("normal");
    assert_eq!(normal.lines().count(), 2, "{normal}");
    let build = tree("normal,build");
    assert!(build.contains("close-codes-codegen v"), "{build}");
    assert!(build.contains("pulldown-cmark v"), "{build}");
    for absent in ["syn v", "close-codes-macros v"] {
        assert!(!build.contains(absent), "{absent} in:\n{build}");
    }
}
