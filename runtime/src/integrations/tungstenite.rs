//! `tungstenite` feature: [`CloseFrame`] to and from tungstenite's `CloseFrame`.

use tungstenite::protocol::CloseFrame as WsFrame;
use tungstenite::protocol::frame::coding::CloseCode as WsCode;

use crate::{CloseFrame, CloseFrameError, Code, EncodeError};

/// A frame to send through tungstenite (`WebSocket::close(Some(frame))`), with the same code
/// number and a copy of the reason. Checked as [`CloseFrame::encode`] checks: tungstenite would
/// send a hand-built frame with a reserved code or a 200-byte reason as it is.
impl<C: Code> TryFrom<CloseFrame<'_, C>> for WsFrame {
    type Error = EncodeError;

    fn try_from(frame: CloseFrame<'_, C>) -> Result<Self, EncodeError> {
        let frame = CloseFrame::new(frame.code, frame.reason)?;
        Ok(WsFrame {
            code: WsCode::from(frame.code.as_u16()),
            reason: frame.reason.into(),
        })
    }
}

/// A frame tungstenite received, checked against `C`'s table with the rules of
/// [`CloseFrame::parse`] (see [`CloseFrame::from_parts`]); the reason is borrowed.
impl<'a, C: Code> TryFrom<&'a WsFrame> for CloseFrame<'a, C> {
    type Error = CloseFrameError;

    fn try_from(frame: &'a WsFrame) -> Result<Self, CloseFrameError> {
        CloseFrame::from_parts(frame.code.into(), frame.reason.as_str())
    }
}

impl<'a, C: Code> CloseFrame<'a, C> {
    /// The frame of tungstenite's `Message::Close(Option<CloseFrame>)`, as
    /// [`parse`](Self::parse) returns it for a raw body: `None` (tungstenite's "no status", an
    /// empty body) is `Ok(None)`, reported as 1005 by [`CloseCode::received`]; a frame is
    /// checked against `C`'s table.
    ///
    /// [`CloseCode::received`]: crate::CloseCode::received
    ///
    /// ```
    /// use close_codes::{CloseCode, CloseFrame};
    /// use tungstenite::protocol::CloseFrame as WsFrame;
    ///
    /// let received: Option<WsFrame> = None;
    /// let frame = CloseFrame::from_tungstenite(received.as_ref())?;
    /// assert_eq!(CloseCode::received(frame), CloseCode::NoStatusRcvd);
    /// # Ok::<(), close_codes::CloseFrameError>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "tungstenite")))]
    pub fn from_tungstenite(frame: Option<&'a WsFrame>) -> Result<Option<Self>, CloseFrameError> {
        frame.map(CloseFrame::try_from).transpose()
    }
}
