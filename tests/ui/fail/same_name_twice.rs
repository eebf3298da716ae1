// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// Two calls that make the same type name in one module: one error on the name.
close_codes::close_codes!("tables/app.md");
close_codes::close_codes!("tables/inline.md");

fn main() {}
