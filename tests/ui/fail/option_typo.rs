// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// A misspelt option is underlined itself, with the option it was probably meant to be; the
// type is still declared (without variants), so its uses add no errors of their own.
close_codes::close_codes!("tables/headings.md", headng = "Close codes");

fn main() {
    let _ = CloseCode::from_u16(1000).map(CloseCode::as_u16);
}
