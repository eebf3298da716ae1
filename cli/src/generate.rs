//! `generate`: a table as a Rust module to check in, and `check --generated`: whether such a
//! module is still what its table generates.
//!
//! The module's first lines record the command that wrote it. `check --generated` reads that
//! command back and runs it in memory, so a file is checked with exactly its own settings and
//! the user never repeats them.

use clap::{Arg, ArgAction, ArgMatches, Command};
use close_codes_codegen::{Build, BuildError, Source};

use crate::{emit, shell};

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
        .about("Write the type for a table as a Rust module to check in, or as TypeScript or JSON")
        .long_about(
            "Write the type the close_codes! macro would generate, as a formatted Rust module \
             to check in: it compiles with close-codes' default features (no proc macro). Its \
             first lines record this command; `close-codes check --generated FILE` fails when \
             the table or close-codes changed and the file was not regenerated. With --lang ts, \
             an ES module (no imports; browsers and Node) with the same rules and rows; with \
             --lang json, the validated table for any other language.",
        )
        .arg(
            Arg::new("file")
                .value_name("TABLE")
                .required(true)
                .help("The markdown file holding the table"),
        )
        .arg(emit::lang_arg())
        .arg(heading)
        .arg(setting(
            "name",
            "NAME",
            "The enum's name; with --lang ts, the union type's [default: CloseCode]",
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

/// The module `generate` writes for these arguments: its header, then the formatted code
/// (or, with `--lang ts|json`, what the emitters write).
pub(crate) fn module(args: &ArgMatches) -> Result<String, Failure> {
    if emit::lang(args) != "rust" {
        return emit::module(args, &header(args), &command_line(args));
    }
    let table = string(args, "file").unwrap_or_default();
    let source = read_table(table)?;
    let tokens = build(args, table)
        .tokens_from(&source)
        .map_err(Failure::Build)?;
    let code = crate::format(&tokens.to_string()).map_err(Failure::Message)?;
    Ok(format!("{}{code}", header(args)))
}

/// The markdown file, read; a failure is the table's problem, rendered like its others.
pub(crate) fn read_table(path: &str) -> Result<Source, Failure> {
    crate::read(path).map_err(|problem| {
        Failure::Build(BuildError::Table {
            source: None,
            problems: vec![problem],
        })
    })
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
/// again.
fn header(args: &ArgMatches) -> String {
    let table = string(args, "file").unwrap_or_default();
    let check = string(args, "output").map(|output| {
        format!(
            "// Check: close-codes check --generated {}\n",
            shell::join([output])
        )
    });
    format!(
        "// @generated by close-codes from `{table}`: edit the table, not this file.\n\
         {REGENERATE}{}\n{}\n",
        command_line(args),
        check.unwrap_or_default(),
    )
}

/// The command that writes the file again: the arguments as given, in a fixed order, so it
/// does not depend on how the user ordered them (`--lang` only when it is not Rust, so the
/// commands of Rust modules stay as they were).
fn command_line(args: &ArgMatches) -> String {
    let table = string(args, "file").unwrap_or_default();
    let mut words = vec![
        "close-codes".to_owned(),
        "generate".to_owned(),
        table.to_owned(),
    ];
    let lang = emit::lang(args);
    if lang != "rust" {
        words.extend(["--lang".to_owned(), lang.to_owned()]);
    }
    for name in ["heading", "name", "vis", "crate-path", "doc", "attr"] {
        for value in strings(args, name) {
            words.extend([format!("--{name}"), value.to_owned()]);
        }
    }
    if let Some(output) = string(args, "output") {
        words.extend(["-o".to_owned(), output.to_owned()]);
    }
    shell::join(words.iter().map(String::as_str))
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
    let recorded = file.lines().find_map(|line| {
        line.strip_prefix(REGENERATE)
            .map(str::to_owned)
            .or_else(|| emit::recorded_in_json(line))
    });
    let Some(line) = recorded else {
        return Err(Failure::Message(format!(
            "`{path}` has no `{}` line: it was not written by `close-codes generate`",
            REGENERATE.trim_end()
        )));
    };
    let words = shell::split(&line)
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
