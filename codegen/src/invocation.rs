//! The macro's input: `$crate; [#[attr]* vis enum Name from] "path" [, heading = "text"]`.

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

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
        // The `macro_rules!` front passes `$crate` first, so the output can name the runtime.
        let mut krate = TokenStream::new();
        while !input.peek(Token![;]) {
            krate.extend([input.parse::<TokenTree>()?]);
        }
        input.parse::<Token![;]>()?;

        let mut attrs = Vec::new();
        let mut has_docs = false;
        while input.peek(Token![#]) {
            let pound = input.parse::<TokenTree>()?;
            let body = input.parse::<TokenTree>()?;
            match &body {
                TokenTree::Group(group) if group.delimiter() == Delimiter::Bracket => {
                    has_docs |= matches!(
                        group.stream().into_iter().next(),
                        Some(TokenTree::Ident(ident)) if ident == "doc"
                    );
                }
                _ => return Err(syn::Error::new(body.span(), "expected `[` after `#`")),
            }
            attrs.push(TokenStream::from_iter([pound, body]));
        }

        let mut vis = TokenStream::new();
        if input.peek(Token![pub]) {
            vis.extend([input.parse::<TokenTree>()?]);
            if input.peek(syn::token::Paren) {
                vis.extend([input.parse::<TokenTree>()?]);
            }
        }

        let name = if input.peek(Token![enum]) {
            input.parse::<TokenTree>()?;
            let name = input.parse::<Ident>()?;
            let from = input.parse::<Ident>()?;
            if from != "from" {
                return Err(syn::Error::new(
                    from.span(),
                    "expected `from \"path/to/table.md\"` after the type's name",
                ));
            }
            name
        } else if !attrs.is_empty() || !vis.is_empty() {
            return Err(input.error("expected `enum Name from \"path/to/table.md\"`"));
        } else {
            Ident::new("CloseCode", Span::call_site())
        };

        let path = input.parse::<LitStr>().map_err(|error| {
            syn::Error::new(
                error.span(),
                "expected the markdown file's path as a string, e.g. `close_codes!(\"codes.md\")`",
            )
        })?;

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
        Ok(Invocation {
            krate,
            attrs,
            has_docs,
            vis: if vis.is_empty() {
                quote::quote!(pub)
            } else {
                vis
            },
            name,
            path,
            heading,
        })
    }
}
