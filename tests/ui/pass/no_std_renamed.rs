//! A `no_std` crate that reaches the runtime under another name, with missing docs denied.
#![no_std]
#![deny(missing_docs)]

// A test binary needs std to run; the generated code itself names only `core` and `cc`.
extern crate close_codes as cc;
extern crate std;

cc::close_codes! {
    /// The application's codes.
    pub enum AppCode from "tables/app.md"
}

fn main() {
    assert_eq!(AppCode::of::<4001>(), AppCode::Kicked);
    assert_eq!(AppCode::sendable::<4002>().as_u16(), 4002);
    assert_eq!(<AppCode as cc::Code>::TYPE_NAME, "AppCode");
    assert_eq!(cc::close_code!(AppCode, 4003).as_u16(), 4003);
    assert_eq!(cc::close_code!(cc::CloseCode, any 1006), cc::CloseCode::AbnormalClosure);
}
