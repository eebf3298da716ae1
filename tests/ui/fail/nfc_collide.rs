// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// Names that differ only until NFC (the Kelvin sign and `K`): rustc would read one
// identifier, so the table is refused at the second cell, not with E0428 at the call.
close_codes::close_codes!("tables/nfc_collide.md");

fn main() {}
