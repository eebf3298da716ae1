//! The macro on tables other than the bundled one: columns reordered and renamed, inline
//! markdown, escaped pipes, named ranges refined by single codes, tables picked by heading,
//! several types in one module.

use close_codes::{Code, Custom};

close_codes::close_codes! {
    /// A table whose columns are reordered, renamed and padded with an extra one.
    pub enum Reordered from "tests/fixtures/reordered.md"
}

close_codes::close_codes!(pub(crate) enum ClientCode from "tests/fixtures/two-tables.md", heading = "client codes");
close_codes::close_codes!(enum ServerCode from "tests/fixtures/two-tables.md", heading = "Server Codes",);

mod defaults {
    // Without `enum … from`, the type is `pub enum CloseCode`.
    // The file has two code tables; the heading picks one.
    close_codes::close_codes!("tests/fixtures/two-tables.md", heading = "Client codes");
}

#[test]
fn columns_are_found_by_header_words_in_any_order() {
    assert_eq!(Reordered::from_u16(1000), Some(Reordered::Fine));
    assert_eq!(Reordered::Fine.description(), "Said when all is well");
    assert!(Reordered::NothingSaid.is_reserved());
    assert!(!Reordered::NothingSaid.is_sendable());
    assert!(Reordered::Fine.is_sendable());
}

#[test]
fn inline_markdown_and_escaped_pipes() {
    let bad = Reordered::BadGateway;
    assert_eq!(bad.as_u16(), 1014);
    assert_eq!(bad.name(), Some("Bad gateway"));
    assert_eq!(
        bad.description(),
        "Gateway trouble, see RFC | proxies. Equivalent to HTTP 502"
    );
    assert_eq!(bad.http_status(), Some(502));
    assert_eq!(bad.to_string(), "1014 Bad gateway");
}

#[test]
fn named_ranges_become_tuple_variants_refined_by_single_codes() {
    let limited = Reordered::from_u16(4001).unwrap();
    let Reordered::RateLimitedSlowDown(code) = limited else {
        panic!("4001 should be in the named range, got {limited:?}");
    };
    assert_eq!(code.get(), 4001);
    assert_eq!(limited.name(), Some("Rate-limited (slow down)"));
    assert!(limited.is_sendable());
    assert_eq!(limited.to_string(), "4001 Rate-limited (slow down)");
    // 4042 refines the range: its own variant, its empty Custom cell taken from the range.
    assert_eq!(
        Reordered::from_u16(4042),
        Some(Reordered::WebSocketHttpError)
    );
    assert_eq!(Reordered::WebSocketHttpError.row().custom(), Custom::Yes);
    assert_eq!(Reordered::from_u16(4099).map(Reordered::as_u16), Some(4099));
    assert_eq!(
        Reordered::from_u16(4100).map(|c| c.row().start()),
        Some(4100)
    );
}

#[test]
fn unnamed_codes_fall_into_other_with_their_rows_rules() {
    let open = Reordered::from_u16(4150).unwrap();
    assert!(matches!(open, Reordered::Other(_)));
    assert!(
        open.is_sendable(),
        "Custom Yes makes unnamed codes sendable"
    );
    assert_eq!(open.description(), "Left open");
    let lone = Reordered::from_u16(4500).unwrap();
    assert!(matches!(lone, Reordered::Other(_)));
    assert!(!lone.is_sendable(), "unnamed and Custom No");
    assert_eq!(Reordered::from_u16(4501), None);
    assert_eq!(Reordered::from_u16(999), None);
}

#[test]
fn every_code_of_a_user_table_round_trips() {
    let mut covered = 0;
    for code in 0..=u16::MAX {
        if let Some(value) = Reordered::from_u16(code) {
            covered += 1;
            assert_eq!(value.as_u16(), code);
            assert!(value.row().contains(code));
            assert_eq!(
                <Reordered as Code>::sendable_from_u16(code).is_ok(),
                value.is_sendable()
            );
        }
    }
    // 1000, 1005, 1014, 4000-4099 (100), 4100-4199 (100), 4500.
    assert_eq!(covered, 3 + 100 + 100 + 1);
}

#[test]
fn headings_pick_tables_and_types_can_share_a_module() {
    assert_eq!(ClientCode::from_u16(4000), Some(ClientCode::ClientGone));
    assert_eq!(ClientCode::from_u16(4001), None);
    assert_eq!(ServerCode::from_u16(4000), Some(ServerCode::ServerBusy));
    assert_eq!(ServerCode::ServerMoved.description(), "Reconnect elsewhere");
    // No heading: the first table with a code column.
    assert_eq!(
        defaults::CloseCode::from_u16(4000),
        Some(defaults::CloseCode::ClientGone)
    );
    assert_eq!(<ServerCode as Code>::TYPE_NAME, "ServerCode");
    assert_eq!(ServerCode::SOURCE, "tests/fixtures/two-tables.md");
}

#[test]
fn rows_are_data_in_table_order() {
    let starts: Vec<u16> = Reordered::ROWS
        .iter()
        .map(close_codes::Row::start)
        .collect();
    assert_eq!(starts, [1000, 1005, 1014, 4000, 4042, 4100, 4500]);
    let lines: Vec<u32> = Reordered::ROWS.iter().map(close_codes::Row::line).collect();
    assert_eq!(lines, [5, 6, 7, 8, 9, 10, 11]);
}
