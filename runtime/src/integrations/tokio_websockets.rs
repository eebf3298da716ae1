//! `tokio-websockets` feature: [`CloseFrame`] to its Close `Message`.
//!
//! Only this direction needs code: a received Close message's payload is the raw body, so
//! `CloseFrame::parse(message.as_payload())` reads it with the table's rules.

use tokio_websockets::{CloseCode as TwsCode, Message};

use crate::{CloseFrame, Code, EncodeError};

/// A Close message with the frame's code and reason. Checked first, so it never reaches the
/// assertions of `Message::close`, which panics on a reserved code or a reason over 123
/// bytes: an unsendable code or a long reason is [`EncodeError::Code`] or
/// [`EncodeError::ReasonTooLong`], and a code the table allows but tokio-websockets cannot
/// carry (outside 1000-4999, or one it reserves) is [`EncodeError::Unsupported`].
impl<C: Code> TryFrom<CloseFrame<'_, C>> for Message {
    type Error = EncodeError;

    fn try_from(frame: CloseFrame<'_, C>) -> Result<Self, EncodeError> {
        let frame = CloseFrame::new(frame.code, frame.reason)?;
        let number = frame.code.as_u16();
        match TwsCode::try_from(number) {
            Ok(code) if !code.is_reserved() => Ok(Message::close(Some(code), frame.reason)),
            _ => Err(EncodeError::Unsupported {
                code: number,
                library: "tokio-websockets",
            }),
        }
    }
}
