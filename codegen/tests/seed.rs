//! The pipeline on the canonical table, read from the repository's `codes.md`.

use close_codes_codegen::Custom;
use close_codes_codegen::Source;
use close_codes_codegen::check;

fn seed() -> Source {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../codes.md");
    Source::new("codes.md", std::fs::read_to_string(path).unwrap())
}

#[test]
fn the_seed_table_validates_cleanly() {
    let (table, problems) = check(&seed(), None);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(table.line, 3);
    assert_eq!(table.rows.len(), 23);
    let named: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|row| row.name.as_ref().map(|name| name.ident.as_str()))
        .collect();
    assert_eq!(
        named,
        [
            "NormalClosure",
            "GoingAway",
            "ProtocolError",
            "UnsupportedData",
            "NoStatusRcvd",
            "AbnormalClosure",
            "InvalidFramePayloadData",
            "PolicyViolation",
            "MessageTooBig",
            "MandatoryExt",
            "InternalError",
            "ServiceRestart",
            "TryAgainLater",
            "BadGateway",
            "TlsHandshake",
            "Unauthorized",
            "Forbidden",
            "Timeout",
        ]
    );
    let reserved: Vec<u16> = table
        .rows
        .iter()
        .filter(|r| r.reserved)
        .map(|r| r.start)
        .collect();
    assert_eq!(reserved, [1005, 1006, 1015]);
    let bad_gateway = table.rows.iter().find(|row| row.start == 1014).unwrap();
    assert_eq!(bad_gateway.name.as_ref().unwrap().markdown, "*Bad gateway*");
    assert_eq!(bad_gateway.name.as_ref().unwrap().text, "Bad gateway");
    assert_eq!(bad_gateway.http_status, Some(502));
    assert!(
        bad_gateway
            .usage_markdown
            .ends_with("Equivalent to HTTP `502`")
    );
    let extensions = table.rows.iter().find(|row| row.start == 1016).unwrap();
    assert_eq!(
        (extensions.end, extensions.custom),
        (2999, Custom::ExtensionsOnly)
    );
    assert!(!extensions.sendable);
}
