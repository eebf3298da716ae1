//! Why a number is not a value of a close-code type, or may not be sent.

use core::fmt;

use crate::Row;

/// What is wrong with a code that was asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Problem {
    /// No row of the table covers the code.
    NotInTable,
    /// The code's row is Reserved `Yes`: it is reported to applications, never sent.
    Reserved,
    /// The code's row neither names it nor marks it Custom `Yes`, so endpoints may not send it.
    NotSendable,
}

/// A close code that was rejected, with the reason; `Display` says both.
///
/// Returned by `TryFrom<u16>` (always [`Problem::NotInTable`]) and by `sendable_from_u16`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InvalidCode {
    code: u16,
    problem: Problem,
    row: Option<&'static Row>,
    type_name: &'static str,
}

impl InvalidCode {
    /// The error for a code that no row of `type_name`'s table covers. Not public API.
    #[doc(hidden)]
    pub const fn __not_in_table(code: u16, type_name: &'static str) -> Self {
        InvalidCode {
            code,
            problem: Problem::NotInTable,
            row: None,
            type_name,
        }
    }

    /// `None` when `row` lets `code` be sent, otherwise the error that says why not.
    /// Not public API.
    #[doc(hidden)]
    pub const fn __unless_sendable(
        code: u16,
        row: &'static Row,
        type_name: &'static str,
    ) -> Option<Self> {
        let problem = if row.is_reserved() {
            Problem::Reserved
        } else if row.is_sendable() {
            return None;
        } else {
            Problem::NotSendable
        };
        Some(InvalidCode {
            code,
            problem,
            row: Some(row),
            type_name,
        })
    }

    /// The rejected code.
    pub const fn code(&self) -> u16 {
        self.code
    }

    /// Why it was rejected.
    pub const fn problem(&self) -> Problem {
        self.problem
    }

    /// The row that covers the code, when one does.
    pub const fn row(&self) -> Option<&'static Row> {
        self.row
    }
}

impl fmt::Display for InvalidCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for piece in self.pieces() {
            match piece {
                Piece::Text(text) => f.write_str(text)?,
                Piece::Code(code) => write!(f, "{code}")?,
            }
        }
        Ok(())
    }
}

/// A piece of an [`InvalidCode`] message.
#[derive(Clone, Copy)]
enum Piece {
    Text(&'static str),
    Code(u16),
}

impl InvalidCode {
    /// The message, in pieces: the one wording that both `Display` and the compile-time
    /// constructors' errors (see [`InvalidCode::__panic`]) print.
    const fn pieces(&self) -> [Piece; 7] {
        const NONE: Piece = Piece::Text("");
        let code = Piece::Code(self.code);
        let name = match self.row {
            Some(row) => row.name(),
            None => None,
        };
        match (self.problem, name, self.row) {
            (Problem::Reserved, Some(name), _) => [
                code,
                Piece::Text(" "),
                Piece::Text(name),
                Piece::Text(" is reserved: it is reported, never sent"),
                NONE,
                NONE,
                NONE,
            ],
            (Problem::Reserved, None, _) => [
                code,
                Piece::Text(" is reserved: it is reported, never sent"),
                NONE,
                NONE,
                NONE,
                NONE,
                NONE,
            ],
            (Problem::NotSendable, _, Some(row)) if row.is_range() => [
                code,
                Piece::Text(" is not sendable: its row, "),
                Piece::Code(row.start()),
                Piece::Text("-"),
                Piece::Code(row.end()),
                Piece::Text(", neither names it nor marks it Custom `Yes`"),
                NONE,
            ],
            (Problem::NotSendable, ..) => [
                code,
                Piece::Text(" is not sendable: its row neither names it nor marks it Custom `Yes`"),
                NONE,
                NONE,
                NONE,
                NONE,
                NONE,
            ],
            (Problem::NotInTable, ..) => [
                code,
                Piece::Text(" is not a close code of "),
                Piece::Text(self.type_name),
                Piece::Text(": no row of its table covers it"),
                NONE,
                NONE,
                NONE,
            ],
        }
    }

    /// Stops constant evaluation with this error's `Display` text: the compile error of the
    /// generated `of` and `sendable` constructors. Not public API.
    #[doc(hidden)]
    #[track_caller]
    pub const fn __panic(self) -> ! {
        let message = ConstMessage::new(&self.pieces());
        panic!("{}", message.as_str())
    }
}

/// A message built during constant evaluation, where `format!` is unavailable. Names longer
/// than the buffer are cut at a character boundary and end in `…`.
struct ConstMessage {
    bytes: [u8; ConstMessage::CAPACITY],
    len: usize,
    full: bool,
}

impl ConstMessage {
    const CAPACITY: usize = 240;

    const fn new(pieces: &[Piece]) -> Self {
        let mut message = ConstMessage {
            bytes: [0; Self::CAPACITY],
            len: 0,
            full: false,
        };
        let mut i = 0;
        while i < pieces.len() {
            match pieces[i] {
                Piece::Text(text) => message.push(text.as_bytes()),
                Piece::Code(code) => {
                    // Five digits hold any u16.
                    let mut digits = [0u8; 5];
                    let mut at = digits.len();
                    let mut rest = code;
                    loop {
                        at -= 1;
                        // `rest % 10` is below 10, so the cast is exact.
                        #[allow(clippy::cast_possible_truncation)]
                        let digit = (rest % 10) as u8;
                        digits[at] = b'0' + digit;
                        rest /= 10;
                        if rest == 0 {
                            break;
                        }
                    }
                    message.push(digits.split_at(at).1);
                }
            }
            i += 1;
        }
        message
    }

    const fn push(&mut self, text: &[u8]) {
        const ELLIPSIS: &[u8] = "…".as_bytes();
        if self.full {
            return;
        }
        let room = Self::CAPACITY - ELLIPSIS.len();
        let mut i = 0;
        while i < text.len() {
            if self.len == room {
                // Drop the bytes of a character the cut would split, then mark the cut.
                while i > 0 && (text[i] & 0xC0) == 0x80 {
                    i -= 1;
                    self.len -= 1;
                }
                let mut j = 0;
                while j < ELLIPSIS.len() {
                    self.bytes[self.len] = ELLIPSIS[j];
                    self.len += 1;
                    j += 1;
                }
                self.full = true;
                return;
            }
            self.bytes[self.len] = text[i];
            self.len += 1;
            i += 1;
        }
    }

    const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(text) => text,
            Err(_) => "invalid close code",
        }
    }
}

impl core::error::Error for InvalidCode {}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::{ConstMessage, Piece};
    use crate::CloseCode;
    use std::borrow::ToOwned;
    use std::format;
    use std::string::{String, ToString};
    use std::vec::Vec;

    #[test]
    fn compile_time_errors_read_as_display_does() {
        let errors = [
            CloseCode::sendable_from_u16(1005).unwrap_err(),
            CloseCode::sendable_from_u16(2000).unwrap_err(),
            CloseCode::sendable_from_u16(1004).unwrap_err(),
            CloseCode::try_from(5000).unwrap_err(),
        ];
        let expected = [
            "1005 No Status Rcvd is reserved: it is reported, never sent",
            "2000 is not sendable: its row, 1016-2999, neither names it nor marks it Custom `Yes`",
            "1004 is not sendable: its row neither names it nor marks it Custom `Yes`",
            "5000 is not a close code of CloseCode: no row of its table covers it",
        ];
        for (error, expected) in errors.iter().zip(expected) {
            assert_eq!(error.to_string(), expected);
            assert_eq!(ConstMessage::new(&error.pieces()).as_str(), expected);
        }
    }

    #[test]
    fn const_messages_write_numbers_and_cut_long_text_at_a_character() {
        let pieces = [Piece::Code(0), Piece::Text(" "), Piece::Code(65535)];
        assert_eq!(ConstMessage::new(&pieces).as_str(), "0 65535");
        let long: String = core::iter::repeat_n('é', 200).collect();
        let leaked: &'static str = String::leak(long);
        let message = ConstMessage::new(&[Piece::Code(4001), Piece::Text(leaked)]);
        let text = message.as_str();
        assert!(text.starts_with("4001éé"));
        assert!(text.ends_with('…'));
        assert!(text.len() <= ConstMessage::CAPACITY);
    }

    /// Room for text before the cut: the buffer less the three bytes of `…`.
    const ROOM: usize = ConstMessage::CAPACITY - 3;

    fn message(pieces: &[&str]) -> String {
        let pieces: Vec<Piece> = pieces
            .iter()
            .map(|text| Piece::Text(String::leak((*text).to_owned())))
            .collect();
        ConstMessage::new(&pieces).as_str().to_owned()
    }

    /// The longest prefix of `text` that ends on a character and fits the room, then `…`.
    fn cut(text: &str) -> String {
        let mut end = ROOM;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &text[..end])
    }

    #[test]
    fn const_messages_that_fit_are_kept_whole() {
        let fits = "a".repeat(ROOM);
        assert_eq!(message(&[&fits]), fits);
        assert_eq!(message(&["ab", "", "cd"]), "abcd");
        assert_eq!(message(&[]), "");
    }

    #[test]
    fn const_messages_one_byte_too_long_are_cut_with_an_ellipsis() {
        let long = "a".repeat(ROOM + 1);
        let expected = format!("{}…", "a".repeat(ROOM));
        assert_eq!(message(&[&long]), expected);
        assert_eq!(expected.len(), ConstMessage::CAPACITY);
        // The cut may fall between two pieces, and nothing after it is written.
        let first = "b".repeat(ROOM);
        assert_eq!(message(&[&first, "c", "tail"]), format!("{first}…"));
    }

    #[test]
    fn const_messages_cut_before_a_multi_byte_character_at_every_offset() {
        for wide in ['é', '€', '𝄞'] {
            for lead in 0..4 {
                let text = format!("{}{}", "a".repeat(lead), wide.to_string().repeat(200));
                let got = message(&["x ", &text]);
                assert_eq!(got, cut(&format!("x {text}")), "{wide} after {lead} bytes");
                assert!(got.ends_with(&format!("{wide}…")), "{got}");
            }
        }
    }

    #[test]
    fn const_messages_cut_a_character_that_straddles_two_pieces_whole() {
        // The first piece ends one byte short of the room: the three-byte `€` that follows
        // does not fit, and none of its bytes are kept.
        let first = "x".repeat(ROOM - 1);
        assert_eq!(message(&[&first, "€uro"]), format!("{first}…"));
        let first = "x".repeat(ROOM - 2);
        assert_eq!(message(&[&first, "€uro"]), format!("{first}…"));
        let first = "x".repeat(ROOM - 3);
        assert_eq!(message(&[&first, "€uro"]), format!("{first}€…"));
    }
}
