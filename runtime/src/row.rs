//! One row of a close-code table, as data the generated type keeps in `ROWS`.

/// What a row's **Custom** cell says: may applications use these codes as they like?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// The cell is empty: the row leaves it to the spec (for the seed table, RFC 6455 codes).
    Unspecified,
    /// `No`: the spec keeps these codes; applications must not pick them.
    No,
    /// `Yes`: free for applications, which makes every code of the row sendable.
    Yes,
    /// `Extensions only`: kept for WebSocket extensions or a future spec.
    ExtensionsOnly,
}

/// A row of the table: a single code or an inclusive range, with what its cells say.
///
/// Each generated type lists its rows in `ROWS`, in table order; `row()` on a value finds the
/// row it came from (a single code refines the range around it, so it wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Row {
    start: u16,
    end: u16,
    name: Option<&'static str>,
    reserved: bool,
    custom: Custom,
    sendable: bool,
    usage: &'static str,
    http_status: Option<u16>,
    line: u32,
}

impl Row {
    /// Builds a row; only generated code calls this, with values the pipeline validated.
    #[doc(hidden)]
    pub const fn __from(init: crate::__private::RowInit) -> Self {
        Row {
            start: init.start,
            end: init.end,
            name: init.name,
            reserved: init.reserved,
            custom: init.custom,
            sendable: init.sendable,
            usage: init.usage,
            http_status: init.http_status,
            line: init.line,
        }
    }

    /// The first code of the row (for a single code, the code).
    #[inline]
    pub const fn start(&self) -> u16 {
        self.start
    }

    /// The last code of the row, inclusive (for a single code, the code).
    #[inline]
    pub const fn end(&self) -> u16 {
        self.end
    }

    /// Whether the row is a range rather than a single code.
    #[inline]
    pub const fn is_range(&self) -> bool {
        self.start != self.end
    }

    /// Whether `code` lies within the row's bounds.
    #[inline]
    pub const fn contains(&self, code: u16) -> bool {
        self.start <= code && code <= self.end
    }

    /// The plain text of the name cell, if it has one.
    #[inline]
    pub const fn name(&self) -> Option<&'static str> {
        self.name
    }

    /// Reserved `Yes`: the code is reported to the application but never sent on the wire.
    #[inline]
    pub const fn is_reserved(&self) -> bool {
        self.reserved
    }

    /// What the Custom cell says.
    #[inline]
    pub const fn custom(&self) -> Custom {
        self.custom
    }

    /// Whether an endpoint may send the row's codes: not reserved, and named or Custom `Yes`.
    #[inline]
    pub const fn is_sendable(&self) -> bool {
        self.sendable
    }

    /// The plain text of the usage cell.
    #[inline]
    pub const fn usage(&self) -> &'static str {
        self.usage
    }

    /// The HTTP status the usage text calls equivalent ("Equivalent to HTTP `502`"), if any.
    #[inline]
    pub const fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// The 1-based line of the row in its markdown file.
    #[inline]
    pub const fn line(&self) -> u32 {
        self.line
    }
}
