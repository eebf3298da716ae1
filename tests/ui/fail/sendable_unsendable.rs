use close_codes::CloseCode;

fn main() {
    // 2000 lies in the unnamed 1016-2999 row, which is not Custom `Yes`.
    let _ = CloseCode::sendable::<2000>();
}
