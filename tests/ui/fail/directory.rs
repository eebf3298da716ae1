// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
close_codes::close_codes!("tables");

fn main() {}
