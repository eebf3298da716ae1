//! Reading a table file: bounded, anything but a regular file refused, a missing one given
//! its near miss; and, for the macro and the build script, the path resolved against the
//! crate's `CARGO_MANIFEST_DIR` and shown from the workspace root. Every failure is a
//! [`Diagnostic`], then the table is checked.

use std::fs::{File, FileType};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, slip_distance};
use crate::model::{Table, check};
use crate::source::Source;

impl Source {
    /// Reads `path`, named `name` in messages. Every failure is a [`Diagnostic`] worded the
    /// same on every platform and machine (no OS error text, no absolute path: `name` says
    /// where, from where the user stands or from the workspace root).
    ///
    /// Only a regular file is read, and at most [`Source::MAX_FILE_LEN`] bytes of it: a
    /// directory, a FIFO, a device such as `/dev/zero` or a socket is refused before it is
    /// opened (so reading never blocks or runs forever), and a larger file is refused, even
    /// one that grows while it is read.
    pub fn read(path: &Path, name: &str) -> Result<Source, Diagnostic> {
        let text = utf8(read_bounded(path, name)?, name)?;
        // A byte order mark alone is no more a table than nothing is.
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            return Err(Diagnostic::error(format!("`{name}` is empty"))
                .with_help("add a markdown table with a code column"));
        }
        Ok(Source::new(name, text))
    }

    /// Reads `written`, a path relative to `base` (or absolute), as [`Source::read`] does; when
    /// no such file exists, the help names its near miss: a file in the same directory with a
    /// similar name, or one of the same name elsewhere under `base` (`target/` and hidden
    /// directories skipped, the search bounded).
    pub fn read_relative(written: &str, base: &Path, name: &str) -> Result<Source, Diagnostic> {
        Source::read(&base.join(written), name).map_err(|problem| match near_miss(written, base) {
            Some(near) => problem.with_help(near),
            None => problem,
        })
    }
}

/// The file's bytes, at most [`Source::MAX_FILE_LEN`] of them; its type is checked before it
/// is opened, since opening a FIFO blocks until something writes to it.
fn read_bounded(path: &Path, name: &str) -> Result<Vec<u8>, Diagnostic> {
    let metadata = std::fs::metadata(path).map_err(|error| unreadable(name, &error))?;
    if !metadata.is_file() {
        return Err(Diagnostic::error(format!(
            "`{name}` is {}, not a markdown file",
            kind(metadata.file_type())
        ))
        .with_help("name a markdown file: only a regular file is read"));
    }
    refuse_beyond_limit(metadata.len(), name)?;
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|file| file.take(Source::MAX_FILE_LEN + 1).read_to_end(&mut bytes))
        .map_err(|error| unreadable(name, &error))?;
    refuse_beyond_limit(bytes.len() as u64, name)?;
    Ok(bytes)
}

fn refuse_beyond_limit(len: u64, name: &str) -> Result<(), Diagnostic> {
    if len <= Source::MAX_FILE_LEN {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "`{name}` is larger than {} MiB, the most a table file may hold",
        Source::MAX_FILE_LEN >> 20
    ))
    .with_help("a table of every close code fits well within it: is this the table's file?"))
}

/// "a directory", "a FIFO": what a file that is not a regular one is.
fn kind(file_type: FileType) -> &'static str {
    if file_type.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Why a file could not be read, without the OS's own words (they differ by platform).
fn unreadable(name: &str, error: &std::io::Error) -> Diagnostic {
    let why = match error.kind() {
        std::io::ErrorKind::NotFound => "no such file",
        std::io::ErrorKind::PermissionDenied => "permission denied",
        _ => "the file could not be read",
    };
    Diagnostic::error(format!("cannot read `{name}`: {why}"))
}

fn utf8(bytes: Vec<u8>, name: &str) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        // The valid prefix is UTF-8 by definition, so this never falls back.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let (line, col) = Source::new(name, prefix).line_col(prefix.len());
        Diagnostic::error(format!(
            "`{name}` is not UTF-8: the first bad byte is at {name}:{line}:{col}"
        ))
        .with_help("save the file as UTF-8")
    })
}

/// The most directory entries the near-miss search looks at, and how deep it goes: enough for
/// a crate's docs, never a walk of a whole disk.
const SEARCH_ENTRIES: usize = 2000;
const SEARCH_DEPTH: usize = 4;

/// For a path that does not exist, the help that names its near miss, as written from `base`:
/// a sibling whose name is a few edits away, else the same name elsewhere under `base`.
fn near_miss(written: &str, base: &Path) -> Option<String> {
    let path = base.join(written);
    if path.try_exists().unwrap_or(true) {
        return None;
    }
    let wanted = path.file_name()?.to_str()?;
    if let Some(similar) = path.parent().and_then(|dir| similar_sibling(dir, wanted)) {
        let near = Path::new(written).with_file_name(similar);
        return Some(format!(
            "a file with a similar name exists: `{}`",
            near.display()
        ));
    }
    if Path::new(written).is_absolute() {
        return None;
    }
    let elsewhere = same_name_under(base, wanted)?;
    Some(format!(
        "a file of that name exists at `{}`",
        elsewhere.display()
    ))
}

/// The file in `dir` whose name is closest to `wanted`, if its name is a slip for it
/// ([`slip_distance`]); ties go to the first name in order.
fn similar_sibling(dir: &Path, wanted: &str) -> Option<String> {
    std::fs::read_dir(dir)
        .ok()?
        .take(SEARCH_ENTRIES)
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            entry.path().is_file().then_some(name)
        })
        .filter_map(|name| Some((slip_distance(wanted, &name)?, name)))
        .min()
        .map(|(_, name)| name)
}

/// The shallowest file named `wanted` under `base`, as a path relative to it: breadth first,
/// each directory's entries in order, `target/` and hidden directories skipped, at most
/// [`SEARCH_ENTRIES`] entries and [`SEARCH_DEPTH`] levels.
fn same_name_under(base: &Path, wanted: &str) -> Option<PathBuf> {
    let mut level = vec![PathBuf::new()];
    let mut budget = SEARCH_ENTRIES;
    for _ in 0..SEARCH_DEPTH {
        let mut next = Vec::new();
        for relative in level {
            let mut entries: Vec<(String, bool)> = std::fs::read_dir(base.join(&relative))
                .into_iter()
                .flatten()
                .take(budget)
                .filter_map(|entry| {
                    let entry = entry.ok()?;
                    let is_dir = entry.file_type().ok()?.is_dir();
                    Some((entry.file_name().into_string().ok()?, is_dir))
                })
                .collect();
            budget = budget.saturating_sub(entries.len());
            entries.sort();
            for (name, is_dir) in entries {
                let path = relative.join(&name);
                if !is_dir && name == wanted {
                    return Some(path);
                }
                if is_dir && !name.starts_with('.') && name != "target" {
                    next.push(path);
                }
            }
        }
        level = next;
    }
    None
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
    let shown = shown_name(written, &resolved, manifest_dir);
    let base = manifest_dir.unwrap_or_else(|| Path::new(""));
    // A file that was found has a help of its own, if any; a missing one gets its near miss
    // and the rule that resolved its path.
    let read = Source::read(&resolved, &shown).map_err(|problem| {
        let rule = relative_to(manifest_dir);
        match (near_miss(written, base), &problem.help) {
            (Some(near), _) => problem.with_help(format!("{near}; {rule}")),
            (None, None) => problem.with_help(rule),
            (None, Some(_)) => problem,
        }
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

/// Where relative paths start, in one plain phrase: the crate's directory, named from the
/// workspace root when it is not the root itself (never the machine's own path before it).
fn relative_to(manifest_dir: Option<&Path>) -> String {
    let member = manifest_dir
        .and_then(|dir| dir.strip_prefix(workspace_root(dir)).ok())
        .filter(|relative| !relative.as_os_str().is_empty());
    match member {
        Some(relative) => format!(
            "paths are relative to the crate's directory `{}/`, the one with its Cargo.toml",
            relative.display()
        ),
        None => {
            "paths are relative to the crate's directory, the one with its Cargo.toml".to_owned()
        }
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
