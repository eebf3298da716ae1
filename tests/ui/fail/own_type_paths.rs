// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// An everyday mistake with a type from the macro: rustc names the type by the path the call
// gave it (no hidden module), and its suggestions are code the user can keep.
close_codes::close_codes! {
    pub enum AppCode from "tables/app.md"
}

fn main() {
    let _ = AppCode::Kiked;
}
