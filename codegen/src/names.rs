//! Cell text to Rust identifiers: "Normal Closure" → `NormalClosure`, "TLS handshake" →
//! `TlsHandshake`, "Rate-limited (slow down)" → `RateLimitedSlowDown`.

use unicode_normalization::UnicodeNormalization as _;

/// Why a name cell yields no usable variant name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NameError {
    /// No letters or digits at all ("!!!").
    Empty,
    /// The identifier would start with a digit ("123", "3rd party").
    StartsWithDigit(String),
    /// A character that Rust identifiers cannot hold.
    NotAnIdentifier(String),
    /// The identifier holds a compatibility character, such as the Roman numeral `Ⅻ` or a
    /// full-width `Ｋ`: rustc accepts it but warns (`uncommon_codepoints`), so a crate that
    /// denies warnings would not build. `plain` is the character's compatibility form (`XII`).
    Compatibility {
        ident: String,
        character: char,
        plain: String,
    },
    /// The identifier is a keyword (`Self`).
    Keyword(String),
    /// The generated type already uses the name for something else.
    Taken(String),
}

/// Names the generated type uses itself: the catch-all variant and its associated consts.
pub(crate) const TAKEN: [&str; 3] = ["Other", "ROWS", "SOURCE"];

/// Turns a name cell's plain text into an `UpperCamelCase` variant name.
///
/// Words are split at anything that is not a letter or digit, at a lower-to-upper change
/// (`WebSocket` → `Web` `Socket`) and before the last capital of an acronym (`HTTPError` →
/// `HTTP` `Error`); each word is then capitalised with the rest in lower case, so `TLS` →
/// `Tls`, as rustc's `non_camel_case_types` lint would have it.
///
/// The text and the identifier are in Unicode NFC, as rustc normalizes every identifier it
/// reads: the Kelvin sign `K` becomes `K`, so two names rustc would see as one are one here.
pub(crate) fn variant_name(text: &str) -> Result<String, NameError> {
    // Invisible characters join what they stand between, as a reader sees `Sign&shy;ed out`.
    let text: String = nfc(text).chars().filter(|&c| !is_invisible(c)).collect();
    let mut camel = String::new();
    for word in words(&text) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            camel.extend(first.to_uppercase());
            camel.extend(chars.flat_map(char::to_lowercase));
        }
    }
    // Case mapping can undo NFC (a letter whose capital decomposes): normalize what rustc sees.
    let ident = nfc(&camel);
    let Some(first) = ident.chars().next() else {
        return Err(NameError::Empty);
    };
    if !unicode_ident::is_xid_start(first) {
        // A decimal digit may continue an identifier, never start one; a letter-number such
        // as `Ⅻ` starts identifiers and is no digit.
        return Err(
            if unicode_ident::is_xid_continue(first) && first.is_numeric() {
                NameError::StartsWithDigit(ident)
            } else {
                NameError::NotAnIdentifier(ident)
            },
        );
    }
    if !ident.chars().all(unicode_ident::is_xid_continue) {
        return Err(NameError::NotAnIdentifier(ident));
    }
    if let Some((character, plain)) = compatibility_character(&ident) {
        return Err(NameError::Compatibility {
            ident,
            character,
            plain,
        });
    }
    if ident == "Self" {
        return Err(NameError::Keyword(ident));
    }
    if TAKEN.contains(&ident.as_str()) {
        return Err(NameError::Taken(ident));
    }
    Ok(ident)
}

/// `text` in NFC. ASCII is NFC already: most names skip the tables.
fn nfc(text: &str) -> String {
    if text.is_ascii() {
        text.to_owned()
    } else {
        text.nfc().collect()
    }
}

/// A format character a reader does not see, which joins rather than splits a word: the soft
/// hyphen, zero-width space, non-joiner and joiner, the word joiner and the zero-width no-break
/// space. (Bidi controls are refused before names are read.)
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// The first character that NFKC would change, with what it changes it to: rustc's
/// `uncommon_codepoints` lint warns about each. ASCII never changes.
fn compatibility_character(ident: &str) -> Option<(char, String)> {
    ident.chars().filter(|c| !c.is_ascii()).find_map(|c| {
        let plain: String = std::iter::once(c).nfkc().collect();
        let mut chars = plain.chars();
        let unchanged = chars.next() == Some(c) && chars.next().is_none();
        (!unchanged).then_some((c, plain))
    })
}

fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for chunk in text.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = chunk.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            let boundary = c.is_uppercase()
                && prev.is_some_and(|p| {
                    p.is_lowercase() || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
                });
            if boundary && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            word.push(c);
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::{NameError, variant_name};

    #[test]
    fn names_from_the_issue() {
        for (text, ident) in [
            ("Normal Closure", "NormalClosure"),
            ("Bad gateway", "BadGateway"),
            ("Mandatory Ext.", "MandatoryExt"),
            ("TLS handshake", "TlsHandshake"),
            ("Rate-limited (slow down)", "RateLimitedSlowDown"),
            ("No Status Rcvd", "NoStatusRcvd"),
            ("Invalid frame payload data", "InvalidFramePayloadData"),
            ("WebSocket error", "WebSocketError"),
            ("HTTPError", "HttpError"),
            ("HTTP/2 reset", "Http2Reset"),
            ("  spaced   out ", "SpacedOut"),
            ("café crème", "CaféCrème"),
        ] {
            assert_eq!(variant_name(text).as_deref(), Ok(ident), "{text}");
        }
    }

    #[test]
    fn names_that_give_no_identifier() {
        assert_eq!(variant_name("!!!"), Err(NameError::Empty));
        assert_eq!(variant_name(""), Err(NameError::Empty));
        assert_eq!(
            variant_name("123"),
            Err(NameError::StartsWithDigit("123".into()))
        );
        assert_eq!(variant_name("self"), Err(NameError::Keyword("Self".into())));
        assert_eq!(variant_name("other"), Err(NameError::Taken("Other".into())));
        assert_eq!(
            variant_name("R-O-W-S"),
            Err(NameError::Taken("ROWS".into()))
        );
    }

    #[test]
    fn names_must_make_identifiers() {
        assert_eq!(variant_name("Going Away").as_deref(), Ok("GoingAway"));
        assert_eq!(
            variant_name("x²"),
            Err(NameError::NotAnIdentifier("X²".to_owned()))
        );
        assert_eq!(
            variant_name("Level ²"),
            Err(NameError::NotAnIdentifier("Level²".to_owned()))
        );
        assert_eq!(variant_name("aB1c").as_deref(), Ok("AB1c"));
        assert_eq!(variant_name("ABCdef").as_deref(), Ok("AbCdef"));
        assert_eq!(variant_name("IOError").as_deref(), Ok("IoError"));
        assert_eq!(variant_name("A").as_deref(), Ok("A"));
    }

    #[test]
    fn invisible_characters_join_a_word_as_a_reader_sees_it() {
        assert_eq!(variant_name("Sign\u{ad}ed out"), Ok("SignedOut".to_owned()));
        assert_eq!(variant_name("Room\u{200b}full"), Ok("Roomfull".to_owned()));
        assert_eq!(
            variant_name("\u{feff}Going away"),
            Ok("GoingAway".to_owned())
        );
    }

    #[test]
    fn identifiers_are_nfc_as_rustc_reads_them() {
        // The Kelvin sign, the Angstrom sign and the Ohm sign are the letters K, Å and Ω to
        // rustc: the identifiers must be too, or two names collide only when rustc reads them.
        assert_eq!(variant_name("\u{212A}").as_deref(), Ok("K"));
        assert_eq!(variant_name("k").as_deref(), Ok("K"));
        assert_eq!(
            variant_name("\u{212B}ngstrom").as_deref(),
            Ok("\u{C5}ngstrom")
        );
        assert_eq!(
            variant_name("A\u{30A}ngstrom").as_deref(),
            Ok("\u{C5}ngstrom")
        );
        assert_eq!(variant_name("\u{2126}hm").as_deref(), Ok("\u{3A9}hm"));
        assert_eq!(variant_name("\u{3A9}hm").as_deref(), Ok("\u{3A9}hm"));
    }

    #[test]
    fn a_letter_number_is_a_letter_and_compatibility_forms_are_refused() {
        assert_eq!(
            variant_name("\u{216B} roman"),
            Err(NameError::Compatibility {
                ident: "\u{216B}Roman".to_owned(),
                character: '\u{216B}',
                plain: "XII".to_owned(),
            })
        );
        assert_eq!(
            variant_name("\u{FF2B}ick"),
            Err(NameError::Compatibility {
                ident: "\u{FF2B}ick".to_owned(),
                character: '\u{FF2B}',
                plain: "K".to_owned(),
            })
        );
        // A decimal digit of another script still starts with a digit; a superscript is no
        // digit that identifiers may hold at all.
        assert_eq!(
            variant_name("\u{0663} things"),
            Err(NameError::StartsWithDigit("\u{0663}Things".to_owned()))
        );
        assert_eq!(
            variant_name("\u{B2} x"),
            Err(NameError::NotAnIdentifier("\u{B2}X".to_owned()))
        );
    }
}
