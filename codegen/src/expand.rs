//! Stage 5: the layout to Rust source, one small template per item. The code is `match`es and
//! consts only: no per-variant traits or helper functions, so a 10,000-row table stays cheap
//! to compile. Every decision was made in `layout`; here only text is written.
//!
//! The output is source text, not tokens: the pipeline then needs neither `proc-macro2` nor
//! `quote`, so the proc macro's dependencies build in parallel with it (BENCHMARKS.md). Each
//! front end turns the text into what it needs: the proc macro into its tokens, build mode into
//! a formatted file. Whitespace in the templates is for reading them; only the tokens count.

use std::fmt::Write as _;

use crate::docs;
use crate::layout::{CodeSet, Kind, Layout, Run, layout};
use crate::model::{Custom, Row, Table};

/// What the generated type is called, where it lives, and where it came from.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// The path to the runtime crate: `$crate` from the macro front, `::close_codes` otherwise.
    pub(crate) krate: String,
    /// Outer attributes for the enum, doc comments included, as written.
    pub(crate) attrs: Vec<String>,
    /// The enum's visibility, as written (`pub` by default).
    pub(crate) vis: String,
    /// The enum's name (`CloseCode` by default).
    pub(crate) name: String,
    /// The markdown file as the invocation spelled it.
    pub(crate) source_name: String,
    /// The resolved path, for an `include_bytes!` that makes cargo rebuild on edits.
    pub(crate) include: Option<String>,
    /// Whether `attrs` hold doc comments of the user's own.
    pub(crate) has_docs: bool,
}

/// Generates the enum, its impls and the rebuild hook, as source text.
pub(crate) fn expand(table: &Table, options: &Options) -> String {
    match layout(table) {
        Ok(layout) => Template {
            table,
            layout: &layout,
            options,
        }
        .items(),
        // Unreachable for any table a person writes; said plainly rather than miscompiled.
        Err(problem) => format!(
            "::core::compile_error! {{ {} }}",
            string_literal(&problem.message)
        ),
    }
}

/// A Rust string literal for `text`, escaped as `proc_macro2::Literal::string` escapes it, so
/// generated files read the same whichever front end wrote them.
pub(crate) fn string_literal(text: &str) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('"');
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            // `\0` before a digit would read as an octal escape (clippy says so).
            '\0' if chars
                .as_str()
                .starts_with(|next: char| ('0'..='7').contains(&next)) =>
            {
                literal.push_str("\\x00");
            }
            '\0' => literal.push_str("\\0"),
            '\'' => literal.push('\''),
            _ => literal.extend(c.escape_debug()),
        }
    }
    literal.push('"');
    literal
}

/// What every template reads.
struct Template<'a> {
    table: &'a Table,
    layout: &'a Layout,
    options: &'a Options,
}

impl Template<'_> {
    fn items(&self) -> String {
        let Options { krate, name, .. } = self.options;
        let mut out = self.enum_item();
        out.push_str(&self.inherent_impl());
        out.push_str(&self.checked_constructors());
        out.push_str(&self.code_impl());
        out.push_str(&self.std_impls());
        let _ = writeln!(out, "{krate}::__private::integrate!({name});");
        if let Some(path) = &self.options.include {
            // Makes cargo rebuild this crate when the table changes.
            let _ = writeln!(
                out,
                "const _: &[u8] = ::core::include_bytes!({});",
                string_literal(path)
            );
        }
        out
    }

    fn enum_item(&self) -> String {
        let Options {
            attrs,
            vis,
            name,
            source_name,
            has_docs,
            ..
        } = self.options;
        let mut out = String::new();
        for attr in attrs {
            let _ = writeln!(out, "{attr}");
        }
        for doc in docs::enum_docs(self.table, source_name, *has_docs) {
            let _ = writeln!(out, "#[doc = {}]", string_literal(&doc));
        }
        out.push_str(
            "#[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, \
             ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash,)]\n",
        );
        // A skeleton left by a table with errors may have no variants, and rustc rejects
        // `repr` there.
        if !self.layout.is_empty() {
            out.push_str("#[repr(u16)]\n");
        }
        let _ = writeln!(out, "{vis} enum {name} {{");
        out.push_str(&self.variants());
        out.push_str("}\n");
        out
    }

    fn variants(&self) -> String {
        let krate = &self.options.krate;
        let mut out = String::new();
        for variant in &self.layout.variants {
            let row = &self.table.rows[variant.row];
            for doc in docs::variant_docs(row, &self.options.source_name) {
                let _ = write!(out, "#[doc = {}] ", string_literal(&doc));
            }
            let alias = string_literal(&row.start.to_string());
            let _ = write!(out, "#[doc(alias = {alias})] {}", variant.ident);
            if let Kind::Range { start, end, .. } = variant.kind {
                let _ = write!(out, "({krate}::Unnamed<Self, {start}, {end}>)");
            }
            let _ = writeln!(out, " = {},", variant.discriminant);
        }
        if let Some(other) = &self.layout.other {
            let doc = string_literal(&docs::other_doc(&other.codes));
            let discriminant = other.discriminant;
            let _ = writeln!(
                out,
                "#[doc = {doc}] Other({krate}::Unnamed<Self>) = {discriminant},"
            );
        }
        for lost in &self.layout.lost {
            let _ = write!(out, "#[doc(hidden)] {}", lost.ident);
            if let Some((start, end)) = lost.range {
                let _ = write!(out, "({krate}::Unnamed<Self, {start}, {end}>)");
            }
            let _ = writeln!(out, " = {},", lost.discriminant);
        }
        out
    }

    fn inherent_impl(&self) -> String {
        let Options {
            krate,
            name,
            source_name,
            ..
        } = self.options;
        let rows: Vec<String> = self.table.rows.iter().map(|r| row_data(r, krate)).collect();
        let (rows, source) = (rows.join(", "), string_literal(source_name));
        let (from_u16, as_u16, row) =
            (self.body_of_from_u16(), self.as_u16_body(), self.row_body());
        let rules = self.rule_methods();
        format!(
            "impl {name} {{
    /// The table's rows, in the order the markdown lists them.
    pub const ROWS: &'static [{krate}::Row] = &[{rows}];

    /// The markdown file this type was generated from, as the macro call spelled it.
    pub const SOURCE: &'static str = {source};

    /// The value for `code`, or `None` when no row of the table covers it.
    #[must_use]
    #[inline]
    pub const fn from_u16(code: u16) -> ::core::option::Option<Self> {{ {from_u16} }}

    /// The code number.
    #[must_use]
    #[inline]
    pub const fn as_u16(self) -> u16 {{ {as_u16} }}

    /// The row the code came from: its own row, else the range that covers it.
    #[must_use]
    #[inline]
    pub const fn row(self) -> &'static {krate}::Row {{ {row} }}

    {rules}
}}
"
        )
    }

    /// What a value's row says: its cells, and the rules over its code.
    fn rule_methods(&self) -> String {
        let Options { krate, name, .. } = self.options;
        let type_name = string_literal(name);
        let is_reserved = code_set_body(&self.layout.reserved);
        let is_sendable = code_set_body(&self.layout.sendable);
        let allow_reserved = allow_unused_self(&self.layout.reserved);
        let allow_sendable = allow_unused_self(&self.layout.sendable);
        format!(
            "/// The plain text of the row's name cell (`None` for a code the table does not name).
    #[must_use]
    #[inline]
    pub const fn name(self) -> ::core::option::Option<&'static str> {{ self.row().name() }}

    /// The plain text of the row's usage cell.
    #[must_use]
    #[inline]
    pub const fn description(self) -> &'static str {{ self.row().usage() }}

    /// Reserved: reported to the application, never sent on the wire.
    #[must_use]
    #[inline]
    {allow_reserved}
    pub const fn is_reserved(self) -> bool {{ {is_reserved} }}

    /// Sendable: not reserved, and named or in a row marked Custom `Yes`.
    #[must_use]
    #[inline]
    {allow_sendable}
    pub const fn is_sendable(self) -> bool {{ {is_sendable} }}

    /// The HTTP status the usage text calls equivalent (\"Equivalent to HTTP `502`\").
    #[must_use]
    #[inline]
    pub const fn http_status(self) -> ::core::option::Option<u16> {{ self.row().http_status() }}

    /// The value for `code` if an endpoint may send it, else why not.
    #[inline]
    pub const fn sendable_from_u16(code: u16,) -> ::core::result::Result<Self, {krate}::InvalidCode> {{
        match Self::from_u16(code) {{
            ::core::option::Option::Some(value) => {{
                match {krate}::InvalidCode::__unless_sendable(code, value.row(), {type_name}) {{
                    ::core::option::Option::None => ::core::result::Result::Ok(value),
                    ::core::option::Option::Some(error) => ::core::result::Result::Err(error),
                }}
            }}
            ::core::option::Option::None => ::core::result::Result::Err(
                {krate}::InvalidCode::__not_in_table(code, {type_name}),
            ),
        }}
    }}"
        )
    }

    /// `from_u16`: the codes outside the covered span refused first (the optimiser then
    /// knows the later arms only see codes inside it, and folds `from_u16` + `is_sendable`
    /// into one bound check and a few range tests), then an arm per named row, then `Other`'s.
    fn body_of_from_u16(&self) -> String {
        let krate = &self.options.krate;
        let layout = self.layout;
        let mut out = String::new();
        // An `if` ahead of the `match`, not a first arm: the arm would repeat the last
        // `_ => None` arm, which clippy's `match_same_arms` flags in `include!`d output.
        if !layout.outside.is_empty() {
            let outside = patterns(&layout.outside);
            let _ = write!(
                out,
                "if ::core::matches!(code, {outside}) {{ return ::core::option::Option::None; }} "
            );
        }
        out.push_str("match code { ");
        for variant in &layout.variants {
            let ident = &variant.ident;
            match &variant.kind {
                Kind::Unit => {
                    let code = variant.discriminant;
                    let _ = write!(
                        out,
                        "{code} => ::core::option::Option::Some(Self::{ident}), "
                    );
                }
                Kind::Range { own, .. } if !own.is_empty() => {
                    let _ = write!(
                        out,
                        "{} => ::core::option::Option::Some(Self::{ident}({krate}::Unnamed::__checked(code))), ",
                        patterns(own)
                    );
                }
                Kind::Range { .. } => {}
            }
        }
        if let Some(other) = &layout.other {
            let _ = write!(
                out,
                "{} => ::core::option::Option::Some(Self::Other({krate}::Unnamed::__checked(code))), ",
                patterns(&other.arm)
            );
        }
        // The `if` above does not count for exhaustiveness: the `match` still needs this arm.
        if !layout.covers_all {
            out.push_str("_ => ::core::option::Option::None, ");
        }
        out.push('}');
        out
    }

    fn as_u16_body(&self) -> String {
        if self.layout.is_empty() {
            return "match self {}".to_owned();
        }
        if !self.layout.has_payload() {
            // A fieldless enum whose discriminants are its codes.
            return "self as u16".to_owned();
        }
        let mut out = "match self { ".to_owned();
        for variant in &self.layout.variants {
            let ident = &variant.ident;
            let _ = match variant.kind {
                Kind::Unit => write!(out, "Self::{ident} => {}, ", variant.discriminant),
                Kind::Range { .. } => write!(out, "Self::{ident}(code) => code.get(), "),
            };
        }
        if self.layout.other.is_some() {
            out.push_str("Self::Other(code) => code.get(), ");
        }
        out.push_str(&self.lost_arms());
        out.push('}');
        out
    }

    fn row_body(&self) -> String {
        if self.layout.is_empty() {
            return "match self {}".to_owned();
        }
        let mut arms = String::new();
        for variant in &self.layout.variants {
            let (ident, index) = (&variant.ident, variant.row);
            let _ = match variant.kind {
                Kind::Unit => write!(arms, "Self::{ident} => {index}, "),
                Kind::Range { .. } => write!(arms, "Self::{ident}(_) => {index}, "),
            };
        }
        arms.push_str(&self.other_row_arm());
        arms.push_str(&self.lost_arms());
        if self.table.rows.is_empty() {
            // Only lost variants: every arm diverges, so there is no index to take.
            return format!("match self {{ {arms}}}");
        }
        format!("&Self::ROWS[match self {{ {arms}}}]")
    }

    /// Which unnamed row a code of `Other` came from; the last row is the fallback arm.
    fn other_row_arm(&self) -> String {
        let Some(other) = &self.layout.other else {
            return String::new();
        };
        if let [(index, _)] = other.rows.as_slice() {
            return format!("Self::Other(_) => {index}, ");
        }
        let last = other.rows.len() - 1;
        let mut out = "Self::Other(code) => match code.get() { ".to_owned();
        for (i, (index, runs)) in other.rows.iter().enumerate() {
            let _ = if i == last {
                write!(out, "_ => {index}, ")
            } else {
                write!(out, "{} => {index}, ", patterns(runs))
            };
        }
        out.push_str("}, ");
        out
    }

    /// Lost variants never exist at run time: the build fails on the table's errors.
    fn lost_arms(&self) -> String {
        let mut out = String::new();
        for lost in &self.layout.lost {
            let rest = if lost.range.is_some() { "(_)" } else { "" };
            let _ = write!(
                out,
                "Self::{}{rest} => ::core::unreachable!(), ",
                lost.ident
            );
        }
        out
    }

    fn checked_constructors(&self) -> String {
        let Options { krate, name, .. } = self.options;
        let type_name = string_literal(name);
        format!(
            "impl {name} {{
    /// `CODE` as a value, checked at compile time: a code that no row covers is a
    /// compile error naming the code. For a number only known at run time, use
    /// `from_u16`. The check runs when rustc generates code (`cargo build`); under
    /// `cargo check` only in a `const` item. The error is reported in this type's
    /// source, with the caller's line in a note; `close_codes::close_code!(Type, any
    /// CODE)` checks the same and reports at the caller's line.
    #[must_use]
    pub const fn of<const CODE: u16>() -> Self {{
        const {{
            match Self::from_u16(CODE) {{
                ::core::option::Option::Some(value) => value,
                ::core::option::Option::None => {{
                    {krate}::InvalidCode::__not_in_table(CODE, {type_name}).__panic()
                }}
            }}
        }}
    }}

    /// `CODE` as a value an endpoint may send, checked at compile time: a code that
    /// no row covers, or a reserved or unsendable one, is a compile error naming the
    /// code and its row. For a number only known at run time, use
    /// `sendable_from_u16`. The check runs when rustc generates code (`cargo
    /// build`); under `cargo check` only in a `const` item. The error is reported in
    /// this type's source, with the caller's line in a note;
    /// `close_codes::close_code!(Type, CODE)` checks the same and reports at the
    /// caller's line.
    #[must_use]
    pub const fn sendable<const CODE: u16>() -> Self {{
        const {{
            match Self::sendable_from_u16(CODE) {{
                ::core::result::Result::Ok(value) => value,
                ::core::result::Result::Err(error) => error.__panic(),
            }}
        }}
    }}
}}
"
        )
    }

    /// The runtime's `Code` trait, for code generic over tables.
    fn code_impl(&self) -> String {
        let Options { krate, name, .. } = self.options;
        let type_name = string_literal(name);
        format!(
            "impl {krate}::Code for {name} {{
    const ROWS: &'static [{krate}::Row] = {name}::ROWS;
    const SOURCE: &'static str = {name}::SOURCE;
    const TYPE_NAME: &'static str = {type_name};

    #[inline]
    fn from_u16(code: u16) -> ::core::option::Option<Self> {{ {name}::from_u16(code) }}
    #[inline]
    fn as_u16(self) -> u16 {{ {name}::as_u16(self) }}
    #[inline]
    fn row(self) -> &'static {krate}::Row {{ {name}::row(self) }}
}}
"
        )
    }

    /// Display, ordering by code number, and the conversions to and from `u16`.
    fn std_impls(&self) -> String {
        let Options { krate, name, .. } = self.options;
        let type_name = string_literal(name);
        format!(
            "impl ::core::fmt::Display for {name} {{
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{
        {krate}::__private::fmt_code(self.as_u16(), self.name(), f)
    }}
}}

impl ::core::cmp::PartialOrd for {name} {{
    #[inline]
    fn partial_cmp(&self, other: &Self) -> ::core::option::Option<::core::cmp::Ordering> {{
        ::core::option::Option::Some(::core::cmp::Ord::cmp(self, other))
    }}
}}

/// Orders by code number.
impl ::core::cmp::Ord for {name} {{
    #[inline]
    fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {{
        ::core::cmp::Ord::cmp(&self.as_u16(), &other.as_u16())
    }}
}}

impl ::core::convert::From<{name}> for u16 {{
    #[inline]
    fn from(code: {name}) -> u16 {{ code.as_u16() }}
}}

impl ::core::convert::TryFrom<u16> for {name} {{
    type Error = {krate}::InvalidCode;

    #[inline]
    fn try_from(code: u16) -> ::core::result::Result<Self, Self::Error> {{
        match Self::from_u16(code) {{
            ::core::option::Option::Some(value) => ::core::result::Result::Ok(value),
            ::core::option::Option::None => ::core::result::Result::Err(
                {krate}::InvalidCode::__not_in_table(code, {type_name}),
            ),
        }}
    }}
}}
"
        )
    }
}

/// The body of a rule check on `self`. A rule that holds for no code, or for every code, needs
/// no test; the method then allows clippy's unused-`self` lint (see `allow_unused_self`).
fn code_set_body(set: &CodeSet) -> String {
    match set {
        CodeSet::Empty => "false".to_owned(),
        CodeSet::All => "true".to_owned(),
        CodeSet::Runs(runs) => format!("::core::matches!(self.as_u16(), {})", patterns(runs)),
    }
}

/// On a rule method whose answer does not depend on the code: the lint is right that `self` is
/// unused, and the method keeps its signature so that every table's type has the same API.
fn allow_unused_self(set: &CodeSet) -> &'static str {
    match set {
        CodeSet::Empty | CodeSet::All => {
            "#[allow(clippy::unused_self, reason = \"the table's rows decide this rule alike for every code\")]"
        }
        CodeSet::Runs(_) => "",
    }
}

/// `a | b..=c | …`: the runs as one pattern.
fn patterns(runs: &[Run]) -> String {
    let mut out = String::new();
    for (at, run) in runs.iter().enumerate() {
        let separator = if at == 0 { "" } else { " | " };
        let _ = if run.start == run.end {
            write!(out, "{separator}{}", run.start)
        } else {
            write!(out, "{separator}{}..={}", run.start, run.end)
        };
    }
    out
}

fn row_data(row: &Row, krate: &str) -> String {
    let name = row.name.as_ref().map(|name| string_literal(&name.text));
    let custom = match row.custom {
        Custom::Unspecified => "Unspecified",
        Custom::No => "No",
        Custom::Yes => "Yes",
        Custom::ExtensionsOnly => "ExtensionsOnly",
    };
    let line = u32::try_from(row.line).unwrap_or(u32::MAX);
    format!(
        "{krate}::Row::__from({krate}::__private::RowInit {{ start: {}, end: {}, name: {}, \
         reserved: {}, custom: {krate}::Custom::{custom}, sendable: {}, usage: {}, \
         http_status: {}, line: {line}, }})",
        row.start,
        row.end,
        option(name),
        row.reserved,
        row.sendable,
        string_literal(&row.usage),
        option(row.http_status.map(|status| status.to_string())),
    )
}

fn option(value: Option<String>) -> String {
    value.map_or_else(
        || "::core::option::Option::None".to_owned(),
        |value| format!("::core::option::Option::Some({value})"),
    )
}

#[cfg(test)]
mod tests {
    use super::string_literal;

    /// Generated files must read the same whichever front end wrote them, so the text
    /// templates escape strings exactly as the token front ends do.
    #[test]
    fn string_literals_are_escaped_as_proc_macro2_escapes_them() {
        for text in [
            "",
            "plain",
            "it's",
            "a \"b\" \\ c",
            "\0",
            "\x001",
            "\x007",
            "\x008",
            "\x00a",
            "\n\t\r",
            "\u{7f}\u{200b}é",
            "\u{1}",
            "`502`",
        ] {
            let expected = proc_macro2::Literal::string(text).to_string();
            assert_eq!(string_literal(text), expected, "{text:?}");
        }
    }
}
