//! Command lines as text: a generated file records the command that regenerates it, and
//! `check --generated` reads that command back. POSIX shell quoting, so the recorded line can
//! be pasted into a shell as it is.

/// `words` joined by spaces, each quoted when the shell would otherwise split or expand it.
pub(crate) fn join<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    words.into_iter().map(quote).collect::<Vec<_>>().join(" ")
}

/// One word as the shell reads it back: bare when it is plain, else in single quotes (a single
/// quote inside becomes `'\''`).
fn quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:=,+@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return word.to_owned();
    }
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// Splits a line written by [`join`] (or by a person, with the same quoting) into words:
/// single quotes keep everything, double quotes keep everything but `\"` and `\\`, a
/// backslash outside quotes keeps the next character. `None` when a quote is not closed.
pub(crate) fn split(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => words.extend(word.take()),
            '\'' => word
                .get_or_insert_default()
                .push_str(&single_quoted(&mut chars)?),
            '"' => word
                .get_or_insert_default()
                .push_str(&double_quoted(&mut chars)?),
            '\\' => word.get_or_insert_default().extend(chars.next()),
            c => word.get_or_insert_default().push(c),
        }
    }
    words.extend(word);
    Some(words)
}

/// The rest of a single-quoted string, its closing quote consumed.
fn single_quoted(chars: &mut std::str::Chars<'_>) -> Option<String> {
    let mut text = String::new();
    loop {
        match chars.next()? {
            '\'' => return Some(text),
            c => text.push(c),
        }
    }
}

/// The rest of a double-quoted string, its closing quote consumed.
fn double_quoted(chars: &mut std::str::Chars<'_>) -> Option<String> {
    let mut text = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(text),
            '\\' => match chars.next()? {
                c @ ('"' | '\\') => text.push(c),
                c => text.extend(['\\', c]),
            },
            c => text.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{join, split};

    #[test]
    fn round_trips_words_the_shell_would_split_or_expand() {
        let words = [
            "generate",
            "codes.md",
            "--doc",
            "A WebSocket close code: RFC 6455 §7.4, it's $HOME",
            "",
            "--vis",
            "pub(crate)",
            "-o",
            "src/codes.rs",
        ];
        let line = join(words);
        assert_eq!(
            line,
            "generate codes.md --doc 'A WebSocket close code: RFC 6455 §7.4, it'\\''s $HOME' '' \
             --vis 'pub(crate)' -o src/codes.rs"
        );
        assert_eq!(split(&line).unwrap(), words);
    }

    #[test]
    fn reads_double_quotes_and_backslashes_as_a_person_writes_them() {
        assert_eq!(
            split(r#"a "b c \"d\" \\" e\ f"#).unwrap(),
            ["a", r#"b c "d" \"#, "e f"]
        );
    }

    #[test]
    fn an_unclosed_quote_is_no_command() {
        assert_eq!(split("a 'b"), None);
        assert_eq!(split("a \"b"), None);
    }
}
