//! Items the generated code names through `$crate::__private`. Not public API: they may change
//! in any release.

pub use close_codes_macros::__close_codes;

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

/// Adds the impls of the runtime's enabled cargo features to a generated type. It switches on
/// this crate's own `cfg`, so the proc macro never needs to know which features are on.
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate {
    ($ty:ident) => {};
}
pub use crate::__integrate as integrate;
