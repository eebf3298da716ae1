//! WebSocket close codes from one markdown table.
//!
//! This crate ships [`CloseCode`], generated from the bundled `codes.md`: RFC 6455 §7.4 and the
//! IANA registry, including 1014 and the registered 3000, 3003 and 3008. With the `macros`
//! feature, [`close_codes!`] turns your own table into a type just like it; a build script or
//! the command-line tool can generate the same type without a proc macro.
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
//!
//! // No row covers 5000.
//! assert_eq!(CloseCode::from_u16(5000), None);
//!
//! // A code in the source, checked when compiling: 1005 here would not compile.
//! const KICK: CloseCode = close_codes::close_code!(CloseCode, 4001);
//! assert!(KICK.is_sendable());
//! ```
//!
//! # The reference
//!
//! [`_reference`] holds the manual, one page per topic, every example a doctest:
//! [the table format](_reference::table_format), [the generated API](_reference::generated_api),
//! [codes in the source](_reference::codes_in_source), [the three modes](_reference::modes),
//! [the command-line tool](_reference::cli), [TypeScript and JSON](_reference::typescript_json),
//! [Close frames and the protocol](_reference::protocol),
//! [the integrations](_reference::integrations) and [versions](_reference::versions).
//!
//! # Cargo features
//!
//! All off by default: by default this crate has no dependencies, and the bundled
//! [`CloseCode`] needs none of the features.
//!
//! - `macros`: [`close_codes!`]. It brings the proc macro, built on syn, quote, proc-macro2
//!   and pulldown-cmark with minimal features. Without the feature `close_codes!` is a compile
//!   error that says which line to add to `Cargo.toml`.
//! - `tungstenite`, `tokio-websockets`, `serde`: conversions for every generated type, yours
//!   included ([the integrations](_reference::integrations)).
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
/// The path is relative to the crate's directory (the one with its `Cargo.toml`); an absolute
/// path is used as it is. The macro reads the first table whose header has a code column, or
/// with `heading = "…"` the first such table under the heading of that text
/// (case-insensitive). The type sits where the call is, with the visibility written (the short
/// form is `pub enum CloseCode`). See [the table format](crate::_reference::table_format) and
/// [the generated API](crate::_reference::generated_api); [`CloseCode`] shows the API on the
/// bundled table.
///
/// Without the `macros` feature the macro still exists, so that a missing feature is one clear
/// error rather than "cannot find macro".
#[macro_export]
macro_rules! close_codes {
    ($($input:tt)*) => {
        $crate::__private::__close_codes! { $crate; $($input)* }
    };
}

/// A close code written in the source, checked at compile time, with the error at your line.
///
/// `close_code!(Type, CODE)` is `CODE` as a value of `Type` that an endpoint may send;
/// `close_code!(Type, any CODE)` takes any code a row of `Type`'s table covers, reserved and
/// unsendable ones too. `Type` is the bundled [`CloseCode`] or any generated type; `CODE` is a
/// constant expression of type `u16`.
///
/// ```
/// use close_codes::{CloseCode, close_code};
///
/// const KICK: CloseCode = close_code!(CloseCode, 4001);
/// assert_eq!(KICK.as_u16(), 4001);
/// assert_eq!(close_code!(CloseCode, any 1006), CloseCode::AbnormalClosure);
/// ```
///
/// A code the check refuses is a compile error that names your file and line, under
/// `cargo check` and rust-analyzer as well as `cargo build`:
///
/// ```text
/// error[E0080]: evaluation panicked: 1005 No Status Rcvd is reserved: it is reported, never sent
///  --> src/main.rs:4:16
///   |
/// 4 |     let code = close_codes::close_code!(CloseCode, 1005);
///   |                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ evaluation of `main::CLOSE_CODE` failed here
///   |
///   = note: this error originates in the macro `close_codes::close_code` (in Nightly builds, run with -Z macro-backtrace for more info)
/// ```
///
/// The check is a `const` item in your code, so `Type` must be nameable there: write the
/// type's name, not `Self`.
///
/// The generic methods `Type::sendable::<CODE>()` and `Type::of::<CODE>()` check the same, but
/// their error is reported inside the crate that defines `Type` and names your line only in a
/// note further down; see [codes in the source](crate::_reference::codes_in_source).
#[macro_export]
macro_rules! close_code {
    ($ty:ty, any $code:expr $(,)?) => {{
        const CLOSE_CODE: $ty = match <$ty>::from_u16($code) {
            ::core::option::Option::Some(value) => value,
            ::core::option::Option::None => {
                $crate::InvalidCode::__not_in_table($code, <$ty as $crate::Code>::TYPE_NAME)
                    .__panic()
            }
        };
        CLOSE_CODE
    }};
    ($ty:ty, $code:expr $(,)?) => {{
        const CLOSE_CODE: $ty = match <$ty>::sendable_from_u16($code) {
            ::core::result::Result::Ok(value) => value,
            ::core::result::Result::Err(error) => error.__panic(),
        };
        CLOSE_CODE
    }};
}

// Generated from ../codes.md by the command on its first line; `cargo test` fails when it is
// stale. rustfmt leaves it as the generator wrote it, so the freshness check compares bytes.
#[rustfmt::skip]
mod bundled;

pub use bundled::CloseCode;

// ─── The reference: doc-only pages (runtime/src/docs/*.md), shown on docs.rs ───────────────
// Empty modules whose docs are the manual; every Rust example on them is a doctest
// (`cargo test -p close-codes --all-features --doc`).
#[path = "docs/mod.rs"]
pub mod _reference;
