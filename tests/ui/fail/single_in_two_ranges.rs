// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
close_codes::close_codes!("tables/single_in_two_ranges.md");

fn main() {}
