//! Close codes over real WebSocket connections on 127.0.0.1, through tokio-tungstenite and the
//! `tungstenite` feature's conversions.
//!
//! Every sendable code of the bundled table and of the chat example's table: a server closes
//! with it and a reason, and the client checks both arrive. And a server that reads crafted raw
//! Close frames with `CloseFrame::parse` replies with `reply_code()`: 1002 to codes that may not
//! be sent and to bodies of 1 or 126 bytes, 1007 to a reason that is not UTF-8.

use std::io::Cursor;
use std::net::SocketAddr;
use std::time::Duration;

use close_codes::{CloseCode, CloseFrame, CloseFrameError, Code};
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame as WsFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{Control, OpCode};
use tokio_tungstenite::tungstenite::protocol::frame::{Frame, FrameHeader};

close_codes::close_codes! {
    /// The chat example's table.
    enum AppCode from "examples/app-codes.md"
}

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Connections in flight at once: enough to overlap the round trips, few enough for any CI box.
const CONCURRENT: usize = 64;

/// Codes tungstenite refuses when they arrive (it has no name for them), though peers may send
/// them: its client hands the application 1002 instead. The raw client below shows the server
/// still sent them intact.
const TUNGSTENITE_REFUSES: &[u16] = &[1014];

fn block_on<F: Future<Output = Result<(), Error>>>(future: F) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(60), future)
            .await
            .map_err(|_| Error::from("loopback test timed out"))?
    })
}

fn reason_for(code: u16) -> String {
    format!("closing with {code}, reason intact: ünïcödé ✓")
}

/// The server: reads the code number the client asks for, checks it against `C`'s table, and
/// closes with the typed code and a reason (a `CloseFrame`, converted by the `tungstenite`
/// feature).
async fn serve<C: Code>(listener: TcpListener) -> Result<(), Error> {
    loop {
        let (tcp, _) = listener.accept().await?;
        tokio::spawn(async move {
            let mut ws = tokio_tungstenite::accept_async(tcp).await?;
            let Some(Ok(Message::Text(asked))) = ws.next().await else {
                return Err::<(), Error>("expected the code number first".into());
            };
            let number: u16 = asked.as_str().parse()?;
            let code = C::sendable_from_u16(number)?;
            let reason = reason_for(number);
            let frame = WsFrame::try_from(CloseFrame::new(code, &reason)?)?;
            ws.close(Some(frame)).await?;
            while let Some(Ok(_)) = ws.next().await {}
            Ok(())
        });
    }
}

/// The client: asks for `number`, returns the Close frame the server ends with.
async fn close_received(address: SocketAddr, number: u16) -> Result<WsFrame, Error> {
    let tcp = TcpStream::connect(address).await?;
    let (mut ws, _) = tokio_tungstenite::client_async(format!("ws://{address}/"), tcp).await?;
    ws.send(Message::text(number.to_string())).await?;
    while let Some(message) = ws.next().await {
        if let Message::Close(frame) = message? {
            return frame.ok_or_else(|| format!("{number}: Close without a code").into());
        }
    }
    Err(format!("{number}: connection ended without a Close frame").into())
}

/// Every sendable code of `C`'s table, through `serve::<C>` and `close_received`.
async fn sweep<C: Code>() -> Result<usize, Error> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let server = tokio::spawn(serve::<C>(listener));
    let sendable: Vec<u16> = (0..=u16::MAX)
        .filter(|&n| C::from_u16(n).is_some_and(Code::is_sendable))
        .collect();
    for batch in sendable.chunks(CONCURRENT) {
        let mut clients = JoinSet::new();
        for &number in batch {
            clients.spawn(async move { (number, close_received(address, number).await) });
        }
        while let Some(joined) = clients.join_next().await {
            let (number, frame) = joined?;
            let frame = frame?;
            if TUNGSTENITE_REFUSES.contains(&number) {
                assert_eq!(
                    u16::from(frame.code),
                    1002,
                    "tungstenite's substitute for {number}"
                );
                continue;
            }
            // The `tungstenite` feature's conversion checks it against the table.
            let typed =
                CloseFrame::<C>::try_from(&frame).map_err(|error| format!("{number}: {error}"))?;
            assert_eq!(typed.code, C::from_u16(number).unwrap(), "code {number}");
            assert_eq!(typed.reason, reason_for(number), "reason of {number}");
        }
    }
    server.abort();
    Ok(sendable.len())
}

#[test]
fn every_sendable_code_of_the_bundled_table_arrives_intact() -> Result<(), Error> {
    block_on(async {
        let count = sweep::<CloseCode>().await?;
        // {1000-1003, 1007-1014} ∪ 3000-4999, as the README says.
        assert_eq!(count, 4 + 8 + 2000);
        Ok(())
    })
}

#[test]
fn every_sendable_code_of_the_example_table_arrives_intact() -> Result<(), Error> {
    block_on(async {
        assert_eq!(sweep::<AppCode>().await?, 5 + 100);
        Ok(())
    })
}

// ---- Raw frames: what is on the wire, without tungstenite's checks in between ----

const CLOSE: OpCode = OpCode::Control(Control::Close);

/// RFC 6455's sample key and the accept value it must produce (§1.3).
const KEY: &str = "dGhlIHNhbXBsZSBub25jZQ==";
const ACCEPT: &str = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

/// Opens a WebSocket by hand and returns the socket right after the server's 101 response.
async fn raw_handshake(address: SocketAddr) -> Result<TcpStream, Error> {
    let mut tcp = TcpStream::connect(address).await?;
    let request = format!(
        "GET / HTTP/1.1\r\nHost: {address}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: {KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    tcp.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    while !response.ends_with(b"\r\n\r\n") {
        response.push(tcp.read_u8().await?);
    }
    let response = String::from_utf8(response)?;
    assert!(response.starts_with("HTTP/1.1 101"), "{response}");
    assert!(response.contains(ACCEPT), "{response}");
    Ok(tcp)
}

/// A client frame as RFC 6455 §5.2 lays it out: FIN and opcode, the mask bit and a 7-bit
/// length (126 and a 16-bit length past 125 bytes), the masking key, and the payload masked
/// with it (XOR).
fn masked_frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mask = [0x37, 0xfa, 0x21, 0x3d];
    let mut frame = vec![0x80 | opcode];
    match u8::try_from(payload.len()) {
        Ok(length) if length < 126 => frame.push(0x80 | length),
        _ => {
            let length = u16::try_from(payload.len()).expect("test payloads are under 64 KiB");
            frame.push(0x80 | 0x7e); // 126: a 16-bit length follows
            frame.extend_from_slice(&length.to_be_bytes());
        }
    }
    frame.extend_from_slice(&mask);
    frame.extend(payload.iter().zip(mask.iter().cycle()).map(|(b, m)| b ^ m));
    frame
}

/// A Close frame's payload: the code, big-endian, then the reason.
fn close_payload(code: u16, reason: &str) -> Vec<u8> {
    let mut payload = code.to_be_bytes().to_vec();
    payload.extend_from_slice(reason.as_bytes());
    payload
}

/// Reads one frame; returns its opcode and its (unmasked) payload.
async fn read_frame(tcp: &mut TcpStream) -> Result<(OpCode, Vec<u8>), Error> {
    let mut bytes = Vec::new();
    loop {
        bytes.push(tcp.read_u8().await?);
        let mut cursor = Cursor::new(&bytes);
        if let Some((header, length)) = FrameHeader::parse(&mut cursor)? {
            let mut payload = vec![0; usize::try_from(length)?];
            tcp.read_exact(&mut payload).await?;
            if let Some(mask) = header.mask {
                for (byte, m) in payload.iter_mut().zip(mask.iter().cycle()) {
                    *byte ^= m;
                }
            }
            return Ok((header.opcode, payload));
        }
    }
}

#[test]
fn codes_tungstenite_refuses_are_on_the_wire_intact() -> Result<(), Error> {
    block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let server = tokio::spawn(serve::<CloseCode>(listener));
        for &number in TUNGSTENITE_REFUSES {
            let mut tcp = raw_handshake(address).await?;
            tcp.write_all(&masked_frame(0x1, number.to_string().as_bytes()))
                .await?;
            let (opcode, payload) = read_frame(&mut tcp).await?;
            assert_eq!(opcode, CLOSE);
            assert_eq!(reply_of(&payload)?, (number, reason_for(number)));
        }
        server.abort();
        Ok(())
    })
}

/// What the checking server made of the peer's Close body: the code, `None` for an empty
/// body, or why `CloseFrame::parse` refused it.
type Verdict = Result<Option<u16>, CloseFrameError>;

/// A server that reads the peer's Close frame itself, past tungstenite's checks, and judges
/// the raw body with `CloseFrame::parse`: a valid code is echoed (RFC 6455 §5.5.1), an empty
/// body gets an empty Close, a refused body gets `reply_code()` and the error as the reason.
async fn checking_server(listener: TcpListener) -> Result<Verdict, Error> {
    let (tcp, _) = listener.accept().await?;
    // tungstenite does the handshake; the client sends nothing before the 101 response, so no
    // frame bytes sit in tungstenite's buffer when the raw socket is read below.
    let mut ws = tokio_tungstenite::accept_async(tcp).await?;
    let tcp = ws.get_mut();
    let (opcode, payload) = read_frame(tcp).await?;
    assert_eq!(opcode, CLOSE);
    let parsed = CloseFrame::<CloseCode>::parse(&payload);
    // Our frame, converted by the `tungstenite` feature.
    let reply = match parsed {
        Ok(Some(frame)) => Some(WsFrame::try_from(CloseFrame::new(frame.code, "")?)?),
        Ok(None) => None,
        Err(error) => {
            let code = CloseCode::sendable_from_u16(error.reply_code())?;
            let reason = error.to_string();
            Some(WsFrame::try_from(CloseFrame::truncated(code, &reason)?)?)
        }
    };
    let mut bytes = Vec::new();
    Frame::close(reply).format(&mut bytes)?;
    tcp.write_all(&bytes).await?;
    Ok(parsed.map(|frame| frame.map(|frame| frame.code.as_u16())))
}

/// Sends a crafted Close frame with `payload` to the checking server; returns what the server
/// made of it and the body of its reply.
async fn reply_to_crafted_close(payload: &[u8]) -> Result<(Verdict, Vec<u8>), Error> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let server = tokio::spawn(checking_server(listener));
    let mut tcp = raw_handshake(address).await?;
    tcp.write_all(&masked_frame(0x8, payload)).await?;
    let (opcode, reply) = read_frame(&mut tcp).await?;
    assert_eq!(opcode, CLOSE);
    Ok((server.await??, reply))
}

/// The reply's code and reason, read with the library's own parser.
fn reply_of(body: &[u8]) -> Result<(u16, String), Error> {
    let frame = CloseFrame::<CloseCode>::parse(body)?.ok_or("reply without a code")?;
    Ok((frame.code.as_u16(), frame.reason.to_owned()))
}

#[test]
fn a_crafted_invalid_close_code_gets_1002() -> Result<(), Error> {
    block_on(async {
        // Reserved (reported, never sent), unused, below every assigned code, past the table.
        for number in [1005, 1006, 1015, 1004, 999, 0, 2500, 5000] {
            let (verdict, reply) =
                reply_to_crafted_close(&close_payload(number, "crafted")).await?;
            let error = verdict.expect_err("an invalid code");
            assert!(matches!(error, CloseFrameError::Code(e) if e.code() == number));
            let (code, reason) = reply_of(&reply)?;
            assert_eq!(code, 1002, "reply to {number}");
            assert!(reason.contains(&number.to_string()), "{reason}");
        }
        // Sendable codes are echoed, 1014 included (tungstenite alone would reply 1002).
        for number in [1000, 1014, 3008, 4999] {
            let (verdict, reply) =
                reply_to_crafted_close(&close_payload(number, "crafted")).await?;
            assert_eq!(verdict, Ok(Some(number)));
            assert_eq!(reply_of(&reply)?, (number, String::new()));
        }
        Ok(())
    })
}

#[test]
fn crafted_bodies_of_bad_shape_get_1002_or_1007() -> Result<(), Error> {
    block_on(async {
        // An empty body is valid: no status, answered with an empty Close.
        assert_eq!(reply_to_crafted_close(b"").await?, (Ok(None), Vec::new()));

        // One byte: too short for a code, too long for none.
        let (verdict, reply) = reply_to_crafted_close(&[0x03]).await?;
        assert_eq!(verdict, Err(CloseFrameError::OneByteBody { byte: 3 }));
        assert_eq!(reply_of(&reply)?.0, 1002);

        // A reason that is not UTF-8 (a lone continuation byte after "ok"): 1007.
        let (verdict, reply) = reply_to_crafted_close(b"\x03\xe8ok\x80").await?;
        assert_eq!(
            verdict,
            Err(CloseFrameError::ReasonNotUtf8 {
                code: 1000,
                valid_up_to: 2
            })
        );
        assert_eq!(reply_of(&reply)?.0, 1007);

        // 126 bytes: over what any control frame may carry (§5.5). The length needs the 16-bit
        // extended form, which a conforming library refuses at the frame layer (tungstenite:
        // `ControlFrameTooBig`) before any body parser sees it. This server reads the frame
        // itself, so the body reaches `parse`, which refuses it too: 1002.
        let mut long = close_payload(1000, &"x".repeat(124));
        assert_eq!(long.len(), 126);
        let (verdict, reply) = reply_to_crafted_close(&long).await?;
        assert_eq!(
            verdict,
            Err(CloseFrameError::PayloadTooLong {
                code: 1000,
                len: 126
            })
        );
        assert_eq!(reply_of(&reply)?.0, 1002);
        // One byte less fits, and is echoed.
        long.pop();
        assert_eq!(reply_to_crafted_close(&long).await?.0, Ok(Some(1000)));
        Ok(())
    })
}
