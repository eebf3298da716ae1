//! WebSocket close codes from one markdown table.
//!
//! [`close_codes!`] reads a markdown table of close codes at compile time, validates it, and
//! generates a documented `enum` with one variant per named code, the table's rows as data,
//! `const fn` conversions and checks. Editing the table regenerates the type on the next build;
//! a bad table is a compile error that points at the file, line and cell.
//!
//! This crate also ships [`CloseCode`], generated from the bundled `codes.md`: RFC 6455 §7.4
//! and the IANA registry, including 1014 and the registered 3000, 3003 and 3008.
//!
//! ```
//! use close_codes::CloseCode;
//!
//! let code = CloseCode::from_u16(1001).unwrap();
//! assert_eq!(code, CloseCode::GoingAway);
//! assert_eq!(code.to_string(), "1001 Going Away");
//! assert!(code.is_sendable());
//!
//! // 1005 is reported to applications but never sent on the wire.
//! assert!(CloseCode::NoStatusRcvd.is_reserved());
//! assert!(!CloseCode::NoStatusRcvd.is_sendable());
//!
//! // Codes a row covers without naming them land in `Other`, with their row's rules.
//! let app = CloseCode::from_u16(4001).unwrap();
//! assert!(matches!(app, CloseCode::Other(_)));
//! assert!(app.is_sendable());
//! assert_eq!(app.row().start(), 4000);
//!
//! // No row covers 5000.
//! assert_eq!(CloseCode::from_u16(5000), None);
//! assert_eq!(u16::from(CloseCode::BadGateway), 1014);
//! ```
//!
//! Your own table, in your own crate, with the `macros` feature on (the path is relative to
//! your `Cargo.toml`):
//!
#![cfg_attr(feature = "macros", doc = "```")]
#![cfg_attr(not(feature = "macros"), doc = "```ignore")]
//! close_codes::close_codes!("codes.md");
//!
//! assert_eq!(CloseCode::from_u16(1014), Some(CloseCode::BadGateway));
//! ```
//!
//! Without a proc macro, the same type comes from the command-line tool as a checked-in file
//! (`close-codes generate codes.md -o src/codes.rs`) or from a build script
//! (`close_codes_codegen::Build`); the README compares the three modes.
//!
//! # Cargo features
//!
//! All off by default. The bundled [`CloseCode`] needs none of them: by default this crate
//! has no dependencies at all.
//!
//! - `macros`: [`close_codes!`], your own table as a type at compile time. It brings the proc
//!   macro and what it compiles (syn, quote, proc-macro2, pulldown-cmark); without the feature
//!   `close_codes!` is a compile error that says which line to add to `Cargo.toml`.
//!
//! Each integration adds impls to every generated type, yours included:
//!
//! - `tungstenite`: `From<Type>` for tungstenite's `CloseCode` and `TryFrom` back, keeping
//!   every number (1014 too); [`CloseFrame`] to and from tungstenite's `CloseFrame`, checked
//!   both ways, and `CloseFrame::from_tungstenite` for its `Option<CloseFrame>`. Needs `std`,
//!   as tungstenite does.
//! - `tokio-websockets`: `TryFrom` both ways with its `CloseCode` (1000-1015, 3000-4999), and
//!   [`CloseFrame`] to its Close `Message` without reaching its panics. Needs `std` and Rust
//!   1.89.
//! - `serde`: serializes as the number; deserializing checks it against the table. `no_std`.
#![no_std]
// Stricter than the workspace's `deny`: only test code may use `unsafe` (a counting allocator).
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod code;
mod error;
mod frame;
mod integrations;
mod row;
mod rules;
mod unnamed;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use code::Code;
pub use error::{InvalidCode, Problem};
pub use frame::{
    CloseFrame, CloseFrameError, EncodeError, MAX_PAYLOAD_LEN, MAX_REASON_LEN, truncate_reason,
};
pub use row::{Custom, Row};
pub use unnamed::Unnamed;

/// Generates a close-code type from a markdown table, at compile time. Needs the `macros`
/// feature:
///
/// ```toml
/// close-codes = { version = "0.1", features = ["macros"] }
/// ```
///
/// ```text
/// close_codes!("codes.md");                                  // pub enum CloseCode
/// close_codes!("docs/protocol.md", heading = "Close codes"); // the table under that heading
/// close_codes! {
///     /// Codes our application closes with.
///     pub(crate) enum AppCode from "app-codes.md"
/// }
/// ```
///
/// The path is relative to the directory of the invoking crate's `Cargo.toml`
/// (`CARGO_MANIFEST_DIR`); an absolute path is used as it is. The macro reads the first table
/// whose header has a code column, or with `heading = "…"` the first such table under the
/// heading of that text (case-insensitive). See the README for the table format and the
/// generated API; [`CloseCode`] shows the API on the bundled table.
///
/// Without the `macros` feature the macro still exists, so that a missing feature is one clear
/// error rather than "cannot find macro".
#[macro_export]
macro_rules! close_codes {
    ($($input:tt)*) => {
        $crate::__private::__close_codes! { $crate; $($input)* }
    };
}

// Generated from ../codes.md by the command on its first line; `cargo test` fails when it is
// stale. rustfmt leaves it as the generator wrote it, so the freshness check compares bytes.
#[rustfmt::skip]
mod bundled;

pub use bundled::CloseCode;
