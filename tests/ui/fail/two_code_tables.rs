// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// Two tables have a code column and no heading picks one: an error, never a guess.
close_codes::close_codes!("tables/two_code_tables.md");

fn main() {}
