//! A peer's report joined with what the server saw, and judged against close-codes.

use serde_json::Value;

use crate::corpus::{CODES, Case, Predicate, ReasonProbe, Verdict};
use crate::server::Reply;

/// One close attempt of the send side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Sent {
    /// The close call refused, with this error name; nothing was sent.
    Refused(String),
    /// The close call went through; this is what the server read on that connection (`None`:
    /// the server has no record of it, so the measurement is incomplete).
    Accepted(Option<Reply>),
}

/// What a peer's application was told about a receive case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Seen {
    /// The close code reported, if any.
    pub(crate) code: Option<u16>,
    /// The reason reported, if any.
    pub(crate) reason: Option<String>,
    /// Whether the application was told the connection failed (an error event, an exception,
    /// an unclean close), rather than handed a Close frame.
    pub(crate) failed: bool,
    /// The peer's own words, for the log.
    pub(crate) detail: String,
}

/// A receive case as the peer's application saw it and as the server saw the reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Received {
    /// The application's view.
    pub(crate) seen: Seen,
    /// The reply the server read (`None`: no record, the measurement is incomplete).
    pub(crate) reply: Option<Reply>,
}

/// Everything measured of one peer.
#[derive(Clone, Debug)]
pub(crate) struct Measured {
    /// The peer's own version string, for the log.
    pub(crate) version: String,
    /// One per code, 0 to 65,535.
    pub(crate) codes: Vec<Sent>,
    /// One per reason probe.
    pub(crate) reasons: Vec<Sent>,
    /// WHATWG peers: whether `close(code)` returned (rather than threw) on a CLOSED socket.
    pub(crate) closed_sweep: Option<Vec<bool>>,
    /// Refusals after which the socket was no longer open (the method assumes none).
    pub(crate) refusals_that_closed: u64,
    /// One per receive case.
    pub(crate) received: Vec<Received>,
    /// Each error name with the message of its first occurrence, for the log.
    pub(crate) error_samples: Vec<(String, String)>,
}

/// What the server recorded, looked up by connection or case number.
pub(crate) trait Records {
    /// The frame that arrived on send-sweep connection `conn`.
    fn sent(&self, conn: u32) -> Option<Reply>;
    /// The reply to receive case `case`.
    fn reply(&self, case: usize) -> Option<Reply>;
}

fn field<'a>(report: &'a Value, key: &str) -> Result<&'a Value, String> {
    report
        .get(key)
        .ok_or_else(|| format!("the report has no `{key}`"))
}

fn int_array(report: &Value, key: &str) -> Result<Vec<i64>, String> {
    field(report, key)?
        .as_array()
        .ok_or_else(|| format!("`{key}` is not an array"))?
        .iter()
        .map(|value| {
            value
                .as_i64()
                .ok_or_else(|| format!("`{key}` holds {value}"))
        })
        .collect()
}

/// Joins a peer's JSON report with the server's records. An error says why the report cannot
/// be used: the peer's own fatal error, or a missing or short field.
pub(crate) fn join(
    report: &[u8],
    probes: usize,
    cases: usize,
    records: &dyn Records,
) -> Result<Measured, String> {
    let report: Value = serde_json::from_slice(report)
        .map_err(|error| format!("the report is not JSON: {error}"))?;
    if let Some(fatal) = report.get("fatal") {
        return Err(format!(
            "the peer failed: {}",
            fatal.as_str().unwrap_or_default()
        ));
    }
    let names: Vec<String> = field(&report, "errors")?
        .as_array()
        .ok_or("`errors` is not an array")?
        .iter()
        .map(|name| name.as_str().unwrap_or_default().to_owned())
        .collect();
    let sent = |result: i64| match u32::try_from(result) {
        Ok(conn) => Ok(Sent::Accepted(records.sent(conn))),
        Err(_) => usize::try_from(-result - 1)
            .ok()
            .and_then(|index| names.get(index))
            .map(|name| Sent::Refused(name.clone()))
            .ok_or_else(|| format!("attempt result {result} names no error")),
    };
    let attempts = int_array(&report, "attempts")?;
    if attempts.len() != CODES + probes {
        return Err(format!(
            "{} attempts reported, {} made",
            attempts.len(),
            CODES + probes
        ));
    }
    let mut codes = attempts
        .into_iter()
        .map(sent)
        .collect::<Result<Vec<_>, _>>()?;
    let reasons = codes.split_off(CODES);
    let closed_sweep = match field(&report, "closedSweep")? {
        Value::Null => None,
        _ => Some(
            int_array(&report, "closedSweep")?
                .iter()
                .map(|&result| result >= 0)
                .collect(),
        ),
    };
    let received = received(field(&report, "recv")?, cases, records)?;
    let samples = report.get("errorSamples").and_then(Value::as_array);
    let error_samples = names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let sample = samples
                .and_then(|samples| samples.get(index))
                .and_then(Value::as_str);
            (name.clone(), sample.unwrap_or_default().to_owned())
        })
        .collect();
    Ok(Measured {
        version: report
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_owned(),
        codes,
        reasons,
        closed_sweep,
        refusals_that_closed: report
            .get("refusalsThatClosed")
            .and_then(Value::as_u64)
            .unwrap_or(0),
        received,
        error_samples,
    })
}

fn received(recv: &Value, cases: usize, records: &dyn Records) -> Result<Vec<Received>, String> {
    let recv = recv.as_array().ok_or("`recv` is not an array")?;
    if recv.len() != cases {
        return Err(format!(
            "{} receive cases reported, {cases} run",
            recv.len()
        ));
    }
    Ok(recv
        .iter()
        .enumerate()
        .map(|(case, seen)| Received {
            seen: Seen {
                code: seen
                    .get("code")
                    .and_then(Value::as_u64)
                    .and_then(|code| u16::try_from(code).ok()),
                reason: seen
                    .get("reason")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                failed: seen.get("failed").and_then(Value::as_bool).unwrap_or(true),
                detail: seen
                    .get("detail")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            },
            reply: records.reply(case),
        })
        .collect())
}

/// How one code of the send side compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum CodeJudgement {
    /// Sent as given where close-codes allows it, refused where it does not.
    Agrees,
    /// Sent as given, where close-codes' predicate refuses it.
    SendsRefused,
    /// Refused, where close-codes' predicate allows it.
    RefusesAllowed,
    /// The call went through, but the frame on the wire was not the code asked for (or there
    /// was no frame).
    SendsOther,
}

/// Judges one attempt: `allowed` is close-codes' answer, `body` the Close body that sending
/// it must put on the wire.
pub(crate) fn judge_send(allowed: bool, body: &[u8], sent: &Sent) -> CodeJudgement {
    match (sent, allowed) {
        (Sent::Refused(_), false) => CodeJudgement::Agrees,
        (Sent::Refused(_), true) => CodeJudgement::RefusesAllowed,
        (Sent::Accepted(Some(Reply::Close(wire))), allowed) if wire == body => {
            if allowed {
                CodeJudgement::Agrees
            } else {
                CodeJudgement::SendsRefused
            }
        }
        (Sent::Accepted(_), _) => CodeJudgement::SendsOther,
    }
}

/// One judgement per code, 0 to 65,535.
pub(crate) fn judge_codes(predicate: Predicate, codes: &[Sent]) -> Vec<CodeJudgement> {
    (0..=u16::MAX)
        .zip(codes)
        .map(|(code, sent)| judge_send(predicate.allows(code), &code.to_be_bytes(), sent))
        .collect()
}

/// One judgement per reason probe.
pub(crate) fn judge_reasons(probes: &[ReasonProbe], reasons: &[Sent]) -> Vec<CodeJudgement> {
    probes
        .iter()
        .zip(reasons)
        .map(|(probe, sent)| judge_send(probe.allowed(), &probe.body(), sent))
        .collect()
}

/// Whether the application's view matches close-codes' verdict: for a valid body, the body's
/// code and reason (1005 and no reason for an empty body) and no failure; for a refused body,
/// a failure or any code but the body's (tungstenite, for one, hands its application 1002).
pub(crate) fn app_agrees(verdict: &Verdict, seen: &Seen) -> bool {
    match verdict {
        Verdict::Accept { code, reason, .. } => {
            !seen.failed
                && seen.code == Some(*code)
                && seen.reason.as_deref().unwrap_or("") == reason
        }
        Verdict::Refuse { code, .. } => seen.failed || seen.code != Some(code.unwrap_or(1005)),
    }
}

/// Whether the reply is the one close-codes recommends: the received code echoed, an empty
/// Close for an empty body, `reply_code()` for a refused body.
pub(crate) fn reply_agrees(verdict: &Verdict, reply: Option<&Reply>) -> bool {
    let expected = match verdict {
        Verdict::Accept { reply: None, .. } => return reply == Some(&Reply::Close(Vec::new())),
        Verdict::Accept {
            reply: Some(code), ..
        }
        | Verdict::Refuse { reply: code, .. } => *code,
    };
    matches!(reply, Some(Reply::Close(body)) if body.get(..2) == Some(&expected.to_be_bytes()[..]))
}

/// Whether a receive case agrees on both counts.
pub(crate) fn case_agrees(case: &Case, received: &Received) -> bool {
    let verdict = case.verdict();
    app_agrees(&verdict, &received.seen) && reply_agrees(&verdict, received.reply.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{cases, reason_probes, with_code};

    fn code_body(code: u16) -> Vec<u8> {
        with_code(code, b"")
    }

    fn close(code: u16) -> Sent {
        Sent::Accepted(Some(Reply::Close(code_body(code))))
    }

    #[test]
    fn send_judgements() {
        let refused = Sent::Refused("TypeError".into());
        assert_eq!(
            judge_send(true, &code_body(1000), &close(1000)),
            CodeJudgement::Agrees
        );
        assert_eq!(
            judge_send(false, &code_body(5000), &refused),
            CodeJudgement::Agrees
        );
        assert_eq!(
            judge_send(false, &code_body(5000), &close(5000)),
            CodeJudgement::SendsRefused
        );
        assert_eq!(
            judge_send(true, &code_body(1001), &refused),
            CodeJudgement::RefusesAllowed
        );
        assert_eq!(
            judge_send(true, &code_body(1001), &close(1000)),
            CodeJudgement::SendsOther
        );
        let nothing = Sent::Accepted(Some(Reply::NoClose));
        assert_eq!(
            judge_send(true, &code_body(1001), &nothing),
            CodeJudgement::SendsOther
        );
        assert_eq!(
            judge_send(true, &code_body(1001), &Sent::Accepted(None)),
            CodeJudgement::SendsOther
        );
    }

    #[test]
    fn reason_judgements_compare_the_whole_body() {
        let probes = reason_probes();
        let sent: Vec<Sent> = probes
            .iter()
            .map(|probe| Sent::Accepted(Some(Reply::Close(probe.body()))))
            .collect();
        let judged = judge_reasons(&probes, &sent);
        assert_eq!(judged[0], CodeJudgement::Agrees);
        assert_eq!(judged[1], CodeJudgement::SendsRefused);
        let cut = Sent::Accepted(Some(Reply::Close(probes[0].body()[..100].to_vec())));
        assert_eq!(judge_reasons(&probes, &[cut])[0], CodeJudgement::SendsOther);
    }

    fn seen(code: Option<u16>, reason: &str, failed: bool) -> Seen {
        Seen {
            code,
            reason: Some(reason.to_owned()),
            failed,
            detail: String::new(),
        }
    }

    #[test]
    fn receive_judgements() {
        let by_label = |label: &str| {
            cases()
                .into_iter()
                .find(|case| case.label == label)
                .unwrap()
        };
        let bye = by_label("1000, reason `bye`");
        let echo = |code: u16| Some(Reply::Close(code_body(code)));
        let agree = |case: &Case, seen: Seen, reply: Option<Reply>| {
            case_agrees(case, &Received { seen, reply })
        };
        assert!(agree(&bye, seen(Some(1000), "bye", false), echo(1000)));
        assert!(
            !agree(&bye, seen(Some(1000), "", false), echo(1000)),
            "reason lost"
        );
        assert!(
            !agree(&bye, seen(Some(1000), "bye", true), echo(1000)),
            "reported as failure"
        );
        assert!(
            !agree(&bye, seen(Some(1000), "bye", false), Some(Reply::NoClose)),
            "no echo"
        );

        let empty = by_label("empty body");
        assert!(agree(
            &empty,
            seen(Some(1005), "", false),
            Some(Reply::Close(Vec::new()))
        ));
        assert!(!agree(&empty, seen(Some(1005), "", false), echo(1000)));

        let reserved = by_label("1004");
        assert!(agree(&reserved, seen(Some(1006), "", true), echo(1002)));
        assert!(agree(
            &reserved,
            seen(Some(1002), "Protocol violation", false),
            echo(1002)
        ));
        assert!(
            !agree(&reserved, seen(Some(1004), "", false), echo(1004)),
            "lenient"
        );
        assert!(
            !agree(&reserved, seen(Some(1006), "", true), Some(Reply::NoClose)),
            "no reply"
        );

        let one_byte = by_label("1 byte: `03`");
        assert!(
            !agree(&one_byte, seen(Some(1005), "", false), echo(1002)),
            "taken as empty"
        );
        let utf8 = by_label("1000, reason `ok` + `FF`");
        assert!(agree(&utf8, seen(Some(1006), "", true), echo(1007)));
        assert!(!agree(&utf8, seen(Some(1006), "", true), echo(1002)));
    }

    struct NoRecords;

    impl Records for NoRecords {
        fn sent(&self, conn: u32) -> Option<Reply> {
            (conn < 3).then(|| Reply::Close(code_body(1000)))
        }
        fn reply(&self, _: usize) -> Option<Reply> {
            None
        }
    }

    #[test]
    fn join_checks_completeness() {
        let report = |attempts: usize, recv: usize| {
            serde_json::json!({
                "attempts": vec![-1; attempts], "errors": ["E"], "recv": vec![serde_json::json!({"failed": true}); recv],
                "closedSweep": null, "version": "x",
            })
            .to_string()
        };
        let ok = join(report(CODES + 4, 2).as_bytes(), 4, 2, &NoRecords).unwrap();
        assert_eq!(ok.codes.len(), CODES);
        assert_eq!(ok.reasons.len(), 4);
        assert!(
            ok.codes
                .iter()
                .all(|sent| *sent == Sent::Refused("E".into()))
        );
        assert!(join(report(CODES, 2).as_bytes(), 4, 2, &NoRecords).is_err());
        assert!(join(report(CODES + 4, 1).as_bytes(), 4, 2, &NoRecords).is_err());
        assert!(
            join(br#"{"fatal": "boom"}"#, 4, 2, &NoRecords)
                .unwrap_err()
                .contains("boom")
        );
    }
}
