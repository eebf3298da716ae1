// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs; `tables/app.md`
// is there, `tables/ap.md` is not.
close_codes::close_codes!("tables/ap.md");

fn main() {}
