//! The project's own loopback server. It serves the browser page and the plan, takes each
//! peer's report, and speaks WebSocket by hand, so it records the exact bytes a peer sends and
//! writes Close frames no library would write.
//!
//! Routes (one request per connection):
//! - `GET /page.html`, `GET /peer.mjs`: the browser peer (`interop/node/`).
//! - `GET /plan.json`: what every peer measures ([`crate::corpus::plan_json`]).
//! - `POST /report/PEER`: a peer's report, JSON.
//! - `GET /ws/send/PEER/N` (upgrade): connection `N` of the peer's send sweep; the server records
//!   the Close frame that arrives on it, then completes the closing handshake.
//! - `GET /ws/recv/PEER/I` (upgrade): receive case `I`; the server writes that case's Close
//!   frame and records what the peer sends back.

use std::collections::HashMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;

use crate::wire::{self, CLOSE};

/// How long one send-sweep connection may stay open: a peer makes every refused attempt on
/// it before the accepted one, tens of thousands of calls in the slowest peer.
const SEND_CONNECTION: Duration = Duration::from_secs(120);
/// How long a peer has to answer a Close frame; they answer in milliseconds.
const REPLY: Duration = Duration::from_secs(10);
/// How long the server lets a peer close its side after the server closed its own.
const DRAIN: Duration = Duration::from_secs(2);
/// The most a request head or a report may take.
const MAX_HEAD: usize = 64 << 10;
const MAX_REPORT: usize = 16 << 20;

/// The browser page and the peer module it loads: the same module runs in Node for undici and
/// ws (`interop/node/node.mjs`).
const PAGE: &str = include_str!("../node/page.html");
const PEER_MODULE: &str = include_str!("../node/peer.mjs");

/// What the server read from a peer after the handshake (or after its own Close frame).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reply {
    /// A Close frame with this body.
    Close(Vec<u8>),
    /// The connection ended, cleanly or by a reset, without a Close frame.
    NoClose,
    /// Nothing came within the time limit.
    Timeout,
}

/// What the server recorded, keyed by peer name.
#[derive(Default)]
struct Store {
    sent: HashMap<(String, u32), Reply>,
    replies: HashMap<(String, usize), Reply>,
    reports: HashMap<String, Vec<u8>>,
}

struct Shared {
    cases: Vec<Vec<u8>>,
    plan: String,
    store: Mutex<Store>,
    /// WebSocket connections not yet recorded.
    open: AtomicUsize,
}

/// Counts a connection as open until dropped.
struct Open<'a>(&'a AtomicUsize);

impl Drop for Open<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Shared {
    fn open(&self) -> Open<'_> {
        self.open.fetch_add(1, Ordering::SeqCst);
        Open(&self.open)
    }

    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        // A panicking connection task cannot leave a map half-written: every write is one insert.
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running server on 127.0.0.1; it stops when the runtime does.
pub(crate) struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl Server {
    /// Binds a free port on 127.0.0.1 and serves `cases` (the receive corpus, by index) and
    /// `plan` (the JSON at `/plan.json`).
    pub(crate) async fn start(cases: Vec<Vec<u8>>, plan: String) -> io::Result<Server> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            cases,
            plan,
            store: Mutex::default(),
            open: AtomicUsize::new(0),
        });
        tokio::spawn(accept_loop(listener, Arc::clone(&shared)));
        Ok(Server { addr, shared })
    }

    /// `http://127.0.0.1:PORT`.
    pub(crate) fn http_base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `ws://127.0.0.1:PORT`.
    pub(crate) fn ws_base(&self) -> String {
        format!("ws://{}", self.addr)
    }

    /// How many WebSocket connections are still being served. A peer can see its last
    /// connection end a moment before the server is done with it, so the run waits for this
    /// to reach zero before it reads the records.
    pub(crate) fn open_connections(&self) -> usize {
        self.shared.open.load(Ordering::SeqCst)
    }

    /// The report `peer` posted, if it did.
    pub(crate) fn report(&self, peer: &str) -> Option<Vec<u8>> {
        self.shared.store().reports.get(peer).cloned()
    }

    /// Stores a report made in this process (the tokio-tungstenite peer).
    pub(crate) fn put_report(&self, peer: &str, report: Vec<u8>) {
        self.shared.store().reports.insert(peer.to_owned(), report);
    }

    /// What arrived on connection `conn` of `peer`'s send sweep.
    pub(crate) fn sent(&self, peer: &str, conn: u32) -> Option<Reply> {
        self.shared
            .store()
            .sent
            .get(&(peer.to_owned(), conn))
            .cloned()
    }

    /// What `peer` answered to receive case `case`.
    pub(crate) fn reply(&self, peer: &str, case: usize) -> Option<Reply> {
        self.shared
            .store()
            .replies
            .get(&(peer.to_owned(), case))
            .cloned()
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        // An accept error (out of descriptors, say) is not worth ending the run over: the
        // peer whose connection failed reports it, and the comparison shows it.
        let Ok((tcp, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let _ = timeout(SEND_CONNECTION + REPLY, serve(tcp, &shared)).await;
        });
    }
}

/// A parsed request head, plus whatever bytes came after it in the same reads.
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    rest: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

async fn read_request(tcp: &mut TcpStream) -> io::Result<Request> {
    let mut buf = Vec::new();
    let end = loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        if buf.len() > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "head too long"));
        }
        let mut chunk = [0u8; 4096];
        match tcp.read(&mut chunk).await? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let path = first.next().unwrap_or_default().to_owned();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect();
    Ok(Request {
        method,
        path,
        headers,
        rest: buf[end + 4..].to_vec(),
    })
}

async fn serve(mut tcp: TcpStream, shared: &Shared) -> io::Result<()> {
    let request = read_request(&mut tcp).await?;
    let path = request
        .path
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    match (request.method.as_str(), parts.as_slice()) {
        ("GET", ["page.html"]) => respond(&mut tcp, "200 OK", "text/html", PAGE.as_bytes()).await,
        ("GET", ["peer.mjs"]) => {
            respond(
                &mut tcp,
                "200 OK",
                "text/javascript",
                PEER_MODULE.as_bytes(),
            )
            .await
        }
        ("GET", ["plan.json"]) => {
            respond(
                &mut tcp,
                "200 OK",
                "application/json",
                shared.plan.as_bytes(),
            )
            .await
        }
        ("POST", ["report", peer]) => {
            let body = read_body(&mut tcp, &request).await?;
            shared.store().reports.insert((*peer).to_owned(), body);
            respond(&mut tcp, "204 No Content", "text/plain", b"").await
        }
        ("GET", ["ws", "send", peer, conn]) => {
            let conn: u32 = conn.parse().map_err(|_| bad("connection number"))?;
            upgrade(&mut tcp, &request).await?;
            let _open = shared.open();
            let sent = timeout(SEND_CONNECTION, next_close(&mut tcp))
                .await
                .unwrap_or(Reply::Timeout);
            let closed = matches!(sent, Reply::Close(_));
            // Recorded before the server answers, so the record exists by the time the peer
            // can see the connection end and report.
            shared.store().sent.insert(((*peer).to_owned(), conn), sent);
            if closed {
                // Any valid answer completes the handshake; the peer's side of it is not what
                // is measured here.
                let _ = tcp.write_all(&wire::server_frame(CLOSE, &[])).await;
            }
            finish(&mut tcp).await;
            Ok(())
        }
        ("GET", ["ws", "recv", peer, case]) => {
            let case: usize = case.parse().map_err(|_| bad("case number"))?;
            let body = shared.cases.get(case).ok_or_else(|| bad("case number"))?;
            upgrade(&mut tcp, &request).await?;
            let _open = shared.open();
            let reply = match tcp.write_all(&wire::server_frame(CLOSE, body)).await {
                Ok(()) => timeout(REPLY, next_close(&mut tcp))
                    .await
                    .unwrap_or(Reply::Timeout),
                Err(_) => Reply::NoClose,
            };
            shared
                .store()
                .replies
                .insert(((*peer).to_owned(), case), reply);
            finish(&mut tcp).await;
            Ok(())
        }
        _ => respond(&mut tcp, "404 Not Found", "text/plain", b"not found").await,
    }
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, format!("bad {what}"))
}

async fn respond(tcp: &mut TcpStream, status: &str, kind: &str, body: &[u8]) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    tcp.write_all(head.as_bytes()).await?;
    tcp.write_all(body).await?;
    tcp.shutdown().await
}

async fn read_body(tcp: &mut TcpStream, request: &Request) -> io::Result<Vec<u8>> {
    let len: usize = request
        .header("content-length")
        .and_then(|len| len.parse().ok())
        .filter(|len| *len <= MAX_REPORT)
        .ok_or_else(|| bad("content length"))?;
    let mut body = request.rest.clone();
    body.resize(len.max(body.len()), 0);
    let start = request.rest.len().min(len);
    tcp.read_exact(&mut body[start..len]).await?;
    body.truncate(len);
    Ok(body)
}

/// Answers the opening handshake (RFC 6455 §4.2.2) with no extension and no subprotocol, so
/// every frame afterwards is plain.
async fn upgrade(tcp: &mut TcpStream, request: &Request) -> io::Result<()> {
    let key = request
        .header("sec-websocket-key")
        .ok_or_else(|| bad("handshake: no Sec-WebSocket-Key"))?;
    let accept = derive_accept_key(key.as_bytes());
    let head = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Accept: {accept}\r\n\r\n"
    );
    tcp.write_all(head.as_bytes()).await
}

/// The first Close frame the peer sends, skipping any other frame.
async fn next_close(tcp: &mut TcpStream) -> Reply {
    loop {
        match wire::read_frame(tcp).await {
            Ok(Some(frame)) if frame.opcode == CLOSE => return Reply::Close(frame.payload),
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => return Reply::NoClose,
        }
    }
}

/// Closes the server's side, then waits (bounded) for the peer to close its own, so a peer
/// that judges a close clean by the TCP teardown (the browsers' `wasClean`) sees an orderly one.
async fn finish(tcp: &mut TcpStream) {
    let _ = tcp.shutdown().await;
    let _ = timeout(DRAIN, async {
        let mut sink = [0u8; 1024];
        while matches!(tcp.read(&mut sink).await, Ok(n) if n > 0) {}
    })
    .await;
}

#[cfg(test)]
mod tests {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::client_async;
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::tungstenite::protocol::CloseFrame as WsFrame;

    use super::*;

    async fn client(server: &Server, path: &str) -> tokio_tungstenite::WebSocketStream<TcpStream> {
        let tcp = TcpStream::connect(server.addr).await.expect("connect");
        let url = format!("{}{path}", server.ws_base());
        client_async(url, tcp).await.expect("handshake").0
    }

    async fn http(server: &Server, request: &str) -> String {
        let mut tcp = TcpStream::connect(server.addr).await.expect("connect");
        tcp.write_all(request.as_bytes()).await.expect("write");
        let mut response = String::new();
        tcp.read_to_string(&mut response).await.expect("read");
        response
    }

    /// Every route once, against a real client: what the server records is what was sent.
    #[test]
    fn records_what_peers_send() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let server = Server::start(vec![vec![3, 232, b'h', b'i']], "{\"cases\":1}".into())
                .await
                .expect("a server");
            assert!(
                http(&server, "GET /plan.json HTTP/1.1\r\n\r\n")
                    .await
                    .ends_with("{\"cases\":1}")
            );
            assert!(
                http(&server, "GET /nothing HTTP/1.1\r\n\r\n")
                    .await
                    .starts_with("HTTP/1.1 404")
            );
            let post = "POST /report/p HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
            assert!(http(&server, post).await.starts_with("HTTP/1.1 204"));
            assert_eq!(server.report("p"), Some(b"{}".to_vec()));

            // Receive case 0: the client is handed the frame and echoes it.
            let mut ws = client(&server, "/ws/recv/p/0").await;
            let Some(Ok(Message::Close(Some(frame)))) = ws.next().await else {
                panic!("no close frame");
            };
            assert_eq!((u16::from(frame.code), frame.reason.as_str()), (1000, "hi"));
            while ws.next().await.is_some() {}
            drop(ws);
            assert_eq!(
                server.reply("p", 0),
                Some(Reply::Close(vec![3, 232, b'h', b'i']))
            );

            // Send connection 7: the frame the client sends is recorded as it arrived.
            let mut ws = client(&server, "/ws/send/p/7").await;
            ws.send(Message::Text("ignored".into()))
                .await
                .expect("send");
            let frame = WsFrame {
                code: 4000.into(),
                reason: "x".into(),
            };
            ws.close(Some(frame)).await.expect("close");
            while ws.next().await.is_some() {}
            assert_eq!(
                server.sent("p", 7),
                Some(Reply::Close(vec![0x0f, 0xa0, b'x']))
            );
            assert_eq!(server.sent("p", 8), None);
            drop(ws);
            // Once the clients are gone, the server is done with their connections.
            let start = std::time::Instant::now();
            while server.open_connections() > 0 && start.elapsed() < DRAIN * 2 {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            assert_eq!(server.open_connections(), 0);
        });
    }
}
