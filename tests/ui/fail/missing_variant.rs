use close_codes::CloseCode;

fn main() {
    // The bundled table has no row named "Kicked".
    let _ = CloseCode::Kicked;
}
