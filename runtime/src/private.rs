//! Items the generated code names through `$crate::__private`. Not public API: they may change
//! in any release.

#[cfg(feature = "macros")]
pub use close_codes_macros::__close_codes;

/// `close_codes!` without the `macros` feature: one error that says what to add.
#[cfg(not(feature = "macros"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __close_codes_needs_macros {
    ($($input:tt)*) => {
        ::core::compile_error! {
            "`close_codes!` needs the `macros` feature of close-codes; in Cargo.toml: \
close-codes = { version = \"0.1\", features = [\"macros\"] }"
        }
    };
}
#[cfg(not(feature = "macros"))]
pub use crate::__close_codes_needs_macros as __close_codes;

/// A row's cells as generated code writes them, each field named (no positional bools).
#[derive(Clone, Copy)]
pub struct RowInit {
    /// First code.
    pub start: u16,
    /// Last code, inclusive.
    pub end: u16,
    /// The name cell's plain text.
    pub name: Option<&'static str>,
    /// Reserved `Yes`, here or inherited from the range around the row.
    pub reserved: bool,
    /// The Custom cell, here or inherited.
    pub custom: crate::Custom,
    /// Not reserved, and named or Custom `Yes`.
    pub sendable: bool,
    /// The usage cell's plain text.
    pub usage: &'static str,
    /// The status in "Equivalent to HTTP `NNN`".
    pub http_status: Option<u16>,
    /// The row's line in the markdown file.
    pub line: u32,
}

/// Writes `1000 Normal Closure`, or `4001` for a code without a name.
pub fn fmt_code(
    code: u16,
    name: Option<&str>,
    f: &mut core::fmt::Formatter<'_>,
) -> core::fmt::Result {
    match name {
        Some(name) => write!(f, "{code} {name}"),
        None => write!(f, "{code}"),
    }
}

#[cfg(feature = "serde")]
pub use serde;
#[cfg(feature = "tokio-websockets")]
pub use tokio_websockets;
#[cfg(feature = "tungstenite")]
pub use tungstenite;

/// Adds the impls of the runtime's enabled cargo features to a generated type. The proc macro
/// always emits one call; which impls it expands to is decided here, by this crate's own `cfg`,
/// so the macro never needs to know the features and user crates never repeat them.
///
/// Every path is absolute (`::core`, `$crate`) so the impls compile under
/// `#![no_implicit_prelude]` and in crates that do not depend on serde or tungstenite.
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate {
    ($ty:ident) => {
        $crate::__private::integrate_serde!($ty);
        $crate::__private::integrate_tungstenite!($ty);
        $crate::__private::integrate_tokio_websockets!($ty);
    };
}
pub use crate::__integrate as integrate;

/// `serde` off: nothing.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_serde {
    ($ty:ident) => {};
}

/// `serde` on: the code serializes as its number; deserializing checks the number against the
/// table (`TryFrom<u16>`) and names it in the error.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_serde {
    ($ty:ident) => {
        /// Serializes as the code number (`1000`), as the wire and most logs carry it.
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_u16(self.as_u16())
            }
        }

        /// Deserializes a code number; a number no row of the table covers is an error that
        /// names it.
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let code: u16 = $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                ::core::result::Result::map_err(
                    <Self as ::core::convert::TryFrom<u16>>::try_from(code),
                    <D::Error as $crate::__private::serde::de::Error>::custom,
                )
            }
        }
    };
}
pub use crate::__integrate_serde as integrate_serde;

/// `tungstenite` off: nothing.
#[cfg(not(feature = "tungstenite"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_tungstenite {
    ($ty:ident) => {};
}

/// `tungstenite` on: conversions to and from its `CloseCode`, through the number. tungstenite
/// keeps every number it has no variant for in a catch-all (1014 becomes `Bad(1014)`), so both
/// directions keep the number exactly, even where tungstenite would refuse to accept the code.
#[cfg(feature = "tungstenite")]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_tungstenite {
    ($ty:ident) => {
        /// The same number as tungstenite's close code (total: it has a variant for every
        /// `u16`).
        impl ::core::convert::From<$ty>
            for $crate::__private::tungstenite::protocol::frame::coding::CloseCode
        {
            fn from(code: $ty) -> Self {
                <Self as ::core::convert::From<u16>>::from(code.as_u16())
            }
        }

        /// tungstenite's close code as this table's type; fails, naming the number, when no
        /// row covers it.
        impl
            ::core::convert::TryFrom<
                $crate::__private::tungstenite::protocol::frame::coding::CloseCode,
            > for $ty
        {
            type Error = $crate::InvalidCode;

            fn try_from(
                code: $crate::__private::tungstenite::protocol::frame::coding::CloseCode,
            ) -> ::core::result::Result<Self, Self::Error> {
                <Self as ::core::convert::TryFrom<u16>>::try_from(<u16 as ::core::convert::From<
                    _,
                >>::from(code))
            }
        }
    };
}
pub use crate::__integrate_tungstenite as integrate_tungstenite;

/// `tokio-websockets` off: nothing.
#[cfg(not(feature = "tokio-websockets"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_tokio_websockets {
    ($ty:ident) => {};
}

/// `tokio-websockets` on: fallible conversions both ways. Its `CloseCode` holds only
/// 1000-1015 and 3000-4999, and a table may cover more (the bundled one covers 0-4999), so
/// going there can fail too; then the error is its own, as if it had parsed the number itself.
#[cfg(feature = "tokio-websockets")]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_tokio_websockets {
    ($ty:ident) => {
        /// The same number as tokio-websockets' close code, when that type can hold it
        /// (1000-1015, 3000-4999).
        impl ::core::convert::TryFrom<$ty> for $crate::__private::tokio_websockets::CloseCode {
            type Error = $crate::__private::tokio_websockets::proto::ProtocolError;

            fn try_from(code: $ty) -> ::core::result::Result<Self, Self::Error> {
                <Self as ::core::convert::TryFrom<u16>>::try_from(code.as_u16())
            }
        }

        /// tokio-websockets' close code as this table's type; fails, naming the number, when
        /// no row covers it.
        impl ::core::convert::TryFrom<$crate::__private::tokio_websockets::CloseCode> for $ty {
            type Error = $crate::InvalidCode;

            fn try_from(
                code: $crate::__private::tokio_websockets::CloseCode,
            ) -> ::core::result::Result<Self, Self::Error> {
                <Self as ::core::convert::TryFrom<u16>>::try_from(<u16 as ::core::convert::From<
                    _,
                >>::from(code))
            }
        }
    };
}
pub use crate::__integrate_tokio_websockets as integrate_tokio_websockets;
