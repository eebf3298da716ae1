//! WebSocket close codes from one markdown table.
//!
//! [`close_codes!`] reads a markdown table of close codes at compile time, validates it, and
//! generates a documented `enum` with one variant per named code, the table's rows as data,
//! `const fn` conversions and checks. Editing the table regenerates the type on the next build;
//! a bad table is a compile error that points at the file, line and cell.
//!
//! This crate also ships [`CloseCode`], generated from the bundled `codes.md`: RFC 6455 §7.4
//! and the IANA registry, including 1014 and the registered 3000, 3003 and 3008. It is
//! `#[non_exhaustive]`: a code IANA registers later becomes a variant in a minor release, listed
//! in the CHANGELOG, so a `match` on it needs a `_` arm.
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
//!
//! // A code in the source, checked when compiling: 1005 here would not compile.
//! const KICK: CloseCode = close_codes::close_code!(CloseCode, 4001);
//! assert!(KICK.is_sendable());
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
//!   macro and what it compiles: the pipeline (`close-codes-codegen`) and `unicode-ident`, no
//!   syn, quote or proc-macro2. Without the feature `close_codes!` is a compile error that says
//!   which line to add to `Cargo.toml`.
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
/// note further down; see the README, "Codes in the source".
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
