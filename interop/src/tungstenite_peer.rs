//! The tokio-tungstenite peer, in this process: the same plan as `interop/node/peer.mjs`, over
//! real TCP connections to the server, through tokio-tungstenite's client
//! (`client_async`, `WebSocketStream::close`, `StreamExt::next`). It returns the same JSON
//! report the other peers post.

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::protocol::CloseFrame as WsFrame;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::{WebSocketStream, client_async};

/// The peer's name in URLs, reports and the docs.
pub(crate) const PEER: &str = "tokio-tungstenite";

/// Every wait is bounded: a peer that never answers fails the run instead of hanging it.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Send-sweep connections in flight at once.
const WORKERS: usize = 8;

type Socket = WebSocketStream<TcpStream>;
type Error = Box<dyn std::error::Error + Send + Sync>;

async fn opened(addr: &str, path: &str) -> Result<Socket, Error> {
    let connect = async {
        let tcp = TcpStream::connect(addr).await?;
        let (ws, _) = client_async(format!("ws://{addr}{path}"), tcp).await?;
        Ok::<_, Error>(ws)
    };
    timeout(TIMEOUT, connect)
        .await
        .map_err(|_| Error::from(format!("{path}: no handshake")))?
}

/// Reads until the stream ends, so tungstenite sends what it owes (its Close reply) and sees
/// the server's end of the connection. Bounded by [`TIMEOUT`].
async fn drain(ws: &mut Socket) {
    let _ = timeout(TIMEOUT, async {
        while let Some(Ok(_)) = ws.next().await {}
    })
    .await;
}

/// Error names by first appearance; the i-th is reported as -(i + 1).
#[derive(Default)]
struct Errors {
    names: Vec<String>,
    samples: Vec<String>,
}

impl Errors {
    fn code(&mut self, error: &WsError) -> i64 {
        let debug = format!("{error:?}");
        let name = debug.split(['(', ' ', '{']).next().unwrap_or_default();
        self.code_of(name, &error.to_string())
    }

    fn code_of(&mut self, name: &str, sample: &str) -> i64 {
        let index = self.names.iter().position(|known| known == name);
        let index = index.unwrap_or_else(|| {
            self.names.push(name.to_owned());
            self.samples.push(sample.to_owned());
            self.names.len() - 1
        });
        -i64::try_from(index + 1).unwrap_or(i64::MAX)
    }
}

/// The send sweep: each attempt is a `close(Some(frame))` on an open connection; an error
/// keeps the connection (unless the error ended it), success gets a new one. Connections are
/// numbered from `first`.
async fn sweep(
    addr: &str,
    attempts: &[(u16, String)],
    first: u32,
    errors: &mut Errors,
) -> Result<(Vec<i64>, u64), Error> {
    let path = |conn: u32| format!("/ws/send/{PEER}/{conn}");
    let mut results = Vec::with_capacity(attempts.len());
    let (mut conn, mut refusals_that_closed) = (first, 0);
    let mut ws = opened(addr, &path(conn)).await?;
    for (code, reason) in attempts {
        let frame = WsFrame {
            code: (*code).into(),
            reason: reason.as_str().into(),
        };
        if let Err(error) = timeout(TIMEOUT, ws.close(Some(frame))).await? {
            results.push(errors.code(&error));
            if matches!(error, WsError::ConnectionClosed | WsError::AlreadyClosed) {
                refusals_that_closed += 1;
                conn += 1;
                ws = opened(addr, &path(conn)).await?;
            }
            continue;
        }
        results.push(i64::from(conn));
        drain(&mut ws).await;
        conn += 1;
        ws = opened(addr, &path(conn)).await?;
    }
    // The last connection is closed with no code: not an attempt, and the server ignores it.
    ws.close(None).await?;
    drain(&mut ws).await;
    Ok((results, refusals_that_closed))
}

/// The sweep in [`WORKERS`] slices at once: tungstenite refuses no code, so each of the
/// 65,536 takes a connection of its own, and one at a time they take most of a minute.
/// Slice `w` numbers its connections from `w × 2^17`, so no two share a number.
async fn sweeps(
    addr: &str,
    attempts: &[(u16, String)],
    errors: &mut Errors,
) -> Result<(Vec<i64>, u64), Error> {
    let slices: Vec<&[(u16, String)]> = attempts.chunks(attempts.len().div_ceil(WORKERS)).collect();
    let mut tasks = Vec::new();
    for (worker, slice) in (0u32..).zip(slices) {
        let (addr, slice) = (addr.to_owned(), slice.to_vec());
        tasks.push(tokio::spawn(async move {
            let mut errors = Errors::default();
            let sent = sweep(&addr, &slice, worker << 17, &mut errors).await;
            (sent, errors)
        }));
    }
    let mut results = Vec::with_capacity(attempts.len());
    let mut refusals_that_closed = 0;
    for task in tasks {
        let (sent, worker_errors) = task.await?;
        let (worker_results, closed) = sent?;
        refusals_that_closed += closed;
        // Renumber the slice's error codes into the report's one list of names.
        for result in worker_results {
            results.push(match usize::try_from(-result - 1) {
                Ok(index) => {
                    errors.code_of(&worker_errors.names[index], &worker_errors.samples[index])
                }
                Err(_) => result,
            });
        }
    }
    Ok((results, refusals_that_closed))
}

/// What the application is told about one receive case.
async fn received(addr: &str, case: usize) -> Value {
    let mut ws = match opened(addr, &format!("/ws/recv/{PEER}/{case}")).await {
        Ok(ws) => ws,
        Err(error) => return json!({ "failed": true, "detail": error.to_string() }),
    };
    let seen = timeout(TIMEOUT, async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Close(Some(frame)))) => {
                    let detail = format!("Close(Some({frame:?}))");
                    let reason = frame.reason.as_str();
                    let code = u16::from(frame.code);
                    break json!({ "code": code, "reason": reason, "failed": false, "detail": detail });
                }
                // tungstenite's way of saying "no status": reported as 1005, as
                // `CloseCode::received(None)` does.
                Some(Ok(Message::Close(None))) => {
                    break json!({ "code": 1005, "reason": "", "failed": false, "detail": "Close(None)" });
                }
                Some(Ok(_)) => {}
                Some(Err(error)) => break json!({ "failed": true, "detail": error.to_string() }),
                None => break json!({ "failed": true, "detail": "ended with no Close message" }),
            }
        }
    })
    .await
    .unwrap_or_else(|_| json!({ "timeout": true, "failed": true, "detail": "no close" }));
    drain(&mut ws).await;
    seen
}

/// Runs the plan against the server at `addr` (`127.0.0.1:PORT`) and returns the report.
pub(crate) async fn measure(
    addr: &str,
    reasons: &[(u16, String)],
    cases: usize,
    version: &str,
) -> Value {
    let mut errors = Errors::default();
    let mut attempts: Vec<(u16, String)> =
        (0..=u16::MAX).map(|code| (code, String::new())).collect();
    attempts.extend_from_slice(reasons);
    let (results, refusals_that_closed) = match sweeps(addr, &attempts, &mut errors).await {
        Ok(sent) => sent,
        Err(error) => return json!({ "fatal": error.to_string() }),
    };
    let mut recv = Vec::with_capacity(cases);
    for case in 0..cases {
        recv.push(received(addr, case).await);
    }
    json!({
        "attempts": results,
        "errors": errors.names,
        "errorSamples": errors.samples,
        "refusalsThatClosed": refusals_that_closed,
        "closedSweep": null,
        "recv": recv,
        "version": version,
    })
}
