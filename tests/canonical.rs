//! The bundled `CloseCode` against RFC 6455 §7.4 and the IANA registry, over all 65,536 codes.
//! The expected sets are written out here from the RFC and the seed table, not derived from the
//! generated code.

use close_codes::{CloseCode, Code, Custom};

/// RFC 6455 §7.4.1/§7.4.2 plus IANA: codes an endpoint may put in a Close frame.
fn rfc_sendable(code: u16) -> bool {
    matches!(code, 1000..=1003 | 1007..=1014 | 3000..=4999)
}

/// Codes RFC 6455 says "MUST NOT be set as a status code in a Close control frame".
fn rfc_reserved(code: u16) -> bool {
    matches!(code, 1005 | 1006 | 1015)
}

/// The seed table covers 0-4999; nothing above.
fn seed_covered(code: u16) -> bool {
    code <= 4999
}

const NAMED: [(u16, &str, &str); 18] = [
    (1000, "NormalClosure", "Normal Closure"),
    (1001, "GoingAway", "Going Away"),
    (1002, "ProtocolError", "Protocol error"),
    (1003, "UnsupportedData", "Unsupported Data"),
    (1005, "NoStatusRcvd", "No Status Rcvd"),
    (1006, "AbnormalClosure", "Abnormal Closure"),
    (
        1007,
        "InvalidFramePayloadData",
        "Invalid frame payload data",
    ),
    (1008, "PolicyViolation", "Policy Violation"),
    (1009, "MessageTooBig", "Message Too Big"),
    (1010, "MandatoryExt", "Mandatory Ext."),
    (1011, "InternalError", "Internal Error"),
    (1012, "ServiceRestart", "Service Restart"),
    (1013, "TryAgainLater", "Try Again Later"),
    (1014, "BadGateway", "Bad gateway"),
    (1015, "TlsHandshake", "TLS handshake"),
    (3000, "Unauthorized", "Unauthorized"),
    (3003, "Forbidden", "Forbidden"),
    (3008, "Timeout", "Timeout"),
];

#[test]
fn every_code_round_trips_and_follows_the_rfc() {
    let mut covered = 0;
    for code in 0..=u16::MAX {
        let parsed = CloseCode::from_u16(code);
        assert_eq!(parsed.is_some(), seed_covered(code), "coverage of {code}");
        assert_eq!(CloseCode::try_from(code).ok(), parsed, "TryFrom {code}");
        let Some(value) = parsed else {
            let error = CloseCode::try_from(code).unwrap_err();
            assert_eq!(error.code(), code);
            assert!(
                error
                    .to_string()
                    .starts_with(&format!("{code} is not a close code"))
            );
            continue;
        };
        covered += 1;
        assert_eq!(value.as_u16(), code);
        assert_eq!(u16::from(value), code);
        assert_eq!(value.is_sendable(), rfc_sendable(code), "sendable {code}");
        assert_eq!(value.is_reserved(), rfc_reserved(code), "reserved {code}");
        assert_eq!(
            CloseCode::sendable_from_u16(code).is_ok(),
            rfc_sendable(code)
        );
        assert!(value.row().contains(code), "{code} in its row");
        let named = NAMED.iter().find(|(n, ..)| *n == code);
        assert_eq!(
            value.name(),
            named.map(|(_, _, name)| *name),
            "name of {code}"
        );
        if let Some((_, variant, name)) = named {
            assert_eq!(format!("{value:?}"), *variant);
            assert_eq!(value.to_string(), format!("{code} {name}"));
        } else {
            assert_eq!(format!("{value:?}"), format!("Other({code})"));
            assert_eq!(value.to_string(), code.to_string());
        }
        // The trait agrees with the inherent const fns.
        assert_eq!(<CloseCode as Code>::from_u16(code), Some(value));
        assert_eq!(Code::is_sendable(value), value.is_sendable());
    }
    assert_eq!(covered, 5000);
}

#[test]
fn order_is_numeric() {
    let mut codes: Vec<CloseCode> = [4001, 1000, 3003, 0, 3001, 1015]
        .into_iter()
        .filter_map(CloseCode::from_u16)
        .collect();
    codes.sort();
    let numbers: Vec<u16> = codes.into_iter().map(u16::from).collect();
    assert_eq!(numbers, [0, 1000, 1015, 3001, 3003, 4001]);
}

#[test]
fn rows_say_what_the_seed_table_says() {
    let rows = CloseCode::ROWS;
    assert_eq!(rows.len(), 23);
    assert_eq!((rows[0].start(), rows[0].end()), (0, 999));
    assert_eq!(rows[0].custom(), Custom::No);
    let extensions = CloseCode::from_u16(2000).unwrap().row();
    assert_eq!(extensions.custom(), Custom::ExtensionsOnly);
    assert_eq!((extensions.start(), extensions.end()), (1016, 2999));
    // A single code refines the range around it.
    assert_eq!(CloseCode::Unauthorized.row().start(), 3000);
    assert!(!CloseCode::Unauthorized.row().is_range());
    assert_eq!(CloseCode::from_u16(3001).unwrap().row().end(), 3999);
    assert_eq!(CloseCode::BadGateway.http_status(), Some(502));
    assert_eq!(CloseCode::Forbidden.http_status(), Some(403));
    assert_eq!(CloseCode::NormalClosure.http_status(), None);
    assert_eq!(
        CloseCode::BadGateway.description(),
        "Server acting as gateway/proxy got invalid response. Equivalent to HTTP 502"
    );
    assert_eq!(CloseCode::NormalClosure.row().line(), 6);
}

#[test]
fn sendable_errors_say_why() {
    let reserved = CloseCode::sendable_from_u16(1005).unwrap_err();
    assert_eq!(
        reserved.to_string(),
        "1005 No Status Rcvd is reserved: it is reported, never sent"
    );
    assert_eq!(reserved.problem(), close_codes::Problem::Reserved);
    let unused = CloseCode::sendable_from_u16(1004).unwrap_err();
    assert_eq!(unused.problem(), close_codes::Problem::NotSendable);
    let missing = CloseCode::sendable_from_u16(5000).unwrap_err();
    assert_eq!(missing.problem(), close_codes::Problem::NotInTable);
    assert_eq!(
        missing.to_string(),
        "5000 is not a close code of CloseCode: no row of its table covers it"
    );
}

#[test]
fn conversions_are_const() {
    const NORMAL: Option<CloseCode> = CloseCode::from_u16(1000);
    const CODE: u16 = CloseCode::GoingAway.as_u16();
    // Checked while compiling: a regression here fails the build.
    const _: () = assert!(!CloseCode::TlsHandshake.is_sendable());
    assert_eq!(NORMAL, Some(CloseCode::NormalClosure));
    assert_eq!(CODE, 1001);
}

#[test]
fn the_bundled_table_is_the_seed_cell_for_cell() {
    let seed_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed");
    let Ok(entries) = std::fs::read_dir(seed_dir) else {
        eprintln!("no seed document beside this checkout; skipping");
        return;
    };
    let codes = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/codes.md")).unwrap();
    for entry in entries {
        let seed = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let table: Vec<&str> = seed.lines().filter(|line| line.starts_with('|')).collect();
        let ours: Vec<&str> = codes.lines().filter(|line| line.starts_with('|')).collect();
        assert_eq!(ours, table);
        for note in seed.lines().filter(|line| line.starts_with("- ")) {
            assert!(codes.contains(note), "note missing: {note}");
        }
    }
}
