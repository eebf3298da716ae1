//! Close frame bodies over all 65,536 codes, and the protocol rules of the bundled
//! `CloseCode`, against RFC 6455 §5.5, §5.5.1, §7.4 and the IANA registry as written out here
//! (not derived from the generated code).

use close_codes::{
    CloseCode, CloseFrame, CloseFrameError, Code, EncodeError, MAX_PAYLOAD_LEN, MAX_REASON_LEN,
    Problem,
};

/// RFC 6455 §7.4.1 (1000-1003, 1007-1011), IANA (1012-1014) and §7.4.2 (3000-4999): what an
/// endpoint may put in a Close frame and a peer must accept.
fn rfc_sendable(code: u16) -> bool {
    matches!(code, 1000..=1003 | 1007..=1014 | 3000..=4999)
}

/// §7.4.1: 1005, 1006 and 1015 "MUST NOT be set as a status code in a Close control frame".
fn rfc_reserved(code: u16) -> bool {
    matches!(code, 1005 | 1006 | 1015)
}

/// The WHATWG standard for the browser API, `WebSocket.close()`: 1000 or 3000-4999, else `InvalidAccessError`.
fn browser_closable(code: u16) -> bool {
    code == 1000 || (3000..=4999).contains(&code)
}

/// Codes the bundled table ties to an HTTP status in its usage text.
const HTTP: [(u16, u16); 4] = [(1014, 502), (3000, 401), (3003, 403), (3008, 408)];

fn parse(body: &[u8]) -> Result<Option<CloseFrame<'_>>, CloseFrameError> {
    CloseFrame::parse(body)
}

#[test]
fn every_code_parses_and_builds_by_the_rfc() {
    let mut accepted = 0;
    for code in 0..=u16::MAX {
        let [high, low] = code.to_be_bytes();
        let bare = [high, low];
        let with_reason = [high, low, b'o', b'k'];
        let bad_reason = [high, low, b'o', 0xff];
        if rfc_sendable(code) {
            accepted += 1;
            let frame = parse(&bare).unwrap().unwrap();
            assert_eq!((frame.code.as_u16(), frame.reason), (code, ""), "{code}");
            let frame = parse(&with_reason).unwrap().unwrap();
            assert_eq!((frame.code.as_u16(), frame.reason), (code, "ok"), "{code}");
            let error = parse(&bad_reason).unwrap_err();
            assert_eq!(
                error,
                CloseFrameError::ReasonNotUtf8 {
                    code,
                    valid_up_to: 1
                }
            );
            assert_eq!(error.reply_code(), 1007);
            // Building gives back the bytes parsed.
            let mut buf = [0; MAX_PAYLOAD_LEN];
            let built = CloseFrame::new(frame.code, "ok").unwrap();
            assert_eq!(built.encode(&mut buf).unwrap(), with_reason);
        } else {
            let expected = if rfc_reserved(code) {
                Problem::Reserved
            } else if code > 4999 {
                Problem::NotInTable // the bundled table stops at 4999
            } else {
                Problem::NotSendable
            };
            for body in [&bare[..], &with_reason, &bad_reason] {
                let error = parse(body).unwrap_err();
                let CloseFrameError::Code(invalid) = error else {
                    panic!("{code}: {error:?}");
                };
                assert_eq!((invalid.code(), invalid.problem()), (code, expected));
                assert_eq!(error.code(), Some(code), "the peer's code is kept");
                assert_eq!(error.reply_code(), 1002, "{code}");
            }
            if let Some(value) = CloseCode::from_u16(code) {
                let refused = CloseFrame::new(value, "").unwrap_err();
                assert!(matches!(refused, EncodeError::Code(e) if e.problem() == expected));
            }
        }
    }
    assert_eq!(accepted, 12 + 2000);
}

#[test]
fn every_code_follows_the_browser_clean_and_http_rules() {
    for code in 0..=u16::MAX {
        let Some(value) = CloseCode::from_u16(code) else {
            continue;
        };
        assert_eq!(
            value.is_browser_closable(),
            browser_closable(code),
            "{code}"
        );
        assert_eq!(
            value.is_clean(),
            matches!(code, 1000 | 1001 | 1005),
            "{code}"
        );
        let http = HTTP.iter().find(|(c, _)| *c == code).map(|(_, s)| *s);
        assert_eq!(value.http_status(), http, "{code}");
        assert_eq!(Code::http_status(value), http, "{code}");
        // Every code a browser may close with is one an endpoint may send.
        assert!(!browser_closable(code) || rfc_sendable(code));
    }
}

#[test]
fn body_lengths() {
    let body = [b"\x03\xe8".as_slice(), &[b'a'; 200]].concat();
    for len in 0..=body.len() {
        let result = parse(&body[..len]);
        match len {
            0 => assert_eq!(result, Ok(None)),
            1 => assert_eq!(result, Err(CloseFrameError::OneByteBody { byte: 3 })),
            2..=MAX_PAYLOAD_LEN => assert_eq!(result.unwrap().unwrap().reason.len(), len - 2),
            _ => assert_eq!(
                result,
                Err(CloseFrameError::PayloadTooLong { code: 1000, len })
            ),
        }
    }
    for byte in 0..=u8::MAX {
        assert_eq!(parse(&[byte]), Err(CloseFrameError::OneByteBody { byte }));
    }
    // A frame too long is refused even when its code is not valid: length comes first.
    let long = [0u8; 126];
    assert_eq!(parse(&long).unwrap_err().code(), Some(0));
}

#[test]
fn reason_limits_when_building() {
    let max = "r".repeat(MAX_REASON_LEN);
    let frame = CloseFrame::new(CloseCode::NormalClosure, &max).unwrap();
    let mut buf = [0; MAX_PAYLOAD_LEN];
    assert_eq!(frame.encode(&mut buf).unwrap().len(), MAX_PAYLOAD_LEN);
    let over = "r".repeat(MAX_REASON_LEN + 1);
    assert_eq!(
        CloseFrame::new(CloseCode::NormalClosure, &over),
        Err(EncodeError::ReasonTooLong { len: 124 })
    );
    let cut = CloseFrame::truncated(CloseCode::NormalClosure, &over).unwrap();
    assert_eq!(cut.reason, max);
}

close_codes::close_codes! {
    /// The table in examples/chat-protocol.md: application codes only.
    enum AppCode from "examples/chat-protocol.md", heading = "Close codes"
}

close_codes::close_codes! {
    /// Usage texts with and without an HTTP equivalent.
    enum HttpCode from "tests/fixtures/http-status.md"
}

#[test]
fn frames_of_a_user_table() {
    let kicked: Option<CloseFrame<'_, AppCode>> = CloseFrame::parse(b"\x0f\xa1bye").unwrap();
    assert_eq!(
        kicked,
        Some(CloseFrame {
            code: AppCode::Kicked,
            reason: "bye"
        })
    );
    let body = 4150u16.to_be_bytes();
    let banned = CloseFrame::<AppCode>::parse(&body).unwrap();
    assert!(matches!(banned.unwrap().code, AppCode::Banned(days) if days.get() == 4150));
    // The table lists no standard code, so 1000 is not one of its codes.
    let error = CloseFrame::<AppCode>::parse(&1000u16.to_be_bytes()).unwrap_err();
    assert!(matches!(error, CloseFrameError::Code(e) if e.problem() == Problem::NotInTable));
    assert_eq!(
        error.to_string(),
        "close frame code refused: 1000 is not a close code of AppCode: no row of its table \
         covers it"
    );
    let mut buf = [0; MAX_PAYLOAD_LEN];
    let built = CloseFrame::new(AppCode::RoomClosed, "closed").unwrap();
    assert_eq!(built.encode(&mut buf).unwrap(), b"\x0f\xa0closed");
}

#[test]
fn http_status_of_a_user_table() {
    assert_eq!(HttpCode::SlowDown.http_status(), Some(429));
    assert_eq!(HttpCode::Unavailable.http_status(), Some(503));
    assert_eq!(HttpCode::Missing.http_status(), None); // "Like HTTP" is not "Equivalent to"
    assert_eq!(HttpCode::Odd.http_status(), None); // 5020 is no HTTP status
    assert_eq!(HttpCode::Normal.http_status(), None);
    let moved = HttpCode::from_u16(4123).unwrap();
    assert_eq!(moved.http_status(), Some(301)); // a range row's codes share its status
}
