//! The proc macro's front half: its input, `$crate; [#[attr]* vis enum Name from] "path"
//! [, heading = "text"]`, read from the text of its tokens, and the whole expansion as source
//! text. The grammar is a dozen tokens, so a small lexer reads it: syn would put its compile
//! time on every user's critical path (BENCHMARKS.md), and the proc macro itself only converts
//! between its tokens and this text.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::expand::{self, Options};
use crate::load::{Loaded, load};

/// What [`expand_macro`] makes of a `close_codes!` call: the problems and the code, each for
/// the proc macro to turn into tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expansion {
    /// One message per problem, rendered (`--> file:line:col` and a snippet) for a
    /// `compile_error!` each. A table's problems come with `code` for the rows that passed;
    /// a call that cannot be read at all has only its error and no code.
    pub errors: Vec<String>,
    /// The type, in a module of its own, and its re-export, as Rust source. Where the call
    /// names the runtime `$crate` (the `close_codes!` front does), the code names it
    /// [`Expansion::RUNTIME`] instead: a string cannot spell `$crate`'s hygiene, so the proc
    /// macro puts its own `$crate` token back.
    pub code: String,
}

impl Expansion {
    /// The identifier that stands for `$crate` in [`code`](Self::code).
    pub const RUNTIME: &'static str = "__close_codes_runtime";
}

/// A parsed `close_codes!` call.
#[derive(Debug, PartialEq, Eq)]
struct Invocation {
    krate: String,
    attrs: Vec<String>,
    has_docs: bool,
    vis: String,
    name: String,
    path: String,
    heading: Option<String>,
}

/// The whole macro: reads the invocation (the text of the proc macro's input tokens), reads the
/// table relative to `manifest_dir`, and returns the generated type and one error per problem.
/// Never panics: with problems it still emits the type from the rows that passed, so the user
/// sees the table's errors rather than a cascade of unresolved names.
pub fn expand_macro(input: &str, manifest_dir: Option<&Path>) -> Expansion {
    let invocation = match lex(input).and_then(|tokens| parse(&tokens)) {
        Ok(invocation) => invocation,
        Err(error) => {
            return Expansion {
                errors: vec![error],
                code: String::new(),
            };
        }
    };
    let Loaded {
        resolved,
        source,
        table,
        problems,
    } = load(
        &invocation.path,
        manifest_dir,
        invocation.heading.as_deref(),
    );
    let errors = Diagnostic::compile_errors(&problems, source.as_ref());
    let options = Options {
        krate: if invocation.krate == "$crate" {
            Expansion::RUNTIME.to_owned()
        } else {
            invocation.krate
        },
        attrs: invocation.attrs,
        // The type is `pub` in a module of its own; the re-export below has the user's
        // visibility.
        vis: "pub".to_owned(),
        name: invocation.name.clone(),
        source_name: invocation.path,
        // Only a file that exists can be tracked; one that failed to read is reported anyway.
        include: resolved
            .filter(|_| source.is_some())
            .and_then(|path| path.to_str().map(str::to_owned)),
        has_docs: invocation.has_docs,
    };
    let generated = expand::expand(&table, &options);
    let (vis, name) = (invocation.vis, invocation.name);
    // One module a call, the type re-exported from it: two calls that make the same name in
    // one module are then one error on the name ("defined multiple times"), rather than one for
    // every method and impl both define. `use super::*` lets the user's attributes name what
    // the calling module has in scope.
    let module = format!(
        "__close_codes_{}_{}",
        name.trim_start_matches("r#"),
        next_call()
    );
    let code = format!(
        "#[allow(non_snake_case, unreachable_pub)]\nmod {module} {{\n#[allow(unused_imports)]\n\
         use super::*;\n{generated}}}\n{vis} use {module}::{name};\n"
    );
    Expansion { errors, code }
}

/// A number for each call the proc macro expands in this compiler process, to name its module.
fn next_call() -> usize {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A token of the invocation's text; a group is kept whole, delimiters included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    Ident(&'a str),
    Punct(&'a str),
    Literal(&'a str),
    Group(char, &'a str),
}

fn parse(tokens: &[Token<'_>]) -> Result<Invocation, String> {
    let mut rest = tokens;
    let krate = parse_crate(&mut rest)?;
    let (attrs, has_docs) = parse_attrs(&mut rest)?;
    let vis = parse_vis(&mut rest);
    let name = parse_name(&mut rest, !attrs.is_empty() || !vis.is_empty())?;
    let path = match rest.split_first() {
        Some((Token::Literal(literal), after)) => {
            rest = after;
            string_value(literal)
        }
        _ => None,
    }
    .ok_or("expected the markdown file's path as a string, e.g. `close_codes!(\"codes.md\")`")?;
    let heading = parse_options(&mut rest)?;
    Ok(Invocation {
        krate,
        attrs,
        has_docs,
        vis: if vis.is_empty() {
            "pub".to_owned()
        } else {
            vis
        },
        name,
        path,
        heading,
    })
}

/// The `macro_rules!` front passes `$crate` first, so the output can name the runtime.
fn parse_crate(rest: &mut &[Token<'_>]) -> Result<String, String> {
    let end = rest
        .iter()
        .position(|token| *token == Token::Punct(";"))
        .ok_or("expected the runtime's path and `;` first")?;
    let krate = rest[..end].iter().map(text).collect::<Vec<_>>().concat();
    *rest = &rest[end + 1..];
    Ok(krate)
}

/// Outer attributes for the enum, and whether any is a doc comment.
fn parse_attrs(rest: &mut &[Token<'_>]) -> Result<(Vec<String>, bool), String> {
    let mut attrs = Vec::new();
    let mut has_docs = false;
    while let [Token::Punct("#"), after @ ..] = *rest {
        let [Token::Group('[', group), after @ ..] = after else {
            return Err("expected `[` after `#`".to_owned());
        };
        let inner = group.strip_prefix('[').and_then(|g| g.strip_suffix(']'));
        has_docs |= lex(inner.unwrap_or_default())
            .is_ok_and(|inner| inner.first() == Some(&Token::Ident("doc")));
        attrs.push(format!("#{group}"));
        *rest = after;
    }
    Ok((attrs, has_docs))
}

/// `pub` or `pub(…)`, or nothing.
fn parse_vis(rest: &mut &[Token<'_>]) -> String {
    match *rest {
        [Token::Ident("pub"), Token::Group('(', group), after @ ..] => {
            *rest = after;
            format!("pub{group}")
        }
        [Token::Ident("pub"), after @ ..] => {
            *rest = after;
            "pub".to_owned()
        }
        _ => String::new(),
    }
}

/// `enum Name from`, required when attributes or a visibility came first; else `CloseCode`.
fn parse_name(rest: &mut &[Token<'_>], required: bool) -> Result<String, String> {
    let [Token::Ident("enum"), after @ ..] = *rest else {
        if required {
            return Err("expected `enum Name from \"path/to/table.md\"`".to_owned());
        }
        return Ok("CloseCode".to_owned());
    };
    let [Token::Ident(name), after @ ..] = after else {
        return Err("expected the type's name after `enum`".to_owned());
    };
    let [Token::Ident("from"), after @ ..] = after else {
        return Err("expected `from \"path/to/table.md\"` after the type's name".to_owned());
    };
    *rest = after;
    Ok((*name).to_owned())
}

/// `, heading = "…"` at most once, and a trailing comma.
fn parse_options(rest: &mut &[Token<'_>]) -> Result<Option<String>, String> {
    let mut heading = None;
    while let [Token::Punct(","), after @ ..] = *rest {
        *rest = after;
        let [key, after @ ..] = *rest else {
            break;
        };
        if *key != Token::Ident("heading") || heading.is_some() {
            return Err(format!(
                "unexpected option `{}`: the one option is `heading = \"…\"`",
                text(key)
            ));
        }
        let [Token::Punct("="), Token::Literal(literal), after @ ..] = after else {
            return Err("expected `= \"…\"` after `heading`".to_owned());
        };
        heading = Some(string_value(literal).ok_or("expected the heading as a string")?);
        *rest = after;
    }
    if !rest.is_empty() {
        return Err("unexpected tokens after the path".to_owned());
    }
    Ok(heading)
}

fn text<'a>(token: &Token<'a>) -> &'a str {
    match *token {
        Token::Ident(text) | Token::Punct(text) | Token::Literal(text) | Token::Group(_, text) => {
            text
        }
    }
}

/// Splits the text of a token stream (as a proc macro's input prints) into tokens.
fn lex(input: &str) -> Result<Vec<Token<'_>>, String> {
    let mut tokens = Vec::new();
    let mut at = 0;
    while let Some(c) = input[at..].chars().next() {
        let start = at;
        at += c.len_utf8();
        let token = match c {
            _ if c.is_whitespace() => continue,
            '"' | '\'' => {
                at = quoted_end(input, start)?;
                match &input[start..at] {
                    "'" => Token::Punct("'"),
                    literal => Token::Literal(literal),
                }
            }
            '(' | '[' | '{' => {
                at = group_end(input, start)?;
                Token::Group(c, &input[start..at])
            }
            _ if c.is_alphanumeric() || c == '_' || c == '$' => {
                at = word_end(input, start)?;
                let word = &input[start..at];
                match word.chars().next() {
                    Some(first) if first.is_ascii_digit() || word.ends_with(['"', '#', '\'']) => {
                        Token::Literal(word)
                    }
                    _ => Token::Ident(word),
                }
            }
            _ => Token::Punct(&input[start..at]),
        };
        tokens.push(token);
    }
    Ok(tokens)
}

/// The end of an identifier, a number, or a prefixed literal (`r"…"`, `r#"…"#`, `b"…"`).
fn word_end(input: &str, start: usize) -> Result<usize, String> {
    let word = input[start..]
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .map_or(input.len(), |length| start + length);
    let prefix = &input[start..word];
    let after = &input[word..];
    let raw = matches!(prefix, "r" | "br" | "cr") && after.starts_with(['"', '#']);
    if raw && !after.trim_start_matches('#').starts_with(['"']) {
        // `r#ident`: a raw identifier.
        return word_end(input, word + 1);
    }
    if raw {
        return raw_string_end(input, word);
    }
    if matches!(prefix, "b" | "c") && after.starts_with(['"', '\'']) {
        return quoted_end(input, word);
    }
    Ok(word)
}

/// The end of `"…"` or `'…'` starting at `start` (escapes skipped); a lifetime's `'` alone.
fn quoted_end(input: &str, start: usize) -> Result<usize, String> {
    let quote = input[start..].chars().next().unwrap_or('"');
    let mut chars = input[start + 1..].char_indices();
    while let Some((offset, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            _ if c == quote => return Ok(start + 1 + offset + 1),
            // `'a` is a lifetime, not a character: only `'` is the token.
            _ if quote == '\'' && offset > 0 => return Ok(start + 1),
            _ => {}
        }
    }
    Err("a string in the macro's input does not end".to_owned())
}

/// The end of a raw string whose `#`s or `"` start at `at`.
fn raw_string_end(input: &str, at: usize) -> Result<usize, String> {
    let hashes = input[at..].chars().take_while(|&c| c == '#').count();
    let closing = format!("\"{}", "#".repeat(hashes));
    let body = at + hashes + 1;
    input
        .get(body..)
        .and_then(|rest| rest.find(&closing))
        .map(|end| body + end + closing.len())
        .ok_or_else(|| "a raw string in the macro's input does not end".to_owned())
}

/// The end of the group opening at `start`: the delimiter that closes it, skipping literals.
fn group_end(input: &str, start: usize) -> Result<usize, String> {
    let mut depth = 0_usize;
    let mut at = start;
    while let Some(c) = input[at..].chars().next() {
        let here = at;
        at += c.len_utf8();
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(at);
                }
            }
            '"' | '\'' => at = quoted_end(input, here)?,
            _ if c.is_alphanumeric() || c == '_' => at = word_end(input, here)?,
            _ => {}
        }
    }
    Err("a group in the macro's input does not close".to_owned())
}

/// The value of a string literal (`"…"` with its escapes, or raw `r#"…"#`); `None` for any
/// other literal.
fn string_value(literal: &str) -> Option<String> {
    if let Some(raw) = literal.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        return raw
            .get(hashes + 1..raw.len().checked_sub(hashes + 1)?)
            .map(str::to_owned);
    }
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut value = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            value.push(c);
            continue;
        }
        match chars.next()? {
            'n' => value.push('\n'),
            'r' => value.push('\r'),
            't' => value.push('\t'),
            '0' => value.push('\0'),
            c @ ('\\' | '"' | '\'') => value.push(c),
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                value.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            'u' => {
                let digits: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let code = u32::from_str_radix(digits.trim_start_matches('{'), 16).ok()?;
                value.push(char::from_u32(code)?);
            }
            // A backslash at a line's end joins the next line, less its indent.
            '\n' => while chars.next_if(|c| c.is_whitespace()).is_some() {},
            _ => return None,
        }
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_is_read_as_tokens() {
        let tokens = lex("$crate ; # [doc = r\" a [ \", x = \"b \\\" ]\"] pub (crate) enum A from \"x.md\" , heading = 'c'").unwrap();
        assert_eq!(
            tokens,
            [
                Token::Ident("$crate"),
                Token::Punct(";"),
                Token::Punct("#"),
                Token::Group('[', "[doc = r\" a [ \", x = \"b \\\" ]\"]"),
                Token::Ident("pub"),
                Token::Group('(', "(crate)"),
                Token::Ident("enum"),
                Token::Ident("A"),
                Token::Ident("from"),
                Token::Literal("\"x.md\""),
                Token::Punct(","),
                Token::Ident("heading"),
                Token::Punct("="),
                Token::Literal("'c'"),
            ]
        );
        assert_eq!(
            lex("r#type 'a b\"x\" 10u8").unwrap(),
            [
                Token::Ident("r#type"),
                Token::Punct("'"),
                Token::Ident("a"),
                Token::Literal("b\"x\""),
                Token::Literal("10u8"),
            ]
        );
        // A byte string with an escaped quote; `#` after a word that is not `r`.
        assert_eq!(
            lex(r##"b"a\"b" x#[doc] r#"q"# y r"z"w"##).unwrap(),
            [
                Token::Literal(r#"b"a\"b""#),
                Token::Ident("x"),
                Token::Punct("#"),
                Token::Group('[', "[doc]"),
                Token::Literal(r##"r#"q"#"##),
                Token::Ident("y"),
                Token::Literal(r#"r"z""#),
                Token::Ident("w"),
            ]
        );
        assert!(lex("\"open").is_err());
        assert!(lex("[open").is_err());
    }

    #[test]
    fn string_literals_are_unescaped() {
        assert_eq!(
            string_value(r#""a\"b\\c\n\x41\u{e9}""#).as_deref(),
            Some("a\"b\\c\nAé")
        );
        assert_eq!(
            string_value(r##"r#"a "b" c"#"##).as_deref(),
            Some("a \"b\" c")
        );
        assert_eq!(string_value("\"a\\\n   b\"").as_deref(), Some("ab"));
        assert_eq!(string_value("'c'"), None);
        assert_eq!(string_value("b\"x\""), None);
        assert_eq!(string_value(r#""\q""#), None);
    }
}
