use close_codes::CloseCode;

fn main() {
    // 1005 is reported to applications, never sent.
    let _ = CloseCode::sendable::<1005>();
}
