//! The close-codes pipeline, as an ordinary library: the proc macro, the CLI, the build-script
//! mode, tests and benchmarks all call it.
//!
//! Data flows one way, one module per stage:
//! [`source`] (bytes, `line:col`) → [`markdown`] (the table's raw rows, each cell with its span)
//! → [`model`] (validated rows; every problem collected) → [`expand`] (tokens).
//! [`names`] turns cell text into identifiers; [`diagnostic`] is the one error type, rendered as
//! rustc renders its own. [`Build`] is the build-script mode: the macro's output, written to
//! `OUT_DIR`, or to a checked-in file.
//!
//! # Cargo features
//!
//! - `build` (default): [`Build`], the generated code as source text, for build scripts, the
//!   CLI's `generate`, and checked-in generated files.
//! - `macro`: [`expand_macro`], the proc macro's front half; the only part that needs syn (to
//!   parse the macro's input), so build scripts and the CLI never compile it for that.
//!
//! ```
//! use close_codes_codegen::{check, source::Source};
//!
//! let source = Source::new("codes.md", "| Code | Name |\n|---|---|\n| 1000 | Normal Closure |\n| 4000 - 4999 | |\n");
//! let (table, problems) = check(&source, None);
//! assert!(problems.is_empty());
//! assert_eq!(table.rows[0].name.as_ref().unwrap().ident, "NormalClosure");
//! assert!(table.rows[1].is_range());
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "build")]
pub mod build;
pub mod diagnostic;
mod docs;
pub mod expand;
#[cfg(feature = "macro")]
mod invocation;
mod layout;
pub mod markdown;
pub mod model;
pub mod names;
pub mod source;

#[cfg(any(feature = "macro", feature = "build"))]
use std::path::{Path, PathBuf};

#[cfg(feature = "macro")]
use proc_macro2::TokenStream;
#[cfg(feature = "macro")]
use quote::{quote, quote_spanned};

#[cfg(feature = "build")]
pub use crate::build::Build;
use crate::diagnostic::Diagnostic;
#[cfg(feature = "macro")]
use crate::expand::Options;
#[cfg(feature = "macro")]
use crate::invocation::Invocation;
use crate::model::Table;
use crate::source::Source;

/// Finds the table in `source` (under `heading`, if given) and validates it. The table holds
/// every row that passed; the problems are every one found, in document order.
pub fn check(source: &Source, heading: Option<&str>) -> (Table, Vec<Diagnostic>) {
    match markdown::find_table(source, heading) {
        Ok(raw) => model::validate(&raw, source),
        Err(problem) => (Table::default(), vec![problem]),
    }
}

/// The whole macro: parses the invocation, reads the table relative to `manifest_dir`, and
/// returns the generated type, preceded by one `compile_error!` per problem. Never panics: with
/// problems it still emits the type from the rows that passed, so the user sees the table's
/// errors rather than a cascade of unresolved names.
#[cfg(feature = "macro")]
#[cfg_attr(docsrs, doc(cfg(feature = "macro")))]
pub fn expand_macro(input: TokenStream, manifest_dir: Option<&Path>) -> TokenStream {
    let invocation = match syn::parse2::<Invocation>(input) {
        Ok(invocation) => invocation,
        Err(error) => return error.to_compile_error(),
    };
    let written = invocation.path.value();
    let span = invocation.path.span();
    let heading = invocation.heading.as_ref().map(syn::LitStr::value);

    let Loaded {
        resolved,
        source,
        table,
        problems,
    } = load(&written, manifest_dir, heading.as_deref());
    let errors = problems.iter().map(|problem| {
        let message = problem.render(source.as_ref());
        quote_spanned!(span=> ::core::compile_error! { #message })
    });
    let vis = invocation.vis;
    let name = invocation.name;
    let options = Options {
        krate: invocation.krate,
        attrs: invocation.attrs,
        // The type is `pub` in a module of its own; the re-export below has the user's
        // visibility.
        vis: quote!(pub),
        name: name.clone(),
        source_name: written,
        // Only a file that exists can be tracked; one that failed to read is reported anyway.
        include: resolved
            .filter(|_| source.is_some())
            .and_then(|path| path.to_str().map(str::to_owned)),
        has_docs: invocation.has_docs,
    };
    let generated = expand::expand(&table, &options);
    // One module a call, the type re-exported from it: two calls that make the same name in
    // one module are then one error on the name ("defined multiple times"), rather than one for
    // every method and impl both define. `use super::*` lets the user's attributes name what
    // the calling module has in scope.
    let module = quote::format_ident!("__close_codes_{}_{}", name, next_call());
    quote! {
        #(#errors)*
        #[allow(non_snake_case, unreachable_pub)]
        mod #module {
            #[allow(unused_imports)]
            use super::*;
            #generated
        }
        #vis use #module::#name;
    }
}

/// A number for each call the proc macro expands in this compiler process, to name its module.
#[cfg(feature = "macro")]
fn next_call() -> usize {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A table file read the way the macro reads it, and checked.
#[cfg(any(feature = "macro", feature = "build"))]
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
#[cfg(any(feature = "macro", feature = "build"))]
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
                manifest_dir.map_or(String::new(), |dir| format!(": {}", dir.display()))
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
#[cfg(any(feature = "macro", feature = "build"))]
fn shown_name(written: &str, resolved: &Path, manifest_dir: Option<&Path>) -> String {
    let Some(manifest_dir) = manifest_dir else {
        return written.to_owned();
    };
    let root = manifest_dir
        .ancestors()
        .find(|dir| declares_workspace(&dir.join("Cargo.toml")))
        .unwrap_or(manifest_dir);
    match lexically_normal(resolved).strip_prefix(root) {
        Ok(relative) if Path::new(written).is_relative() => relative.display().to_string(),
        _ => written.to_owned(),
    }
}

/// `a/b/../c` as `a/c`, without asking the file system (a missing file has no real path).
#[cfg(any(feature = "macro", feature = "build"))]
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
#[cfg(any(feature = "macro", feature = "build"))]
fn declares_workspace(manifest: &Path) -> bool {
    std::fs::read_to_string(manifest).is_ok_and(|text| {
        text.lines().any(|line| {
            let line = line.trim_start();
            line.starts_with("[workspace]") || line.starts_with("[workspace.")
        })
    })
}

#[cfg(any(feature = "macro", feature = "build"))]
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
