//! The proc-macro shell of [close-codes](https://docs.rs/close-codes).
//!
//! Depend on `close-codes` and call `close_codes::close_codes!` instead: its `macro_rules!`
//! front passes `$crate` in, so the generated code names the runtime correctly wherever and
//! under whatever name it is used. All the work happens in `close-codes-codegen`, an ordinary
//! library that tests, benchmarks, the CLI and the build-script mode share.

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

use close_codes_codegen::{Expansion, expand_macro};

/// Expands `$crate; <close_codes! input>` into a close-code type. Not public API.
#[doc(hidden)]
#[proc_macro]
pub fn __close_codes(input: TokenStream) -> TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(std::path::PathBuf::from);
    let runtime = input.clone().into_iter().next();
    // Errors point at the table's path, as rustc points at the argument a call gets wrong.
    let at = path_span(&input);
    let Expansion { errors, code } = expand_macro(&input.to_string(), manifest_dir.as_deref());
    let mut output: TokenStream = errors
        .iter()
        .map(|error| compile_error(error, at))
        .collect();
    match code.parse::<TokenStream>() {
        Ok(code) => output.extend(put_back_runtime(code, runtime.as_ref())),
        Err(_) => output.extend(compile_error(
            "close-codes wrote code that does not lex; please report this as a bug",
            at,
        )),
    }
    output
}

/// The span of the first string literal: the table's path.
fn path_span(input: &TokenStream) -> Span {
    input
        .clone()
        .into_iter()
        .find_map(|token| match token {
            TokenTree::Literal(literal) if literal.to_string().starts_with(['"', 'r']) => {
                Some(literal.span())
            }
            _ => None,
        })
        .unwrap_or_else(Span::call_site)
}

/// `::core::compile_error! { "message" }`, every token at `span`.
fn compile_error(message: &str, span: Span) -> TokenStream {
    let punct = |c, spacing| TokenTree::from(Punct::new(c, spacing));
    let mut message = Literal::string(message);
    message.set_span(span);
    let tokens = [
        punct(':', Spacing::Joint),
        punct(':', Spacing::Alone),
        TokenTree::from(Ident::new("core", span)),
        punct(':', Spacing::Joint),
        punct(':', Spacing::Alone),
        TokenTree::from(Ident::new("compile_error", span)),
        punct('!', Spacing::Alone),
        TokenTree::from(Group::new(
            Delimiter::Brace,
            TokenTree::from(message).into(),
        )),
    ];
    tokens
        .into_iter()
        .map(|mut token| {
            token.set_span(span);
            token
        })
        .collect()
}

/// The code names the runtime [`Expansion::RUNTIME`]; each such identifier becomes the call's
/// own first token (`$crate`, whose hygiene a string cannot carry).
fn put_back_runtime(code: TokenStream, runtime: Option<&TokenTree>) -> TokenStream {
    let Some(runtime) = runtime else {
        return code;
    };
    code.into_iter()
        .map(|token| match token {
            TokenTree::Ident(ident) if ident.to_string() == Expansion::RUNTIME => runtime.clone(),
            TokenTree::Group(group) => {
                let mut inner = Group::new(
                    group.delimiter(),
                    put_back_runtime(group.stream(), Some(runtime)),
                );
                inner.set_span(group.span());
                TokenTree::from(inner)
            }
            other => other,
        })
        .collect()
}
