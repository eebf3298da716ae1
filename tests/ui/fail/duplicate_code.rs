// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
close_codes::close_codes!("tables/duplicate_code.md");

fn main() {
    // The row left out still names a variant: no error here, only the table's.
    let _ = CloseCode::RoomGone;
}
