//! The proc macro's front half: its input, `$crate; [#[attr]* vis enum Name from] "path"
//! [, heading = "text"]`, parsed with syn, every error at the token it is about; then the table
//! read and the whole expansion written with quote.

use std::path::Path;

use proc_macro2::Delimiter;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

use crate::diagnostic::{Diagnostic, slip_distance};
use crate::expand::{self, Options};
use crate::load::{Loaded, load};
use crate::model::Table;

/// A parsed `close_codes!` call.
struct Invocation {
    /// The runtime's path: the `$crate` token the `close_codes!` front passes in.
    krate: TokenStream,
    /// Outer attributes for the enum, each `#` and its `[…]`, as written.
    attrs: Vec<TokenStream>,
    /// As written; the short form `close_codes!("codes.md")` makes `pub enum CloseCode`.
    vis: TokenStream,
    name: Ident,
    path: LitStr,
    /// The options, or why they could not be read: the type is still declared (with no
    /// variants), so the user sees that one error rather than every use of the type failing.
    heading: syn::Result<Option<LitStr>>,
}

impl Parse for Invocation {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let krate = parse_runtime(input)?;
        let attrs = parse_attrs(input)?;
        let vis = parse_vis(input)?;
        let long_form = !attrs.is_empty() || !vis.is_empty();
        let (name, vis) = match parse_name(input, long_form)? {
            Some(name) => (name, vis),
            None => (Ident::new("CloseCode", Span::call_site()), quote!(pub)),
        };
        let path = parse_path(input)?;
        let heading = parse_options(input);
        if heading.is_err() {
            // The rest is unread; the error already says where reading stopped.
            input.parse::<TokenStream>()?;
        }
        Ok(Invocation {
            krate,
            attrs,
            vis,
            name,
            path,
            heading,
        })
    }
}

/// The `macro_rules!` front passes `$crate` first, so the output can name the runtime.
fn parse_runtime(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    let mut krate = TokenStream::new();
    while !input.peek(Token![;]) {
        krate.extend([input.parse::<TokenTree>()?]);
    }
    input.parse::<Token![;]>()?;
    Ok(krate)
}

/// Outer attributes: `#` and a `[…]` group each. They are passed on as tokens, for rustc to
/// read: syn's syntax tree of attributes (its `derive` feature) would double syn's compile
/// time on every user's build for nothing the macro looks into.
fn parse_attrs(input: ParseStream<'_>) -> syn::Result<Vec<TokenStream>> {
    let mut attrs = Vec::new();
    while input.peek(Token![#]) {
        let pound = input.parse::<TokenTree>()?;
        let body = input.parse::<TokenTree>()?;
        if !matches!(&body, TokenTree::Group(group) if group.delimiter() == Delimiter::Bracket) {
            return Err(syn::Error::new(body.span(), "expected `[` after `#`"));
        }
        attrs.push(TokenStream::from_iter([pound, body]));
    }
    Ok(attrs)
}

/// Whether an attribute is a doc comment (`/// …` reaches a macro as `#[doc = "…"]`).
fn is_doc(attr: &TokenStream) -> bool {
    let body = attr.clone().into_iter().nth(1);
    let first = match body {
        Some(TokenTree::Group(group)) => group.stream().into_iter().next(),
        _ => None,
    };
    matches!(first, Some(TokenTree::Ident(ident)) if ident == "doc")
}

/// `pub` or `pub(…)`, or nothing.
fn parse_vis(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    let mut vis = TokenStream::new();
    if input.peek(Token![pub]) {
        vis.extend([input.parse::<TokenTree>()?]);
        if input.peek(syn::token::Paren) {
            vis.extend([input.parse::<TokenTree>()?]);
        }
    }
    Ok(vis)
}

/// `enum Name from`, required when attributes or a visibility came first; `None` without.
fn parse_name(input: ParseStream<'_>, required: bool) -> syn::Result<Option<Ident>> {
    if !input.peek(Token![enum]) {
        if required {
            return Err(input.error("expected `enum Name from \"path/to/table.md\"`"));
        }
        return Ok(None);
    }
    input.parse::<Token![enum]>()?;
    let name = input.parse::<Ident>()?;
    let expected = "expected `from \"path/to/table.md\"` after the type's name";
    match input.parse::<Ident>() {
        Ok(from) if from == "from" => Ok(Some(name)),
        // At the word written instead of `from`, as syn points at any token at fault.
        Ok(other) => Err(syn::Error::new(other.span(), expected)),
        Err(_) => Err(input.error(expected)),
    }
}

fn parse_path(input: ParseStream<'_>) -> syn::Result<LitStr> {
    input.parse::<LitStr>().map_err(|error| {
        syn::Error::new(
            error.span(),
            "expected the markdown file's path as a string, e.g. `close_codes!(\"codes.md\")`",
        )
    })
}

/// The options the macro knows, in the order messages list them.
const OPTIONS: [&str; 1] = ["heading"];

/// `, heading = "…"` at most once, and a trailing comma.
fn parse_options(input: ParseStream<'_>) -> syn::Result<Option<LitStr>> {
    let mut heading: Option<LitStr> = None;
    while !input.is_empty() {
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            break;
        }
        let key = input.parse::<Ident>().map_err(|error| {
            syn::Error::new(error.span(), "expected an option: `heading = \"…\"`")
        })?;
        if key != "heading" {
            return Err(unknown_option(&key));
        }
        if heading.is_some() {
            return Err(syn::Error::new(
                key.span(),
                "`heading` is given twice: keep one",
            ));
        }
        input.parse::<Token![=]>()?;
        heading = Some(input.parse::<LitStr>().map_err(|error| {
            syn::Error::new(
                error.span(),
                "`heading` takes a string: the heading's text, e.g. `heading = \"Close codes\"`",
            )
        })?);
    }
    Ok(heading)
}

/// An option the macro does not know, with the closest it does.
fn unknown_option(key: &Ident) -> syn::Error {
    let written = key.to_string();
    let known = OPTIONS
        .map(|option| format!("`{option} = \"…\"`"))
        .join(", ");
    let closest = OPTIONS
        .into_iter()
        .filter(|option| slip_distance(&written, option).is_some())
        .map(|option| format!("did you mean `{option}`? "))
        .next()
        .unwrap_or_default();
    syn::Error::new(
        key.span(),
        format!("unknown option `{written}`: {closest}the one option is {known}"),
    )
}

/// The whole macro: parses the invocation, reads the table relative to `manifest_dir`, and
/// returns the generated type, preceded by one `compile_error!` per problem. Never panics: with
/// problems it still emits the type from the rows that passed, so the user sees the table's
/// errors rather than a cascade of unresolved names.
pub fn expand_macro(input: TokenStream, manifest_dir: Option<&Path>) -> TokenStream {
    match syn::parse2::<Invocation>(input) {
        Ok(invocation) => invocation.expand(manifest_dir),
        Err(error) => error.to_compile_error(),
    }
}

impl Invocation {
    fn expand(self, manifest_dir: Option<&Path>) -> TokenStream {
        let heading = match &self.heading {
            Ok(heading) => heading.as_ref(),
            Err(error) => {
                let error = error.to_compile_error();
                let skeleton = expand::expand(&Table::default(), &self.options(None));
                return quote! { #error #skeleton };
            }
        };
        let Loaded {
            resolved,
            source,
            table,
            problems,
        } = load(
            &self.path.value(),
            manifest_dir,
            heading.map(LitStr::value).as_deref(),
        );
        // A table's problems point at the path (their message says where in the file); one
        // about the heading points at the heading. Past the cap, the count points at the path.
        let messages = Diagnostic::compile_errors(&problems, source.as_ref());
        let errors: TokenStream = messages
            .iter()
            .enumerate()
            .map(|(at, message)| {
                let span = match (heading, problems.get(at)) {
                    (Some(heading), Some(problem)) if problem.is_about_heading() => heading.span(),
                    _ => self.path.span(),
                };
                quote_spanned!(span=> ::core::compile_error! { #message })
            })
            .collect();
        // Only a file that exists can be tracked; one that failed to read is reported anyway.
        let include = resolved
            .filter(|_| source.is_some())
            .and_then(|path| path.to_str().map(str::to_owned));
        let generated = expand::expand(&table, &self.options(include));
        quote! { #errors #generated }
    }

    /// The settings `expand` takes, from the call; `include` is the table's path to track.
    fn options(&self, include: Option<String>) -> Options {
        Options {
            krate: self.krate.clone(),
            attrs: self.attrs.clone(),
            has_docs: self.attrs.iter().any(is_doc),
            vis: self.vis.clone(),
            name: self.name.clone(),
            source_name: self.path.value(),
            include,
            // The methods are `pub` whatever the type's visibility, as a derive's are.
            impl_attrs: vec![quote!(#[allow(unreachable_pub)])],
        }
    }
}
