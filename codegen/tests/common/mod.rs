//! What the proc macro emits, as the tests read it.

use std::path::Path;

use close_codes_codegen::expand_macro;
use proc_macro2::TokenStream;

/// The proc macro's output for a call whose input is `input`: each error a `compile_error!`
/// ahead of the code.
pub(crate) fn macro_output(input: &str, manifest_dir: Option<&Path>) -> TokenStream {
    expand_macro(input.parse().expect("the test's input lexes"), manifest_dir)
}
