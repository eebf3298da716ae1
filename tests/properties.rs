//! Property tests: frame bodies round-trip and never panic; the table parser and the generator
//! never panic on arbitrary text. Runs 256 cases per property; set `PROPTEST_CASES` for more.

use close_codes::{CloseCode, CloseFrame, CloseFrameError, EncodeError, MAX_REASON_LEN};
use close_codes_codegen::Build;
use close_codes_codegen::{Source, check};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Every code the bundled table lets an endpoint send (RFC 6455 §7.4 and IANA).
fn sendable() -> impl Strategy<Value = u16> {
    prop_oneof![1000u16..=1003, 1007u16..=1014, 3000u16..=4999]
}

/// Any text: characters of every width, then cut to whole characters.
fn any_text(max_chars: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..=max_chars).prop_map(String::from_iter)
}

/// Reasons of at most 123 bytes, long ASCII ones included so the limit itself is hit.
fn reason() -> impl Strategy<Value = String> {
    prop_oneof![
        any_text(MAX_REASON_LEN).prop_map(|text| close_codes::truncate_reason(&text).to_owned()),
        "[ -~]{0,123}",
    ]
}

/// One cell: codes, ranges, names, rule words, HTTP equivalents, or noise.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..70_000).prop_map(|code| code.to_string()),
        (0u32..5_000, 0u32..6_000).prop_map(|(a, b)| format!("`{a}` - `{b}`")),
        (0u32..5_000, 0u32..6_000).prop_map(|(a, b)| format!("{a}..={b}")),
        prop::sample::select(vec![
            "",
            "Yes",
            "No",
            "-",
            "Undefined",
            "Extensions only",
            "Other",
            "Self",
            "ROWS",
            "Normal Closure",
            "*Bad gateway*",
            "Über ß",
            "[a](b)",
            "a \\| b",
            "`x`",
            "Equivalent to HTTP `502`",
            "Equivalent to HTTP 99999",
        ])
        .prop_map(str::to_owned),
        any_text(8),
    ]
}

/// Markdown shaped like a close-code table, with noise, so most inputs reach the validator.
fn markdownish() -> impl Strategy<Value = String> {
    let header = proptest::collection::vec(
        prop::sample::select(vec![
            "Code", "Name", "Reserved", "Custom", "Usage", "Notes", "",
        ]),
        1..7,
    );
    let rows = proptest::collection::vec(proptest::collection::vec(cell(), 0..7), 0..24);
    let prose = prop::sample::select(vec!["", "# Close codes\n\n", "Intro\n\n## Other\n"]);
    (prose, header, rows, any_text(20)).prop_map(|(prose, header, rows, tail)| {
        let mut text = format!("{prose}| {} |\n", header.join(" | "));
        text.push_str(&"|---".repeat(header.len()));
        text.push_str("|\n");
        for row in rows {
            text.push_str("| ");
            text.push_str(&row.join(" | "));
            text.push_str(" |\n");
        }
        text.push_str(&tail);
        text
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn encode_then_parse_is_identity(code in sendable(), reason in reason()) {
        let code = CloseCode::from_u16(code).unwrap();
        let frame = CloseFrame::new(code, &reason).unwrap();
        let mut buf = [0; close_codes::MAX_PAYLOAD_LEN];
        let body = frame.encode(&mut buf).unwrap();
        prop_assert_eq!(body.len(), 2 + reason.len());
        prop_assert_eq!(CloseFrame::parse(body), Ok(Some(frame)));
        // write_to into a slice of exactly the body's length gives the same bytes.
        let mut exact = vec![0; frame.encoded_len()];
        prop_assert_eq!(frame.write_to(&mut exact), Ok(exact.len()));
        prop_assert_eq!(&exact[..], body);
    }

    #[test]
    fn long_reasons_are_refused_or_cut(code in sendable(), reason in any_text(200)) {
        let code = CloseCode::from_u16(code).unwrap();
        let cut = close_codes::truncate_reason(&reason);
        prop_assert!(reason.starts_with(cut) && cut.len() <= MAX_REASON_LEN);
        if reason.len() <= MAX_REASON_LEN {
            prop_assert_eq!(cut, reason.as_str());
            prop_assert!(CloseFrame::new(code, &reason).is_ok());
        } else {
            // The cut is the longest that fits: the next character would not.
            let next = reason[cut.len()..].chars().next().unwrap();
            prop_assert!(cut.len() + next.len_utf8() > MAX_REASON_LEN);
            prop_assert_eq!(
                CloseFrame::new(code, &reason),
                Err(EncodeError::ReasonTooLong { len: reason.len() })
            );
            prop_assert_eq!(CloseFrame::truncated(code, &reason).unwrap().reason, cut);
        }
    }

    #[test]
    fn parse_never_panics_on_bytes(body in proptest::collection::vec(any::<u8>(), 0..160)) {
        check_parse(&body)?;
    }

    #[test]
    fn parse_never_panics_past_a_valid_code(
        code in sendable(),
        rest in proptest::collection::vec(any::<u8>(), 0..130),
    ) {
        let body = [&code.to_be_bytes()[..], &rest].concat();
        check_parse(&body)?;
    }

    #[test]
    fn table_parser_never_panics(text in markdownish(), heading in any::<bool>()) {
        let source = Source::new("fuzz.md", text);
        let (table, problems) = check(&source, heading.then_some("close codes"));
        for problem in &problems {
            let _ = problem.render(Some(&source));
        }
        // What passed is a table the generator can expand.
        prop_assert!(table.count(|_| true) <= 1 << 16);
        let _ = Build::new("fuzz.md").expand(&table);
    }

    #[test]
    fn table_parser_never_panics_on_any_text(text in any_text(300)) {
        let source = Source::new("fuzz.md", text);
        let (_, problems) = check(&source, None);
        for problem in &problems {
            let _ = problem.render(Some(&source));
        }
    }
}

/// Parses `body` and checks the result against the body itself.
fn check_parse(body: &[u8]) -> Result<(), TestCaseError> {
    match CloseFrame::<CloseCode>::parse(body) {
        Ok(None) => prop_assert!(body.is_empty()),
        Ok(Some(frame)) => {
            // Whatever parses re-encodes to the same bytes.
            let mut buf = [0; close_codes::MAX_PAYLOAD_LEN];
            prop_assert_eq!(frame.encode(&mut buf).unwrap(), body);
        }
        Err(error) => {
            prop_assert!(!body.is_empty());
            let expected = if matches!(error, CloseFrameError::ReasonNotUtf8 { .. }) {
                1007
            } else {
                1002
            };
            prop_assert_eq!(error.reply_code(), expected);
            if body.len() >= 2 {
                prop_assert_eq!(error.code(), Some(u16::from_be_bytes([body[0], body[1]])));
            }
        }
    }
    Ok(())
}
