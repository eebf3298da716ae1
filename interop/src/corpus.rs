//! What every peer is asked, and close-codes' answer to each question: the predicates for the
//! send side, `CloseFrame::new` for reasons at the length limit, and `CloseFrame::parse` with
//! `CloseFrameError::reply_code` for the receive corpus.

use close_codes::{CloseCode, CloseFrame, MAX_REASON_LEN};

/// Every close code a `u16` can hold.
pub(crate) const CODES: usize = 1 << 16;

/// The code the reason probes close with: one every peer accepts.
pub(crate) const REASON_CODE: u16 = 1000;

/// The close-codes predicate a peer's close API is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Predicate {
    /// `CloseCode::is_browser_closable`: the WHATWG `WebSocket.close()` rule.
    BrowserClosable,
    /// `CloseCode::is_sendable`: what RFC 6455 lets an endpoint put in a Close frame.
    Sendable,
}

impl Predicate {
    /// Whether close-codes lets the code be sent through an API of this kind.
    pub(crate) fn allows(self, code: u16) -> bool {
        CloseCode::from_u16(code).is_some_and(|code| match self {
            Predicate::BrowserClosable => code.is_browser_closable(),
            Predicate::Sendable => code.is_sendable(),
        })
    }

    /// The predicate as the docs name it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Predicate::BrowserClosable => "`is_browser_closable`",
            Predicate::Sendable => "`is_sendable`",
        }
    }
}

/// A close with code [`REASON_CODE`] and a reason at or just past [`MAX_REASON_LEN`].
pub(crate) struct ReasonProbe {
    /// How the docs name it.
    pub(crate) label: &'static str,
    /// The reason.
    pub(crate) reason: String,
}

impl ReasonProbe {
    /// close-codes' answer: whether `CloseFrame::new` builds the frame.
    pub(crate) fn allowed(&self) -> bool {
        CloseFrame::new(CloseCode::NormalClosure, &self.reason).is_ok()
    }

    /// The Close body a peer that accepts the probe must put on the wire.
    pub(crate) fn body(&self) -> Vec<u8> {
        with_code(REASON_CODE, self.reason.as_bytes())
    }
}

/// ASCII and two-byte characters, so a peer that counts characters (or UTF-16 units) instead of
/// bytes shows up.
pub(crate) fn reason_probes() -> Vec<ReasonProbe> {
    let two_byte_fit = format!("{}a", "é".repeat((MAX_REASON_LEN - 1) / 2));
    let two_byte_over = "é".repeat(MAX_REASON_LEN.div_ceil(2));
    vec![
        ReasonProbe {
            label: "123 B ASCII",
            reason: "a".repeat(MAX_REASON_LEN),
        },
        ReasonProbe {
            label: "124 B ASCII",
            reason: "a".repeat(MAX_REASON_LEN + 1),
        },
        ReasonProbe {
            label: "123 B: 61 × é + a",
            reason: two_byte_fit,
        },
        ReasonProbe {
            label: "124 B: 62 × é",
            reason: two_byte_over,
        },
    ]
}

/// One Close frame body of the receive corpus.
pub(crate) struct Case {
    /// How the docs name it.
    pub(crate) label: String,
    /// The body the server sends.
    pub(crate) body: Vec<u8>,
}

/// What close-codes says an endpoint does with a Close body it receives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// A valid body: the application is told `code` and `reason`, and the reply echoes the code
    /// (`reply: None` is an empty Close, for a body with no code).
    Accept {
        /// The code to report: the body's, or 1005 for an empty body (`CloseCode::received`).
        code: u16,
        /// The reason to report.
        reason: String,
        /// The code of the reply, if it has one.
        reply: Option<u16>,
    },
    /// `CloseFrame::parse` refuses the body: fail the connection with `reply`.
    Refuse {
        /// `CloseFrameError::reply_code`: 1002, or 1007 for a reason that is not UTF-8.
        reply: u16,
        /// The code in the body, if it had one.
        code: Option<u16>,
    },
}

impl Case {
    /// close-codes' verdict on the body.
    pub(crate) fn verdict(&self) -> Verdict {
        match CloseFrame::<CloseCode>::parse(&self.body) {
            Ok(frame) => Verdict::Accept {
                code: CloseCode::received(frame).as_u16(),
                reason: frame.map_or("", |frame| frame.reason).to_owned(),
                reply: frame.map(|frame| frame.code.as_u16()),
            },
            Err(error) => Verdict::Refuse {
                reply: error.reply_code(),
                code: error.code(),
            },
        }
    }
}

/// The code, big-endian, then `reason`.
pub(crate) fn with_code(code: u16, reason: &[u8]) -> Vec<u8> {
    let mut body = code.to_be_bytes().to_vec();
    body.extend_from_slice(reason);
    body
}

/// Codes sent alone: each edge of every row of the bundled table and each named code, so a
/// peer's rule for every range shows.
const NOTABLE: &[u16] = &[
    0, 999, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013,
    1014, 1015, 1016, 2000, 2999, 3000, 3003, 3999, 4000, 4999, 5000, 65535,
];

/// The receive corpus.
pub(crate) fn cases() -> Vec<Case> {
    let case = |label: &str, body: Vec<u8>| Case {
        label: label.to_owned(),
        body,
    };
    let mut cases = vec![
        case("empty body", Vec::new()),
        case("1 byte: `03`", vec![3]),
    ];
    cases.extend(
        NOTABLE
            .iter()
            .map(|&code| case(&code.to_string(), with_code(code, b""))),
    );
    let at_limit = "a".repeat(MAX_REASON_LEN);
    let over_limit = "a".repeat(MAX_REASON_LEN + 1);
    let two_byte_fit = format!("{}a", "é".repeat((MAX_REASON_LEN - 1) / 2));
    cases.extend([
        case("1000, reason `bye`", with_code(1000, b"bye")),
        case("4000, reason `ünï ✓`", with_code(4000, "ünï ✓".as_bytes())),
        case(
            "1000, reason 123 B ASCII",
            with_code(1000, at_limit.as_bytes()),
        ),
        case(
            "1000, reason 123 B: 61 × é + a",
            with_code(1000, two_byte_fit.as_bytes()),
        ),
        case(
            "1000, reason 124 B ASCII",
            with_code(1000, over_limit.as_bytes()),
        ),
        case("1000, reason `ok` + `FF`", with_code(1000, b"ok\xff")),
        case(
            "1000, reason `E2 82` (cut short)",
            with_code(1000, b"\xe2\x82"),
        ),
        case(
            "1000, reason `ED A0 80` (surrogate)",
            with_code(1000, b"\xed\xa0\x80"),
        ),
        case(
            "1000, reason `C0 AF` (overlong)",
            with_code(1000, b"\xc0\xaf"),
        ),
        case("1004, reason `FF`", with_code(1004, b"\xff")),
    ]);
    cases
}

/// The JSON every peer reads at `/plan.json`: how many receive cases to run and the reason
/// probes to make after the 65,536 codes, so the peers hold no copy of either.
pub(crate) fn plan_json(cases: usize, probes: &[ReasonProbe]) -> String {
    let reasons: Vec<serde_json::Value> = probes
        .iter()
        .map(|probe| serde_json::json!([REASON_CODE, probe.reason]))
        .collect();
    serde_json::json!({ "codes": CODES, "reasons": reasons, "cases": cases }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict_of(body: &[u8]) -> Verdict {
        Case {
            label: String::new(),
            body: body.to_vec(),
        }
        .verdict()
    }

    #[test]
    fn predicates_follow_the_bundled_table() {
        let browser: Vec<u16> = (0..=u16::MAX)
            .filter(|&code| Predicate::BrowserClosable.allows(code))
            .collect();
        assert_eq!(browser.len(), 1 + 2000);
        assert!(browser.contains(&1000) && browser.contains(&4999) && !browser.contains(&1001));
        let sendable = (0..=u16::MAX).filter(|&code| Predicate::Sendable.allows(code));
        assert_eq!(sendable.count(), 12 + 2000); // 1000-1003, 1007-1014 and 3000-4999
        assert!(!Predicate::Sendable.allows(5000) && !Predicate::Sendable.allows(1005));
    }

    #[test]
    fn reason_probes_straddle_the_limit() {
        let probes = reason_probes();
        let lens: Vec<usize> = probes.iter().map(|probe| probe.reason.len()).collect();
        assert_eq!(lens, [123, 124, 123, 124]);
        let allowed: Vec<bool> = probes.iter().map(ReasonProbe::allowed).collect();
        assert_eq!(allowed, [true, false, true, false]);
        assert_eq!(probes[0].body().len(), 125);
    }

    #[test]
    fn verdicts_are_close_codes_own() {
        let accept = |code: u16, reason: &str, reply| Verdict::Accept {
            code,
            reason: reason.to_owned(),
            reply,
        };
        assert_eq!(verdict_of(b""), accept(1005, "", None));
        assert_eq!(verdict_of(b"\x03\xe8bye"), accept(1000, "bye", Some(1000)));
        let refuse = |reply, code| Verdict::Refuse { reply, code };
        assert_eq!(verdict_of(&[3]), refuse(1002, None));
        assert_eq!(verdict_of(&with_code(1004, b"")), refuse(1002, Some(1004)));
        assert_eq!(
            verdict_of(&with_code(1000, b"ok\xff")),
            refuse(1007, Some(1000))
        );
        // The code is checked before the reason.
        assert_eq!(
            verdict_of(&with_code(1004, b"\xff")),
            refuse(1002, Some(1004))
        );
        assert_eq!(
            verdict_of(&with_code(1000, &[b'a'; 124])),
            refuse(1002, Some(1000))
        );
    }

    #[test]
    fn the_corpus_covers_the_issue_list() {
        let cases = cases();
        for code in [0u16, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535] {
            assert!(
                cases.iter().any(|case| case.body == code.to_be_bytes()),
                "{code}"
            );
        }
        assert!(cases.iter().any(|case| case.body.is_empty()));
        assert!(cases.iter().any(|case| case.body.len() == 1));
        assert!(cases.iter().any(|case| case.body.len() == 125));
        assert!(cases.iter().any(|case| case.body.len() == 126));
        let labels: std::collections::HashSet<&str> =
            cases.iter().map(|case| case.label.as_str()).collect();
        assert_eq!(labels.len(), cases.len(), "labels are unique");
    }
}
