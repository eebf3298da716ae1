// The reference, as pages on docs.rs: each module below is one page, written in the markdown
// file it includes, and holds no items. Every Rust example on the pages is a doctest
// (`cargo test -p close-codes --all-features --doc`).
#![doc = include_str!("index.md")]

#[doc = include_str!("table_format.md")]
pub mod table_format {}

#[doc = include_str!("generated_api.md")]
pub mod generated_api {}

#[doc = include_str!("codes_in_source.md")]
pub mod codes_in_source {}

#[doc = include_str!("modes.md")]
pub mod modes {}

#[doc = include_str!("cli.md")]
pub mod cli {}

#[doc = include_str!("typescript_json.md")]
pub mod typescript_json {}

#[doc = include_str!("protocol.md")]
pub mod protocol {}

#[doc = include_str!("integrations.md")]
pub mod integrations {}

#[doc = include_str!("versions.md")]
pub mod versions {}
