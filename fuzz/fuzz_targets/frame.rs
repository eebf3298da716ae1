//! `CloseFrame::parse` on arbitrary bytes: never panics, and whatever parses re-encodes to the
//! same bytes.
#![no_main]

use close_codes::{CloseCode, CloseFrame, CloseFrameError, MAX_PAYLOAD_LEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    match CloseFrame::<CloseCode>::parse(body) {
        Ok(None) => assert!(body.is_empty()),
        Ok(Some(frame)) => {
            let mut buf = [0; MAX_PAYLOAD_LEN];
            assert_eq!(frame.encode(&mut buf).unwrap(), body);
        }
        Err(error) => {
            let utf8 = matches!(error, CloseFrameError::ReasonNotUtf8 { .. });
            assert_eq!(error.reply_code(), if utf8 { 1007 } else { 1002 });
            if let [high, low, ..] = body {
                assert_eq!(error.code(), Some(u16::from_be_bytes([*high, *low])));
            }
        }
    }
});
