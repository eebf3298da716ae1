//! The payload of codes a table covers without giving them a variant of their own.

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;

/// A code that `C`'s table covers without naming it: the payload of the catch-all `Other`
/// variant (`Unnamed<C>`) and of a named range's variant (`Unnamed<C, START, END>`).
///
/// Only `C`'s validated constructors make one, so a value of `C` never holds a named code or a
/// code that no row covers, and the parameters keep one variant's payload out of another.
pub struct Unnamed<C, const START: u16 = 0, const END: u16 = { u16::MAX }> {
    code: u16,
    table: PhantomData<fn() -> C>,
}

impl<C, const START: u16, const END: u16> Unnamed<C, START, END> {
    /// Wraps a code that `C`'s generated constructor has already checked. Not public API: a
    /// value built any other way breaks `C`'s invariants (though never memory safety).
    #[doc(hidden)]
    pub const fn __checked(code: u16) -> Self {
        Unnamed {
            code,
            table: PhantomData,
        }
    }

    /// The code number.
    pub const fn get(self) -> u16 {
        self.code
    }
}

// Manual impls: derives would demand the same traits of `C`, which the enum itself is.
impl<C, const S: u16, const E: u16> Clone for Unnamed<C, S, E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<C, const S: u16, const E: u16> Copy for Unnamed<C, S, E> {}
impl<C, const S: u16, const E: u16> PartialEq for Unnamed<C, S, E> {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}
impl<C, const S: u16, const E: u16> Eq for Unnamed<C, S, E> {}
impl<C, const S: u16, const E: u16> PartialOrd for Unnamed<C, S, E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<C, const S: u16, const E: u16> Ord for Unnamed<C, S, E> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.code.cmp(&other.code)
    }
}
impl<C, const S: u16, const E: u16> Hash for Unnamed<C, S, E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.code.hash(state);
    }
}
impl<C, const S: u16, const E: u16> fmt::Debug for Unnamed<C, S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.code, f)
    }
}
impl<C, const S: u16, const E: u16> fmt::Display for Unnamed<C, S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.code, f)
    }
}
