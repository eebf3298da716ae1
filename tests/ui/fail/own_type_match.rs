// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// A match that misses variants of a type from the macro: rustc's suggested arms name the type
// by the path the call gave it, so they can be pasted as they are.
close_codes::close_codes! {
    pub enum AppCode from "tables/app.md"
}

fn label(code: AppCode) -> &'static str {
    match code {
        AppCode::Kicked => "kicked",
    }
}

fn main() {
    let _ = label(AppCode::Kicked);
}
