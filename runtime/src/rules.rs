//! Protocol rules for the bundled [`CloseCode`] that are not columns of its table.

use crate::{CloseCode, CloseFrame};

impl CloseCode {
    /// The code to report for a Close frame body: its code, or 1005 (*No Status Rcvd*) for a
    /// frame with no body, as RFC 6455 §7.1.5 says.
    ///
    /// ```
    /// use close_codes::{CloseCode, CloseFrame};
    ///
    /// assert_eq!(CloseCode::received(CloseFrame::parse(b"")?), CloseCode::NoStatusRcvd);
    /// assert_eq!(CloseCode::received(CloseFrame::parse(b"\x03\xe9")?), CloseCode::GoingAway);
    /// # Ok::<(), close_codes::CloseFrameError>(())
    /// ```
    pub const fn received(frame: Option<CloseFrame<'_>>) -> Self {
        match frame {
            Some(frame) => frame.code,
            None => CloseCode::NoStatusRcvd,
        }
    }

    /// A clean close: 1000 (*Normal Closure*: the connection did its job), 1001 (*Going Away*:
    /// a server shutting down or a page navigating away), or 1005 (*No Status Rcvd*: the peer
    /// closed without a status, RFC 6455 §7.1.5). Every other code reports a problem.
    ///
    /// [RFC 6455 §7.4.1] defines the three codes; grouping them as "closed normally" is this
    /// library's reading of those definitions (neither 1000 nor 1001 reports a fault, and a
    /// missing status says nothing went wrong), not a rule of the RFC. It is not the browser's
    /// `CloseEvent.wasClean`, which says whether the closing handshake completed, whatever the
    /// code.
    ///
    /// [RFC 6455 §7.4.1]: https://datatracker.ietf.org/doc/html/rfc6455#section-7.4.1
    ///
    /// ```
    /// use close_codes::CloseCode;
    ///
    /// assert!(CloseCode::GoingAway.is_clean());
    /// assert!(CloseCode::received(None).is_clean());
    /// assert!(!CloseCode::InternalError.is_clean());
    /// ```
    pub const fn is_clean(self) -> bool {
        matches!(
            self,
            CloseCode::NormalClosure | CloseCode::GoingAway | CloseCode::NoStatusRcvd
        )
    }

    /// Whether a browser script may pass the code to `WebSocket.close(code, reason)`: only 1000
    /// and 3000-4999. The WHATWG [WebSockets Standard] (the `close()` method, which moved there
    /// from the HTML Standard in 2021) throws an `InvalidAccessError` for any other code, so a server
    /// that wants a browser client to close with a code must pick one of these. The same
    /// method throws a `SyntaxError` for a reason over 123 bytes of UTF-8,
    /// [`MAX_REASON_LEN`](crate::MAX_REASON_LEN).
    ///
    /// [WebSockets Standard]: https://websockets.spec.whatwg.org/#dom-websocket-close
    ///
    /// ```
    /// use close_codes::CloseCode;
    ///
    /// assert!(CloseCode::NormalClosure.is_browser_closable());
    /// assert!(CloseCode::Forbidden.is_browser_closable());
    /// assert!(!CloseCode::GoingAway.is_browser_closable()); // sendable, but not from a script
    /// ```
    pub const fn is_browser_closable(self) -> bool {
        matches!(self.as_u16(), 1000 | 3000..=4999)
    }
}
