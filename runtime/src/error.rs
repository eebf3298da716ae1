//! Why a number is not a value of a close-code type, or may not be sent.

use core::fmt;

use crate::Row;

/// What is wrong with a code that was asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Problem {
    /// No row of the table covers the code.
    NotInTable,
    /// The code's row is Reserved `Yes`: it is reported to applications, never sent.
    Reserved,
    /// The code's row neither names it nor marks it Custom `Yes`, so endpoints may not send it.
    NotSendable,
}

/// A close code that was rejected, with the reason; `Display` says both.
///
/// Returned by `TryFrom<u16>` (always [`Problem::NotInTable`]) and by `sendable_from_u16`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InvalidCode {
    code: u16,
    problem: Problem,
    row: Option<&'static Row>,
    type_name: &'static str,
}

impl InvalidCode {
    /// The error for a code that no row of `type_name`'s table covers. Not public API.
    #[doc(hidden)]
    pub const fn __not_in_table(code: u16, type_name: &'static str) -> Self {
        InvalidCode {
            code,
            problem: Problem::NotInTable,
            row: None,
            type_name,
        }
    }

    /// `None` when `row` lets `code` be sent, otherwise the error that says why not.
    /// Not public API.
    #[doc(hidden)]
    pub const fn __unless_sendable(
        code: u16,
        row: &'static Row,
        type_name: &'static str,
    ) -> Option<Self> {
        let problem = if row.is_reserved() {
            Problem::Reserved
        } else if row.is_sendable() {
            return None;
        } else {
            Problem::NotSendable
        };
        Some(InvalidCode {
            code,
            problem,
            row: Some(row),
            type_name,
        })
    }

    /// The rejected code.
    pub const fn code(&self) -> u16 {
        self.code
    }

    /// Why it was rejected.
    pub const fn problem(&self) -> Problem {
        self.problem
    }

    /// The row that covers the code, when one does.
    pub const fn row(&self) -> Option<&'static Row> {
        self.row
    }
}

impl fmt::Display for InvalidCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code;
        let name = self.row.and_then(Row::name);
        match (self.problem, name) {
            (Problem::NotInTable, _) => write!(
                f,
                "{code} is not a close code of {}: no row of its table covers it",
                self.type_name
            ),
            (Problem::Reserved, Some(name)) => {
                write!(f, "{code} {name} is reserved: it is reported, never sent")
            }
            (Problem::Reserved, None) => {
                write!(f, "{code} is reserved: it is reported, never sent")
            }
            (Problem::NotSendable, _) => write!(
                f,
                "{code} is not sendable: its row neither names it nor marks it Custom `Yes`"
            ),
        }
    }
}

impl core::error::Error for InvalidCode {}
