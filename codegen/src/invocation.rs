//! The proc macro's front half: its input, `$crate; [#[attr]* vis enum Name from] "path"
//! [, heading = "text"]`, parsed with syn, and the whole expansion.

use std::path::Path;

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

use crate::expand::{self, Options};
use crate::load::{Loaded, load};

/// A parsed `close_codes!` call.
pub(crate) struct Invocation {
    pub krate: TokenStream,
    pub attrs: Vec<TokenStream>,
    pub has_docs: bool,
    pub vis: TokenStream,
    pub name: Ident,
    pub path: LitStr,
    pub heading: Option<LitStr>,
}

impl Parse for Invocation {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let krate = parse_crate(input)?;
        let (attrs, has_docs) = parse_attrs(input)?;
        let vis = parse_vis(input)?;
        let name = parse_name(input, !attrs.is_empty() || !vis.is_empty())?;
        let path = input.parse::<LitStr>().map_err(|error| {
            syn::Error::new(
                error.span(),
                "expected the markdown file's path as a string, e.g. `close_codes!(\"codes.md\")`",
            )
        })?;
        let heading = parse_options(input)?;
        Ok(Invocation {
            krate,
            attrs,
            has_docs,
            vis: if vis.is_empty() { quote!(pub) } else { vis },
            name,
            path,
            heading,
        })
    }
}

/// The `macro_rules!` front passes `$crate` first, so the output can name the runtime.
fn parse_crate(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    let mut krate = TokenStream::new();
    while !input.peek(Token![;]) {
        krate.extend([input.parse::<TokenTree>()?]);
    }
    input.parse::<Token![;]>()?;
    Ok(krate)
}

/// Outer attributes for the enum, and whether any is a doc comment.
fn parse_attrs(input: ParseStream<'_>) -> syn::Result<(Vec<TokenStream>, bool)> {
    let mut attrs = Vec::new();
    let mut has_docs = false;
    while input.peek(Token![#]) {
        let pound = input.parse::<TokenTree>()?;
        let body = input.parse::<TokenTree>()?;
        let TokenTree::Group(group) = &body else {
            return Err(syn::Error::new(body.span(), "expected `[` after `#`"));
        };
        if group.delimiter() != Delimiter::Bracket {
            return Err(syn::Error::new(body.span(), "expected `[` after `#`"));
        }
        has_docs |= matches!(
            group.stream().into_iter().next(),
            Some(TokenTree::Ident(ident)) if ident == "doc"
        );
        attrs.push(TokenStream::from_iter([pound, body]));
    }
    Ok((attrs, has_docs))
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

/// `enum Name from`, required when attributes or a visibility came first; else `CloseCode`.
fn parse_name(input: ParseStream<'_>, required: bool) -> syn::Result<Ident> {
    if !input.peek(Token![enum]) {
        if required {
            return Err(input.error("expected `enum Name from \"path/to/table.md\"`"));
        }
        return Ok(Ident::new("CloseCode", Span::call_site()));
    }
    input.parse::<TokenTree>()?;
    let name = input.parse::<Ident>()?;
    let from = input.parse::<Ident>()?;
    if from != "from" {
        return Err(syn::Error::new(
            from.span(),
            "expected `from \"path/to/table.md\"` after the type's name",
        ));
    }
    Ok(name)
}

/// `, heading = "…"` at most once, and a trailing comma.
fn parse_options(input: ParseStream<'_>) -> syn::Result<Option<LitStr>> {
    let mut heading = None;
    while input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            break;
        }
        let key = input.parse::<Ident>()?;
        if key != "heading" || heading.is_some() {
            return Err(syn::Error::new(
                key.span(),
                format!("unexpected option `{key}`: the one option is `heading = \"…\"`"),
            ));
        }
        input.parse::<Token![=]>()?;
        heading = Some(input.parse::<LitStr>()?);
    }
    if !input.is_empty() {
        return Err(input.error("unexpected tokens after the path"));
    }
    Ok(heading)
}

/// The whole macro: parses the invocation, reads the table relative to `manifest_dir`, and
/// returns the generated type, preceded by one `compile_error!` per problem. Never panics: with
/// problems it still emits the type from the rows that passed, so the user sees the table's
/// errors rather than a cascade of unresolved names.
pub fn expand_macro(input: TokenStream, manifest_dir: Option<&Path>) -> TokenStream {
    let invocation = match syn::parse2::<Invocation>(input) {
        Ok(invocation) => invocation,
        Err(error) => return error.to_compile_error(),
    };
    let written = invocation.path.value();
    let span = invocation.path.span();
    let heading = invocation.heading.as_ref().map(syn::LitStr::value);

    let Loaded {
        resolved,
        source,
        table,
        problems,
    } = load(&written, manifest_dir, heading.as_deref());
    let errors = problems.iter().map(|problem| {
        let message = problem.render(source.as_ref());
        quote_spanned!(span=> ::core::compile_error! { #message })
    });
    let vis = invocation.vis;
    let name = invocation.name;
    let options = Options {
        krate: invocation.krate,
        attrs: invocation.attrs,
        // The type is `pub` in a module of its own; the re-export below has the user's
        // visibility.
        vis: quote!(pub),
        name: name.clone(),
        source_name: written,
        // Only a file that exists can be tracked; one that failed to read is reported anyway.
        include: resolved
            .filter(|_| source.is_some())
            .and_then(|path| path.to_str().map(str::to_owned)),
        has_docs: invocation.has_docs,
    };
    let generated = expand::expand(&table, &options);
    // One module a call, the type re-exported from it: two calls that make the same name in
    // one module are then one error on the name ("defined multiple times"), rather than one for
    // every method and impl both define. `use super::*` lets the user's attributes name what
    // the calling module has in scope.
    let module = quote::format_ident!("__close_codes_{}_{}", name, next_call());
    quote! {
        #(#errors)*
        #[allow(non_snake_case, unreachable_pub)]
        mod #module {
            #[allow(unused_imports)]
            use super::*;
            #generated
        }
        #vis use #module::#name;
    }
}

/// A number for each call the proc macro expands in this compiler process, to name its module.
fn next_call() -> usize {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}
