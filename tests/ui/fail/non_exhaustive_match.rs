use close_codes::CloseCode;

// The bundled type is `#[non_exhaustive]`: a code IANA registers later becomes a variant in a
// minor release, so outside close-codes a `match` without `_` does not compile.
fn kind(code: CloseCode) -> &'static str {
    match code {
        CloseCode::NormalClosure
        | CloseCode::GoingAway
        | CloseCode::ProtocolError
        | CloseCode::UnsupportedData
        | CloseCode::NoStatusRcvd
        | CloseCode::AbnormalClosure
        | CloseCode::InvalidFramePayloadData
        | CloseCode::PolicyViolation
        | CloseCode::MessageTooBig
        | CloseCode::MandatoryExt
        | CloseCode::InternalError
        | CloseCode::ServiceRestart
        | CloseCode::TryAgainLater
        | CloseCode::BadGateway
        | CloseCode::TlsHandshake
        | CloseCode::Unauthorized
        | CloseCode::Forbidden
        | CloseCode::Timeout => "named",
        CloseCode::Other(_) => "other",
    }
}

fn main() {
    let _ = kind(CloseCode::GoingAway);
}
