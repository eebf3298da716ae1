// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// A code marked Custom inside a range marked Reserved is the same contradiction as both
// cells on one row.
close_codes::close_codes!("tables/inherited_reserved_custom.md");

fn main() {}
