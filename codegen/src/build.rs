//! Build-script mode: the code `close_codes!` generates, written to `OUT_DIR` by a `build.rs`,
//! for crates that avoid proc macros or whose IDE caches macro output (rust-analyzer does not
//! re-run a macro when a file it reads changes, but it does re-run build scripts).
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), close_codes_codegen::BuildError> {
//!     close_codes_codegen::Build::new("codes.md")
//!         .type_name("AppCode")
//!         .visibility("pub(crate)")
//!         .write_to_out_dir("app_codes.rs")?;
//!     Ok(())
//! }
//! ```
//!
//! ```text
//! // src/main.rs or lib.rs
//! include!(concat!(env!("OUT_DIR"), "/app_codes.rs"));
//! ```
//!
//! The generated file names the runtime as `::close_codes` (see [`Build::crate_path`]), so the
//! crate depends on `close-codes` and has `close-codes-codegen` as a build-dependency.

use std::fmt;
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, Ident, TokenStream, TokenTree};
use quote::quote;

use crate::diagnostic::Diagnostic;
use crate::expand::{self, Options};
use crate::load::load;
use crate::model::{Table, check};
use crate::source::Source;

/// Writes a close-code type generated from a markdown table, for `include!` from `OUT_DIR`.
///
/// Every setting has the macro's default: type `CloseCode`, visibility `pub`, the first table
/// with a code column, runtime at `::close_codes`.
#[derive(Clone, Debug)]
pub struct Build {
    table: String,
    heading: Option<String>,
    type_name: String,
    visibility: String,
    docs: Vec<String>,
    attributes: Vec<String>,
    crate_path: String,
    manifest_dir: Option<PathBuf>,
}

impl Build {
    /// Reads `table`, a path relative to the crate's directory, the one with its Cargo.toml
    /// (`CARGO_MANIFEST_DIR`), as in the macro; or an absolute path.
    pub fn new(table: impl Into<String>) -> Self {
        Build {
            table: table.into(),
            heading: None,
            type_name: "CloseCode".to_owned(),
            visibility: "pub".to_owned(),
            docs: Vec::new(),
            attributes: Vec::new(),
            crate_path: "::close_codes".to_owned(),
            manifest_dir: None,
        }
    }

    /// Reads the first table under the heading with this text, as the macro's `heading = "…"`.
    #[must_use]
    pub fn heading(mut self, heading: impl Into<String>) -> Self {
        self.heading = Some(heading.into());
        self
    }

    /// The enum's name (`CloseCode` by default).
    #[must_use]
    pub fn type_name(mut self, name: impl Into<String>) -> Self {
        self.type_name = name.into();
        self
    }

    /// The enum's visibility as Rust spells it: `pub` (the default), `pub(crate)`, or `""`.
    #[must_use]
    pub fn visibility(mut self, visibility: impl Into<String>) -> Self {
        self.visibility = visibility.into();
        self
    }

    /// Adds doc text for the enum (each call one paragraph line, as a `///` line would be).
    /// With docs of your own, the enum's default first line is left out, as in the macro.
    #[must_use]
    pub fn doc(mut self, line: impl Into<String>) -> Self {
        self.docs.push(line.into());
        self
    }

    /// Adds an outer attribute for the enum, written without `#[` `]`: `"non_exhaustive"`.
    #[must_use]
    pub fn attribute(mut self, attribute: impl Into<String>) -> Self {
        self.attributes.push(attribute.into());
        self
    }

    /// The path the generated code names the runtime by (`::close_codes` by default); set it
    /// when the crate renames its `close-codes` dependency.
    #[must_use]
    pub fn crate_path(mut self, path: impl Into<String>) -> Self {
        self.crate_path = path.into();
        self
    }

    /// The directory relative paths start from, instead of `CARGO_MANIFEST_DIR`.
    #[must_use]
    pub fn manifest_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.manifest_dir = Some(dir.into());
        self
    }

    /// Reads and checks the table and returns the generated Rust source, without writing it.
    pub fn generate(&self) -> Result<String, BuildError> {
        self.generate_tracked().1
    }

    /// Checks an already-read document (the CLI reads paths from the working directory) and
    /// returns the generated Rust source.
    pub fn generate_from(&self, source: &Source) -> Result<String, BuildError> {
        self.tokens_from(source)
            .map(|tokens| Self::text(&self.table, tokens))
    }

    /// As [`generate_from`](Self::generate_from), as tokens: for a front end that formats the
    /// code itself (the CLI's `generate` writes it through prettyplease, for reading).
    pub fn tokens_from(&self, source: &Source) -> Result<TokenStream, BuildError> {
        let (table, problems) = check(source, self.heading.as_deref());
        self.finish(Some(source), &table, problems)
    }

    /// For a build script: prints `cargo:rerun-if-changed=<table>`, generates the code and
    /// writes it to `$OUT_DIR/<file_name>`, returning that path. On problems in the table it
    /// prints each one to stderr, rendered as rustc renders errors (cargo shows a failed build
    /// script's stderr), and returns an error counting them, so `build.rs` can use `?` or
    /// `.unwrap()`.
    pub fn write_to_out_dir(&self, file_name: impl AsRef<Path>) -> Result<PathBuf, BuildError> {
        let Some(out_dir) = std::env::var_os("OUT_DIR") else {
            return Err(BuildError::NoOutDir);
        };
        let path = PathBuf::from(out_dir).join(file_name);
        self.write_to(&path)?;
        Ok(path)
    }

    /// As [`write_to_out_dir`](Self::write_to_out_dir), to any path.
    pub fn write_to(&self, path: &Path) -> Result<(), BuildError> {
        let (resolved, generated) = self.generate_tracked();
        if let Some(resolved) = resolved {
            // Printed even when the table is bad, so that fixing it re-runs the build script.
            println!("cargo:rerun-if-changed={}", resolved.display());
        }
        let code = generated.inspect_err(|error| {
            if let BuildError::Table { .. } = error {
                for shown in error.rendered() {
                    eprintln!("error: {shown}\n");
                }
            }
        })?;
        std::fs::write(path, code).map_err(|error| BuildError::Write {
            path: path.to_owned(),
            error,
        })
    }

    fn generate_tracked(&self) -> (Option<PathBuf>, Result<String, BuildError>) {
        let manifest_dir = self
            .manifest_dir
            .clone()
            .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from));
        let loaded = load(
            &self.table,
            manifest_dir.as_deref(),
            self.heading.as_deref(),
        );
        let generated = self
            .finish(loaded.source.as_ref(), &loaded.table, loaded.problems)
            .map(|tokens| Self::text(&self.table, tokens));
        (loaded.resolved, generated)
    }

    /// The generated code, allowing the lints that `include!`d or checked-in code would trip
    /// where the macro's output does not.
    fn finish(
        &self,
        source: Option<&Source>,
        table: &Table,
        problems: Vec<Diagnostic>,
    ) -> Result<TokenStream, BuildError> {
        if !problems.is_empty() {
            return Err(BuildError::Table {
                source: source.cloned(),
                problems,
            });
        }
        // `SOURCE` and the docs name the table as written, as the macro does.
        let mut options = self.options(&self.table)?;
        options.attrs.insert(0, allow_unused());
        Ok(allow_unused_in_impls(expand::expand(table, &options)))
    }

    /// The source text a build script writes: a header line, then one item a line.
    fn text(source_name: &str, tokens: TokenStream) -> String {
        format!(
            "// Generated by close-codes from `{source_name}`. Edit the table, not this file.\n{}",
            items(tokens)
        )
    }

    /// The type for an already checked table, as tokens: what the macro emits with these
    /// settings (less its `include_bytes!` rebuild hook). For benchmarks, tests and tools that
    /// hold a [`Table`] already.
    pub fn expand(&self, table: &Table) -> Result<TokenStream, BuildError> {
        Ok(expand::expand(table, &self.options(&self.table)?))
    }

    /// The settings as [`expand::expand`] takes them, exactly as the macro would pass them
    /// (with the runtime at [`crate_path`](Self::crate_path) and no `include_bytes!`);
    /// `source_name` is what `SOURCE` and the docs call the table.
    pub(crate) fn options(&self, source_name: &str) -> Result<Options, BuildError> {
        let invalid = |setting, value: &str, expected| BuildError::Setting {
            setting,
            value: value.to_owned(),
            expected,
        };
        let name = type_ident(&self.type_name).ok_or_else(|| {
            invalid(
                "type name",
                &self.type_name,
                "an identifier that is not a keyword",
            )
        })?;
        let vis = tokens(&self.visibility)
            .filter(is_visibility)
            .ok_or_else(|| {
                invalid(
                    "visibility",
                    &self.visibility,
                    "`pub`, `pub(crate)`, `pub(super)`, `pub(in path)` or nothing",
                )
            })?;
        let krate = tokens(&self.crate_path)
            .filter(|path| !path.is_empty())
            .ok_or_else(|| invalid("crate path", &self.crate_path, "a path"))?;
        let mut attrs = Vec::new();
        for line in &self.docs {
            for line in line.lines() {
                let line = format!(" {line}");
                attrs.push(quote!(#[doc = #line]));
            }
        }
        for attribute in &self.attributes {
            let attribute = tokens(attribute)
                .filter(|attribute| !attribute.is_empty())
                .ok_or_else(|| invalid("attribute", attribute, "what goes inside `#[…]`"))?;
            attrs.push(quote!(#[#attribute]));
        }
        Ok(Options {
            krate,
            attrs,
            has_docs: !self.docs.is_empty(),
            vis,
            name,
            source_name: source_name.to_owned(),
            // The build script's `rerun-if-changed` tracks the table instead.
            include: None,
            // `allow_unused_in_impls` puts its allowances on every impl of the file.
            impl_attrs: Vec::new(),
        })
    }
}

/// `#[allow(dead_code, unreachable_pub)]`, for the enum and each `impl`. Code that is
/// `include!`d or checked in is linted as the crate's own, where macro output is not: allow
/// what the macro's users never see either (methods a crate does not call, `pub` methods on a
/// crate-visible type).
fn allow_unused() -> TokenStream {
    quote!(#[allow(dead_code, unreachable_pub)])
}

fn allow_unused_in_impls(tokens: TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    for token in tokens {
        if matches!(&token, TokenTree::Ident(ident) if ident == "impl") {
            out.extend(allow_unused());
        }
        out.extend([token]);
    }
    out
}

/// The generated items, one per line. (Unformatted otherwise: `close-codes expand` and
/// `close-codes generate` print the same code formatted, for reading.)
fn items(tokens: TokenStream) -> String {
    let mut out = String::new();
    for item in split_items(tokens) {
        out.push_str(&item.to_string());
        out.push('\n');
    }
    out
}

/// The generated code's top-level items, in order, each as its own tokens: what a build
/// script's file holds one a line, and what a formatter can lay out one at a time without
/// holding a huge table's whole syntax tree.
///
/// ```
/// use close_codes_codegen::{Build, Source, split_items};
///
/// let source = Source::new("codes.md", "| Code | Name |\n|---|---|\n| 4000 | Kicked |\n");
/// let items = split_items(Build::new("codes.md").tokens_from(&source)?);
/// assert!(items[0].to_string().contains("enum CloseCode"));
/// assert!(items.len() > 1);
/// # Ok::<(), close_codes_codegen::BuildError>(())
/// ```
#[must_use]
pub fn split_items(tokens: TokenStream) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut item = TokenStream::new();
    for token in tokens {
        // Every item the pipeline writes ends in a `{ … }` body or a `;`.
        let ends_item = match &token {
            TokenTree::Group(group) => group.delimiter() == Delimiter::Brace,
            TokenTree::Punct(punct) => punct.as_char() == ';',
            TokenTree::Ident(_) | TokenTree::Literal(_) => false,
        };
        item.extend([token]);
        if ends_item {
            items.push(std::mem::take(&mut item));
        }
    }
    if !item.is_empty() {
        items.push(item);
    }
    items
}

/// Rust's keywords in the 2024 edition, strict and reserved, and `_`: none can name a type.
const KEYWORDS: [&str; 53] = [
    "_", "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// One identifier that is not a keyword (a raw `r#type` is fine), as a type name must be.
/// (proc-macro2 lexes keywords as identifiers; syn's `Ident` parser would refuse them, but
/// syn is compiled only for the macro.)
fn type_ident(text: &str) -> Option<Ident> {
    let mut tokens = tokens(text)?.into_iter();
    match (tokens.next(), tokens.next()) {
        (Some(TokenTree::Ident(ident)), None) if !KEYWORDS.contains(&&*ident.to_string()) => {
            Some(ident)
        }
        _ => None,
    }
}

fn tokens(text: &str) -> Option<TokenStream> {
    text.parse().ok()
}

/// Nothing, `pub`, or `pub(…)`.
fn is_visibility(tokens: &TokenStream) -> bool {
    let mut tokens = tokens.clone().into_iter();
    match tokens.next() {
        None => true,
        Some(TokenTree::Ident(ident)) if ident == "pub" => match tokens.next() {
            None => true,
            Some(TokenTree::Group(group)) => {
                group.delimiter() == Delimiter::Parenthesis && tokens.next().is_none()
            }
            Some(_) => false,
        },
        Some(_) => false,
    }
}

/// Why the code could not be generated or written.
#[non_exhaustive]
pub enum BuildError {
    /// The table could not be read, or has problems: every one of them.
    Table {
        /// The document, when it was read, for rendering the problems with their lines.
        source: Option<Source>,
        /// Every problem, in document order.
        problems: Vec<Diagnostic>,
    },
    /// A setting of the [`Build`] is not valid Rust.
    Setting {
        /// Which setting: `type name`, `visibility`, `crate path` or `attribute`.
        setting: &'static str,
        /// The value given.
        value: String,
        /// What the setting takes.
        expected: &'static str,
    },
    /// `write_to_out_dir` was called outside a build script: `OUT_DIR` is not set.
    NoOutDir,
    /// The generated file could not be written.
    Write {
        /// Where it was to be written.
        path: PathBuf,
        /// Why it could not be.
        error: std::io::Error,
    },
}

impl BuildError {
    /// Every problem rendered as rustc renders errors, one string each: at most
    /// [`Diagnostic::MAX_SHOWN`], then one saying how many more there are.
    pub fn rendered(&self) -> Vec<String> {
        match self {
            BuildError::Table { source, problems } => {
                Diagnostic::render_capped(problems, source.as_ref())
            }
            other => vec![other.to_string()],
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Table { source, problems } => {
                // What a build script's user reads under cargo's "failed to run custom build
                // command", below the problems `write_to` printed.
                let count = crate::diagnostic::counted(problems.len(), "problem");
                match source {
                    Some(source) => {
                        write!(f, "the close-code table `{}` has {count}", source.name())
                    }
                    None => write!(f, "the close-code table could not be read"),
                }?;
                f.write_str(": see the errors above, fix the table, and build again")
            }
            BuildError::Setting {
                setting,
                value,
                expected,
            } => write!(f, "invalid {setting} `{value}`: expected {expected}"),
            BuildError::NoOutDir => f.write_str(
                "OUT_DIR is not set: call `write_to_out_dir` from a build script, or use \
                 `write_to`",
            ),
            BuildError::Write { path, .. } => write!(f, "cannot write {}", path.display()),
        }
    }
}

/// The same as `Display`, so that `.unwrap()` in a build script reads well.
impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Write { error, .. } => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Build, BuildError};
    use crate::source::Source;

    const TABLE: &str = "| Code | Name |\n|---|---|\n| 4000 | Kicked |\n| 4100 - 4199 | |\n";

    #[test]
    fn generates_parseable_rust_with_the_settings() {
        let code = Build::new("app.md")
            .type_name("AppCode")
            .visibility("pub(crate)")
            .doc("Our codes.")
            .attribute("non_exhaustive")
            .generate_from(&Source::new("app.md", TABLE))
            .unwrap();
        assert!(code.starts_with("// Generated by close-codes from `app.md`."));
        assert!(code.contains("pub (crate) enum AppCode"), "{code}");
        assert!(code.contains("# [non_exhaustive]"), "{code}");
        assert!(code.contains("\" Our codes.\""), "{code}");
        assert!(code.contains(":: close_codes :: Row"), "{code}");
        assert!(!code.contains("include_bytes"), "{code}");
        // One item a line, every impl allowing what the enum allows.
        let lines: Vec<&str> = code.lines().skip(1).collect();
        assert!(lines[0].contains("enum AppCode"), "{}", lines[0]);
        assert_eq!(
            lines.iter().filter(|line| line.contains("impl")).count(),
            lines
                .iter()
                .filter(|line| line.starts_with("# [allow (dead_code , unreachable_pub)]"))
                .count(),
        );
        // The text lexes back: what `include!` will read.
        assert!(code.parse::<proc_macro2::TokenStream>().is_ok());
    }

    #[test]
    fn reports_every_problem_and_does_not_panic() {
        let source = Source::new(
            "bad.md",
            "| Code | Name |\n|---|---|\n| 1000 | A |\n| 1000 | B |\n| 70000 | C |\n",
        );
        let Err(error @ BuildError::Table { .. }) = Build::new("bad.md").generate_from(&source)
        else {
            panic!("expected table problems");
        };
        let rendered = error.rendered();
        assert_eq!(rendered.len(), 2, "{rendered:#?}");
        assert!(rendered[0].contains("bad.md:4:"), "{}", rendered[0]);
        assert!(rendered[1].contains("bad.md:5:"), "{}", rendered[1]);
        assert_eq!(
            error.to_string(),
            "the close-code table `bad.md` has 2 problems: see the errors above, fix the \
             table, and build again"
        );
    }

    #[test]
    fn rejects_settings_that_are_not_rust() {
        let source = Source::new("app.md", TABLE);
        for build in [
            Build::new("app.md").type_name("enum"),
            Build::new("app.md").type_name("Self"),
            Build::new("app.md").type_name("_"),
            Build::new("app.md").type_name(" "),
            Build::new("app.md").type_name(" enum "),
            Build::new("app.md").type_name("Two Words"),
            Build::new("app.md").visibility("public"),
            Build::new("app.md").visibility("pub crate"),
            Build::new("app.md").attribute("derive(("),
            Build::new("app.md").crate_path(""),
        ] {
            let result = build.generate_from(&source);
            assert!(
                matches!(result, Err(BuildError::Setting { .. })),
                "{build:?}"
            );
        }
        assert!(
            Build::new("app.md")
                .visibility("")
                .generate_from(&source)
                .is_ok()
        );
    }

    #[test]
    fn reads_relative_to_the_manifest_dir() {
        let dir = std::env::temp_dir().join(format!("close-codes-build-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("codes.md"), TABLE).unwrap();
        let build = Build::new("codes.md").manifest_dir(&dir);
        let out = dir.join("out.rs");
        build.write_to(&out).unwrap();
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.contains("enum CloseCode"));

        let missing = Build::new("nope.md").manifest_dir(&dir).write_to(&out);
        let Err(error) = missing else {
            panic!("a missing table must be an error")
        };
        let rendered = error.rendered().join("\n");
        assert!(
            rendered.contains("cannot read `nope.md`: no such file"),
            "{rendered}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
