// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// A short row is padded with empty cells; its empty code cell is then an error of its own.
close_codes::close_codes!("tables/short_row.md");

fn main() {
    let _ = CloseCode::RoomClosed;
}
