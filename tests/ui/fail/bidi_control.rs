// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// A bidi control in a cell would reach a doc comment, which rustc refuses by default: the
// table is refused at the character.
close_codes::close_codes!("tables/bidi.md");

fn main() {}
