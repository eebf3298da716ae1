//! The main job on the bundled table: `cargo run --example tour`.
//!
//! `close_codes::CloseCode` is generated at compile time from `codes.md`; this prints what the
//! generated type knows, then parses a few codes as a WebSocket endpoint would.

use close_codes::{CloseCode, Code};

fn main() {
    println!(
        "close_codes::CloseCode, generated from {}:\n",
        CloseCode::SOURCE
    );
    println!(
        "{:<11} {:<24} {:<9} {:<9} usage",
        "code", "variant", "sendable", "reserved"
    );
    for row in CloseCode::ROWS {
        // The first code whose own row this is (3000 belongs to its single-code row, not 3000-3999).
        let first = (row.start()..=row.end())
            .filter_map(CloseCode::from_u16)
            .find(|code| code.row() == row)
            .expect("every row owns at least one code");
        let codes = if row.is_range() {
            format!("{}-{}", row.start(), row.end())
        } else {
            row.start().to_string()
        };
        let variant = format!("{first:?}");
        let variant = variant.split('(').next().unwrap_or_default();
        println!(
            "{codes:<11} {variant:<24} {:<9} {:<9} {}",
            yes(row.is_sendable()),
            yes(row.is_reserved()),
            row.usage()
        );
    }

    println!("\nA peer's codes, as an endpoint reads them:");
    for code in [1000, 1005, 1014, 3003, 4001, 1004, 2500, 5000] {
        match CloseCode::try_from(code) {
            Ok(close) => {
                // The usage text already names the HTTP equivalent where it has one.
                println!(
                    "  {code}: {close} ({}) -> {}",
                    close.description(),
                    match CloseCode::sendable_from_u16(code) {
                        Ok(_) => "may be sent".to_owned(),
                        Err(why) => why.to_string(),
                    }
                );
            }
            Err(error) => println!("  {code}: {error}"),
        }
    }

    let sendable = (0..=u16::MAX)
        .filter_map(CloseCode::from_u16)
        .filter(|code| code.is_sendable())
        .count();
    println!(
        "\n{sendable} of 65536 codes may be sent; as_u16(TlsHandshake) = {}",
        CloseCode::TlsHandshake.as_u16()
    );
    println!(
        "generic over any table: {}",
        describe(CloseCode::BadGateway)
    );
}

fn describe<C: Code>(code: C) -> String {
    let http = code.http_status().map_or(String::new(), |status| {
        format!(", the equivalent of HTTP {status}")
    });
    format!(
        "{code}{http}, from line {} of {}",
        code.row().line(),
        C::SOURCE
    )
}

fn yes(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}
