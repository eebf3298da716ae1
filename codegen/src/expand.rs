//! Stage 4: the validated table to Rust tokens. The code is `match`es and consts only: no
//! per-variant traits or helper functions, so a 10,000-row table stays cheap to compile.

use std::collections::HashSet;
use std::fmt::Write as _;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Custom, Row, Segment, Table};

/// Tables with more rows than this get no summary table in the enum's docs.
const DOC_TABLE_ROWS: usize = 500;

/// How many codes a `u16` holds.
const ALL_CODES: usize = 1 << 16;

/// What the generated type is called, where it lives, and where it came from.
#[derive(Clone, Debug)]
pub struct Options {
    /// The path to the runtime crate: `$crate` from the macro front, `::close_codes` otherwise.
    pub krate: TokenStream,
    /// Outer attributes for the enum, doc comments included, as written.
    pub attrs: Vec<TokenStream>,
    /// The enum's visibility, as written (`pub` by default).
    pub vis: TokenStream,
    /// The enum's name (`CloseCode` by default).
    pub name: Ident,
    /// The markdown file as the invocation spelled it.
    pub source_name: String,
    /// The resolved path, for an `include_bytes!` that makes cargo rebuild on edits.
    pub include: Option<String>,
    /// Whether `attrs` hold doc comments of the user's own.
    pub has_docs: bool,
}

impl Options {
    /// The defaults outside the macro: `pub enum CloseCode`, the runtime named `::close_codes`,
    /// no attributes and no rebuild hook; set the fields to change them.
    pub fn new(source_name: impl Into<String>) -> Self {
        Options {
            krate: quote! { ::close_codes },
            attrs: Vec::new(),
            vis: quote! { pub },
            name: Ident::new("CloseCode", Span::call_site()),
            source_name: source_name.into(),
            include: None,
            has_docs: false,
        }
    }
}

/// Where each code goes.
enum Owner<'a> {
    Unit(&'a str),
    Range(&'a str),
    Other,
}

fn owner(row: &Row) -> Owner<'_> {
    match &row.name {
        Some(name) if row.is_range() => Owner::Range(&name.ident),
        Some(name) => Owner::Unit(&name.ident),
        None => Owner::Other,
    }
}

/// Generates the enum, its impls and the rebuild hook.
#[allow(clippy::too_many_lines)]
pub fn expand(table: &Table, options: &Options) -> TokenStream {
    let Options {
        krate, vis, name, ..
    } = options;
    let attrs = &options.attrs;
    let segments = table.segments();
    let type_name = name.to_string();

    // Segments grouped by the row that owns them, in code order.
    let by_row = ByRow::new(table.rows.len(), &segments);
    let other_segments: Vec<Segment> = segments
        .iter()
        .filter(|segment| matches!(owner(&table.rows[segment.row]), Owner::Other))
        .copied()
        .collect();
    let has_other = !other_segments.is_empty();

    // Discriminants: a unit variant's is its code; a payload variant takes the first code it
    // holds (never a named code), or else any free value.
    let mut used: HashSet<u16> = table
        .rows
        .iter()
        .filter(|row| matches!(owner(row), Owner::Unit(_)))
        .map(|row| row.start)
        .collect();
    let mut free = 0u16..;
    let mut pick = |first: Option<u16>, used: &mut HashSet<u16>| {
        let value = first.unwrap_or_else(|| free.find(|v| !used.contains(v)).unwrap_or(0));
        used.insert(value);
        Literal::u16_unsuffixed(value)
    };

    let mut variants = Vec::new();
    let mut from_arms = Vec::new();
    let mut as_arms = Vec::new();
    let mut row_arms = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        let index_lit = Literal::usize_unsuffixed(index);
        let docs = variant_docs(row, &options.source_name);
        let alias = row.start.to_string();
        match owner(row) {
            Owner::Unit(ident) => {
                let ident = format_ident!("{}", ident);
                let code = Literal::u16_unsuffixed(row.start);
                variants.push(quote! { #(#[doc = #docs])* #[doc(alias = #alias)] #ident = #code, });
                from_arms.push(quote! { #code => ::core::option::Option::Some(Self::#ident), });
                as_arms.push(quote! { Self::#ident => #code, });
                row_arms.push(quote! { Self::#ident => #index_lit, });
            }
            Owner::Range(ident) => {
                let ident = format_ident!("{}", ident);
                let own = by_row.get(index);
                let discriminant = pick(own.first().map(|s| s.start), &mut used);
                let (start, end) = (
                    Literal::u16_unsuffixed(row.start),
                    Literal::u16_unsuffixed(row.end),
                );
                variants.push(quote! {
                    #(#[doc = #docs])* #[doc(alias = #alias)]
                    #ident(#krate::Unnamed<Self, #start, #end>) = #discriminant,
                });
                if !own.is_empty() {
                    let patterns = own.iter().map(pattern);
                    from_arms.push(quote! {
                        #(#patterns)|* => ::core::option::Option::Some(
                            Self::#ident(#krate::Unnamed::__checked(code))),
                    });
                }
                as_arms.push(quote! { Self::#ident(code) => code.get(), });
                row_arms.push(quote! { Self::#ident(_) => #index_lit, });
            }
            Owner::Other => {}
        }
    }
    if has_other {
        let discriminant = pick(other_segments.first().map(|s| s.start), &mut used);
        // Long lists help nobody in docs (and cost compile time): past a dozen, count them.
        let covered = if other_segments.len() > 12 {
            format!("{} runs of codes, listed in `ROWS`", other_segments.len())
        } else {
            other_segments
                .iter()
                .map(|s| {
                    if s.start == s.end {
                        format!("`{}`", s.start)
                    } else {
                        format!("`{}`–`{}`", s.start, s.end)
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let doc = format!(
            " A code that a row covers without naming it: {covered}. Its row gives its rules; \
             only this type's constructors can build the payload."
        );
        variants.push(quote! { #[doc = #doc] Other(#krate::Unnamed<Self>) = #discriminant, });
        // This arm comes after every named code's and range's arm, so it may span them: the
        // covered runs that hold an `Other` code, which are far fewer ranges than its segments
        // (the bundled table: `0..=4999` instead of six), and so fewer branches at run time.
        let patterns = covered_runs(&segments, |s| {
            matches!(owner(&table.rows[s.row]), Owner::Other)
        })
        .map(|s| pattern(&s));
        from_arms.push(quote! {
            #(#patterns)|* => ::core::option::Option::Some(
                Self::Other(#krate::Unnamed::__checked(code))),
        });
        as_arms.push(quote! { Self::Other(code) => code.get(), });
        // Which unnamed row a code of `Other` came from; the last row is the fallback arm.
        let rows = ByRow::new(table.rows.len(), &other_segments);
        let arm = if rows.len() == 1 {
            let index = rows
                .0
                .iter()
                .map(|(index, _)| Literal::usize_unsuffixed(*index));
            quote! { Self::Other(_) => #(#index)*, }
        } else {
            let last = rows.len() - 1;
            let inner = rows.0.iter().enumerate().map(|(i, (index, segments))| {
                let index = Literal::usize_unsuffixed(*index);
                if i == last {
                    quote! { _ => #index, }
                } else {
                    let patterns = segments.iter().map(pattern);
                    quote! { #(#patterns)|* => #index, }
                }
            });
            quote! { Self::Other(code) => match code.get() { #(#inner)* }, }
        };
        row_arms.push(arm);
    }
    // Variants of rows a problem left out: the build fails on the table's errors anyway, and
    // keeping them spares the user an error for every place their code names one.
    for lost in &table.lost {
        let ident = format_ident!("{}", lost.ident);
        let discriminant = pick(None, &mut used);
        let payload = lost.range.map(|(start, end)| {
            let (start, end) = (Literal::u16_unsuffixed(start), Literal::u16_unsuffixed(end));
            quote! { (#krate::Unnamed<Self, #start, #end>) }
        });
        let rest = payload.as_ref().map(|_| quote! { (_) });
        variants.push(quote! { #[doc(hidden)] #ident #payload = #discriminant, });
        as_arms.push(quote! { Self::#ident #rest => ::core::unreachable!(), });
        row_arms.push(quote! { Self::#ident #rest => ::core::unreachable!(), });
    }
    let covered: usize = segments
        .iter()
        .map(|s| usize::from(s.end) - usize::from(s.start) + 1)
        .sum();
    let mut reject = None;
    if let (Some(first), Some(last)) = (segments.first(), segments.last()) {
        // The codes outside the covered span are refused first: the optimiser then
        // knows the later arms only see codes inside it, and folds `from_u16` + `is_sendable`
        // into one bound check and a few range tests instead of a branch per named code.
        let mut outside = Vec::new();
        if first.start > 0 {
            outside.push(range_pattern(0, first.start - 1));
        }
        if last.end < u16::MAX {
            outside.push(range_pattern(last.end + 1, u16::MAX));
        }
        // An `if` ahead of the `match`, not a first arm: the arm would repeat the last `_ => None`
        // arm, which clippy's `match_same_arms` flags in `include!`d build-script output.
        if !outside.is_empty() {
            reject = Some(quote! {
                if ::core::matches!(code, #(#outside)|*) {
                    return ::core::option::Option::None;
                }
            });
        }
    }
    // The `if` above does not count for exhaustiveness: the `match` still needs this arm.
    if covered < ALL_CODES {
        from_arms.push(quote! { _ => ::core::option::Option::None, });
    }

    let empty = table.rows.is_empty() && table.lost.is_empty();
    let has_payload = has_other
        || table.lost.iter().any(|lost| lost.range.is_some())
        || table
            .rows
            .iter()
            .any(|r| matches!(owner(r), Owner::Range(_)));
    let as_body = if empty {
        quote! { match self {} }
    } else if has_payload {
        quote! { match self { #(#as_arms)* } }
    } else {
        // A fieldless enum whose discriminants are its codes.
        quote! { self as u16 }
    };
    let row_body = if empty {
        quote! { match self {} }
    } else if table.rows.is_empty() {
        // Only lost variants: every arm diverges, so there is no index to take.
        quote! { match self { #(#row_arms)* } }
    } else {
        quote! { &Self::ROWS[match self { #(#row_arms)* }] }
    };
    // The rules as matches on the code: a few range comparisons the optimiser can fuse with
    // `from_u16`, rather than a jump through `row()` and a load from `ROWS`.
    let is_sendable = code_set(&segments, table, |row| row.sendable);
    let is_reserved = code_set(&segments, table, |row| row.reserved);
    let rows = table.rows.iter().map(|row| row_data(row, krate));
    let source_name = &options.source_name;
    let enum_docs = enum_docs(table, options);
    let include = options.include.as_ref().map(|path| {
        quote! {
            // Makes cargo rebuild this crate when the table changes.
            const _: &[u8] = ::core::include_bytes!(#path);
        }
    });

    // A skeleton left by a table with errors has no variants, and rustc rejects `repr` there.
    let repr = (!empty).then(|| quote! { #[repr(u16)] });

    quote! {
        #(#attrs)*
        #(#[doc = #enum_docs])*
        #[derive(
            ::core::clone::Clone,
            ::core::marker::Copy,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
        )]
        #repr
        #vis enum #name {
            #(#variants)*
        }

        impl #name {
            /// The table's rows, in the order the markdown lists them.
            pub const ROWS: &'static [#krate::Row] = &[#(#rows),*];

            /// The markdown file this type was generated from, as the macro call spelled it.
            pub const SOURCE: &'static str = #source_name;

            /// The value for `code`, or `None` when no row of the table covers it.
            #[must_use]
            #[inline]
            pub const fn from_u16(code: u16) -> ::core::option::Option<Self> {
                #reject
                match code { #(#from_arms)* }
            }

            /// The code number.
            #[must_use]
            #[inline]
            pub const fn as_u16(self) -> u16 {
                #as_body
            }

            /// The row the code came from: its own row, else the range that covers it.
            #[must_use]
            #[inline]
            pub const fn row(self) -> &'static #krate::Row {
                #row_body
            }

            /// The plain text of the row's name cell (`None` for a code the table does not name).
            #[must_use]
            #[inline]
            pub const fn name(self) -> ::core::option::Option<&'static str> {
                self.row().name()
            }

            /// The plain text of the row's usage cell.
            #[must_use]
            #[inline]
            pub const fn description(self) -> &'static str {
                self.row().usage()
            }

            /// Reserved: reported to the application, never sent on the wire.
            #[must_use]
            #[inline]
            pub const fn is_reserved(self) -> bool {
                #is_reserved
            }

            /// Sendable: not reserved, and named or in a row marked Custom `Yes`.
            #[must_use]
            #[inline]
            pub const fn is_sendable(self) -> bool {
                #is_sendable
            }

            /// The HTTP status the usage text calls equivalent ("Equivalent to HTTP `502`").
            #[must_use]
            #[inline]
            pub const fn http_status(self) -> ::core::option::Option<u16> {
                self.row().http_status()
            }

            /// The value for `code` if an endpoint may send it, else why not.
            #[inline]
            pub const fn sendable_from_u16(
                code: u16,
            ) -> ::core::result::Result<Self, #krate::InvalidCode> {
                match Self::from_u16(code) {
                    ::core::option::Option::Some(value) => {
                        match #krate::InvalidCode::__unless_sendable(code, value.row(), #type_name) {
                            ::core::option::Option::None => ::core::result::Result::Ok(value),
                            ::core::option::Option::Some(error) => ::core::result::Result::Err(error),
                        }
                    }
                    ::core::option::Option::None => ::core::result::Result::Err(
                        #krate::InvalidCode::__not_in_table(code, #type_name),
                    ),
                }
            }
        }

        impl #name {
            /// `CODE` as a value, checked at compile time: a code that no row covers is a
            /// compile error naming the code. For a number only known at run time, use
            /// `from_u16`. The check runs when rustc generates code (`cargo build`); under
            /// `cargo check` only in a `const` item.
            #[must_use]
            pub const fn of<const CODE: u16>() -> Self {
                const {
                    match Self::from_u16(CODE) {
                        ::core::option::Option::Some(value) => value,
                        ::core::option::Option::None => {
                            #krate::InvalidCode::__not_in_table(CODE, #type_name).__panic()
                        }
                    }
                }
            }

            /// `CODE` as a value an endpoint may send, checked at compile time: a code that
            /// no row covers, or a reserved or unsendable one, is a compile error naming the
            /// code and its row. For a number only known at run time, use
            /// `sendable_from_u16`. The check runs when rustc generates code (`cargo
            /// build`); under `cargo check` only in a `const` item.
            #[must_use]
            pub const fn sendable<const CODE: u16>() -> Self {
                const {
                    match Self::sendable_from_u16(CODE) {
                        ::core::result::Result::Ok(value) => value,
                        ::core::result::Result::Err(error) => error.__panic(),
                    }
                }
            }
        }

        impl #krate::Code for #name {
            const ROWS: &'static [#krate::Row] = #name::ROWS;
            const SOURCE: &'static str = #name::SOURCE;
            const TYPE_NAME: &'static str = #type_name;

            #[inline]
            fn from_u16(code: u16) -> ::core::option::Option<Self> {
                #name::from_u16(code)
            }
            #[inline]
            fn as_u16(self) -> u16 {
                #name::as_u16(self)
            }
            #[inline]
            fn row(self) -> &'static #krate::Row {
                #name::row(self)
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #krate::__private::fmt_code(self.as_u16(), self.name(), f)
            }
        }

        impl ::core::cmp::PartialOrd for #name {
            #[inline]
            fn partial_cmp(&self, other: &Self) -> ::core::option::Option<::core::cmp::Ordering> {
                ::core::option::Option::Some(::core::cmp::Ord::cmp(self, other))
            }
        }

        /// Orders by code number.
        impl ::core::cmp::Ord for #name {
            #[inline]
            fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                ::core::cmp::Ord::cmp(&self.as_u16(), &other.as_u16())
            }
        }

        impl ::core::convert::From<#name> for u16 {
            #[inline]
            fn from(code: #name) -> u16 {
                code.as_u16()
            }
        }

        impl ::core::convert::TryFrom<u16> for #name {
            type Error = #krate::InvalidCode;

            #[inline]
            fn try_from(code: u16) -> ::core::result::Result<Self, Self::Error> {
                match Self::from_u16(code) {
                    ::core::option::Option::Some(value) => ::core::result::Result::Ok(value),
                    ::core::option::Option::None => ::core::result::Result::Err(
                        #krate::InvalidCode::__not_in_table(code, #type_name),
                    ),
                }
            }
        }

        #krate::__private::integrate!(#name);

        #include
    }
}

/// Segments grouped by the row that owns them: rows in table order, each row's segments in code
/// order. A sorted `Vec`, not a `BTreeMap`: each map type is another
/// copy of its code for LLVM to compile, on every user's clean build.
struct ByRow(Vec<(usize, Vec<Segment>)>);

impl ByRow {
    fn new(rows: usize, segments: &[Segment]) -> Self {
        let mut slots: Vec<Vec<Segment>> = Vec::with_capacity(rows);
        slots.resize_with(rows, Vec::new);
        for segment in segments {
            if let Some(slot) = slots.get_mut(segment.row) {
                slot.push(*segment);
            }
        }
        let mut grouped = Vec::new();
        for (row, own) in slots.into_iter().enumerate() {
            if !own.is_empty() {
                grouped.push((row, own));
            }
        }
        ByRow(grouped)
    }

    /// The segments of row `row`, in code order (none for a row that owns no code).
    fn get(&self, row: usize) -> &[Segment] {
        self.0
            .binary_search_by_key(&row, |(row, _)| *row)
            .map_or(&[][..], |at| &self.0[at].1)
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

/// Runs of consecutive covered codes (touching segments merged), keeping those that hold a
/// segment for which `keep` is true.
fn covered_runs(
    segments: &[Segment],
    keep: impl Fn(&Segment) -> bool,
) -> impl Iterator<Item = Segment> {
    let mut runs: Vec<(Segment, bool)> = Vec::new();
    for segment in segments {
        match runs.last_mut() {
            Some((last, kept)) if u32::from(last.end) + 1 == u32::from(segment.start) => {
                last.end = segment.end;
                *kept |= keep(segment);
            }
            _ => runs.push((*segment, keep(segment))),
        }
    }
    runs.into_iter()
        .filter(|(_, kept)| *kept)
        .map(|(run, _)| run)
}

/// The body of a rule check on `self`: whether its code lies in a segment whose row passes
/// `rule`, with touching segments merged so the match has as few arms as it can.
fn code_set(segments: &[Segment], table: &Table, rule: impl Fn(&Row) -> bool) -> TokenStream {
    let mut merged: Vec<Segment> = Vec::new();
    for segment in segments.iter().filter(|s| rule(&table.rows[s.row])) {
        match merged.last_mut() {
            Some(last) if u32::from(last.end) + 1 == u32::from(segment.start) => {
                last.end = segment.end;
            }
            _ => merged.push(*segment),
        }
    }
    // A rule that holds for no code, or for every code, needs no test; `self` is still
    // taken, so the lint on unused `self` in `include!`d build-script output stays quiet.
    let all = segments.iter().all(|s| rule(&table.rows[s.row]));
    match merged.as_slice() {
        [] => quote! { { let _ = self; false } },
        _ if all => quote! { { let _ = self; true } },
        _ => {
            let patterns = merged.iter().map(pattern);
            quote! { ::core::matches!(self.as_u16(), #(#patterns)|*) }
        }
    }
}

fn pattern(segment: &Segment) -> TokenStream {
    range_pattern(segment.start, segment.end)
}

fn range_pattern(start: u16, end: u16) -> TokenStream {
    let (start_lit, end_lit) = (Literal::u16_unsuffixed(start), Literal::u16_unsuffixed(end));
    if start == end {
        quote! { #start_lit }
    } else {
        quote! { #start_lit..=#end_lit }
    }
}

fn row_data(row: &Row, krate: &TokenStream) -> TokenStream {
    let start = Literal::u16_unsuffixed(row.start);
    let end = Literal::u16_unsuffixed(row.end);
    let name = option(row.name.as_ref().map(|name| Literal::string(&name.text)));
    let reserved = row.reserved;
    let custom = Ident::new(
        match row.custom {
            Custom::Unspecified => "Unspecified",
            Custom::No => "No",
            Custom::Yes => "Yes",
            Custom::ExtensionsOnly => "ExtensionsOnly",
        },
        Span::call_site(),
    );
    let sendable = row.sendable;
    let usage = &row.usage;
    let http = option(row.http_status.map(Literal::u16_unsuffixed));
    let line = Literal::u32_unsuffixed(u32::try_from(row.line).unwrap_or(u32::MAX));
    quote! {
        #krate::Row::__new(#start, #end, #name, #reserved, #krate::Custom::#custom, #sendable, #usage, #http, #line)
    }
}

fn option(value: Option<Literal>) -> TokenStream {
    value.map_or_else(
        || quote! { ::core::option::Option::None },
        |value| quote! { ::core::option::Option::Some(#value) },
    )
}

/// A variant's doc: its usage markdown, then its code, name and rules.
fn variant_docs(row: &Row, source_name: &str) -> Vec<String> {
    let mut docs = Vec::new();
    if !row.usage_markdown.is_empty() {
        docs.push(format!(" {}", row.usage_markdown));
        docs.push(String::new());
    }
    let name = row
        .name
        .as_ref()
        .map_or(String::new(), |name| format!(" · {}", name.markdown));
    docs.push(format!(
        " `{}`{name} · {} · `{source_name}` line {}",
        row.codes().replace('–', "`–`"),
        rules(row),
        row.line
    ));
    docs
}

fn rules(row: &Row) -> &'static str {
    if row.reserved {
        "reserved: reported, never sent"
    } else if row.sendable {
        "sendable"
    } else {
        "not sendable"
    }
}

fn enum_docs(table: &Table, options: &Options) -> Vec<String> {
    let source = &options.source_name;
    let mut docs = Vec::new();
    if options.has_docs {
        docs.push(String::new());
    } else {
        docs.push(format!(" WebSocket close codes from `{source}`."));
        docs.push(String::new());
    }
    docs.push(format!(
        " Generated by close-codes from the table at `{source}` line {}: one variant per \
         named code, each documented with its row's usage. Edit the table to change this type.",
        table.line
    ));
    if table.rows.len() > DOC_TABLE_ROWS || table.rows.is_empty() {
        return docs;
    }
    docs.push(String::new());
    docs.push(" | Code | Variant | Rules | Usage |".to_owned());
    docs.push(" |---|---|---|---|".to_owned());
    for row in &table.rows {
        let variant = match owner(row) {
            Owner::Unit(ident) | Owner::Range(ident) => format!("[`{ident}`](Self::{ident})"),
            Owner::Other => "[`Other`](Self::Other)".to_owned(),
        };
        let mut line = String::new();
        let _ = write!(
            line,
            " | {} | {variant} | {} | {} |",
            row.codes(),
            rules(row),
            row.usage_markdown
        );
        docs.push(line);
    }
    docs
}
