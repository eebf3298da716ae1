// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
close_codes::close_codes! {
    /// Every row that passed is still generated, so only the table's errors show.
    pub enum AppCode from "tables/several_errors.md", heading = "App codes"
}

fn main() {
    let _ = AppCode::RoomClosed;
}
