//! `generate`: a table as a Rust module to check in, and `check --generated`: whether such a
//! module is still what its table generates.
//!
//! The module's first lines record the command that wrote it. `check --generated` reads that
//! command back and runs it in memory, so a file is checked with exactly its own settings and
//! the user never repeats them.

use std::path::{Path, PathBuf};

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

/// The table's and the output's paths, as a generated file records them in its header, its
/// command and its `SOURCE`.
pub(crate) struct Paths {
    /// The markdown file: read from here, and recorded.
    table: String,
    /// Where the module is written (`-o`), if anywhere.
    output: Option<String>,
}

impl Paths {
    /// The paths as the arguments give them: a recorded command reruns as it is.
    pub(crate) fn as_given(args: &ArgMatches) -> Paths {
        Paths {
            table: string(args, "file").unwrap_or_default().to_owned(),
            output: string(args, "output").map(str::to_owned),
        }
    }

    /// The paths made relative to the current directory where they are absolute paths under
    /// it, so the file records what regenerates it on any machine; with a warning for each
    /// absolute path that is not under it and is recorded as it is.
    pub(crate) fn relative(args: &ArgMatches) -> (Paths, Vec<String>) {
        let given = Paths::as_given(args);
        let mut warnings = Vec::new();
        let mut relative = |path: String| {
            relative_to_current_dir(&path).unwrap_or_else(|| {
                warnings.push(format!(
                    "`{path}` is not under the current directory, so the file records it as an \
                     absolute path: regenerating it elsewhere needs the same path (run \
                     `close-codes generate` from a directory that holds both files to record \
                     relative ones)"
                ));
                path
            })
        };
        let paths = Paths {
            table: relative(given.table),
            output: given.output.map(&mut relative),
        };
        (paths, warnings)
    }
}

/// `path` relative to the current directory: as it is when relative already; the rest of it
/// when it is absolute and under the current directory (as written, or once symlinks are
/// resolved); `None` when it is absolute and elsewhere.
fn relative_to_current_dir(path: &str) -> Option<String> {
    let absolute = Path::new(path);
    if absolute.is_relative() {
        return Some(path.to_owned());
    }
    let current = std::env::current_dir().ok()?;
    let under = |dir: &Path, path: &Path| {
        path.strip_prefix(dir)
            .ok()
            .map(|rest| rest.display().to_string())
    };
    under(&current, absolute).or_else(|| {
        // The output may not exist yet: resolve its directory, keep its name.
        let directory = absolute.parent()?.canonicalize().ok()?;
        let real = directory.join(absolute.file_name()?);
        under(&current.canonicalize().ok()?, &real)
    })
}

/// The module `generate` writes for these arguments, naming the files by `paths`: its header,
/// then the formatted code (or, with `--lang ts|json`, what the emitters write).
pub(crate) fn module(args: &ArgMatches, paths: &Paths) -> Result<String, Failure> {
    let table = paths.table.as_str();
    if emit::lang(args) != "rust" {
        return emit::module(
            args,
            table,
            &header(args, paths),
            &command_line(args, paths),
        );
    }
    let source = read_table(table)?;
    let tokens = build(args, table)
        .tokens_from(&source)
        .map_err(Failure::Build)?;
    let code = crate::format(tokens).map_err(Failure::Message)?;
    Ok(format!("{}{code}", header(args, paths)))
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
fn header(args: &ArgMatches, paths: &Paths) -> String {
    let table = &paths.table;
    let check = paths.output.as_ref().map(|output| {
        format!(
            "// Check: close-codes check --generated {}\n",
            shell::join([output.as_str()])
        )
    });
    format!(
        "// @generated by close-codes from `{table}`: edit the table, not this file.\n\
         {REGENERATE}{}\n{}\n",
        command_line(args, paths),
        check.unwrap_or_default(),
    )
}

/// The command that writes the file again: the arguments as given, in a fixed order, so it
/// does not depend on how the user ordered them (`--lang` only when it is not Rust, so the
/// commands of Rust modules stay as they were).
fn command_line(args: &ArgMatches, paths: &Paths) -> String {
    let mut words = vec![
        "close-codes".to_owned(),
        "generate".to_owned(),
        paths.table.clone(),
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
    if let Some(output) = &paths.output {
        words.extend(["-o".to_owned(), output.clone()]);
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
    // Read as a table is, bounded; its messages name no markdown.
    let file =
        Source::read(Path::new(path), path).map_err(|problem| Failure::Message(problem.message))?;
    let file = file.text();
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
    let args = args.subcommand().map_or(&args, |(_, args)| args);
    let fresh = module(args, &Paths::as_given(args)).map_err(|failure| match failure {
        // The table could not be read: say whose table it is and where its path starts.
        Failure::Build(BuildError::Table {
            source: None,
            problems,
        }) => Failure::Build(BuildError::Table {
            source: None,
            problems: problems
                .into_iter()
                .map(|problem| problem.with_help(where_paths_start(path, args)))
                .collect(),
        }),
        other => other,
    })?;
    match first_difference(file, &fresh) {
        None => Ok(()),
        Some((number, written, generated)) => Err(Failure::Message(format!(
            "`{path}` is stale: its table or close-codes changed since it was generated\n  \
             first difference, line {number}:\n    file:      {written}\n    generated: \
             {generated}\n  regenerate it with: {line}"
        ))),
    }
}

/// The help for a table that a generated file names and that cannot be read from here: the
/// file's paths are relative to the directory it was generated in, named from here when the
/// file's recorded `-o` leads back to it.
fn where_paths_start(path: &str, args: &ArgMatches) -> String {
    let table = string(args, "file").unwrap_or_default();
    let from = string(args, "output")
        .and_then(|output| generated_in(path, output))
        .map_or(String::new(), |dir| format!(", `{dir}` from here"));
    format!(
        "`{path}` was generated from `{table}`: its paths are relative to the directory \
         `close-codes generate` ran in{from}; run the check from there"
    )
}

/// The directory `close-codes generate` wrote `path` from, as it recorded `output`: `path`'s
/// directory, as many levels up as `output` has parts, as seen from the current directory.
fn generated_in(path: &str, output: &str) -> Option<String> {
    let file = Path::new(path).canonicalize().ok()?;
    let mut dir = file.as_path();
    for _ in Path::new(output).components() {
        dir = dir.parent()?;
    }
    // `output` must lead from there back to this file (no `..` or links that miscount).
    if dir.join(output).canonicalize().ok()? != file {
        return None;
    }
    let current = std::env::current_dir().ok()?.canonicalize().ok()?;
    Some(path_from(&current, dir))
}

/// `to` as a path from `from`, both absolute and resolved: `..`s up to their common
/// directory, then down.
fn path_from(from: &Path, to: &Path) -> String {
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let up = from.components().count() - common;
    let down: PathBuf = to.components().skip(common).collect();
    let path: PathBuf = std::iter::repeat_n(Path::new(".."), up)
        .map(Path::to_path_buf)
        .chain((!down.as_os_str().is_empty()).then_some(down))
        .collect();
    if path.as_os_str().is_empty() {
        ".".to_owned()
    } else {
        path.display().to_string()
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
