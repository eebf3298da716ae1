use close_codes::CloseCode;

fn main() {
    // No row of the bundled table covers 5000.
    let _ = CloseCode::of::<5000>();
}
