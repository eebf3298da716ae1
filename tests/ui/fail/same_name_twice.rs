// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// Two calls that make one type name in one module: E0428 first, then what two such enums give.
close_codes::close_codes!("tables/app.md");
close_codes::close_codes!("tables/inline.md");

fn main() {}
