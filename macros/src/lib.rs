//! The proc-macro shell of [close-codes](https://docs.rs/close-codes).
//!
//! Depend on `close-codes` with its `macros` feature and call `close_codes::close_codes!`
//! instead: its `macro_rules!` front passes `$crate` in, so the generated code names the runtime
//! correctly wherever and under whatever name it is used. All the work happens in
//! `close-codes-codegen`, an ordinary library that tests, benchmarks, the CLI and the
//! build-script mode share.

use proc_macro::TokenStream;

/// Expands `$crate; <close_codes! input>` into a close-code type. Not public API.
#[doc(hidden)]
#[proc_macro]
pub fn __close_codes(input: TokenStream) -> TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(std::path::PathBuf::from);
    close_codes_codegen::expand_macro(input.into(), manifest_dir.as_deref()).into()
}
