//! Reading a table file the way the macro and the build script do: its path resolved against
//! the crate's `CARGO_MANIFEST_DIR`, shown in messages from the workspace root, every failure a
//! [`Diagnostic`], then checked.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::model::{Table, check};
use crate::source::Source;

impl Source {
    /// Reads `path`, named `name` in messages. Every failure is a [`Diagnostic`] worded the
    /// same on every platform and machine (no OS error text, no absolute path: `name` says
    /// where, from where the user stands or from the workspace root).
    pub fn read(path: &Path, name: &str) -> Result<Source, Diagnostic> {
        if path.is_dir() {
            return Err(Diagnostic::error(format!(
                "`{name}` is a directory, not a markdown file"
            )));
        }
        let bytes = std::fs::read(path).map_err(|error| {
            let why = match error.kind() {
                std::io::ErrorKind::NotFound => "no such file",
                std::io::ErrorKind::PermissionDenied => "permission denied",
                _ => "the file could not be read",
            };
            Diagnostic::error(format!("cannot read `{name}`: {why}"))
        })?;
        let text = String::from_utf8(bytes).map_err(|error| {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            // The valid prefix is UTF-8 by definition, so this never falls back.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let (line, col) = Source::new(name, prefix).line_col(prefix.len());
            Diagnostic::error(format!(
                "`{name}` is not UTF-8: the first bad byte is at {name}:{line}:{col}"
            ))
            .with_help("save the file as UTF-8")
        })?;
        if text.trim().is_empty() {
            return Err(Diagnostic::error(format!("`{name}` is empty"))
                .with_help("add a markdown table with a code column"));
        }
        Ok(Source::new(name, text))
    }
}

/// A table file read the way the macro reads it, and checked.
pub(crate) struct Loaded {
    /// The resolved path, for the rebuild hooks (the macro's `include_bytes!`, the build
    /// script's `rerun-if-changed`); `None` when the path could not be resolved.
    pub(crate) resolved: Option<PathBuf>,
    /// The document, when it could be read.
    pub(crate) source: Option<Source>,
    /// The rows that passed.
    pub(crate) table: Table,
    /// Every problem, reading included.
    pub(crate) problems: Vec<Diagnostic>,
}

/// Reads `written` relative to `manifest_dir` (the crate's `CARGO_MANIFEST_DIR`) and checks the
/// table under `heading`: the one front half of the macro and the build-script mode.
pub(crate) fn load(written: &str, manifest_dir: Option<&Path>, heading: Option<&str>) -> Loaded {
    let resolved = match resolve(written, manifest_dir) {
        Ok(resolved) => resolved,
        Err(problem) => {
            return Loaded {
                resolved: None,
                source: None,
                table: Table::default(),
                problems: vec![problem],
            };
        }
    };
    let read =
        Source::read(&resolved, &shown_name(written, &resolved, manifest_dir)).map_err(|problem| {
            // A file that was found and read has a help of its own; one that was not gets the
            // rule that resolved its path.
            if problem.help.is_some() {
                return problem;
            }
            problem.with_help(format!(
                "paths are relative to the directory of the crate's Cargo.toml \
                 (CARGO_MANIFEST_DIR){}",
                manifest_dir.map_or(String::new(), |dir| format!(
                    ": {}",
                    manifest_dir_shown(dir)
                ))
            ))
        });
    let (source, table, problems) = match read {
        Ok(source) => {
            let (table, problems) = check(&source, heading);
            (Some(source), table, problems)
        }
        Err(problem) => (None, Table::default(), vec![problem]),
    };
    Loaded {
        resolved: Some(resolved),
        source,
        table,
        problems,
    }
}

/// The table's path as messages show it: relative to the workspace root, as rustc shows the
/// paths of source files (cargo runs it there), so that in a workspace every path in one error
/// reads from the same place. A crate outside any workspace is its own root; a table outside
/// the root keeps the path as written.
fn shown_name(written: &str, resolved: &Path, manifest_dir: Option<&Path>) -> String {
    let Some(manifest_dir) = manifest_dir else {
        return written.to_owned();
    };
    match lexically_normal(resolved).strip_prefix(workspace_root(manifest_dir)) {
        Ok(relative) if Path::new(written).is_relative() => relative.display().to_string(),
        _ => written.to_owned(),
    }
}

/// The nearest directory at or above the crate's whose manifest declares a workspace; the
/// crate's own directory when none does (a crate outside any workspace is its own root).
fn workspace_root(manifest_dir: &Path) -> &Path {
    manifest_dir
        .ancestors()
        .find(|dir| declares_workspace(&dir.join("Cargo.toml")))
        .unwrap_or(manifest_dir)
}

/// Where relative paths start, as messages say it: the crate's directory from the workspace
/// root, without the machine's own path before it.
fn manifest_dir_shown(manifest_dir: &Path) -> String {
    match manifest_dir.strip_prefix(workspace_root(manifest_dir)) {
        Ok(relative) if relative.as_os_str().is_empty() => {
            "the crate's own directory, the workspace root".to_owned()
        }
        Ok(relative) => format!("`{}/` in the workspace", relative.display()),
        Err(_) => manifest_dir.display().to_string(),
    }
}

/// `a/b/../c` as `a/c`, without asking the file system (a missing file has no real path).
fn lexically_normal(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if normal.pop() => {}
            component => normal.push(component),
        }
    }
    normal
}

/// Whether a manifest has a `[workspace]` table (or only `[workspace.…]` ones, which make
/// one too).
fn declares_workspace(manifest: &Path) -> bool {
    std::fs::read_to_string(manifest).is_ok_and(|text| {
        text.lines().any(|line| {
            let line = line.trim_start();
            line.starts_with("[workspace]") || line.starts_with("[workspace.")
        })
    })
}

fn resolve(written: &str, manifest_dir: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    let path = Path::new(written);
    if path.is_absolute() {
        return Ok(path.to_owned());
    }
    match manifest_dir {
        Some(dir) => Ok(dir.join(path)),
        None => Err(Diagnostic::error(format!(
            "cannot resolve `{written}`: CARGO_MANIFEST_DIR is not set"
        ))
        .with_help("build with cargo, or give an absolute path")),
    }
}
