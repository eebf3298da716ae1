//! Tricky but valid tables, all in one crate (two or more tables in one crate is itself a case).
// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.

mod inline {
    // Columns in another order; names, codes and usage written with inline markdown.
    close_codes::close_codes!("tables/inline.md");
}

close_codes::close_codes! {
    /// Ranges refined by single codes; `#[non_exhaustive]` as a user may choose for a table.
    #[non_exhaustive]
    pub enum Refined from "tables/refined.md", heading = "refined ranges"
}

close_codes::close_codes! {
    /// A second table in the same module, under its own name.
    pub enum AppCode from "tables/app.md"
}

use inline::CloseCode as Inline;

const KICKED: AppCode = AppCode::sendable::<4001>();
const KICKED_TOO: AppCode = close_codes::close_code!(AppCode, 4001);

fn main() {
    assert_eq!(Inline::of::<4000>(), Inline::RoomClosed);
    assert_eq!(Inline::RoomClosed.name(), Some("Room closed"));
    assert_eq!(Inline::KickedOut.description(), "Pipes | in text");
    assert!(matches!(Inline::from_u16(4050), Some(Inline::Other(_))));

    // 3000 and 3999 refine 3000-3999; 4050 refines the named range 4000-4099.
    assert_eq!(Refined::of::<3000>(), Refined::Unauthorized);
    // Empty cells take the range's values; filled ones keep their own.
    assert_eq!(Refined::Unauthorized.row().custom(), close_codes::Custom::Yes);
    assert_eq!(Refined::Unauthorized.description(), "Registered at IANA");
    assert_eq!(Refined::LastRegistered.row().custom(), close_codes::Custom::No);
    assert_eq!(Refined::LastRegistered.description(), "Not for applications");
    assert!(matches!(Refined::of::<3500>(), Refined::Other(_)));
    assert!(matches!(Refined::of::<4051>(), Refined::RateLimits(_)));
    assert!(Refined::HalfWay.is_reserved());
    assert_eq!(Refined::from_u16(4100), None);

    assert_eq!(KICKED, AppCode::Kicked);
    assert_eq!(KICKED_TOO, AppCode::Kicked);
    // In a module of its own, the type is named by its path.
    assert_eq!(close_codes::close_code!(inline::CloseCode, any 4000), Inline::RoomClosed);
    assert!(matches!(close_codes::close_code!(Refined, any 3500), Refined::Other(_)));
    assert!(AppCode::sendable::<4999>().is_sendable());
}
