//! `generate`: a table as a Rust module to check in, and `check --generated`: whether such a
//! module is still what its table generates.
//!
//! The module's first lines record the command that wrote it. `check --generated` reads that
//! command back and runs it in memory, so a file is checked with exactly its own settings and
//! the user never repeats them.

use clap::{Arg, ArgAction, ArgMatches, Command};
use close_codes_codegen::{Build, BuildError};

use crate::shell;

/// The line of a generated file that holds the command regenerating it.
const REGENERATE: &str = "// Regenerate: ";

/// The `generate` subcommand's arguments.
pub(crate) fn command(heading: Arg) -> Command {
    let setting = |name: &'static str, value: &'static str, help: &'static str| {
        Arg::new(name).long(name).value_name(value).help(help)
    };
    let repeated = |name: &'static str, value: &'static str, help: &'static str| {
        setting(name, value, help).action(ArgAction::Append)
    };
    Command::new("generate")
        .about("Write the type for a table as a Rust module to check in")
        .long_about(
            "Write the type the close_codes! macro would generate, as a formatted Rust module \
             to check in: it compiles with close-codes' default features (no proc macro). Its \
             first lines record this command; `close-codes check --generated FILE` fails when \
             the table or close-codes changed and the file was not regenerated.",
        )
        .arg(
            Arg::new("file")
                .value_name("TABLE")
                .required(true)
                .help("The markdown file holding the table"),
        )
        .arg(heading)
        .arg(setting(
            "name",
            "NAME",
            "The enum's name [default: CloseCode]",
        ))
        .arg(setting(
            "vis",
            "VIS",
            "The enum's visibility: pub, pub(crate), … or \"\" [default: pub]",
        ))
        .arg(repeated(
            "doc",
            "TEXT",
            "A line of the enum's docs (repeatable); replaces the default first line",
        ))
        .arg(repeated(
            "attr",
            "ATTR",
            "An attribute for the enum, without #[ ] (repeatable): non_exhaustive, …",
        ))
        .arg(setting(
            "crate-path",
            "PATH",
            "The path the code names the runtime by [default: ::close_codes]",
        ))
        .arg(
            setting("output", "FILE", "Write to FILE instead of standard output")
                .short('o')
                .long("output"),
        )
}

/// Why a module could not be generated.
pub(crate) enum Failure {
    /// The table (or a setting) has problems: the pipeline's error, rendered by the caller.
    Build(BuildError),
    /// Anything else, said in a sentence.
    Message(String),
}

/// The module `generate` writes for these arguments: its header, then the formatted code.
pub(crate) fn module(args: &ArgMatches) -> Result<String, Failure> {
    let table = string(args, "file").unwrap_or_default();
    let source = crate::read(table).map_err(|problem| {
        Failure::Build(BuildError::Table {
            source: None,
            problems: vec![problem],
        })
    })?;
    let tokens = build(args, table)
        .tokens_from(&source)
        .map_err(Failure::Build)?;
    let code = crate::format(&tokens.to_string()).map_err(Failure::Message)?;
    Ok(format!("{}{code}", header(args)))
}

fn build(args: &ArgMatches, table: &str) -> Build {
    let mut build = Build::new(table);
    if let Some(heading) = string(args, "heading") {
        build = build.heading(heading);
    }
    if let Some(name) = string(args, "name") {
        build = build.type_name(name);
    }
    if let Some(vis) = string(args, "vis") {
        build = build.visibility(vis);
    }
    if let Some(path) = string(args, "crate-path") {
        build = build.crate_path(path);
    }
    for doc in strings(args, "doc") {
        build = build.doc(doc);
    }
    for attribute in strings(args, "attr") {
        build = build.attribute(attribute);
    }
    build
}

/// What the file says of itself: generated, from which table, and the command that writes it
/// again (the arguments as given, in a fixed order, so the header does not depend on how the
/// user ordered them).
fn header(args: &ArgMatches) -> String {
    let table = string(args, "file").unwrap_or_default();
    let mut words = vec![
        "close-codes".to_owned(),
        "generate".to_owned(),
        table.to_owned(),
    ];
    for name in ["heading", "name", "vis", "crate-path", "doc", "attr"] {
        for value in strings(args, name) {
            words.extend([format!("--{name}"), value.to_owned()]);
        }
    }
    let check = string(args, "output").map(|output| {
        words.extend(["-o".to_owned(), output.to_owned()]);
        format!(
            "// Check: close-codes check --generated {}\n",
            shell::join([output])
        )
    });
    format!(
        "// @generated by close-codes from `{table}`: edit the table, not this file.\n\
         {REGENERATE}{}\n{}\n",
        shell::join(words.iter().map(String::as_str)),
        check.unwrap_or_default(),
    )
}

fn string<'a>(args: &'a ArgMatches, name: &str) -> Option<&'a str> {
    args.get_one::<String>(name).map(String::as_str)
}

fn strings<'a>(args: &'a ArgMatches, name: &str) -> impl Iterator<Item = &'a str> {
    args.get_many::<String>(name)
        .into_iter()
        .flatten()
        .map(String::as_str)
}

/// Whether the generated file at `path` is what its recorded command writes now: `Ok` when it
/// is, else a message naming the command and the first line that differs.
pub(crate) fn check(path: &str) -> Result<(), Failure> {
    let file = std::fs::read_to_string(path)
        .map_err(|error| Failure::Message(format!("cannot read `{path}`: {error}")))?;
    let Some(line) = file.lines().find_map(|line| line.strip_prefix(REGENERATE)) else {
        return Err(Failure::Message(format!(
            "`{path}` has no `{}` line: it was not written by `close-codes generate`",
            REGENERATE.trim_end()
        )));
    };
    let words = shell::split(line)
        .filter(|words| words.get(1).is_some_and(|word| word == "generate"))
        .ok_or_else(|| Failure::Message(format!("`{path}`: cannot read the command `{line}`")))?;
    let args = crate::cli()
        .try_get_matches_from(&words)
        .map_err(|error| Failure::Message(format!("`{path}`: the command `{line}`: {error}")))?;
    let fresh = module(args.subcommand().map_or(&args, |(_, args)| args))?;
    match first_difference(&file, &fresh) {
        None => Ok(()),
        Some((number, written, generated)) => Err(Failure::Message(format!(
            "`{path}` is stale: its table or close-codes changed since it was generated\n  \
             first difference, line {number}:\n    file:      {written}\n    generated: \
             {generated}\n  regenerate it with: {line}"
        ))),
    }
}

/// The first line (1-based) where two texts differ, with each side's line (`<end of file>`
/// where one is shorter).
fn first_difference(written: &str, generated: &str) -> Option<(usize, String, String)> {
    let mut left = written.lines();
    let mut right = generated.lines();
    for number in 1.. {
        match (left.next(), right.next()) {
            (None, None) => return None,
            (a, b) if a == b => {}
            (a, b) => {
                let show = |line: Option<&str>| line.unwrap_or("<end of file>").to_owned();
                return Some((number, show(a), show(b)));
            }
        }
    }
    None
}
