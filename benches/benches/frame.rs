//! Budget 4, close frames: parsing and building the body of a Close frame for an empty body or
//! reason, a short reason ("bye") and a 123-byte reason (the most that fits), side by side with
//! tungstenite 0.30.
//!
//! tungstenite's own body parser (`Frame::into_close`) is `pub(crate)`, so its parse side is
//! measured two ways, both named for what they do:
//! - `tungstenite steps`: the steps of `into_close` plus the two checks tungstenite's reader
//!   makes around it (payload over 125 bytes, `CloseCode::is_allowed`), written here with its
//!   public types (`Bytes::slice`, `Utf8Bytes::try_from`, `CloseCode::from`): the same work as
//!   `CloseFrame::parse`, with tungstenite's types;
//! - `tungstenite WebSocket::read`: the only public route to that parser, a whole unmasked
//!   Close frame read from an in-memory stream by a client-role `WebSocket`: frame header,
//!   buffering, the body parse, and the reply frame it queues. The socket is made untimed.
//!
//! Building: `CloseFrame::new` + `encode` into a `[u8; 125]` on the stack, against
//! tungstenite's public `Frame::close(Some(CloseFrame))`, which allocates the body on the heap,
//! and `Frame::close` + `Frame::format` into a reused `Vec`, which also writes the 2-byte frame
//! header (the bytes tungstenite puts on the wire).

use std::hint::black_box;
use std::io::Cursor;

use close_codes::{CloseCode, CloseFrame};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use tungstenite::protocol::frame::coding::CloseCode as WsCode;
use tungstenite::protocol::frame::{Frame, Utf8Bytes};
use tungstenite::protocol::{CloseFrame as WsFrame, Role, WebSocket, WebSocketConfig};
use tungstenite::{Bytes, Message};

/// The longest reason a Close frame can carry: 123 ASCII bytes.
const LONG_REASON: &str = "The server is restarting for maintenance; please reconnect in a \
                           minute or two. Unsent messages are kept for you for 1 hour.";

/// `(case name, close code, reason)`; `None` for a body with no code at all.
fn cases() -> [(&'static str, Option<(u16, &'static str)>); 4] {
    [
        ("empty body", None),
        ("empty reason", Some((1000, ""))),
        ("short reason", Some((1000, "bye"))),
        ("123-byte reason", Some((1000, LONG_REASON))),
    ]
}

fn body(case: Option<(u16, &str)>) -> Vec<u8> {
    case.map_or_else(Vec::new, |(code, reason)| {
        let mut body = code.to_be_bytes().to_vec();
        body.extend_from_slice(reason.as_bytes());
        body
    })
}

/// Why the steps below refused a body; only told apart so the work cannot be skipped.
#[derive(Debug)]
enum WsRefusal {
    TooLong,
    OneByte,
    NotUtf8,
}

/// What tungstenite does to a Close frame body on receipt, with its public types: the length
/// check of its reader, `Frame::into_close` (`pub(crate)`), and `do_close`'s `is_allowed` test,
/// which swaps a refused code for 1002.
fn tungstenite_steps(payload: &Bytes) -> Result<Option<WsFrame>, WsRefusal> {
    if payload.len() > 125 {
        return Err(WsRefusal::TooLong);
    }
    let (code, reason) = match payload.as_ref() {
        [] => return Ok(None),
        [_] => return Err(WsRefusal::OneByte),
        [high, low, ..] => (
            WsCode::from(u16::from_be_bytes([*high, *low])),
            Utf8Bytes::try_from(payload.slice(2..)).map_err(|_| WsRefusal::NotUtf8)?,
        ),
    };
    Ok(Some(if code.is_allowed() {
        WsFrame { code, reason }
    } else {
        WsFrame {
            code: WsCode::Protocol,
            reason: Utf8Bytes::from_static("Protocol violation"),
        }
    }))
}

/// A client-role socket whose stream holds one unmasked Close frame with `body`.
fn socket_with_close_frame(body: &[u8]) -> WebSocket<Cursor<Vec<u8>>> {
    let mut wire = vec![
        0x88,
        u8::try_from(body.len()).expect("a control frame body"),
    ];
    wire.extend_from_slice(body);
    // A small read buffer: the default 128 KiB would make the untimed setup the bottleneck.
    let config = WebSocketConfig::default().read_buffer_size(256);
    WebSocket::from_raw_socket(Cursor::new(wire), Role::Client, Some(config))
}

fn parse(c: &mut Criterion) {
    assert_eq!(LONG_REASON.len(), close_codes::MAX_REASON_LEN);
    for (name, case) in cases() {
        let body = body(case);
        let shared = Bytes::from(body.clone());
        // Make `shared` the reference-counted kind a socket's read buffer hands out.
        drop(black_box(shared.clone()));
        // Every contender must accept the body; a refusal would be measuring the wrong path.
        assert_eq!(
            CloseFrame::<CloseCode>::parse(&body)
                .expect("valid body")
                .map(|frame| (frame.code.as_u16(), frame.reason)),
            case
        );
        assert!(tungstenite_steps(&shared).is_ok());
        assert!(matches!(
            socket_with_close_frame(&body).read(),
            Ok(Message::Close(_))
        ));

        let mut group = c.benchmark_group(format!("close frame parse/{name}"));
        group.bench_function("close-codes", |b| {
            b.iter(|| CloseFrame::<CloseCode>::parse(black_box(&body)));
        });
        group.bench_function("tungstenite steps", |b| {
            b.iter(|| tungstenite_steps(black_box(&shared)));
        });
        group.bench_function("tungstenite WebSocket::read", |b| {
            b.iter_batched(
                || socket_with_close_frame(&body),
                // The socket is returned so that dropping it stays out of the timing.
                |mut socket| {
                    let message = socket.read();
                    (socket, message)
                },
                BatchSize::SmallInput,
            );
        });
        group.finish();
    }
}

fn build(c: &mut Criterion) {
    // Building needs a code: the empty body has nothing to build.
    for (name, (code, reason)) in cases()
        .into_iter()
        .filter_map(|(name, case)| Some((name, case?)))
    {
        let ours = CloseCode::from_u16(code).expect("a code of the bundled table");
        // Both sides must write the same body.
        let mut buf = [0; close_codes::MAX_PAYLOAD_LEN];
        let theirs = Frame::close(Some(WsFrame {
            code: WsCode::from(code),
            reason: Utf8Bytes::from_static(reason),
        }));
        assert_eq!(
            CloseFrame::new(ours, reason)
                .and_then(|frame| frame.encode(&mut buf))
                .expect("a sendable frame"),
            theirs.payload()
        );

        let mut group = c.benchmark_group(format!("close frame build/{name}"));
        group.bench_function("close-codes", |b| {
            b.iter(|| {
                let body = CloseFrame::new(black_box(ours), black_box(reason))
                    .and_then(|frame| frame.encode(&mut buf))
                    .map(<[u8]>::len);
                // The length depends on the writes only through `buf`: keep those observable.
                black_box(&buf);
                body
            });
        });
        group.bench_function("tungstenite Frame::close", |b| {
            b.iter(|| {
                Frame::close(Some(WsFrame {
                    code: WsCode::from(black_box(code)),
                    reason: Utf8Bytes::from_static(black_box(reason)),
                }))
            });
        });
        let mut wire = Vec::with_capacity(2 + close_codes::MAX_PAYLOAD_LEN);
        group.bench_function("tungstenite Frame::close + format", |b| {
            b.iter(|| {
                wire.clear();
                let frame = Frame::close(Some(WsFrame {
                    code: WsCode::from(black_box(code)),
                    reason: Utf8Bytes::from_static(black_box(reason)),
                }));
                let written = frame.format(&mut wire).map(|()| wire.len());
                black_box(&wire);
                written
            });
        });
        group.finish();
    }
}

criterion_group!(benches, parse, build);
criterion_main!(benches);
