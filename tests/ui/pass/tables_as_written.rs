//! Tables as people write them: behind a byte order mark, with plural headers, with rows
//! shorter than the header (padded with empty cells, as GitHub renders them).
// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.

mod bom {
    close_codes::close_codes!("tables/bom.md");
}

close_codes::close_codes!(enum AsWritten from "tables/as_written.md");

fn main() {
    assert_eq!(bom::CloseCode::of::<4000>(), bom::CloseCode::RoomClosed);
    assert_eq!(AsWritten::RoomClosed.description(), "The room was closed");
    assert_eq!(AsWritten::Kicked.description(), "");
    assert!(AsWritten::Kicked.is_sendable());
    assert!(matches!(AsWritten::from_u16(4150), Some(AsWritten::Other(_))));
    assert!(!AsWritten::of::<4150>().is_sendable());
}
