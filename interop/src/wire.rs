//! Raw WebSocket frames (RFC 6455 §5.2), written and read by hand: the corpus needs frames no
//! library would send (a 126-byte Close body, a 1-byte one), and the server must see exactly
//! the bytes each peer puts on the wire.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt};

/// The opcode of a Close frame.
pub(crate) const CLOSE: u8 = 0x8;

/// The largest payload [`read_frame`] accepts: far above anything a peer sends here, and a
/// bound on what a broken peer can make the server allocate.
const MAX_PAYLOAD: u64 = 1 << 20;

/// A frame as it arrived from a peer, unmasked.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Frame {
    /// The opcode (low 4 bits of the first byte).
    pub(crate) opcode: u8,
    /// The payload, with the client's mask removed.
    pub(crate) payload: Vec<u8>,
}

/// An unmasked, final server frame with the payload length in the shortest form §5.2 allows.
/// A Close body over 125 bytes therefore gets the 16-bit length form, which is how the corpus
/// sends one: §5.5 forbids it, and the peer has to notice.
pub(crate) fn server_frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x80 | opcode];
    match u16::try_from(payload.len()) {
        Ok(len @ 0..=125) => frame.push(u8::try_from(len).unwrap_or(125)),
        Ok(len) => {
            frame.push(126);
            frame.extend_from_slice(&len.to_be_bytes());
        }
        Err(_) => {
            frame.push(127);
            frame.extend_from_slice(&(payload.len() as u64).to_be_bytes());
        }
    }
    frame.extend_from_slice(payload);
    frame
}

/// Reads one frame, masked (from a client) or not. `Ok(None)` is a clean end of stream before
/// the first byte of a frame; an end inside a frame is an error.
pub(crate) async fn read_frame<R: AsyncRead + Unpin>(reader: &mut R) -> io::Result<Option<Frame>> {
    let mut head = [0u8; 2];
    match reader.read(&mut head[..1]).await? {
        0 => return Ok(None),
        _ => reader.read_exact(&mut head[1..]).await?,
    };
    let opcode = head[0] & 0x0f;
    let masked = head[1] & 0x80 != 0;
    let len = match head[1] & 0x7f {
        126 => u64::from(reader.read_u16().await?),
        127 => reader.read_u64().await?,
        short => u64::from(short),
    };
    if len > MAX_PAYLOAD {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("frame of {len} bytes"),
        ));
    }
    let mut mask = [0u8; 4];
    if masked {
        reader.read_exact(&mut mask).await?;
    }
    let mut payload = vec![0u8; usize::try_from(len).unwrap_or(0)];
    reader.read_exact(&mut payload).await?;
    for (byte, key) in payload.iter_mut().zip(mask.iter().cycle()) {
        *byte ^= key;
    }
    Ok(Some(Frame { opcode, payload }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> io::Result<Option<Frame>> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime");
        runtime.block_on(read_frame(&mut &bytes[..]))
    }

    #[test]
    fn lengths_take_the_shortest_form() {
        assert_eq!(server_frame(CLOSE, &[3, 232]), [0x88, 2, 3, 232]);
        let long = server_frame(CLOSE, &[b'a'; 126]);
        assert_eq!(long[..4], [0x88, 126, 0, 126]);
        assert_eq!(long.len(), 4 + 126);
        assert_eq!(server_frame(CLOSE, &[])[..], [0x88, 0]);
    }

    #[test]
    fn reads_back_what_it_writes_and_unmasks() {
        for len in [0u32, 1, 2, 125, 126, 300] {
            let payload: Vec<u8> = (0..len)
                .map(|i: u32| u8::try_from(i % 251).unwrap())
                .collect();
            let frame = read(&server_frame(CLOSE, &payload)).unwrap().unwrap();
            assert_eq!(
                frame,
                Frame {
                    opcode: CLOSE,
                    payload
                }
            );
        }
        // A masked client frame: "bye" with mask 1, 2, 3, 4.
        let masked = [0x88, 0x83, 1, 2, 3, 4, b'b' ^ 1, b'y' ^ 2, b'e' ^ 3];
        let frame = read(&masked).unwrap().unwrap();
        assert_eq!(frame.payload, b"bye");
    }

    #[test]
    fn end_of_stream_and_truncation() {
        assert!(read(&[]).unwrap().is_none());
        assert!(read(&[0x88]).is_err());
        assert!(read(&[0x88, 5, 1]).is_err());
        assert!(read(&[0x82, 127, 0, 0, 0, 0, 0, 0x20, 0, 0]).is_err()); // 2 MiB
    }
}
