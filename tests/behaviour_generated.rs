//! A generated type's behaviour as a user sees it, on a table with every kind of row: which
//! codes it covers and which each check accepts, how values compare, sort, hash and print,
//! and which codes a row contains. The sets are written out here from the table, not derived
//! from the generated code.

use std::collections::HashSet;

use close_codes::{Code, Custom, Problem, Unnamed};

close_codes::close_codes! {
    /// Every kind of row.
    pub enum Behaviour from "tests/fixtures/behaviour.md"
}

fn covered(code: u16) -> bool {
    matches!(code, 0..=1000 | 1005..=1009 | 3000..=4999 | 65535)
}

fn sendable(code: u16) -> bool {
    matches!(code, 1000 | 3000..=3599 | 3601..=4999 | 65535)
}

fn reserved(code: u16) -> bool {
    matches!(code, 1005..=1009 | 3600)
}

fn value(code: u16) -> Behaviour {
    Behaviour::from_u16(code).unwrap_or_else(|| panic!("{code} is covered"))
}

#[test]
fn every_code_is_covered_and_checked_as_the_table_says() {
    for code in 0..=u16::MAX {
        let parsed = Behaviour::from_u16(code);
        assert_eq!(parsed.is_some(), covered(code), "covered {code}");
        assert_eq!(Behaviour::try_from(code).ok(), parsed, "TryFrom {code}");
        let sent = Behaviour::sendable_from_u16(code);
        assert_eq!(sent.is_ok(), sendable(code), "sendable_from_u16 {code}");
        let Some(parsed) = parsed else {
            assert_eq!(sent.unwrap_err().problem(), Problem::NotInTable);
            continue;
        };
        assert_eq!(parsed.as_u16(), code);
        assert_eq!(parsed.is_sendable(), sendable(code), "is_sendable {code}");
        assert_eq!(parsed.is_reserved(), reserved(code), "is_reserved {code}");
        assert_eq!(
            Code::is_sendable(parsed),
            sendable(code),
            "Code::is_sendable {code}"
        );
        assert_eq!(
            Code::is_reserved(parsed),
            reserved(code),
            "Code::is_reserved {code}"
        );
        assert!(parsed.row().contains(code), "row of {code}");
    }
}

#[test]
fn each_code_lands_in_its_variant() {
    assert_eq!(value(1000), Behaviour::Fine);
    assert_eq!(value(3500), Behaviour::Special);
    assert_eq!(value(65535), Behaviour::Last);
    assert!(matches!(value(3001), Behaviour::Registered(code) if code.get() == 3001));
    assert!(matches!(value(3999), Behaviour::Registered(_)));
    for code in [0, 999, 1006, 1009, 3600, 4000, 4999] {
        assert!(
            matches!(value(code), Behaviour::Other(other) if other.get() == code),
            "{code}"
        );
    }
}

#[test]
fn values_print_their_code_and_name() {
    assert_eq!(value(1000).to_string(), "1000 Fine");
    assert_eq!(value(3001).to_string(), "3001 Registered");
    assert_eq!(value(3600).to_string(), "3600");
    assert_eq!(format!("{:?}", value(3001)), "Registered(3001)");
    assert_eq!(format!("{:?}", value(4001)), "Other(4001)");
    let Behaviour::Registered(payload) = value(3001) else {
        unreachable!()
    };
    assert_eq!(payload.to_string(), "3001");
    assert_eq!(format!("{payload:?}"), "3001");
}

#[test]
fn values_equal_compare_and_sort_by_code_across_variants() {
    assert_ne!(value(3001), value(3002));
    assert_ne!(value(4001), value(4002));
    assert_eq!(value(4001), value(4001));
    assert!(value(3001) < value(3500));
    assert!(value(3500) < value(3501));
    assert!(value(999) < value(1000));
    let mut shuffled = [4001, 3501, 1000, 3500, 65535, 0, 3001, 1007].map(value);
    shuffled.sort();
    assert_eq!(
        shuffled.map(Behaviour::as_u16),
        [0, 1000, 1007, 3001, 3500, 3501, 4001, 65535]
    );
    let (a, b): (
        Unnamed<Behaviour, 3000, 3999>,
        Unnamed<Behaviour, 3000, 3999>,
    ) = match (value(3001), value(3002)) {
        (Behaviour::Registered(a), Behaviour::Registered(b)) => (a, b),
        other => panic!("{other:?}"),
    };
    assert!(a < b);
    assert_ne!(a, b);
    assert_eq!(a.partial_cmp(&b), Some(std::cmp::Ordering::Less));
}

#[test]
fn every_covered_code_is_a_distinct_key() {
    let keys: HashSet<Behaviour> = (0..=u16::MAX).filter_map(Behaviour::from_u16).collect();
    let count = (0..=u16::MAX).filter(|&code| covered(code)).count();
    assert_eq!(keys.len(), count);
    let payloads: HashSet<Unnamed<Behaviour, 3000, 3999>> = (3000..=3999)
        .filter_map(|code| match value(code) {
            Behaviour::Registered(payload) => Some(payload),
            _ => None,
        })
        .collect();
    // The named range less its two refined codes.
    assert_eq!(payloads.len(), 998);
}

#[test]
fn a_row_contains_its_bounds_refined_codes_included() {
    let range = value(3001).row();
    assert_eq!((range.start(), range.end()), (3000, 3999));
    assert!(range.contains(3000) && range.contains(3500) && range.contains(3999));
    assert!(!range.contains(2999) && !range.contains(4000));
    // A refined code has a row of its own.
    let special = value(3500).row();
    assert_eq!((special.start(), special.end()), (3500, 3500));
    assert!(!special.contains(3501));
}

#[test]
fn a_reserved_code_inside_a_custom_range_keeps_its_own_rules() {
    let row = value(3600).row();
    assert!(row.is_reserved());
    assert!(!row.is_sendable());
    assert_eq!(row.custom(), Custom::Unspecified);
    assert_eq!(row.name(), None);
    assert_eq!(
        Behaviour::sendable_from_u16(3600).unwrap_err().to_string(),
        "3600 is reserved: it is reported, never sent"
    );
}

#[test]
fn rows_give_names_usage_and_http_status() {
    assert_eq!(value(3001).name(), Some("Registered"));
    assert_eq!(value(3001).http_status(), Some(401));
    assert_eq!(value(3500).http_status(), None);
    assert_eq!(value(3500).description(), "Refines the range");
    assert_eq!(value(4500).description(), "Private");
    assert_eq!(value(4500).name(), None);
    let lines: Vec<u32> = Behaviour::ROWS.iter().map(close_codes::Row::line).collect();
    assert_eq!(lines, [6, 7, 8, 9, 10, 11, 12, 13, 14]);
}

#[test]
fn constants_checked_when_compiling() {
    const KICK: Behaviour = Behaviour::sendable::<3001>();
    const QUIET: Behaviour = Behaviour::of::<1005>();
    assert_eq!(KICK.as_u16(), 3001);
    assert_eq!(QUIET, Behaviour::Quiet);
    assert_eq!(Behaviour::sendable::<65535>(), Behaviour::Last);
}
