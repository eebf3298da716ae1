//! `is_sendable` and `is_reserved` are generated as matches on the code; they must say exactly
//! what the code's row says, for every code, on a table whose rows touch with mixed rules.

close_codes::close_codes! {
    /// The fixture's codes.
    enum Mixed from "tests/rules.md"
}

#[test]
fn rules_match_the_rows_for_every_code() {
    let mut sendable = 0;
    for code in 0..=u16::MAX {
        let Some(value) = Mixed::from_u16(code) else {
            assert!((31..40).contains(&code), "{code} should be covered");
            continue;
        };
        assert_eq!(
            value.is_sendable(),
            value.row().is_sendable(),
            "sendable {code}"
        );
        assert_eq!(
            value.is_reserved(),
            value.row().is_reserved(),
            "reserved {code}"
        );
        sendable += usize::from(value.is_sendable());
    }
    // 0-9 without 6 (a named range names its codes), 10-19 without 12, 30, 40-65535.
    assert_eq!(sendable, 9 + 9 + 1 + (65_535 - 40 + 1));
    assert!(Mixed::Six.is_reserved() && !Mixed::Six.is_sendable());
    assert!(Mixed::from_u16(3).unwrap().is_sendable());
    assert!(!Mixed::from_u16(22).unwrap().is_sendable());
    assert!(Mixed::from_u16(25).unwrap().is_reserved());
}
