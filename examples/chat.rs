//! A real WebSocket server and client on loopback: `cargo run --example chat`.
//!
//! The server (tokio-tungstenite on 127.0.0.1, a free port) runs a toy chat room and ends
//! sessions with typed codes from the example's own table, `examples/app-codes.md`. The client
//! plays a few scripted sessions, receives each Close frame and prints the typed code, its name
//! and its description. Everything stops by itself after the scripted sessions.
//!
//! `cargo run --example chat -- --serve 127.0.0.1:9001` runs the server alone, for a client
//! written in another language: `examples/chat-client` plays the same sessions in TypeScript,
//! with the module `close-codes generate --lang ts` writes from the same table.

use std::time::Duration;

use close_codes::CloseFrame;
use futures_util::{SinkExt, StreamExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame as WsFrame;

close_codes::close_codes! {
    /// How the chat server ends a session.
    enum AppCode from "examples/app-codes.md"
}

/// What each client session sends, in order, before the server closes it. `pub(crate)`, like
/// `serve`: tests/typescript.rs runs this server against the TypeScript client.
pub(crate) const SESSIONS: &[&[&str]] = &[
    &["hello", "/quit"],
    &["hello", "/ban 7"],
    &["this line is far longer than the sixty-four bytes the room allows per line"],
    &["/kick"],
];

pub(crate) type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), Error> {
    let serve_at = std::env::args().skip_while(|arg| arg != "--serve").nth(1);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // Bounded: a stuck run ends with an error rather than hanging. A server alone waits for a
    // client started by hand, so it gets longer.
    let limit = Duration::from_secs(if serve_at.is_some() { 120 } else { 10 });
    runtime.block_on(async {
        let work = async {
            match serve_at {
                Some(address) => serve_alone(&address).await,
                None => run().await,
            }
        };
        tokio::time::timeout(limit, work).await.map_err(|_| {
            Error::from(format!(
                "the example took longer than {} s",
                limit.as_secs()
            ))
        })?
    })
}

/// The server alone on `address`, for the scripted sessions of a client of another language.
async fn serve_alone(address: &str) -> Result<(), Error> {
    let listener = TcpListener::bind(address).await?;
    println!(
        "server listening on ws://{}/ for {} sessions (table: {})",
        listener.local_addr()?,
        SESSIONS.len(),
        AppCode::SOURCE
    );
    serve(listener, SESSIONS.len()).await
}

async fn run() -> Result<(), Error> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    println!(
        "server listening on ws://{address}/ (table: {})",
        AppCode::SOURCE
    );
    let server = tokio::spawn(serve(listener, SESSIONS.len()));

    for (number, lines) in SESSIONS.iter().enumerate() {
        let tcp = TcpStream::connect(address).await?;
        let (mut ws, _) = tokio_tungstenite::client_async(format!("ws://{address}/"), tcp).await?;
        for line in *lines {
            println!("client {number}: sends {line:?}");
            ws.send(Message::text(*line)).await?;
        }
        while let Some(message) = ws.next().await {
            match message? {
                Message::Close(frame) => {
                    print_close(number, frame.as_ref());
                    break;
                }
                Message::Text(text) => println!("client {number}: server says {:?}", text.as_str()),
                _ => {}
            }
        }
    }
    server.await?
}

/// The client's side: tungstenite's Close frame, checked against the application's table.
fn print_close(number: usize, frame: Option<&WsFrame>) {
    match CloseFrame::<AppCode>::from_tungstenite(frame) {
        Ok(Some(CloseFrame { code, reason })) => println!(
            "client {number}: closed with {code:?} = {}, {:?}: {} (reason {reason:?})",
            code.as_u16(),
            code.name().unwrap_or("unnamed"),
            code.description(),
        ),
        Ok(None) => println!("client {number}: closed without a code"),
        Err(error) => println!(
            "client {number}: bad Close frame ({error}); would reply {}",
            error.reply_code()
        ),
    }
}

/// Accepts `sessions` connections, one after the other, then stops.
pub(crate) async fn serve(listener: TcpListener, sessions: usize) -> Result<(), Error> {
    for _ in 0..sessions {
        let (tcp, _) = listener.accept().await?;
        let mut ws = tokio_tungstenite::accept_async(tcp).await?;
        let (code, reason) = loop {
            let Some(message) = ws.next().await else {
                return Err("the client left before the server closed".into());
            };
            match message? {
                Message::Text(line) => {
                    if let Some(verdict) = judge(&line) {
                        break verdict;
                    }
                    let greeting = format!("welcome, you said {line}");
                    ws.send(Message::text(greeting)).await?;
                }
                Message::Binary(_) => break (AppCode::BinaryNotAllowed, "text only".to_owned()),
                _ => {}
            }
        };
        // Checked on the way out: a reason over 123 bytes is cut at a character boundary.
        let frame = CloseFrame::truncated(code, &reason)?;
        ws.close(Some(WsFrame::try_from(frame)?)).await?;
        // Read until the client's echo of the Close, which ends the closing handshake.
        while let Some(Ok(_)) = ws.next().await {}
    }
    Ok(())
}

/// The room's rules: `Some` when a line ends the session, with the code and a reason.
fn judge(line: &str) -> Option<(AppCode, String)> {
    if line.len() > 64 {
        return Some((AppCode::MessageTooLong, format!("{} bytes", line.len())));
    }
    if line == "/quit" {
        return Some((AppCode::Goodbye, "see you".to_owned()));
    }
    if line == "/kick" {
        return Some((AppCode::Kicked, "by the moderator".to_owned()));
    }
    let days: u16 = line.strip_prefix("/ban ")?.parse().ok()?;
    // The table's Banned row spans 4100-4199: the checked constructor refuses anything else.
    let code = AppCode::sendable_from_u16(4100 + days.min(99)).ok()?;
    Some((code, format!("banned for {days} days")))
}
