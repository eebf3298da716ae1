//! Stage 5: the layout to Rust tokens, one small template per item. The code is `match`es and
//! consts only: no per-variant traits or helper functions, so a 10,000-row table stays cheap
//! to compile. Every decision was made in `layout`; here only tokens are written.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::docs;
use crate::layout::{CodeSet, Kind, Layout, Run, layout};
use crate::model::{Custom, Row, Table};

/// What the generated type is called, where it lives, and where it came from.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// The path to the runtime crate: `$crate` from the macro front, `::close_codes` otherwise.
    pub(crate) krate: TokenStream,
    /// Outer attributes for the enum, doc comments included, as written.
    pub(crate) attrs: Vec<TokenStream>,
    /// The enum's visibility, as written (`pub` by default).
    pub(crate) vis: TokenStream,
    /// The enum's name (`CloseCode` by default).
    pub(crate) name: Ident,
    /// The markdown file as the invocation spelled it.
    pub(crate) source_name: String,
    /// The resolved path, for an `include_bytes!` that makes cargo rebuild on edits.
    pub(crate) include: Option<String>,
    /// Whether `attrs` hold doc comments of the user's own.
    pub(crate) has_docs: bool,
    /// Outer attributes for the inherent impl blocks.
    pub(crate) impl_attrs: Vec<TokenStream>,
}

/// Generates the enum, its impls and the rebuild hook.
pub(crate) fn expand(table: &Table, options: &Options) -> TokenStream {
    match layout(table) {
        Ok(layout) => Template {
            table,
            layout: &layout,
            options,
        }
        .items(),
        // Unreachable for any table a person writes; said plainly rather than miscompiled.
        Err(problem) => {
            let message = problem.message;
            quote! { ::core::compile_error! { #message } }
        }
    }
}

/// What every template reads.
struct Template<'a> {
    table: &'a Table,
    layout: &'a Layout,
    options: &'a Options,
}

impl Template<'_> {
    fn items(&self) -> TokenStream {
        let name = &self.options.name;
        let krate = &self.options.krate;
        let (enum_item, inherent, constructors) = (
            self.enum_item(),
            self.inherent_impl(),
            self.checked_constructors(),
        );
        let traits = self.trait_impls();
        let include = self.options.include.as_ref().map(|path| {
            quote! {
                // Makes cargo rebuild this crate when the table changes.
                const _: &[u8] = ::core::include_bytes!(#path);
            }
        });
        quote! {
            #enum_item
            #inherent
            #constructors
            #traits
            #krate::__private::integrate!(#name);
            #include
        }
    }

    fn enum_item(&self) -> TokenStream {
        let Options {
            attrs,
            vis,
            name,
            source_name,
            has_docs,
            ..
        } = self.options;
        let docs = docs::enum_docs(self.table, source_name, *has_docs);
        let variants = self.variants();
        // A skeleton left by a table with errors may have no variants, and rustc rejects
        // `repr` there.
        let repr = (!self.layout.is_empty()).then(|| quote! { #[repr(u16)] });
        quote! {
            #(#attrs)*
            #(#[doc = #docs])*
            // The variants are named by the table's rows, not by the user's code: a row named
            // "Gone beyond" in `enum Beyond` is the table's to rename, not a style slip.
            #[allow(clippy::enum_variant_names)]
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
        }
    }

    fn variants(&self) -> Vec<TokenStream> {
        let krate = &self.options.krate;
        let mut variants = Vec::new();
        for variant in &self.layout.variants {
            let row = &self.table.rows[variant.row];
            let docs = docs::variant_docs(row, &self.options.source_name);
            let alias = row.start.to_string();
            let ident = format_ident!("{}", variant.ident);
            let discriminant = Literal::u16_unsuffixed(variant.discriminant);
            let payload = match &variant.kind {
                Kind::Unit => None,
                Kind::Range { start, end, .. } => {
                    let (start, end) = (
                        Literal::u16_unsuffixed(*start),
                        Literal::u16_unsuffixed(*end),
                    );
                    Some(quote! { (#krate::Unnamed<Self, #start, #end>) })
                }
            };
            variants.push(quote! {
                #(#[doc = #docs])* #[doc(alias = #alias)] #ident #payload = #discriminant,
            });
        }
        if let Some(other) = &self.layout.other {
            let doc = docs::other_doc(&other.codes);
            let discriminant = Literal::u16_unsuffixed(other.discriminant);
            variants.push(quote! { #[doc = #doc] Other(#krate::Unnamed<Self>) = #discriminant, });
        }
        for lost in &self.layout.lost {
            let ident = format_ident!("{}", lost.ident);
            let discriminant = Literal::u16_unsuffixed(lost.discriminant);
            let payload = lost.range.map(|(start, end)| {
                let (start, end) = (Literal::u16_unsuffixed(start), Literal::u16_unsuffixed(end));
                quote! { (#krate::Unnamed<Self, #start, #end>) }
            });
            variants.push(quote! { #[doc(hidden)] #ident #payload = #discriminant, });
        }
        variants
    }

    fn inherent_impl(&self) -> TokenStream {
        let Options {
            krate,
            name,
            source_name,
            ..
        } = self.options;
        let rows = self.table.rows.iter().map(|row| row_data(row, krate));
        let (from_u16, as_u16, row) =
            (self.body_of_from_u16(), self.as_u16_body(), self.row_body());
        let rules = self.rule_methods();
        let impl_attrs = &self.options.impl_attrs;
        quote! {
            #(#impl_attrs)*
            impl #name {
                /// The table's rows, in the order the markdown lists them.
                pub const ROWS: &'static [#krate::Row] = &[#(#rows),*];

                /// The markdown file this type was generated from, as the macro call spelled it.
                pub const SOURCE: &'static str = #source_name;

                /// The value for `code`, or `None` when no row of the table covers it.
                #[must_use]
                #[inline]
                pub const fn from_u16(code: u16) -> ::core::option::Option<Self> {
                    #from_u16
                }

                /// The code number.
                #[must_use]
                #[inline]
                pub const fn as_u16(self) -> u16 {
                    #as_u16
                }

                /// The row the code came from: its own row, else the range that covers it.
                #[must_use]
                #[inline]
                pub const fn row(self) -> &'static #krate::Row {
                    #row
                }

                #rules
            }
        }
    }

    /// What a value's row says: its cells, and the rules over its code.
    fn rule_methods(&self) -> TokenStream {
        let Options { krate, name, .. } = self.options;
        let type_name = name.to_string();
        let is_reserved = code_set_body(&self.layout.reserved);
        let is_sendable = code_set_body(&self.layout.sendable);
        let allow_reserved = allow_unused_self(&self.layout.reserved);
        let allow_sendable = allow_unused_self(&self.layout.sendable);
        quote! {
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
            #allow_reserved
            pub const fn is_reserved(self) -> bool {
                #is_reserved
            }

            /// Sendable: not reserved, and named or in a row marked Custom `Yes`.
            #[must_use]
            #[inline]
            #allow_sendable
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
    }

    /// `from_u16`: the codes outside the covered span refused first (the optimiser then
    /// knows the later arms only see codes inside it, and folds `from_u16` + `is_sendable`
    /// into one bound check and a few range tests), then an arm per named row, then `Other`'s.
    fn body_of_from_u16(&self) -> TokenStream {
        let krate = &self.options.krate;
        let layout = self.layout;
        // An `if` ahead of the `match`, not a first arm: the arm would repeat the last
        // `_ => None` arm, which clippy's `match_same_arms` flags in `include!`d output.
        let reject = (!layout.outside.is_empty()).then(|| {
            let outside = layout.outside.iter().copied().map(pattern);
            quote! {
                if ::core::matches!(code, #(#outside)|*) {
                    return ::core::option::Option::None;
                }
            }
        });
        let mut arms = Vec::new();
        for variant in &layout.variants {
            let ident = format_ident!("{}", variant.ident);
            match &variant.kind {
                Kind::Unit => {
                    let code = Literal::u16_unsuffixed(variant.discriminant);
                    arms.push(quote! { #code => ::core::option::Option::Some(Self::#ident), });
                }
                Kind::Range { own, .. } if !own.is_empty() => {
                    let patterns = own.iter().copied().map(pattern);
                    arms.push(quote! {
                        #(#patterns)|* => ::core::option::Option::Some(
                            Self::#ident(#krate::Unnamed::__checked(code))),
                    });
                }
                Kind::Range { .. } => {}
            }
        }
        if let Some(other) = &layout.other {
            let patterns = other.arm.iter().copied().map(pattern);
            arms.push(quote! {
                #(#patterns)|* => ::core::option::Option::Some(
                    Self::Other(#krate::Unnamed::__checked(code))),
            });
        }
        // The `if` above does not count for exhaustiveness: the `match` still needs this arm.
        if !layout.covers_all {
            arms.push(quote! { _ => ::core::option::Option::None, });
        }
        quote! {
            #reject
            match code { #(#arms)* }
        }
    }

    fn as_u16_body(&self) -> TokenStream {
        if self.layout.is_empty() {
            return quote! { match self {} };
        }
        if !self.layout.has_payload() {
            // A fieldless enum whose discriminants are its codes.
            return quote! { self as u16 };
        }
        let mut arms = Vec::new();
        for variant in &self.layout.variants {
            let ident = format_ident!("{}", variant.ident);
            arms.push(match variant.kind {
                Kind::Unit => {
                    let code = Literal::u16_unsuffixed(variant.discriminant);
                    quote! { Self::#ident => #code, }
                }
                Kind::Range { .. } => quote! { Self::#ident(code) => code.get(), },
            });
        }
        if self.layout.other.is_some() {
            arms.push(quote! { Self::Other(code) => code.get(), });
        }
        arms.extend(self.lost_arms());
        quote! { match self { #(#arms)* } }
    }

    fn row_body(&self) -> TokenStream {
        if self.layout.is_empty() {
            return quote! { match self {} };
        }
        let mut arms = Vec::new();
        for variant in &self.layout.variants {
            let ident = format_ident!("{}", variant.ident);
            let index = Literal::usize_unsuffixed(variant.row);
            arms.push(match variant.kind {
                Kind::Unit => quote! { Self::#ident => #index, },
                Kind::Range { .. } => quote! { Self::#ident(_) => #index, },
            });
        }
        arms.extend(self.other_row_arm());
        arms.extend(self.lost_arms());
        if self.table.rows.is_empty() {
            // Only lost variants: every arm diverges, so there is no index to take.
            return quote! { match self { #(#arms)* } };
        }
        quote! { &Self::ROWS[match self { #(#arms)* }] }
    }

    /// Which unnamed row a code of `Other` came from; the last row is the fallback arm.
    fn other_row_arm(&self) -> Option<TokenStream> {
        let other = self.layout.other.as_ref()?;
        if let [(index, _)] = other.rows.as_slice() {
            let index = Literal::usize_unsuffixed(*index);
            return Some(quote! { Self::Other(_) => #index, });
        }
        let last = other.rows.len() - 1;
        let inner = other.rows.iter().enumerate().map(|(i, (index, runs))| {
            let index = Literal::usize_unsuffixed(*index);
            if i == last {
                quote! { _ => #index, }
            } else {
                let patterns = runs.iter().copied().map(pattern);
                quote! { #(#patterns)|* => #index, }
            }
        });
        Some(quote! { Self::Other(code) => match code.get() { #(#inner)* }, })
    }

    /// Lost variants never exist at run time: the build fails on the table's errors.
    fn lost_arms(&self) -> impl Iterator<Item = TokenStream> + '_ {
        self.layout.lost.iter().map(|lost| {
            let ident = format_ident!("{}", lost.ident);
            let rest = lost.range.map(|_| quote! { (_) });
            quote! { Self::#ident #rest => ::core::unreachable!(), }
        })
    }

    fn checked_constructors(&self) -> TokenStream {
        let Options { krate, name, .. } = self.options;
        let type_name = name.to_string();
        let impl_attrs = &self.options.impl_attrs;
        quote! {
            #(#impl_attrs)*
            impl #name {
                /// `CODE` as a value, checked at compile time: a code that no row covers is a
                /// compile error naming the code. For a number only known at run time, use
                /// `from_u16`. The check runs when rustc generates code (`cargo build`); under
                /// `cargo check` only in a `const` item. The error is reported in this type's
                /// source, with the caller's line in a note; `close_codes::close_code!(Type, any
                /// CODE)` checks the same and reports at the caller's line.
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
                /// build`); under `cargo check` only in a `const` item. The error is reported in
                /// this type's source, with the caller's line in a note;
                /// `close_codes::close_code!(Type, CODE)` checks the same and reports at the
                /// caller's line.
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
        }
    }

    fn trait_impls(&self) -> TokenStream {
        let (code, std) = (self.code_impl(), self.std_impls());
        quote! { #code #std }
    }

    /// The runtime's `Code` trait, for code generic over tables.
    fn code_impl(&self) -> TokenStream {
        let Options { krate, name, .. } = self.options;
        let type_name = name.to_string();
        quote! {
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
        }
    }

    /// Display, ordering by code number, and the conversions to and from `u16`.
    fn std_impls(&self) -> TokenStream {
        let Options { krate, name, .. } = self.options;
        let type_name = name.to_string();
        quote! {
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
        }
    }
}

/// The body of a rule check on `self`. A rule that holds for no code, or for every code, needs
/// no test; the method then allows clippy's unused-`self` lint (see `allow_unused_self`).
fn code_set_body(set: &CodeSet) -> TokenStream {
    match set {
        CodeSet::Empty => quote! { false },
        CodeSet::All => quote! { true },
        CodeSet::Runs(runs) => {
            let patterns = runs.iter().copied().map(pattern);
            quote! { ::core::matches!(self.as_u16(), #(#patterns)|*) }
        }
    }
}

/// On a rule method whose answer does not depend on the code: the lint is right that `self` is
/// unused, and the method keeps its signature so that every table's type has the same API.
fn allow_unused_self(set: &CodeSet) -> Option<TokenStream> {
    matches!(set, CodeSet::Empty | CodeSet::All).then(|| {
        quote! {
            #[allow(
                clippy::unused_self,
                reason = "the table's rows decide this rule alike for every code"
            )]
        }
    })
}

fn pattern(run: Run) -> TokenStream {
    let (start, end) = (
        Literal::u16_unsuffixed(run.start),
        Literal::u16_unsuffixed(run.end),
    );
    if run.start == run.end {
        quote! { #start }
    } else {
        quote! { #start..=#end }
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
        #krate::Row::__from(#krate::__private::RowInit {
            start: #start,
            end: #end,
            name: #name,
            reserved: #reserved,
            custom: #krate::Custom::#custom,
            sendable: #sendable,
            usage: #usage,
            http_status: #http,
            line: #line,
        })
    }
}

fn option(value: Option<Literal>) -> TokenStream {
    value.map_or_else(
        || quote! { ::core::option::Option::None },
        |value| quote! { ::core::option::Option::Some(#value) },
    )
}
