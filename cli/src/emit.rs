//! `generate --lang ts|json`: the table as a TypeScript module or as JSON, from the emitters
//! of close-codes-codegen (the same validated table the macro expands). Each file records the
//! command that writes it, as a Rust module does, so `check --generated` reruns it: TypeScript
//! in the same comment lines, JSON (which has no comments) under its `regenerate` key.

use clap::{Arg, ArgMatches};
use close_codes_codegen::BuildError;
use close_codes_codegen::Emit;

use crate::generate::Failure;

/// The languages `generate` writes; the first is the default.
const LANGS: [&str; 3] = ["rust", "ts", "json"];

/// Settings of the Rust enum that no other language has.
const RUST_ONLY: [&str; 4] = ["vis", "doc", "attr", "crate-path"];

/// The `--lang` argument. No clap default: a Rust module's recorded command stays as it was.
pub(crate) fn lang_arg() -> Arg {
    Arg::new("lang")
        .long("lang")
        .value_name("LANG")
        .value_parser(LANGS)
        .help(
            "rust: the enum; ts: an ES module of constants, a union type, isSendable, \
             isReserved, isBrowserClosable and describe; json: the validated table (see \
             schema/close-codes.schema.json) [default: rust]",
        )
}

/// The language `generate` writes for these arguments.
pub(crate) fn lang(args: &ArgMatches) -> &str {
    args.get_one::<String>("lang")
        .map_or(LANGS[0], String::as_str)
}

/// The TypeScript module (under `header`, the comment lines that record `command`) or the
/// JSON (recording `command` under its `regenerate` key) for these arguments, of the table at
/// `path`.
pub(crate) fn module(
    args: &ArgMatches,
    path: &str,
    header: &str,
    command: &str,
) -> Result<String, Failure> {
    let lang = lang(args);
    refuse_rust_settings(args, lang)?;
    let heading = string(args, "heading");
    let source = crate::generate::read_table(path)?;
    let (table, problems) = close_codes_codegen::check(&source, heading);
    if !problems.is_empty() {
        return Err(Failure::Build(BuildError::Table {
            source: Some(source),
            problems,
        }));
    }
    let mut options = Emit::new(path).heading(heading);
    if let Some(name) = string(args, "name") {
        options = options.type_name(name).map_err(Failure::Message)?;
    }
    Ok(if lang == "ts" {
        format!("{header}{}", options.typescript(&table))
    } else {
        options.command(Some(command)).json(&table)
    })
}

/// A setting the language has no use for is refused rather than ignored.
fn refuse_rust_settings(args: &ArgMatches, lang: &str) -> Result<(), Failure> {
    let named = if lang == "json" { Some("name") } else { None };
    let unused = RUST_ONLY
        .into_iter()
        .chain(named)
        .find(|name| args.get_many::<String>(name).is_some());
    match unused {
        Some(name) => Err(Failure::Message(format!(
            "`--{name}` is a setting of the Rust enum; --lang {lang} has no use for it"
        ))),
        None => Ok(()),
    }
}

fn string<'a>(args: &'a ArgMatches, name: &str) -> Option<&'a str> {
    args.get_one::<String>(name).map(String::as_str)
}

/// The command a JSON file records: the text of its `"regenerate": "…",` line.
pub(crate) fn recorded_in_json(line: &str) -> Option<String> {
    let literal = line
        .trim()
        .strip_prefix("\"regenerate\": ")?
        .strip_suffix(',')?;
    unquote(literal)
}

/// The text of a JSON string literal. The emitter escapes `"` and `\`, control characters
/// (`\n`, `\r`, `\t`, else `\u00XX`) and U+2028/U+2029, so no surrogate pairs occur.
fn unquote(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut text = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        match chars.next()? {
            'n' => text.push('\n'),
            'r' => text.push('\r'),
            't' => text.push('\t'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                if hex.len() != 4 {
                    return None;
                }
                text.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            escaped => text.push(escaped),
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_command_line_reads_back() {
        assert_eq!(
            recorded_in_json(r#"  "regenerate": "close-codes generate 'a \"b\".md' --lang json","#),
            Some(r#"close-codes generate 'a "b".md' --lang json"#.to_owned())
        );
        assert_eq!(
            unquote(r#""tab\there \\ \u2028""#),
            Some("tab\there \\ \u{2028}".to_owned())
        );
        assert_eq!(recorded_in_json(r#"  "regenerate": null,"#), None);
        assert_eq!(recorded_in_json(r#"  "source": "x","#), None);
        assert_eq!(unquote(r#""\u12""#), None);
    }
}
