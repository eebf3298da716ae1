//! What the proc macro emits, as the tests read it.

use std::path::Path;

use close_codes_codegen::{Expansion, expand_macro};
use proc_macro2::{Literal, TokenStream};

/// The proc macro's output for a call whose input is `input`: the input printed as the
/// compiler hands tokens over, expanded, each error a `compile_error!` ahead of the code.
pub(crate) fn macro_output(input: &str, manifest_dir: Option<&Path>) -> TokenStream {
    let input: TokenStream = input.parse().expect("the test's input lexes");
    let Expansion { errors, code } = expand_macro(&input.to_string(), manifest_dir);
    let mut output = TokenStream::new();
    for error in errors {
        let error = format!("::core::compile_error! {{ {} }}", Literal::string(&error));
        output.extend(error.parse::<TokenStream>().expect("an error lexes"));
    }
    output.extend(code.parse::<TokenStream>().expect("the code lexes"));
    output
}
