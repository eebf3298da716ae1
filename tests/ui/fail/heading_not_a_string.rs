// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// An option's value of the wrong kind is underlined itself.
close_codes::close_codes!("tables/headings.md", heading = Close);

fn main() {}
