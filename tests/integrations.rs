//! The `serde` and `tungstenite` features' impls, on the bundled `CloseCode` and on types this
//! crate generates itself: user crates get the impls without naming either dependency.

use close_codes::{CloseCode, Code, Problem};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode as WsCode;

close_codes::close_codes! {
    /// The chat example's table, generated in this (user) crate.
    enum AppCode from "examples/app-codes.md"
}

/// The generated impls name only absolute paths, so they compile without the prelude.
mod bare {
    #![no_implicit_prelude]
    ::close_codes::close_codes! {
        /// The bundled table again, generated where no prelude is in scope.
        pub enum Bare from "codes.md"
    }
}
use bare::Bare;

/// Every value of `C`: one per code its table covers.
fn every<C: Code>() -> impl Iterator<Item = C> {
    (0..=u16::MAX).filter_map(C::from_u16)
}

// ---- serde ----

/// Round trips every value of a type through JSON; returns how many. A macro, not a generic
/// function: a `serde::Serialize` bound would need this crate to depend on serde, and the point
/// is that it does not have to.
macro_rules! serde_round_trips {
    ($ty:ty) => {{
        let mut count = 0;
        for code in every::<$ty>() {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(
                json,
                code.as_u16().to_string(),
                "{code} serializes as its number"
            );
            assert_eq!(serde_json::from_str::<$ty>(&json).unwrap(), code);
            count += 1;
        }
        count
    }};
}

#[test]
fn serde_writes_the_number_and_reads_it_back() {
    // The bundled table covers 0-4999; the example's table its five codes and 4100-4199.
    assert_eq!(serde_round_trips!(CloseCode), 5000);
    assert_eq!(serde_round_trips!(Bare), 5000);
    assert_eq!(serde_round_trips!(AppCode), 105);
    assert_eq!(
        serde_json::to_string(&CloseCode::BadGateway).unwrap(),
        "1014"
    );
    assert_eq!(
        serde_json::to_string(&[AppCode::Goodbye, AppCode::from_u16(4107).unwrap()]).unwrap(),
        "[4000,4107]"
    );
}

#[test]
fn serde_rejects_codes_outside_the_table_and_names_them() {
    let error = serde_json::from_str::<CloseCode>("5000").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("5000 is not a close code of CloseCode"),
        "{error}"
    );
    // 1000 is a standard code, but not in the application's table.
    let error = serde_json::from_str::<AppCode>("1000").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("1000 is not a close code of AppCode"),
        "{error}"
    );
    let error = serde_json::from_str::<Bare>("6000").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("6000 is not a close code of Bare"),
        "{error}"
    );
    // Not a u16 at all: serde's own message, which names the number too.
    let error = serde_json::from_str::<CloseCode>("70000").unwrap_err();
    assert!(error.to_string().contains("70000"), "{error}");
    assert!(serde_json::from_str::<CloseCode>("\"1000\"").is_err());
    assert!(serde_json::from_str::<CloseCode>("-1").is_err());
}

#[test]
fn serde_reads_reserved_codes_they_are_values_not_sends() {
    // 1006 is never sent but is what an endpoint reports, so a log of closes may hold it.
    assert_eq!(
        serde_json::from_str::<CloseCode>("1006").unwrap(),
        CloseCode::AbnormalClosure
    );
}

// ---- tungstenite ----

fn tungstenite_round_trips<
    C: Code + Into<WsCode> + TryFrom<WsCode, Error = close_codes::InvalidCode>,
>() -> usize {
    let mut count = 0;
    for code in every::<C>() {
        let ws: WsCode = code.into();
        assert_eq!(u16::from(ws), code.as_u16(), "{code} keeps its number");
        assert_eq!(C::try_from(ws), Ok(code));
        count += 1;
    }
    count
}

#[test]
fn tungstenite_conversions_keep_every_number() {
    assert_eq!(tungstenite_round_trips::<CloseCode>(), 5000);
    assert_eq!(tungstenite_round_trips::<Bare>(), 5000);
    assert_eq!(tungstenite_round_trips::<AppCode>(), 105);
}

#[test]
fn tungstenite_variants_are_the_ones_it_would_pick() {
    assert_eq!(WsCode::from(CloseCode::NormalClosure), WsCode::Normal);
    assert_eq!(WsCode::from(CloseCode::TlsHandshake), WsCode::Tls);
    assert_eq!(WsCode::from(AppCode::Kicked), WsCode::Library(4001));
    assert_eq!(WsCode::from(Bare::Timeout), WsCode::Iana(3008));
    assert_eq!(CloseCode::try_from(WsCode::Away), Ok(CloseCode::GoingAway));
}

#[test]
fn tungstenite_1014_converts_faithfully_though_tungstenite_refuses_it() {
    let ws = WsCode::from(CloseCode::BadGateway);
    assert_eq!(u16::from(ws), 1014);
    assert!(!ws.is_allowed(), "tungstenite files 1014 under Bad");
    assert_eq!(CloseCode::try_from(ws), Ok(CloseCode::BadGateway));
    assert!(CloseCode::BadGateway.is_sendable());
}

#[test]
fn tungstenite_codes_outside_the_table_are_errors() {
    let error = CloseCode::try_from(WsCode::Bad(5000)).unwrap_err();
    assert_eq!((error.code(), error.problem()), (5000, Problem::NotInTable));
    let error = AppCode::try_from(WsCode::Protocol).unwrap_err();
    assert_eq!(error.code(), 1002);
    assert_eq!(
        error.to_string(),
        "1002 is not a close code of AppCode: no row of its table covers it"
    );
}

// ---- tokio-websockets ----

/// Which numbers tokio-websockets' `CloseCode` can hold, from its own `TryFrom<u16>`.
fn tws_holds(number: u16) -> bool {
    tokio_websockets::CloseCode::try_from(number).is_ok()
}

fn tokio_websockets_round_trips<C>() -> (usize, usize)
where
    C: Code
        + TryInto<tokio_websockets::CloseCode>
        + TryFrom<tokio_websockets::CloseCode, Error = close_codes::InvalidCode>,
{
    let (mut there_and_back, mut refused) = (0, 0);
    for code in every::<C>() {
        if let Ok(tws) = code.try_into() {
            assert_eq!(u16::from(tws), code.as_u16());
            assert_eq!(C::try_from(tws), Ok(code));
            there_and_back += 1;
        } else {
            assert!(!tws_holds(code.as_u16()), "{code} was refused");
            refused += 1;
        }
    }
    (there_and_back, refused)
}

#[test]
fn tokio_websockets_conversions_keep_every_number_it_can_hold() {
    // It holds 1000-1015 and 3000-4999; the bundled table also covers 0-999 and 1016-2999.
    assert_eq!(tokio_websockets_round_trips::<CloseCode>(), (2016, 2984));
    assert_eq!(tokio_websockets_round_trips::<Bare>(), (2016, 2984));
    assert_eq!(tokio_websockets_round_trips::<AppCode>(), (105, 0));
    let bad_gateway = tokio_websockets::CloseCode::try_from(CloseCode::BadGateway).unwrap();
    assert_eq!(bad_gateway, tokio_websockets::CloseCode::BAD_GATEWAY);
}

#[test]
fn tokio_websockets_codes_outside_the_table_are_errors() {
    let error = AppCode::try_from(tokio_websockets::CloseCode::NORMAL_CLOSURE).unwrap_err();
    assert_eq!((error.code(), error.problem()), (1000, Problem::NotInTable));
}
