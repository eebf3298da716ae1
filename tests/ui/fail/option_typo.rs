// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// A misspelt option is underlined itself, with the option it was probably meant to be.
close_codes::close_codes!("tables/headings.md", headng = "Close codes");

fn main() {}
