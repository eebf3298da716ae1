//! The `serde`, `tungstenite` and `tokio-websockets` features' impls, on the bundled
//! `CloseCode` and on types this crate generates itself (user crates get the impls without
//! naming the dependencies), and their `CloseFrame` conversions.

use close_codes::{
    CloseCode, CloseFrame, CloseFrameError, Code, EncodeError, MAX_REASON_LEN, Problem,
};
use tokio_tungstenite::tungstenite::protocol::CloseFrame as WsFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode as WsCode;

close_codes::close_codes! {
    /// The chat example's table, generated in this (user) crate.
    enum AppCode from "examples/app-codes.md"
}

close_codes::close_codes! {
    /// Sendable codes that tokio-websockets cannot carry.
    enum Beyond from "tests/fixtures/beyond-4999.md"
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

// ---- Close frames: tungstenite ----

/// A reason of `len` bytes, with a two-byte character so byte counts are not character counts.
fn reason_of(len: usize) -> String {
    let mut reason = "é".to_owned();
    reason.push_str(&"r".repeat(len - 2));
    reason
}

/// The raw body RFC 6455 §5.5.1 lays out: code, big-endian, then the reason.
fn body(code: u16, reason: &str) -> Vec<u8> {
    let mut body = code.to_be_bytes().to_vec();
    body.extend_from_slice(reason.as_bytes());
    body
}

/// tungstenite's frame is checked exactly as `parse` checks the same bytes, for every `u16`
/// and reasons at, under and over the limit; returns how many frames were accepted.
fn tungstenite_frames_agree_with_parse<C: Code>() -> usize {
    let reasons = [
        String::new(),
        reason_of(MAX_REASON_LEN),
        reason_of(MAX_REASON_LEN + 1),
    ];
    let mut accepted = 0;
    for number in 0..=u16::MAX {
        for reason in &reasons {
            let ws = WsFrame {
                code: WsCode::from(number),
                reason: reason.as_str().into(),
            };
            let bytes = body(number, reason);
            let from_ws = CloseFrame::<C>::try_from(&ws);
            assert_eq!(
                from_ws.map(Some),
                CloseFrame::<C>::parse(&bytes),
                "{number}"
            );
            if let Ok(frame) = from_ws {
                // And back: the same number and reason.
                let again = WsFrame::try_from(frame).unwrap();
                assert_eq!(again, ws);
                accepted += 1;
            }
        }
    }
    accepted
}

#[test]
fn tungstenite_frames_are_checked_like_parse() {
    // Two reasons fit for each sendable code, the 124-byte one never does.
    assert_eq!(tungstenite_frames_agree_with_parse::<CloseCode>(), 2 * 2012);
    assert_eq!(tungstenite_frames_agree_with_parse::<AppCode>(), 2 * 105);
}

#[test]
fn tungstenite_frame_errors_keep_the_code_and_say_what_to_reply() {
    let frame = |code: u16, reason: &str| WsFrame {
        code: code.into(),
        reason: reason.into(),
    };
    let reserved = frame(1006, "");
    let error = CloseFrame::<CloseCode>::try_from(&reserved).unwrap_err();
    assert!(matches!(error, CloseFrameError::Code(e) if e.problem() == Problem::Reserved));
    assert_eq!((error.code(), error.reply_code()), (Some(1006), 1002));
    let long = frame(1000, &"x".repeat(124));
    assert_eq!(
        CloseFrame::<CloseCode>::try_from(&long),
        Err(CloseFrameError::PayloadTooLong {
            code: 1000,
            len: 126
        })
    );
    // 1000 is valid on the wire but not in the application's table.
    let error = CloseFrame::<AppCode>::try_from(&frame(1000, "")).unwrap_err();
    assert!(matches!(error, CloseFrameError::Code(e) if e.problem() == Problem::NotInTable));
    // 1014, which tungstenite files under `Bad`, is a sendable code.
    let upstream = frame(1014, "upstream");
    let bad_gateway = CloseFrame::<CloseCode>::try_from(&upstream).unwrap();
    assert_eq!(bad_gateway.code, CloseCode::BadGateway);
    assert_eq!(bad_gateway.reason, "upstream");
}

#[test]
fn tungstenite_refuses_to_send_a_hand_built_frame_parse_would_refuse() {
    let reserved = CloseFrame {
        code: CloseCode::NoStatusRcvd,
        reason: "",
    };
    assert!(matches!(
        WsFrame::try_from(reserved),
        Err(EncodeError::Code(e)) if e.code() == 1005
    ));
    let long = "x".repeat(124);
    let too_long = CloseFrame {
        code: CloseCode::NormalClosure,
        reason: &long,
    };
    assert_eq!(
        WsFrame::try_from(too_long),
        Err(EncodeError::ReasonTooLong { len: 124 })
    );
}

#[test]
fn tungstenite_no_frame_is_no_status() {
    let none = CloseFrame::<CloseCode>::from_tungstenite(None).unwrap();
    assert_eq!(none, None);
    assert_eq!(CloseCode::received(none), CloseCode::NoStatusRcvd);
    let away = WsFrame {
        code: WsCode::Away,
        reason: "bye".into(),
    };
    let some = CloseFrame::from_tungstenite(Some(&away)).unwrap();
    assert_eq!(CloseCode::received(some), CloseCode::GoingAway);
    let reserved = WsFrame {
        code: WsCode::Status,
        reason: "".into(),
    };
    assert_eq!(
        CloseFrame::<CloseCode>::from_tungstenite(Some(&reserved))
            .unwrap_err()
            .code(),
        Some(1005)
    );
}

// ---- Close frames: tokio-websockets ----

/// Every code of `C`'s table, in a frame built by hand (so unsendable ones too), to
/// tokio-websockets' Close message: sendable codes it can carry arrive intact (read back with
/// `parse` on the payload and with its own `as_close`), every other is an error, none panics.
/// Returns (converted, refused as unsendable, refused as unsupported).
fn tokio_websockets_messages<C: Code>() -> (usize, usize, usize) {
    let (mut converted, mut unsendable, mut unsupported) = (0, 0, 0);
    for code in every::<C>() {
        let frame = CloseFrame {
            code,
            reason: "ünïcödé",
        };
        match tokio_websockets::Message::try_from(frame) {
            Ok(message) => {
                assert!(code.is_sendable(), "{code}");
                assert!(message.is_close());
                assert_eq!(CloseFrame::parse(message.as_payload()), Ok(Some(frame)));
                let (tws, reason) = message.as_close().unwrap();
                assert_eq!((u16::from(tws), reason), (code.as_u16(), "ünïcödé"));
                converted += 1;
            }
            Err(EncodeError::Code(invalid)) => {
                assert!(!code.is_sendable(), "{code}");
                assert_eq!(invalid.code(), code.as_u16());
                unsendable += 1;
            }
            Err(EncodeError::Unsupported {
                code: number,
                library,
            }) => {
                assert!(code.is_sendable(), "{code}");
                assert_eq!((number, library), (code.as_u16(), "tokio-websockets"));
                let held = tokio_websockets::CloseCode::try_from(number);
                assert!(
                    held.is_err() || held.is_ok_and(tokio_websockets::CloseCode::is_reserved),
                    "{number}"
                );
                unsupported += 1;
            }
            Err(other) => panic!("{code}: {other}"),
        }
    }
    (converted, unsendable, unsupported)
}

#[test]
fn tokio_websockets_messages_carry_every_code_they_can_and_never_panic() {
    // Bundled: its 2012 sendable codes all fit; the other 2988 of 0-4999 are not sendable.
    assert_eq!(tokio_websockets_messages::<CloseCode>(), (2012, 2988, 0));
    assert_eq!(tokio_websockets_messages::<AppCode>(), (105, 0, 0));
    // 1004 and 5000-5999 are sendable by that table, but tokio-websockets cannot carry them.
    assert_eq!(tokio_websockets_messages::<Beyond>(), (2, 0, 1 + 1000));
}

#[test]
fn tokio_websockets_long_reasons_are_errors_not_its_panic() {
    let long = reason_of(MAX_REASON_LEN + 1);
    let frame = CloseFrame {
        code: CloseCode::NormalClosure,
        reason: &long,
    };
    assert_eq!(
        tokio_websockets::Message::try_from(frame).unwrap_err(),
        EncodeError::ReasonTooLong { len: 124 }
    );
    assert_eq!(
        EncodeError::Unsupported {
            code: 5000,
            library: "tokio-websockets"
        }
        .to_string(),
        "tokio-websockets cannot send close code 5000"
    );
}
