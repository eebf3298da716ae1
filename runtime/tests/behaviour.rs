//! What the runtime's generic pieces do for a generated type, seen through the bundled
//! `CloseCode`: the payload of unnamed codes (`Unnamed`), the rows (`Row`), the `Code` trait's
//! provided methods and the rejection errors. Each test pins one behaviour a user relies on,
//! so that a change to any of these pieces fails here, not in a user's crate.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::hash::{BuildHasher, Hash};

use close_codes::{CloseCode, Code, Custom, Problem, Row, Unnamed};

/// The payload of a code the bundled table covers without naming.
fn unnamed(code: u16) -> Unnamed<CloseCode> {
    match CloseCode::from_u16(code) {
        Some(CloseCode::Other(payload)) => payload,
        other => panic!("{code} should be an unnamed code, got {other:?}"),
    }
}

fn row(code: u16) -> &'static Row {
    CloseCode::from_u16(code).expect("a covered code").row()
}

/// A fixed hasher: the same value always hashes the same within and across runs.
fn hash_of(value: impl Hash) -> u64 {
    std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
        .hash_one(value)
}

#[test]
fn unnamed_codes_are_equal_only_to_the_same_code() {
    assert_eq!(CloseCode::from_u16(4001), CloseCode::from_u16(4001));
    assert_ne!(CloseCode::from_u16(4001), CloseCode::from_u16(4002));
    assert_eq!(unnamed(4001), unnamed(4001));
    assert_ne!(unnamed(4001), unnamed(4002));
}

#[test]
fn unnamed_codes_order_by_their_number() {
    assert_eq!(unnamed(4001).cmp(&unnamed(4002)), Ordering::Less);
    assert_eq!(unnamed(4002).cmp(&unnamed(4001)), Ordering::Greater);
    assert_eq!(unnamed(4001).cmp(&unnamed(4001)), Ordering::Equal);
    assert_eq!(
        unnamed(4002).partial_cmp(&unnamed(4001)),
        Some(Ordering::Greater)
    );
    assert!(unnamed(999) < unnamed(4999));
    let mut codes = vec![unnamed(4500), unnamed(0), unnamed(3001)];
    codes.sort();
    let numbers: Vec<u16> = codes.into_iter().map(Unnamed::get).collect();
    assert_eq!(numbers, [0, 3001, 4500]);
}

#[test]
fn unnamed_codes_hash_apart_and_equal_codes_hash_alike() {
    assert_eq!(hash_of(unnamed(4001)), hash_of(unnamed(4001)));
    assert_ne!(hash_of(unnamed(4001)), hash_of(unnamed(4002)));
    // Every unnamed code of the table is a distinct key.
    let keys: HashSet<Unnamed<CloseCode>> = (4000..=4999).map(unnamed).collect();
    assert_eq!(keys.len(), 1000);
}

#[test]
fn unnamed_codes_display_and_debug_as_their_number() {
    assert_eq!(unnamed(4001).get(), 4001);
    assert_eq!(unnamed(4001).to_string(), "4001");
    assert_eq!(format!("{:?}", unnamed(4001)), "4001");
    assert_eq!(format!("{:>6}", unnamed(42)), "    42");
    let code = CloseCode::from_u16(4001).unwrap();
    assert_eq!(code.to_string(), "4001");
    assert_eq!(format!("{code:?}"), "Other(4001)");
    assert_eq!(CloseCode::GoingAway.to_string(), "1001 Going Away");
}

#[test]
fn a_range_row_contains_exactly_its_codes() {
    let range = row(2000);
    assert_eq!((range.start(), range.end()), (1016, 2999));
    assert!(range.is_range());
    assert!(!range.contains(1015));
    assert!(range.contains(1016));
    assert!(range.contains(2000));
    assert!(range.contains(2999));
    assert!(!range.contains(3000));
}

#[test]
fn a_single_code_row_contains_only_its_code() {
    let single = row(1000);
    assert_eq!((single.start(), single.end()), (1000, 1000));
    assert!(!single.is_range());
    assert!(single.contains(1000));
    assert!(!single.contains(999));
    assert!(!single.contains(1001));
}

#[test]
fn rows_carry_their_cells_and_their_line() {
    let bad_gateway = row(1014);
    assert_eq!(bad_gateway.name(), Some("Bad gateway"));
    assert_eq!(
        bad_gateway.usage(),
        "Server acting as gateway/proxy got invalid response. Equivalent to HTTP 502"
    );
    assert_eq!(bad_gateway.http_status(), Some(502));
    assert_eq!(bad_gateway.custom(), Custom::Unspecified);
    assert!(!bad_gateway.is_reserved());
    assert!(bad_gateway.is_sendable());
    // codes.md: the header is line 3, the 1014 row line 20, the last row line 27.
    assert_eq!(bad_gateway.line(), 20);
    assert_eq!(row(4500).line(), 27);

    let tls = row(1015);
    assert!(tls.is_reserved());
    assert!(!tls.is_sendable());
    assert_eq!(tls.http_status(), None);

    assert_eq!(row(1004).custom(), Custom::No);
    assert_eq!(row(2000).custom(), Custom::ExtensionsOnly);
    assert_eq!(row(2000).name(), None);
    assert_eq!(row(4500).custom(), Custom::Yes);
}

/// What the `Code` trait's provided methods say about a code, called through the trait as
/// generic code calls them (the inherent methods of the same names would shadow them).
fn through_the_trait<C: Code>(
    code: C,
) -> (Option<&'static str>, &'static str, bool, bool, Option<u16>) {
    (
        Code::name(code),
        Code::description(code),
        Code::is_reserved(code),
        Code::is_sendable(code),
        Code::http_status(code),
    )
}

#[test]
fn the_code_trait_agrees_with_the_inherent_methods_on_every_code() {
    for number in 0..=u16::MAX {
        let inherent = CloseCode::sendable_from_u16(number);
        assert_eq!(
            <CloseCode as Code>::sendable_from_u16(number),
            inherent,
            "{number}"
        );
        let Some(code) = CloseCode::from_u16(number) else {
            continue;
        };
        assert_eq!(
            through_the_trait(code),
            (
                code.name(),
                code.description(),
                code.is_reserved(),
                code.is_sendable(),
                code.http_status()
            ),
            "{number}"
        );
    }
}

#[test]
fn the_code_trait_on_codes_of_each_kind() {
    assert_eq!(
        through_the_trait(CloseCode::Unauthorized),
        (
            Some("Unauthorized"),
            "Endpoint must be authorized to perform application-based request. Equivalent to HTTP 401",
            false,
            true,
            Some(401)
        )
    );
    assert!(
        through_the_trait(CloseCode::NoStatusRcvd).2,
        "1005 is reserved"
    );
    let unnamed = through_the_trait(CloseCode::from_u16(2000).unwrap());
    assert_eq!(unnamed.0, None);
    assert!(!unnamed.2 && !unnamed.3);
}

#[test]
fn rejections_say_which_code_why_and_which_row() {
    let reserved = CloseCode::sendable_from_u16(1005).unwrap_err();
    assert_eq!(reserved.code(), 1005);
    assert_eq!(reserved.problem(), Problem::Reserved);
    assert_eq!(reserved.row().map(Row::start), Some(1005));

    let unsendable = CloseCode::sendable_from_u16(2000).unwrap_err();
    assert_eq!(unsendable.code(), 2000);
    assert_eq!(unsendable.problem(), Problem::NotSendable);
    assert_eq!(
        unsendable.row().map(|row| (row.start(), row.end())),
        Some((1016, 2999))
    );

    let uncovered = CloseCode::sendable_from_u16(5000).unwrap_err();
    assert_eq!(uncovered.code(), 5000);
    assert_eq!(uncovered.problem(), Problem::NotInTable);
    assert_eq!(uncovered.row(), None);

    assert_eq!(
        CloseCode::sendable_from_u16(4001).map(CloseCode::as_u16),
        Ok(4001)
    );
}
