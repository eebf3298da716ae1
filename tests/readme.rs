//! The README keeps its promises: it stays a short front door with its two commands on top,
//! its dependency lines name this repository and this version, its build-script snippets are
//! the example crate's own files, and each mode's snippets, copied with the table shown next to
//! them into a new crate of their own, build and run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const README: &str = include_str!("../README.md");
const MANIFEST: &str = include_str!("../Cargo.toml");

/// A fenced code block of the README.
#[derive(Debug)]
struct Block {
    /// The heading of the section (`##` or `###`) it is in, without the `#`s.
    section: &'static str,
    /// The file it is, from the line before it (`` `src/main.rs`: ``), if that line names one.
    file: Option<&'static str>,
    /// The fence's info string: `rust`, `toml`, `sh`, …
    info: &'static str,
    /// The lines between the fences.
    body: String,
}

/// Every fenced code block of the README, in order.
fn blocks() -> Vec<Block> {
    let mut blocks = Vec::new();
    let (mut section, mut previous) = ("", "");
    let mut lines = README.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```") {
            let mut body = String::new();
            for line in lines.by_ref() {
                if line.starts_with("```") {
                    break;
                }
                body.push_str(line);
                body.push('\n');
            }
            let file = previous
                .strip_prefix('`')
                .and_then(|rest| rest.strip_suffix("`:"));
            blocks.push(Block {
                section,
                file,
                info,
                body,
            });
            previous = "";
            continue;
        }
        if line.starts_with("## ") || line.starts_with("### ") {
            section = line.trim_start_matches('#').trim();
        }
        if !line.is_empty() {
            previous = line;
        }
    }
    blocks
}

/// The block for `file` in the section `section`.
fn file_in(section: &str, file: &str) -> String {
    let found: Vec<Block> = blocks()
        .into_iter()
        .filter(|block| block.section == section && block.file == Some(file))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "`{file}` in README section {section:?}: {found:#?}"
    );
    found.into_iter().next().unwrap().body
}

/// A value of the root manifest's `[workspace.package]`.
fn workspace_package(key: &str) -> &'static str {
    let table = &MANIFEST[MANIFEST.find("[workspace.package]").expect("the table")..];
    let line = table
        .lines()
        .find(|line| line.starts_with(&format!("{key} = ")))
        .expect("the key");
    line.split('"').nth(1).expect("a string value")
}

#[test]
fn the_readme_is_a_front_door_with_its_two_commands_on_top() {
    let lines = README.lines().count();
    assert!(lines <= 250, "README.md has {lines} lines");
    let first = &blocks()[0];
    assert_eq!(first.info, "sh");
    let commands: Vec<&str> = first
        .body
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .collect();
    assert_eq!(
        commands,
        [
            "cargo run -p close-codes --example tour",
            "cargo test --workspace --all-features"
        ]
    );
}

#[test]
fn dependency_lines_name_this_repository_and_version() {
    let repository = workspace_package("repository");
    let mut urls = 0;
    for (at, _) in README.match_indices("github.com/") {
        let url: String = README[..at]
            .rsplit(['"', ' ', '('])
            .next()
            .unwrap_or_default()
            .chars()
            .chain(
                README[at..]
                    .chars()
                    .take_while(|c| !matches!(c, '"' | ' ' | ')' | '\n')),
            )
            .collect();
        if url.contains("/blob/") || url.contains("/tree/") {
            continue;
        }
        assert_eq!(url, repository, "a repository URL in the README");
        urls += 1;
    }
    assert!(urls >= 4, "{urls} repository URLs");
    // After the first release: the version's major.minor, as Cargo reads a 0.x requirement.
    let version = workspace_package("version");
    let minor = version.rsplit_once('.').expect("x.y.z").0;
    assert!(
        README.contains(&format!("`close-codes = \"{minor}\"`")),
        "{minor}"
    );
}

#[test]
fn build_script_snippets_are_the_example_files() {
    // The example crate, built and tested against the macro in the workspace, is the README's.
    let section = "A build script";
    let build = file_in(section, "build.rs");
    assert!(
        include_str!("../examples/build-script/build.rs").contains(&build),
        "README's build.rs is not examples/build-script/build.rs:\n{build}"
    );
    let table = file_in("Your own table", "codes.md");
    assert!(
        include_str!("../examples/build-script/codes.md").contains(&table),
        "README's codes.md is not in examples/build-script/codes.md:\n{table}"
    );
    let manifest = include_str!("../examples/build-script/Cargo.toml");
    for line in file_in(section, "Cargo.toml")
        .lines()
        .filter(|line| line.contains(" = "))
    {
        let (name, _) = line.split_once(" = ").expect("a dependency line");
        assert!(
            manifest.contains(&format!("{name}.workspace = true"))
                || manifest.contains(&format!("{name} = {{ workspace = true")),
            "{name}"
        );
    }
}

/// A new crate, outside the workspace, from one mode's snippets: its manifest (the README's
/// dependency lines, a git dependency on this repository made a path dependency on this
/// checkout), the README's table as `codes.md`, and `files`.
fn new_crate(name: &str, dependencies: &str, files: &[(&str, String)]) -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("readme")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let git = format!("git = {:?}", workspace_package("repository"));
    let mut manifest =
        format!("[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n");
    for line in dependencies.lines() {
        let package = line.split(" = ").next().unwrap_or_default();
        let line = match package {
            "close-codes" | "close-codes-codegen" => {
                assert!(line.contains(&git), "not a git dependency: {line}");
                let path = if package == "close-codes" {
                    "runtime"
                } else {
                    "codegen"
                };
                let path = format!("path = {:?}", repo.join(path).display().to_string());
                line.replace(&git, &path)
            }
            _ => line.to_owned(),
        };
        manifest.push_str(&line);
        manifest.push('\n');
    }
    manifest.push_str("\n[workspace]\n");
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    // The workspace's lock file pins the same versions, so the build needs no network.
    std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("codes.md"), file_in("Your own table", "codes.md")).unwrap();
    for (path, text) in files {
        std::fs::write(dir.join(path), text).unwrap();
    }
    dir
}

/// `cargo run` in `dir`, offline, into one target directory all these crates share.
fn run(dir: &Path) -> Output {
    Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("readme/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

fn assert_runs(dir: &Path) {
    let out = run(dir);
    assert!(
        out.status.success(),
        "{}:\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_bundled_type_snippet_runs_in_a_new_crate() {
    let main = blocks()
        .into_iter()
        .find(|block| block.section == "The bundled type" && block.file == Some("src/main.rs"))
        .expect("the snippet")
        .body;
    let dependencies = blocks()
        .into_iter()
        .find(|block| block.section == "Depending on it" && block.info == "toml")
        .expect("the dependency before the first release")
        .body;
    assert_runs(&new_crate(
        "readme-bundled",
        &dependencies,
        &[("src/main.rs", main)],
    ));
}

#[test]
fn the_macro_snippet_runs_in_a_new_crate() {
    let section = "The `close_codes!` macro";
    assert_runs(&new_crate(
        "readme-macro",
        &file_in(section, "Cargo.toml"),
        &[("src/main.rs", file_in(section, "src/main.rs"))],
    ));
}

#[test]
fn the_build_script_snippet_runs_in_a_new_crate() {
    let section = "A build script";
    assert_runs(&new_crate(
        "readme-build-script",
        &file_in(section, "Cargo.toml"),
        &[
            ("build.rs", file_in(section, "build.rs")),
            ("src/main.rs", file_in(section, "src/main.rs")),
        ],
    ));
}

/// The settings of the README's `close-codes generate` line: the table, `--name` and `-o`.
fn generate_command(section: &str) -> (String, String, String) {
    let commands = blocks()
        .into_iter()
        .find(|block| block.section == section && block.info == "sh")
        .expect("the commands")
        .body;
    let line = commands
        .lines()
        .find(|line| line.starts_with("close-codes generate "))
        .expect("a generate command");
    let words: Vec<&str> = line.split_whitespace().collect();
    let after = |flag: &str| {
        let at = words.iter().position(|word| *word == flag).expect(flag);
        words[at + 1].to_owned()
    };
    // Only the settings this test applies below: any other would go unchecked.
    for word in &words[3..] {
        assert!(
            !word.starts_with('-') || ["--name", "-o"].contains(word),
            "{word}"
        );
    }
    assert!(
        commands.contains(&format!("close-codes check --generated {}", after("-o"))),
        "{commands}"
    );
    (words[2].to_owned(), after("--name"), after("-o"))
}

#[test]
fn the_generated_file_snippet_runs_in_a_new_crate() {
    let section = "A generated file";
    let (table, name, output) = generate_command(section);
    assert_eq!(table, "codes.md");
    let dir = new_crate(
        "readme-generated-file",
        &file_in(section, "Cargo.toml"),
        &[("src/main.rs", file_in(section, "src/main.rs"))],
    );
    // The module the CLI would write, from the pipeline its `generate` runs: the same items,
    // unformatted (building the CLI here would compile clap and prettyplease for one file).
    let module = close_codes_codegen::Build::new(table)
        .type_name(name)
        .manifest_dir(&dir)
        .generate()
        .unwrap_or_else(|error| panic!("{:?}", error.rendered()));
    std::fs::write(dir.join(output), module).unwrap();
    assert_runs(&dir);
}

/// The `markdown` blocks of a reference page, without their fences.
fn markdown_blocks(page: &str) -> Vec<&str> {
    page.split("```markdown\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or_default())
        .collect()
}

#[test]
fn the_reference_pages_show_the_tables_their_doctests_read() {
    // The table format page shows the whole document its examples read.
    let format = markdown_blocks(include_str!("../runtime/src/docs/table_format.md"));
    assert_eq!(
        format,
        [include_str!("../runtime/src/docs/tables/protocol.md")]
    );
    // The modes page shows the README's table, which its examples read from a copy of the
    // build-script example's document.
    let modes = markdown_blocks(include_str!("../runtime/src/docs/modes.md"));
    assert_eq!(modes, [file_in("Your own table", "codes.md")]);
    assert_eq!(
        include_str!("../runtime/src/docs/tables/game.md"),
        include_str!("../examples/build-script/codes.md")
    );
}
