//! `close-codes`: check tables of WebSocket close codes, explain a code, and print the Rust the
//! `close_codes!` macro generates, all through the macro's own pipeline
//! (`close-codes-codegen`), so the tool and the compiler never disagree about a table.

mod emit;
mod generate;
mod shell;

use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use close_codes_codegen::{Build, BuildError, Custom, Diagnostic, Row, Source, Table, check};
use proc_macro2::TokenStream;

/// The table `close_codes::CloseCode` is generated from, for `explain` without `--table`.
const BUNDLED: &str = include_str!("../codes.md");

pub(crate) fn cli() -> Command {
    let heading = Arg::new("heading")
        .long("heading")
        .value_name("TEXT")
        .help("Read the first table under the heading with this text (case-insensitive)");
    Command::new("close-codes")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Check, explain, expand and generate markdown tables of WebSocket close codes")
        .long_about(
            "Check, explain, expand and generate markdown tables of WebSocket close codes.\n\n\
             Runs the same pipeline as the close_codes! macro: a table this tool accepts is \
             one the macro compiles, and every problem is reported with its file, line and cell.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(check_command(heading.clone()))
        .subcommand(explain_command(heading.clone()))
        .subcommand(expand_command(heading.clone()))
        .subcommand(generate::command(heading))
}

fn check_command(heading: Arg) -> Command {
    Command::new("check")
        .about("Validate tables; print every problem; exit 1 if any")
        .long_about(
            "Validate tables and print every problem the way rustc prints errors \
             (file:line:col, the line, a caret under the cell). Exits 1 when a table \
             has a problem, 0 otherwise: made for CI of repositories whose docs hold \
             the table.",
        )
        .arg(
            Arg::new("files")
                .value_name("FILE")
                .required_unless_present("generated")
                .num_args(1..)
                .action(ArgAction::Append)
                .help("Markdown files holding a close-code table"),
        )
        // clap words the usage of a missing FILE as `<FILE>...` and `--help` as `[FILE]...`
        // (FILE is optional with --generated): one usage, both forms, for both.
        .override_usage(
            "close-codes check [OPTIONS] <FILE>...\n       \
             close-codes check [OPTIONS] --generated <GENERATED>...",
        )
        .arg(heading)
        .arg(
            Arg::new("generated")
                .long("generated")
                .value_name("GENERATED")
                .action(ArgAction::Append)
                .help(
                    "A module written by `close-codes generate` (repeatable): fail if \
                     regenerating it by the command on its first lines would change it",
                ),
        )
}

fn explain_command(heading: Arg) -> Command {
    Command::new("explain")
        .about("Say what a close code means: its row, name, rules and HTTP equivalent")
        .arg(
            Arg::new("code")
                .value_name("CODE")
                .required(true)
                .value_parser(value_parser!(u16))
                .help("A close code, 0-65535"),
        )
        .arg(
            Arg::new("table")
                .long("table")
                .value_name("FILE")
                .help("Look the code up in this table [default: the bundled codes.md]"),
        )
        .arg(heading)
}

fn expand_command(heading: Arg) -> Command {
    Command::new("expand")
        .about("Print the Rust the close_codes! macro generates for a table, formatted")
        .arg(
            Arg::new("file")
                .value_name("FILE")
                .required(true)
                .help("The markdown file holding the table"),
        )
        .arg(heading)
        .arg(
            Arg::new("name")
                .long("name")
                .value_name("NAME")
                .default_value("CloseCode")
                .help("The enum's name"),
        )
        .arg(
            Arg::new("vis")
                .long("vis")
                .value_name("VIS")
                .default_value("pub")
                .help("The enum's visibility: pub, pub(crate), … or \"\""),
        )
}

fn main() -> ExitCode {
    let matches = cli().get_matches();
    match matches.subcommand() {
        Some(("check", args)) => check_files(args),
        Some(("explain", args)) => explain(args),
        Some(("expand", args)) => expand(args),
        Some(("generate", args)) => generate(args),
        // `subcommand_required` makes clap exit before this.
        _ => ExitCode::from(2),
    }
}

fn heading(args: &ArgMatches) -> Option<&str> {
    args.get_one::<String>("heading").map(String::as_str)
}

/// Reads a table file named as the user typed it, relative to the current directory; a
/// failure is a diagnostic like any other (a missing file's help names its near miss).
pub(crate) fn read(path: &str) -> Result<Source, Diagnostic> {
    Source::read_relative(path, std::path::Path::new("."), path)
}

fn check_files(args: &ArgMatches) -> ExitCode {
    let mut problems = 0;
    let mut bad_files = 0;
    let files: Vec<&String> = args.get_many("files").into_iter().flatten().collect();
    for path in &files {
        let (source, table, found) = match read(path) {
            Ok(source) => {
                let (table, found) = check(&source, heading(args));
                (Some(source), table, found)
            }
            Err(problem) => (None, Table::default(), vec![problem]),
        };
        if found.is_empty() {
            println!("{path}: ok, {}{}", under(args), summary(&table));
            continue;
        }
        bad_files += 1;
        problems += found.len();
        print_problems(&found, source.as_ref());
    }
    let generated: Vec<&String> = args.get_many("generated").into_iter().flatten().collect();
    for path in &generated {
        match generate::check(path) {
            Ok(()) => println!("{path}: up to date"),
            Err(failure) => {
                bad_files += 1;
                problems += report(failure);
            }
        }
    }
    if problems == 0 {
        return ExitCode::SUCCESS;
    }
    let checked = counted(files.len() + generated.len(), "file");
    let problems = counted(problems, "problem");
    eprintln!("error: {problems} in {bad_files} of {checked}");
    ExitCode::FAILURE
}

/// `generate`: the module to standard output or to `--output`.
fn generate(args: &ArgMatches) -> ExitCode {
    let (paths, warnings) = generate::Paths::relative(args);
    for warning in warnings {
        eprintln!("warning: {warning}\n");
    }
    let module = match generate::module(args, &paths) {
        Ok(module) => module,
        Err(failure) => {
            report(failure);
            return ExitCode::FAILURE;
        }
    };
    let Some(output) = args.get_one::<String>("output") else {
        print!("{module}");
        return ExitCode::SUCCESS;
    };
    match std::fs::write(output, module) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write `{output}`: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Prints why generating or checking failed; returns how many problems that was.
fn report(failure: generate::Failure) -> usize {
    match failure {
        generate::Failure::Build(BuildError::Table { source, problems }) => {
            print_problems(&problems, source.as_ref());
            problems.len()
        }
        generate::Failure::Build(error) => {
            eprintln!("error: {error}");
            1
        }
        generate::Failure::Message(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

/// "the table under `Close codes`: " when `--heading` picked it, so that with several files it
/// is clear which table of each was checked.
fn under(args: &ArgMatches) -> String {
    heading(args).map_or(String::new(), |h| format!("the table under `{h}`: "))
}

/// "23 rows, 18 named; 5000 codes covered, 2012 sendable".
fn summary(table: &Table) -> String {
    let named = table.rows.iter().filter(|row| row.name.is_some()).count();
    let covered = table.count(|_| true);
    let sendable = table.count(|row| row.sendable);
    let rows = counted(table.rows.len(), "row");
    let covered = counted(covered, "code");
    format!("{rows}, {named} named; {covered} covered, {sendable} sendable")
}

/// `1 row`, `2 rows`.
fn counted(count: usize, noun: &str) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{count} {noun}{s}")
}

fn explain(args: &ArgMatches) -> ExitCode {
    let code = args.get_one::<u16>("code").copied().unwrap_or_default();
    let source = match args.get_one::<String>("table") {
        Some(path) => match read(path) {
            Ok(source) => source,
            Err(problem) => {
                eprintln!("{}", render(&problem, None));
                return ExitCode::FAILURE;
            }
        },
        None => Source::new("codes.md", BUNDLED),
    };
    let (table, problems) = check(&source, heading(args));
    if !problems.is_empty() {
        print_problems(&problems, Some(&source));
        // The same table the user asked about: keep the heading that picked it.
        let heading = heading(args).map_or(String::new(), |h| {
            format!(" --heading {}", shell::join([h]))
        });
        eprintln!(
            "error: fix the table first: `close-codes check {}{heading}`",
            shell::join([source.name()])
        );
        return ExitCode::FAILURE;
    }
    let Some(row) = table.row_for(code) else {
        eprintln!("error: no row of {} covers {code}", source.name());
        return ExitCode::FAILURE;
    };
    let bundled = args.get_one::<String>("table").is_none();
    print!("{}", describe(code, row, &source, bundled));
    ExitCode::SUCCESS
}

/// The lines `explain` prints for `code`, whose row is `row`.
fn describe(code: u16, row: &Row, source: &Source, bundled: bool) -> String {
    let yes_no = |yes: bool| if yes { "yes" } else { "no" };
    let (title, variant) = match &row.name {
        Some(name) if row.is_range() => (
            format!("{code} {}", name.text),
            format!("{}(_), the range {}", name.ident, row.codes()),
        ),
        Some(name) => (format!("{code} {}", name.text), name.ident.clone()),
        None if row.is_range() => (
            format!("{code} (unnamed)"),
            format!("Other(_), in the range {}", row.codes()),
        ),
        None => (format!("{code} (unnamed)"), "Other(_)".to_owned()),
    };
    let sendable = if row.sendable {
        "yes: an endpoint may send it"
    } else if row.reserved {
        "no: reserved"
    } else if row.custom == Custom::ExtensionsOnly {
        "no: for extensions only"
    } else {
        "no: not named, and not Custom `Yes`"
    };
    let custom = match row.custom {
        Custom::Unspecified => "-",
        Custom::No => "no",
        Custom::Yes => "yes: free for applications",
        Custom::ExtensionsOnly => "extensions only",
    };
    let usage = if row.usage.is_empty() {
        "-"
    } else {
        &row.usage
    };
    let http = row
        .http_status
        .map_or("-".to_owned(), |status| status.to_string());
    format!(
        "{title}\n\
         \x20 variant   {variant}\n\
         \x20 usage     {usage}\n\
         \x20 sendable  {sendable}\n\
         \x20 reserved  {}\n\
         \x20 custom    {custom}\n\
         \x20 HTTP      {http}\n\
         \x20 row       {}:{}{}\n\
         \x20           {}\n",
        yes_no(row.reserved),
        source.name(),
        row.line,
        if bundled { " (the bundled table)" } else { "" },
        source.line(row.line).trim(),
    )
}

fn expand(args: &ArgMatches) -> ExitCode {
    let path = args.get_one::<String>("file").map_or("", String::as_str);
    let source = match read(path) {
        Ok(source) => source,
        Err(problem) => {
            eprintln!("{}", render(&problem, None));
            return ExitCode::FAILURE;
        }
    };
    let (table, problems) = check(&source, heading(args));
    if !problems.is_empty() {
        print_problems(&problems, Some(&source));
        return ExitCode::FAILURE;
    }
    // The builder turns the name and visibility into tokens, rejecting what is not Rust.
    let expanded = Build::new(path)
        .type_name(
            args.get_one::<String>("name")
                .map_or("CloseCode", String::as_str),
        )
        .visibility(args.get_one::<String>("vis").map_or("pub", String::as_str))
        .expand(&table);
    let tokens = match expanded {
        Ok(tokens) => tokens,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    match format(tokens) {
        Ok(formatted) => {
            print!("{formatted}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Generated Rust, formatted for reading. The tokens go to syn as they are (no text in
/// between), one top-level item at a time: prettyplease lays an item out alone as it would
/// within the file, and a huge table's syntax tree is never held whole.
pub(crate) fn format(tokens: TokenStream) -> Result<String, String> {
    let mut formatted = String::new();
    for item in close_codes_codegen::split_items(tokens) {
        formatted.push_str(&format_item(item)?);
    }
    Ok(formatted)
}

fn format_item(tokens: TokenStream) -> Result<String, String> {
    // A clone shares the tokens; it is printed only should they not parse.
    let shown = tokens.clone();
    match syn::parse2::<syn::Item>(tokens) {
        Ok(item) => Ok(prettyplease::unparse(&syn::File {
            shebang: None,
            frontmatter: None,
            attrs: Vec::new(),
            items: vec![item],
        })),
        // The pipeline's output always parses; say so loudly if it ever does not.
        Err(error) => Err(format!(
            "close-codes generated Rust that does not parse ({error}):\n{shown}"
        )),
    }
}

/// One table's problems on standard error, each as [`render`] shows it and followed by a blank
/// line: at most [`Diagnostic::MAX_SHOWN`], then one line saying how many more there are (as
/// the macro does).
fn print_problems(problems: &[Diagnostic], source: Option<&Source>) {
    for (at, shown) in Diagnostic::render_capped(problems, source)
        .into_iter()
        .enumerate()
    {
        // Past the cap, the last line counts the rest: a note, so that errors stay the
        // problems shown (and the summary after them).
        let kind = if at < Diagnostic::MAX_SHOWN {
            "error"
        } else {
            "note"
        };
        eprintln!("{kind}: {shown}\n");
    }
}

/// A diagnostic as rustc shows errors: the message, `--> file:line:col`, the line with a caret
/// under the cell, related places with their notes, and the help. The macro's renderer, so the
/// tool prints what the compiler shows (a problem without a place in the table has its help
/// under a gutter here, as rustc lays out such errors; in a `compile_error!`, on its first line).
fn render(problem: &Diagnostic, source: Option<&Source>) -> String {
    format!("error: {}", problem.render(source))
}
