use close_codes::{CloseCode, close_code};

fn main() {
    // 1005 is reported to applications, never sent.
    let _ = close_code!(CloseCode, 1005);
}
