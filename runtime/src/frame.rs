//! The body of a WebSocket Close frame: a status code and a UTF-8 reason (RFC 6455 §5.5.1),
//! parsed and built without allocating, for any generated close-code type.

use core::fmt;

use crate::{CloseCode, Code, InvalidCode};

/// The most bytes a Close frame body may hold: every control frame carries at most 125 bytes of
/// payload (RFC 6455 §5.5).
pub const MAX_PAYLOAD_LEN: usize = 125;

/// The most bytes a reason may take: the body's 125 less the 2-byte status code. The WebSocket
/// browser API throws a `SyntaxError` above the same limit.
pub const MAX_REASON_LEN: usize = MAX_PAYLOAD_LEN - 2;

/// The body of a Close frame that carries a status code: the code, then a UTF-8 reason
/// (RFC 6455 §5.5.1), with `C` the close-code type of a table ([`CloseCode`] by default).
///
/// A Close frame may also carry no body at all; [`parse`](Self::parse) returns `Ok(None)` for
/// it, and RFC 6455 §7.1.5 says to report that as 1005 ([`CloseCode::received`] does).
///
/// ```
/// use close_codes::{CloseCode, CloseFrame};
///
/// let frame = CloseFrame::new(CloseCode::GoingAway, "restarting")?;
/// let mut buf = [0; close_codes::MAX_PAYLOAD_LEN];
/// let body = frame.encode(&mut buf)?;
/// assert_eq!(body, b"\x03\xe9restarting");
/// assert_eq!(CloseFrame::parse(body)?, Some(frame));
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
///
/// The fields are public, so a frame built by hand may break the rules; [`encode`](Self::encode)
/// and [`write_to`](Self::write_to) check them again and refuse such a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CloseFrame<'a, C = CloseCode> {
    /// The status code.
    pub code: C,
    /// Why the endpoint closed, for people and logs; often empty.
    pub reason: &'a str,
}

impl<'a, C: Code> CloseFrame<'a, C> {
    /// A frame an endpoint may send: `code` is sendable and `reason` fits in
    /// [`MAX_REASON_LEN`] bytes. [`truncated`](Self::truncated) cuts a long reason instead.
    pub fn new(code: C, reason: &'a str) -> Result<Self, EncodeError> {
        let frame = CloseFrame { code, reason };
        frame.check()?;
        Ok(frame)
    }

    /// Like [`new`](Self::new), but a reason longer than [`MAX_REASON_LEN`] bytes is cut at the
    /// last character boundary that fits (see [`truncate_reason`]).
    pub fn truncated(code: C, reason: &'a str) -> Result<Self, InvalidCode> {
        C::sendable_from_u16(code.as_u16())?;
        Ok(CloseFrame {
            code,
            reason: truncate_reason(reason),
        })
    }

    /// Parses a Close frame body received from a peer (RFC 6455 §5.5, §5.5.1, §7.4).
    ///
    /// - An empty body is `Ok(None)`: the peer sent no status code, which RFC 6455 §7.1.5 says to
    ///   report as 1005 (*No Status Rcvd*).
    /// - A 1-byte body, a body over [`MAX_PAYLOAD_LEN`] bytes, a code the table does not let an
    ///   endpoint send (no row covers it, it is reserved, or it is not sendable) and a reason
    ///   that is not UTF-8 are errors, checked in that order. The error keeps the received code;
    ///   [`CloseFrameError::reply_code`] is the code to close with in reply.
    ///
    /// Only codes `C`'s table covers are accepted: a table of application codes alone rejects
    /// 1000, so parse with a type whose table also lists the standard codes.
    pub fn parse(payload: &'a [u8]) -> Result<Option<Self>, CloseFrameError> {
        let (code, reason) = match payload {
            [] => return Ok(None),
            [byte] => return Err(CloseFrameError::OneByteBody { byte: *byte }),
            [high, low, reason @ ..] => (u16::from_be_bytes([*high, *low]), reason),
        };
        if payload.len() > MAX_PAYLOAD_LEN {
            return Err(CloseFrameError::PayloadTooLong {
                code,
                len: payload.len(),
            });
        }
        let code = C::sendable_from_u16(code).map_err(CloseFrameError::Code)?;
        match core::str::from_utf8(reason) {
            Ok(reason) => Ok(Some(CloseFrame { code, reason })),
            Err(error) => Err(CloseFrameError::ReasonNotUtf8 {
                code: code.as_u16(),
                valid_up_to: error.valid_up_to(),
            }),
        }
    }

    /// Checks a code and reason that a WebSocket library has already split out of a Close frame
    /// (tungstenite's and axum's frames hold them as fields) with the rules of
    /// [`parse`](Self::parse): a body (2 bytes of code plus the reason) over
    /// [`MAX_PAYLOAD_LEN`] bytes, then a code the table does not let an endpoint send, are
    /// errors. The reason is UTF-8 already, being a `str`.
    ///
    /// ```
    /// use close_codes::{CloseCode, CloseFrame};
    ///
    /// let frame = CloseFrame::<CloseCode>::from_parts(1001, "restarting")?;
    /// assert_eq!(frame.code, CloseCode::GoingAway);
    /// let error = CloseFrame::<CloseCode>::from_parts(1006, "").unwrap_err();
    /// assert_eq!((error.code(), error.reply_code()), (Some(1006), 1002));
    /// # Ok::<(), close_codes::CloseFrameError>(())
    /// ```
    pub fn from_parts(code: u16, reason: &'a str) -> Result<Self, CloseFrameError> {
        let len = 2 + reason.len();
        if len > MAX_PAYLOAD_LEN {
            return Err(CloseFrameError::PayloadTooLong { code, len });
        }
        let code = C::sendable_from_u16(code).map_err(CloseFrameError::Code)?;
        Ok(CloseFrame { code, reason })
    }

    /// How many bytes the body takes: 2 for the code, then the reason.
    pub fn encoded_len(&self) -> usize {
        2 + self.reason.len()
    }

    /// Writes the body (code, big-endian, then reason) to the start of `buf` and returns how
    /// many bytes it took. Refuses an unsendable code, a reason over [`MAX_REASON_LEN`] bytes and
    /// a `buf` shorter than [`encoded_len`](Self::encoded_len); never panics.
    pub fn write_to(&self, buf: &mut [u8]) -> Result<usize, EncodeError> {
        let len = self.check()?;
        let available = buf.len();
        let Some((head, tail)) = buf.split_at_mut_checked(2) else {
            return Err(EncodeError::BufferTooSmall {
                needed: len,
                available,
            });
        };
        let Some(tail) = tail.get_mut(..self.reason.len()) else {
            return Err(EncodeError::BufferTooSmall {
                needed: len,
                available,
            });
        };
        head.copy_from_slice(&self.code.as_u16().to_be_bytes());
        tail.copy_from_slice(self.reason.as_bytes());
        Ok(len)
    }

    /// Writes the body into `buf`, which always has room, and returns the bytes written.
    /// Refuses an unsendable code and a reason over [`MAX_REASON_LEN`] bytes.
    pub fn encode<'b>(&self, buf: &'b mut [u8; MAX_PAYLOAD_LEN]) -> Result<&'b [u8], EncodeError> {
        let len = self.write_to(buf)?;
        Ok(buf.get(..len).unwrap_or_default())
    }

    /// The body's length if the frame may be sent.
    fn check(&self) -> Result<usize, EncodeError> {
        C::sendable_from_u16(self.code.as_u16())?;
        if self.reason.len() > MAX_REASON_LEN {
            return Err(EncodeError::ReasonTooLong {
                len: self.reason.len(),
            });
        }
        Ok(self.encoded_len())
    }
}

/// `reason` cut to at most [`MAX_REASON_LEN`] bytes at a UTF-8 character boundary, so it fits
/// in a Close frame; a reason that fits comes back whole.
///
/// ```
/// let long = "é".repeat(70); // 140 bytes
/// let cut = close_codes::truncate_reason(&long);
/// assert_eq!(cut.len(), 122); // 61 whole characters: the 62nd would need bytes 123-124
/// assert_eq!(close_codes::truncate_reason("bye"), "bye");
/// ```
pub fn truncate_reason(reason: &str) -> &str {
    let mut end = reason.len().min(MAX_REASON_LEN);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    reason.get(..end).unwrap_or_default()
}

/// Why a Close frame body received from a peer was refused by [`CloseFrame::parse`].
///
/// Each variant keeps what the peer sent that is worth keeping, the code above all, so the
/// application can log it; [`reply_code`](Self::reply_code) is the status to close with in
/// reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CloseFrameError {
    /// The body is one byte: too short for a status code, too long for none (RFC 6455 §5.5.1).
    OneByteBody {
        /// The byte received.
        byte: u8,
    },
    /// The body is over [`MAX_PAYLOAD_LEN`] bytes, which no control frame may be (§5.5).
    PayloadTooLong {
        /// The code in the body's first two bytes.
        code: u16,
        /// The body's length.
        len: usize,
    },
    /// The code may not appear in a Close frame: no row covers it, its row is reserved (1005,
    /// 1006, 1015), or its row does not let endpoints send it (§7.4, §7.4.2). The
    /// [`InvalidCode`] holds the code and says which.
    Code(InvalidCode),
    /// The reason is not UTF-8 (§5.5.1), which §8.1 says to fail the connection over with 1007.
    ReasonNotUtf8 {
        /// The code, which was valid.
        code: u16,
        /// How many bytes of the reason are valid UTF-8.
        valid_up_to: usize,
    },
}

impl CloseFrameError {
    /// The code to close the connection with in reply: 1007 (*Invalid frame payload data*) for
    /// a reason that is not UTF-8 (RFC 6455 §8.1), 1002 (*Protocol error*) for the rest (§7.4.1).
    pub const fn reply_code(&self) -> u16 {
        match self {
            CloseFrameError::ReasonNotUtf8 { .. } => 1007,
            _ => 1002,
        }
    }

    /// The code the peer sent, if the body had one.
    pub const fn code(&self) -> Option<u16> {
        match self {
            CloseFrameError::OneByteBody { .. } => None,
            CloseFrameError::PayloadTooLong { code, .. }
            | CloseFrameError::ReasonNotUtf8 { code, .. } => Some(*code),
            CloseFrameError::Code(invalid) => Some(invalid.code()),
        }
    }
}

impl fmt::Display for CloseFrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CloseFrameError::OneByteBody { byte } => write!(
                f,
                "close frame body is 1 byte ({byte:#04x}): a status code takes 2"
            ),
            CloseFrameError::PayloadTooLong { code, len } => write!(
                f,
                "close frame with code {code} is {len} bytes long: control frames carry at most \
                 {MAX_PAYLOAD_LEN}"
            ),
            CloseFrameError::Code(invalid) => {
                write!(f, "close frame code refused: {invalid}")
            }
            CloseFrameError::ReasonNotUtf8 { code, valid_up_to } => write!(
                f,
                "close frame with code {code} has a reason that is not UTF-8 after byte \
                 {valid_up_to}"
            ),
        }
    }
}

impl core::error::Error for CloseFrameError {}

/// Why a [`CloseFrame`] may not be built or written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EncodeError {
    /// The code may not be sent: not in the table, reserved, or not sendable.
    Code(InvalidCode),
    /// The reason is over [`MAX_REASON_LEN`] bytes; [`truncate_reason`] cuts it on purpose.
    ReasonTooLong {
        /// The reason's length in bytes.
        len: usize,
    },
    /// The buffer given to [`CloseFrame::write_to`] is shorter than the body.
    BufferTooSmall {
        /// The body's length.
        needed: usize,
        /// The buffer's length.
        available: usize,
    },
    /// The code is sendable by the table, but the WebSocket library the frame is converted for
    /// cannot carry it: tokio-websockets holds only 1000-4999 and refuses 1004, 1005, 1006 and
    /// 1015, which a table of your own may still mark sendable.
    Unsupported {
        /// The code.
        code: u16,
        /// The library that refuses it.
        library: &'static str,
    },
}

impl From<InvalidCode> for EncodeError {
    fn from(invalid: InvalidCode) -> Self {
        EncodeError::Code(invalid)
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::Code(invalid) => write!(f, "cannot send a close frame: {invalid}"),
            EncodeError::ReasonTooLong { len } => write!(
                f,
                "close reason is {len} bytes: at most {MAX_REASON_LEN} fit in a close frame"
            ),
            EncodeError::BufferTooSmall { needed, available } => write!(
                f,
                "close frame body needs {needed} bytes, the buffer has {available}"
            ),
            EncodeError::Unsupported { code, library } => {
                write!(f, "{library} cannot send close code {code}")
            }
        }
    }
}

impl core::error::Error for EncodeError {}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::string::ToString;

    use super::*;
    use crate::Problem;

    type Parsed<'a> = Result<Option<CloseFrame<'a>>, CloseFrameError>;

    fn parse(payload: &[u8]) -> Parsed<'_> {
        CloseFrame::parse(payload)
    }

    #[test]
    fn empty_body_is_no_status() {
        assert_eq!(parse(b""), Ok(None));
        assert_eq!(CloseCode::received(None), CloseCode::NoStatusRcvd);
    }

    #[test]
    fn one_byte_body_is_refused() {
        let error = parse(&[0x03]).unwrap_err();
        assert_eq!(error, CloseFrameError::OneByteBody { byte: 3 });
        assert_eq!(error.reply_code(), 1002);
        assert_eq!(error.code(), None);
    }

    #[test]
    fn code_and_reason() {
        let frame = parse(b"\x03\xe8bye").unwrap().unwrap();
        assert_eq!(frame.code, CloseCode::NormalClosure);
        assert_eq!(frame.reason, "bye");
        let frame = parse(&[0x0f, 0xa1]).unwrap().unwrap(); // 4001, no reason
        assert_eq!(frame.code.as_u16(), 4001);
        assert_eq!(frame.reason, "");
    }

    #[test]
    fn length_limits() {
        let mut body = [b'a'; 126];
        body[..2].copy_from_slice(&1000u16.to_be_bytes());
        let fits = parse(&body[..125]).unwrap().unwrap();
        assert_eq!(fits.reason.len(), MAX_REASON_LEN);
        let error = parse(&body).unwrap_err();
        assert_eq!(
            error,
            CloseFrameError::PayloadTooLong {
                code: 1000,
                len: 126
            }
        );
        assert_eq!(error.code(), Some(1000));
        assert_eq!(error.reply_code(), 1002);
    }

    #[test]
    fn codes_that_may_not_be_on_the_wire() {
        for (code, problem) in [
            (1005, Problem::Reserved),
            (1006, Problem::Reserved),
            (1015, Problem::Reserved),
            (1004, Problem::NotSendable),
            (999, Problem::NotSendable),
            (2999, Problem::NotSendable),
            (5000, Problem::NotInTable),
        ] {
            let body = u16::to_be_bytes(code);
            let error = parse(&body).unwrap_err();
            let CloseFrameError::Code(invalid) = error else {
                panic!("{code}: {error:?}");
            };
            assert_eq!(invalid.problem(), problem, "{code}");
            assert_eq!(error.code(), Some(code));
            assert_eq!(error.reply_code(), 1002);
        }
    }

    #[test]
    fn bad_utf8_reason_replies_1007() {
        let error = parse(b"\x03\xe8ok\xff").unwrap_err();
        assert_eq!(
            error,
            CloseFrameError::ReasonNotUtf8 {
                code: 1000,
                valid_up_to: 2
            }
        );
        assert_eq!(error.reply_code(), 1007);
        // A character cut in half is not UTF-8 either.
        assert!(matches!(
            parse(b"\x03\xe8\xc3"),
            Err(CloseFrameError::ReasonNotUtf8 { .. })
        ));
        // The code is checked before the reason.
        assert!(matches!(
            parse(b"\x03\xed\xff"),
            Err(CloseFrameError::Code(_))
        ));
    }

    #[test]
    fn build_refuses_what_parse_would() {
        let long = "x".repeat(MAX_REASON_LEN + 1);
        assert_eq!(
            CloseFrame::new(CloseCode::NormalClosure, &long),
            Err(EncodeError::ReasonTooLong { len: 124 })
        );
        let reserved = CloseFrame::new(CloseCode::AbnormalClosure, "").unwrap_err();
        assert!(matches!(reserved, EncodeError::Code(e) if e.problem() == Problem::Reserved));
        assert!(CloseFrame::new(CloseCode::NormalClosure, &long[1..]).is_ok());
        // A frame built by hand is checked when written.
        let by_hand = CloseFrame {
            code: CloseCode::NoStatusRcvd,
            reason: "",
        };
        let mut buf = [0; MAX_PAYLOAD_LEN];
        assert!(matches!(
            by_hand.encode(&mut buf),
            Err(EncodeError::Code(_))
        ));
    }

    #[test]
    fn write_to_a_slice() {
        let frame = CloseFrame::new(CloseCode::Timeout, "slow").unwrap();
        let mut buf = [0xaa; 8];
        assert_eq!(frame.write_to(&mut buf), Ok(6));
        assert_eq!(buf, *b"\x0b\xc0slow\xaa\xaa");
        for short in 0..6 {
            assert_eq!(
                frame.write_to(&mut buf[..short]),
                Err(EncodeError::BufferTooSmall {
                    needed: 6,
                    available: short
                })
            );
        }
    }

    #[test]
    fn truncation_keeps_whole_characters() {
        let ascii = "a".repeat(200);
        assert_eq!(truncate_reason(&ascii).len(), MAX_REASON_LEN);
        // 4-byte characters: 30 fit in 120 bytes, the 31st would end at 124.
        let wide = "🦀".repeat(40);
        assert_eq!(truncate_reason(&wide), "🦀".repeat(30));
        let frame = CloseFrame::truncated(CloseCode::GoingAway, &wide).unwrap();
        assert_eq!(frame.reason.len(), 120);
        assert!(CloseFrame::truncated(CloseCode::TlsHandshake, "").is_err());
        assert_eq!(truncate_reason(""), "");
    }

    #[test]
    fn errors_say_what_happened() {
        assert_eq!(
            parse(&[7]).unwrap_err().to_string(),
            "close frame body is 1 byte (0x07): a status code takes 2"
        );
        assert_eq!(
            parse(b"\x03\xed").unwrap_err().to_string(),
            "close frame code refused: 1005 No Status Rcvd is reserved: it is reported, never sent"
        );
        assert_eq!(
            EncodeError::ReasonTooLong { len: 200 }.to_string(),
            "close reason is 200 bytes: at most 123 fit in a close frame"
        );
    }
}
