//! The truth table: docs/protocol.md, written from a run. Everything in it comes from the
//! measurement or from close-codes; nothing that varies between two runs of the same peers
//! (ports, timings, browser versions) goes in, so a fresh run reproduces the file exactly.

use std::fmt::Write as _;

use crate::compare::{
    CodeJudgement, Measured, Received, Sent, app_agrees, case_agrees, judge_codes, judge_reasons,
    reply_agrees,
};
use crate::corpus::{CODES, Case, ReasonProbe, Verdict};
use crate::peers::Peer;
use crate::server::Reply;

/// One peer's measurement and the counts the log and the summary print.
pub(crate) struct PeerRun {
    /// The peer.
    pub(crate) peer: Peer,
    /// What was measured.
    pub(crate) measured: Measured,
    /// One judgement per code.
    pub(crate) codes: Vec<CodeJudgement>,
    /// One judgement per reason probe.
    pub(crate) reasons: Vec<CodeJudgement>,
    /// Whether each receive case agrees.
    pub(crate) cases: Vec<bool>,
}

impl PeerRun {
    /// Judges `measured` against close-codes.
    pub(crate) fn new(
        peer: Peer,
        measured: Measured,
        probes: &[ReasonProbe],
        cases: &[Case],
    ) -> PeerRun {
        let codes = judge_codes(peer.predicate(), &measured.codes);
        let reasons = judge_reasons(probes, &measured.reasons);
        let agree = cases
            .iter()
            .zip(&measured.received)
            .map(|(case, received)| case_agrees(case, received))
            .collect();
        PeerRun {
            peer,
            measured,
            codes,
            reasons,
            cases: agree,
        }
    }

    /// How many codes agree.
    pub(crate) fn codes_agreeing(&self) -> usize {
        count(&self.codes)
    }

    /// How many reason probes agree.
    pub(crate) fn reasons_agreeing(&self) -> usize {
        count(&self.reasons)
    }

    /// How many receive cases agree.
    pub(crate) fn cases_agreeing(&self) -> usize {
        self.cases.iter().filter(|agrees| **agrees).count()
    }

    /// On a CLOSED socket, how many codes got the verdict they got on an open one.
    fn closed_sweep_agreeing(&self) -> Option<usize> {
        let closed = self.measured.closed_sweep.as_ref()?;
        let open = self
            .measured
            .codes
            .iter()
            .map(|sent| matches!(sent, Sent::Accepted(_)));
        Some(
            open.zip(closed)
                .filter(|(open, closed)| open == *closed)
                .count(),
        )
    }
}

fn count(judgements: &[CodeJudgement]) -> usize {
    judgements
        .iter()
        .filter(|judgement| **judgement == CodeJudgement::Agrees)
        .count()
}

/// `65,536`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `1000, 3000-4999`: the codes as ranges, `none` for no code.
pub(crate) fn ranges(codes: impl IntoIterator<Item = u16>) -> String {
    let mut spans: Vec<(u16, u16)> = Vec::new();
    for code in codes {
        match spans.last_mut() {
            Some((_, end)) if u32::from(*end) + 1 == u32::from(code) => *end = code,
            _ => spans.push((code, code)),
        }
    }
    if spans.is_empty() {
        return "none".to_owned();
    }
    let spans: Vec<String> = spans
        .iter()
        .map(|&(start, end)| {
            if start == end {
                start.to_string()
            } else {
                format!("{start}-{end}")
            }
        })
        .collect();
    spans.join(", ")
}

/// The codes 0-65,535 whose judgement is `which`.
fn codes_judged(run: &PeerRun, which: CodeJudgement) -> impl Iterator<Item = u16> + '_ {
    (0..=u16::MAX)
        .zip(&run.codes)
        .filter(move |(_, judgement)| **judgement == which)
        .map(|(code, _)| code)
}

/// A reason for a table cell: quoted when short, its length when long.
fn show_reason(reason: &str) -> String {
    if reason.chars().count() > 16 {
        format!("({} B reason)", reason.len())
    } else {
        format!("{reason:?}").replace('|', "\\|")
    }
}

/// A Close body in a cell: its code, or what else it was.
fn show_body(body: &[u8]) -> String {
    match body {
        [] => "empty".to_owned(),
        [_] => "1 byte".to_owned(),
        [high, low, rest @ ..] => {
            let code = u16::from_be_bytes([*high, *low]);
            if rest.len() + 2 > 125 {
                format!("{code}, {} B", rest.len() + 2)
            } else {
                code.to_string()
            }
        }
    }
}

/// The reply as the server saw it: `↩ 1002`, `↩ empty`, `↩ none`.
fn show_reply(reply: Option<&Reply>) -> String {
    match reply {
        Some(Reply::Close(body)) => format!("↩ {}", show_body(body)),
        Some(Reply::NoClose) => "↩ none".to_owned(),
        Some(Reply::Timeout) => "↩ timeout".to_owned(),
        None => "↩ not seen".to_owned(),
    }
}

/// What close-codes says: `1000 "bye" · ↩ 1000`, `fails · ↩ 1002`.
fn show_verdict(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Accept {
            code,
            reason,
            reply,
        } => {
            let reply = reply.map_or_else(|| "empty".to_owned(), |code| code.to_string());
            let reason = if reason.is_empty() {
                String::new()
            } else {
                format!(" {}", show_reason(reason))
            };
            format!("{code}{reason} · ↩ {reply}")
        }
        Verdict::Refuse { reply, .. } => format!("fails · ↩ {reply}"),
    }
}

/// What a peer did: the application's view, then the reply.
fn show_received(received: &Received) -> String {
    let seen = &received.seen;
    let code = seen.code.map(|code| code.to_string());
    let app = if seen.failed {
        code.map_or_else(|| "fails".to_owned(), |code| format!("fails ({code})"))
    } else {
        let reason = seen.reason.as_deref().filter(|reason| !reason.is_empty());
        let reason = reason
            .map(|reason| format!(" {}", show_reason(reason)))
            .unwrap_or_default();
        format!("{}{reason}", code.unwrap_or_else(|| "no code".to_owned()))
    };
    format!("{app} · {}", show_reply(received.reply.as_ref()))
}

/// The whole file.
pub(crate) fn render(runs: &[PeerRun], probes: &[ReasonProbe], cases: &[Case]) -> String {
    let mut doc = String::new();
    header(&mut doc);
    summary(&mut doc, runs, probes, cases);
    send_side(&mut doc, runs);
    reasons(&mut doc, runs, probes);
    receive_side(&mut doc, runs, cases);
    differences(&mut doc, runs, cases);
    doc
}

fn header(doc: &mut String) {
    doc.push_str(
        "# Close codes against real WebSocket peers\n\n\
         <!-- Generated by `bash scripts/interop.sh` (interop/src/doc.rs): do not edit. CI fails when \
         a run differs from this file; `INTEROP_BLESS=1 bash scripts/interop.sh` rewrites it. -->\n\n\
         Measured, not written: `scripts/interop.sh` installs six WebSocket peers, runs each \
         against the project's own server on 127.0.0.1, and compares what it does with \
         close-codes, every code and every case. The npm and PyPI peers are pinned \
         (`interop/node/package-lock.json`, `interop/python/requirements.txt`), tokio-tungstenite \
         by `Cargo.lock`; the browsers are Debian's current `chromium` and `firefox-esr`, whose \
         versions the run prints.\n\n",
    );
}

fn summary(doc: &mut String, runs: &[PeerRun], probes: &[ReasonProbe], cases: &[Case]) {
    doc.push_str(
        "## Summary\n\n\
         The browsers run headless and load the suite's page from its server; ws and undici run \
         the same page script (`interop/node/peer.mjs`) in Node; websockets runs \
         `interop/python/peer.py`; tokio-tungstenite runs inside the suite. Implementations of the \
         WHATWG `WebSocket` interface (the browsers, and undici's `WebSocket`) are compared with \
         `is_browser_closable`, the rule that interface sets for scripts; the other libraries with \
         `is_sendable`, what RFC 6455 lets an endpoint send.\n\n\
         | Peer | Close API | Compared with | Send: codes that agree | Send: reasons at the limit | \
         Receive: cases that agree |\n|---|---|---|---:|---:|---:|\n",
    );
    for run in runs {
        let _ = writeln!(
            doc,
            "| {} | {} | {} | {} / {} | {} / {} | {} / {} |",
            run.peer.title(),
            run.peer.close_api(),
            run.peer.predicate().name(),
            thousands(run.codes_agreeing()),
            thousands(CODES),
            run.reasons_agreeing(),
            probes.len(),
            run.cases_agreeing(),
            cases.len(),
        );
    }
    doc.push('\n');
}

fn send_side(doc: &mut String, runs: &[PeerRun]) {
    doc.push_str(
        "## Send side\n\n\
         Each code 0-65,535 is passed, with no reason, to the peer's close API on an open \
         connection. An exception or error is a refusal; the connection must stay open, and the \
         next code reuses it. An accepted call sends a Close frame: the server reads it off the \
         wire, and the code counts as sent only if the frame carries it; the next code gets a new \
         connection, so every accepted code was seen on the wire. The WHATWG peers also get every \
         code on a CLOSED socket: the WHATWG `close()` checks the code before the state, so the \
         verdicts should not change.\n\n\
         | Peer | Sends (as asked) | Refuses with | Refusals that closed the socket | Same verdict on a CLOSED socket | Differs from close-codes |\n\
         |---|---|---|---:|---:|---|\n",
    );
    for run in runs {
        let sends = ranges(
            (0..=u16::MAX)
                .zip(&run.measured.codes)
                .filter_map(|(code, sent)| {
                    let as_asked = Sent::Accepted(Some(Reply::Close(code.to_be_bytes().to_vec())));
                    (*sent == as_asked).then_some(code)
                }),
        );
        let mut errors: Vec<String> = Vec::new();
        for sent in run.measured.codes.iter().chain(&run.measured.reasons) {
            if let Sent::Refused(name) = sent {
                if !errors.iter().any(|known| known == name) {
                    errors.push(name.clone());
                }
            }
        }
        let errors: Vec<String> = errors.iter().map(|name| format!("`{name}`")).collect();
        let closed = run.closed_sweep_agreeing().map_or_else(
            || "—".to_owned(),
            |same| format!("{} / {}", thousands(same), thousands(CODES)),
        );
        let _ = writeln!(
            doc,
            "| {} | {} | {} | {} | {} | {} |",
            run.peer.title(),
            sends,
            if errors.is_empty() {
                "—".to_owned()
            } else {
                errors.join(", ")
            },
            run.measured.refusals_that_closed,
            closed,
            send_differences(run),
        );
    }
    doc.push('\n');
}

/// The send-side differences of one peer, or `—`.
fn send_differences(run: &PeerRun) -> String {
    let predicate = run.peer.predicate().name();
    let kinds = [
        (
            CodeJudgement::SendsRefused,
            format!("sends {{}}, which {predicate} refuses"),
        ),
        (
            CodeJudgement::RefusesAllowed,
            format!("refuses {{}}, which {predicate} allows"),
        ),
        (
            CodeJudgement::SendsOther,
            "accepts {} but puts another frame, or none, on the wire".to_owned(),
        ),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .filter_map(|(kind, text)| {
            let codes = ranges(codes_judged(run, *kind));
            (codes != "none").then(|| text.replace("{}", &codes))
        })
        .collect();
    if parts.is_empty() {
        "—".to_owned()
    } else {
        parts.join("; ")
    }
}

fn reasons(doc: &mut String, runs: &[PeerRun], probes: &[ReasonProbe]) {
    doc.push_str(
        "### Reasons at the length limit\n\n\
         Code 1000 with a reason of 123 bytes, the most a Close frame holds, and of 124, in ASCII \
         and in two-byte characters (a peer that counted characters would take 62 × é). A cell \
         is ✓ when the peer does what close-codes' `CloseFrame::new` does; a sent reason counts \
         only if all of it reached the server.\n\n",
    );
    let labels: Vec<&str> = probes.iter().map(|probe| probe.label).collect();
    let _ = writeln!(doc, "| Peer | {} |", labels.join(" | "));
    let _ = writeln!(doc, "|---|{}", "---|".repeat(probes.len()));
    let expected: Vec<&str> = probes
        .iter()
        .map(|probe| if probe.allowed() { "sends" } else { "refuses" })
        .collect();
    let _ = writeln!(
        doc,
        "| close-codes: `CloseFrame::new` | {} |",
        expected.join(" | ")
    );
    for run in runs {
        let cells: Vec<String> = run
            .reasons
            .iter()
            .zip(&run.measured.reasons)
            .map(|(judgement, sent)| match (judgement, sent) {
                (CodeJudgement::Agrees, _) => "✓".to_owned(),
                (_, Sent::Refused(name)) => format!("refuses (`{name}`)"),
                (CodeJudgement::SendsRefused, Sent::Accepted(Some(Reply::Close(body)))) => {
                    format!("sends ({} B body)", body.len())
                }
                (_, Sent::Accepted(reply)) => {
                    format!("accepts, server saw {}", show_reply(reply.as_ref()))
                }
            })
            .collect();
        let _ = writeln!(doc, "| {} | {} |", run.peer.title(), cells.join(" | "));
    }
    doc.push('\n');
}

fn receive_side(doc: &mut String, runs: &[PeerRun], cases: &[Case]) {
    doc.push_str(
        "## Receive side\n\n\
         The server writes each body as a Close frame right after the handshake (a 126-byte body \
         with the 16-bit length form, as no control frame may have) and reads what the peer sends \
         back. close-codes' column is `CloseFrame::parse`: a valid body is reported with its code \
         and reason (an empty one as 1005, `CloseCode::received`) and the code is echoed; a \
         refused body fails the connection with `CloseFrameError::reply_code()`. A peer's cell is \
         ✓ when it agrees on both counts, what the application is told and the reply. Otherwise it \
         shows what the peer did: the code and reason its application got, or **fails** when the \
         application was told the connection failed (an error event, an unclean close, an \
         exception), with the code it reported; then `↩` and the reply the server read (`empty`: \
         a Close with no body; `none`: the TCP connection closed with no Close frame). A peer \
         that refuses a body by handing its application a code of its own (tokio-tungstenite \
         reports 1002 \"Protocol violation\") agrees with close-codes on what the application is \
         told: it is not told the body's code.\n\n",
    );
    let titles: Vec<&str> = runs.iter().map(|run| run.peer.title()).collect();
    let _ = writeln!(doc, "| Body | close-codes | {} |", titles.join(" | "));
    let _ = writeln!(doc, "|---|---|{}", "---|".repeat(runs.len()));
    for (index, case) in cases.iter().enumerate() {
        let cells: Vec<String> = runs
            .iter()
            .map(|run| {
                if run.cases[index] {
                    "✓".to_owned()
                } else {
                    show_received(&run.measured.received[index])
                }
            })
            .collect();
        let _ = writeln!(
            doc,
            "| {} | {} | {} |",
            case.label,
            show_verdict(&case.verdict()),
            cells.join(" | ")
        );
    }
    let totals: Vec<String> = runs
        .iter()
        .map(|run| format!("**{} / {}**", run.cases_agreeing(), cases.len()))
        .collect();
    let _ = writeln!(doc, "| **agree** | | {} |", totals.join(" | "));
    doc.push('\n');
}

/// How a receive case differs, for the per-peer lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Accepts,
    Refuses,
    Reply,
}

fn kind(case: &Case, received: &Received) -> Option<Kind> {
    let verdict = case.verdict();
    if !app_agrees(&verdict, &received.seen) {
        return Some(match verdict {
            Verdict::Refuse { .. } => Kind::Accepts,
            Verdict::Accept { .. } => Kind::Refuses,
        });
    }
    (!reply_agrees(&verdict, received.reply.as_ref())).then_some(Kind::Reply)
}

fn differences(doc: &mut String, runs: &[PeerRun], cases: &[Case]) {
    doc.push_str("## Where each peer differs\n\n");
    let groups = [
        (
            Kind::Accepts,
            "Takes bodies close-codes refuses: the application is told a close code, not a failure",
        ),
        (Kind::Refuses, "Refuses or alters bodies close-codes takes"),
        (
            Kind::Reply,
            "Agrees on what the application is told, but replies differently",
        ),
    ];
    for run in runs {
        let _ = writeln!(doc, "### {}\n", run.peer.title());
        let send = send_differences(run);
        if send == "—" && run.reasons_agreeing() == run.reasons.len() {
            let _ = writeln!(
                doc,
                "- Send side: agrees on all {} codes and every reason probe.",
                thousands(CODES)
            );
        } else {
            let _ = writeln!(
                doc,
                "- Send side: {send}; reason probes agreeing: {} of {}.",
                run.reasons_agreeing(),
                run.reasons.len()
            );
        }
        let differing: Vec<(usize, Kind)> = cases
            .iter()
            .zip(&run.measured.received)
            .enumerate()
            .filter_map(|(index, (case, received))| kind(case, received).map(|kind| (index, kind)))
            .collect();
        if differing.is_empty() {
            let _ = writeln!(doc, "- Receive side: agrees on all {} cases.", cases.len());
        }
        for (which, title) in groups {
            let lines: Vec<String> = differing
                .iter()
                .filter(|(_, kind)| *kind == which)
                .map(|&(index, _)| {
                    format!(
                        "`{}`: {} (close-codes: {})",
                        cases[index].label.replace('`', ""),
                        show_received(&run.measured.received[index]),
                        show_verdict(&cases[index].verdict()),
                    )
                })
                .collect();
            if !lines.is_empty() {
                let _ = writeln!(doc, "- {title}:\n  - {}", lines.join("\n  - "));
            }
        }
        doc.push('\n');
    }
    doc.pop();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ranges() {
        assert_eq!(thousands(65_536), "65,536");
        assert_eq!(thousands(123), "123");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(
            ranges([1000, 3000, 3001, 3002, 4999]),
            "1000, 3000-3002, 4999"
        );
        assert_eq!(ranges([]), "none");
        assert_eq!(ranges(0..=u16::MAX), "0-65535");
    }

    #[test]
    fn cells() {
        assert_eq!(show_body(&[3, 232]), "1000");
        assert_eq!(show_body(&[]), "empty");
        assert_eq!(show_body(&[3, 232].repeat(63)), "1000, 126 B");
        assert_eq!(show_reason("bye"), "\"bye\"");
        assert_eq!(show_reason(&"a".repeat(123)), "(123 B reason)");
        assert_eq!(show_reason("a|b"), "\"a\\|b\"");
        let verdict = Verdict::Refuse {
            reply: 1007,
            code: Some(1000),
        };
        assert_eq!(show_verdict(&verdict), "fails · ↩ 1007");
    }
}
