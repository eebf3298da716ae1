//! Nothing in scope but what the crate names itself.
#![no_implicit_prelude]

::close_codes::close_codes!("tables/app.md");

fn main() {
    ::std::assert_eq!(CloseCode::of::<4001>(), CloseCode::Kicked);
    ::std::assert!(CloseCode::from_u16(5000).is_none());
    ::std::assert_eq!(::close_codes::close_code!(CloseCode, 4001), CloseCode::Kicked);
    ::std::assert_eq!(::close_codes::close_code!(CloseCode, any 4002).as_u16(), 4002);
}
