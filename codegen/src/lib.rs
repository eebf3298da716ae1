//! The close-codes pipeline, as an ordinary library: the proc macro, the CLI, the build-script
//! mode, tests and benchmarks all call it.
//!
//! Data flows one way, one private module per stage: `source` (text, `line:col`) →
//! `markdown` (pulldown-cmark's tables, each cell with its span) → `select` (the close-code
//! table and its columns) → `model` (validated rows; every
//! problem collected) → `layout` (the type, decided as plain data) → `expand` (Rust tokens, from `quote!`), or
//! `emit` (TypeScript, JSON). [`Diagnostic`] is the one error type, rendered as rustc renders
//! its own. [`Build`] writes the macro's output as source text, for build scripts and checked-in
//! files. ARCHITECTURE.md in the repository draws the stages and says where to add things.
//!
//! # Cargo features
//!
//! - `build` (default): [`Build`], the generated code as source text, for build scripts, the
//!   CLI's `generate`, and checked-in generated files; [`split_items`], the code one top-level
//!   item at a time, for formatters.
//! - `macro`: [`expand_macro`], the proc macro's front half: the macro's input parsed with syn
//!   (the one part of the pipeline that needs it, so build scripts and the CLI never compile
//!   syn for it), the expansion written with quote.
//! - `emit`: [`Emit`], the validated table as a TypeScript module or JSON, for the CLI's
//!   `generate --lang ts|json`.
//!
//! ```
//! use close_codes_codegen::{Source, check};
//!
//! let source = Source::new("codes.md", "| Code | Name |\n|---|---|\n| 1000 | Normal Closure |\n| 4000 - 4999 | |\n");
//! let (table, problems) = check(&source, None);
//! assert!(problems.is_empty());
//! assert_eq!(table.rows[0].name.as_ref().unwrap().ident, "NormalClosure");
//! assert!(table.rows[1].is_range());
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

// The stages (source -> markdown -> select -> model -> layout -> expand; ARCHITECTURE.md
// draws them).
mod diagnostic;
#[cfg(any(feature = "macro", feature = "build"))]
mod docs;
#[cfg(any(feature = "macro", feature = "build"))]
mod expand;
#[cfg(any(feature = "macro", feature = "build"))]
mod layout;
mod markdown;
mod model;
mod names;
mod select;
mod source;
// Front ends.
#[cfg(feature = "build")]
mod build;
#[cfg(feature = "emit")]
mod emit;
#[cfg(feature = "macro")]
mod invocation;
#[cfg(any(feature = "macro", feature = "build"))]
mod load;

#[cfg(feature = "build")]
#[cfg_attr(docsrs, doc(cfg(feature = "build")))]
pub use crate::build::{Build, BuildError, split_items};
pub use crate::diagnostic::Diagnostic;
#[cfg(feature = "emit")]
#[cfg_attr(docsrs, doc(cfg(feature = "emit")))]
pub use crate::emit::Emit;
#[cfg(feature = "macro")]
#[cfg_attr(docsrs, doc(cfg(feature = "macro")))]
pub use crate::invocation::expand_macro;
pub use crate::model::{Custom, Name, Row, Table, check};
pub use crate::source::Source;
