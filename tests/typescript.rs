//! The TypeScript and JSON emitters against the Rust types, code for code.
//!
//! For the bundled table and three user tables (named ranges refined by single codes, unnamed
//! codes, codes past 4999), the test writes the generated module, the generated JSON and the
//! Rust type's answer for every one of the 65,536 codes under the target dir; `tsc --strict`
//! (with every stricter check a user might turn on) compiles the modules, and Node compares
//! each module's predicates and `describe`, and a reader of the JSON, with those answers. ajv
//! validates the JSON against `schema/close-codes.schema.json`.
//!
//! The chat example's TypeScript client (`examples/chat-client`) plays its sessions against
//! the example's own Rust server, here on 127.0.0.1, and explains each close with the module
//! generated from the example's table (checked in; cli/tests/generate.rs checks it is fresh).
//!
//! Needs Node 20+ and npm: `npm ci` installs the pinned `typescript` and `ajv` from
//! `tests/typescript/package-lock.json` into a copy under the target dir (once per lock), never
//! into the source tree. Without Node or npm the test fails, saying so.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use std::time::Duration;

use close_codes::{CloseCode, Code};
use close_codes_codegen::Emit;
use close_codes_codegen::Source;
use close_codes_codegen::Table;
use serde_json::{Value, json};

/// The chat example, for its server.
#[path = "../examples/chat.rs"]
#[allow(dead_code)] // its own client and `main` are not used here
mod chat;

close_codes::close_codes! {
    /// Named ranges refined by single codes, unnamed codes, reordered columns.
    enum Reordered from "tests/fixtures/reordered.md"
}
close_codes::close_codes! {
    /// The chat example's table.
    enum AppCode from "examples/app-codes.md"
}
close_codes::close_codes! {
    /// Sendable codes past 4999, where no browser may close.
    enum Beyond from "tests/fixtures/beyond-4999.md"
}

/// The files of `tests/typescript` that the Node side needs.
const NODE_FILES: [&str; 5] = [
    "package.json",
    "package-lock.json",
    "tsconfig.base.json",
    "compare.mjs",
    "validate.mjs",
];

/// A table under test: its markdown file and the Rust type's answers for every code.
struct Case {
    name: &'static str,
    markdown: &'static str,
    expected: Value,
}

fn cases() -> [Case; 4] {
    [
        Case {
            name: "bundled",
            markdown: "codes.md",
            expected: expected::<CloseCode>(CloseCode::is_sendable, CloseCode::is_reserved),
        },
        Case {
            name: "reordered",
            markdown: "tests/fixtures/reordered.md",
            expected: expected::<Reordered>(Reordered::is_sendable, Reordered::is_reserved),
        },
        Case {
            name: "app-codes",
            markdown: "examples/app-codes.md",
            expected: expected::<AppCode>(AppCode::is_sendable, AppCode::is_reserved),
        },
        Case {
            name: "beyond-4999",
            markdown: "tests/fixtures/beyond-4999.md",
            expected: expected::<Beyond>(Beyond::is_sendable, Beyond::is_reserved),
        },
    ]
}

/// The Rust type's answers: each row as `describe` shows it, and per code two numbers: flags
/// (1 sendable, 2 reserved, 4 closable from a browser) and its row's index, or -1 when no row
/// covers it. `sendable` and `reserved` are the type's own inherent rules (matches on the
/// code), not the `Code` trait's defaults that read the row. Rows are told apart by value:
/// no two rows of a table have the same codes, and a `const` may live at several addresses.
fn expected<C: Code>(sendable: fn(C) -> bool, reserved: fn(C) -> bool) -> Value {
    let rows: Vec<Value> = C::ROWS
        .iter()
        .map(|row| {
            json!([
                row.name(),
                row.usage(),
                row.start(),
                row.end(),
                row.http_status()
            ])
        })
        .collect();
    let mut codes = Vec::with_capacity(2 << 16);
    for code in 0..=u16::MAX {
        let Some(value) = C::from_u16(code) else {
            codes.extend([json!(browser_flag(code)), json!(-1)]);
            continue;
        };
        let flags = u8::from(sendable(value)) | u8::from(reserved(value)) << 1;
        let row = C::ROWS
            .iter()
            .position(|row| row == value.row())
            .expect("row() is one of ROWS");
        codes.extend([json!(flags | browser_flag(code)), json!(row)]);
    }
    json!({ "rows": rows, "codes": codes })
}

/// The browser rule is the WHATWG's, about the number whatever the table: the bundled type,
/// which covers every code from 0 to 4999, answers it for any code.
fn browser_flag(code: u16) -> u8 {
    u8::from(CloseCode::from_u16(code).is_some_and(CloseCode::is_browser_closable)) << 2
}

/// The validated table of a markdown file of the repository.
fn table(markdown: &str) -> Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(markdown);
    let source = Source::read(&path, markdown).expect("the table reads");
    let (table, problems) = close_codes_codegen::check(&source, None);
    assert!(problems.is_empty(), "{markdown}: {problems:?}");
    table
}

/// The Node project under the target dir, installed once per lock file.
fn project() -> &'static Path {
    static PROJECT: OnceLock<PathBuf> = OnceLock::new();
    PROJECT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("typescript");
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/typescript");
        fs::create_dir_all(&dir).expect("the target dir is writable");
        for file in NODE_FILES {
            fs::copy(source.join(file), dir.join(file)).expect("copy the Node project");
        }
        // npm's record of what it installed; a copy of the lock it installed from.
        let lock = fs::read(dir.join("package-lock.json")).expect("the lock was copied");
        let installed = dir.join("node_modules/.close-codes-lock.json");
        if fs::read(&installed).ok().as_ref() != Some(&lock) {
            run(
                &dir,
                "npm",
                &["ci", "--no-audit", "--no-fund", "--ignore-scripts"],
            );
            fs::write(&installed, &lock).expect("node_modules is writable");
        }
        dir
    })
}

/// Runs `program` in `dir`, returning its output; any failure, a missing program included,
/// fails the test with what the program printed.
fn run(dir: &Path, program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "cannot run `{program}` ({error}): this test needs Node 20+ and npm on PATH \
                 (the machines this project runs on, CI included, come with them)"
            )
        });
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "`{program} {}` failed ({}):\n{stdout}{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// A fresh folder of the project: `name/src` for sources, `name/out` for what tsc emits.
fn workspace(name: &str) -> PathBuf {
    let dir = project().join(name);
    // Left over from an earlier run: a stale module must not pass for a fresh one.
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src")).expect("the target dir is writable");
    fs::write(
        dir.join("tsconfig.json"),
        r#"{ "extends": "../tsconfig.base.json", "compilerOptions": { "rootDir": "src", "outDir": "out" }, "include": ["src"] }"#,
    )
    .expect("the target dir is writable");
    dir
}

fn tsc(dir: &Path) {
    let tsc = project().join("node_modules/typescript/bin/tsc");
    let tsc = tsc.to_str().expect("a UTF-8 path");
    run(dir, "node", &[tsc, "--strict", "-p", "tsconfig.json"]);
}

#[test]
fn typescript_modules_agree_with_rust_for_every_code() {
    let dir = workspace("modules");
    let cases = cases();
    for case in &cases {
        let module = Emit::new(case.markdown).typescript(&table(case.markdown));
        fs::write(dir.join(format!("src/{}.ts", case.name)), module).expect("write the module");
        fs::write(
            dir.join(format!("{}.expected.json", case.name)),
            case.expected.to_string(),
        )
        .expect("write the answers");
    }
    tsc(&dir);
    for case in &cases {
        let module = format!("out/{}.js", case.name);
        let expected = format!("{}.expected.json", case.name);
        let said = run(&dir, "node", &["../compare.mjs", &expected, "ts", &module]);
        print!("{said}");
        assert!(
            said.contains(": 65536 of 65536 codes agree with Rust, 0 differ"),
            "{said}"
        );
    }
}

#[test]
fn json_matches_the_schema_and_reads_back_as_rust_classifies() {
    let dir = workspace("json");
    let cases = cases();
    let mut files = Vec::new();
    for case in &cases {
        let file = format!("{}.json", case.name);
        fs::write(
            dir.join(&file),
            Emit::new(case.markdown).json(&table(case.markdown)),
        )
        .expect("write the JSON");
        fs::write(
            dir.join(format!("{}.expected.json", case.name)),
            case.expected.to_string(),
        )
        .expect("write the answers");
        files.push(file);
    }
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/close-codes.schema.json");
    let mut args = vec!["../validate.mjs", schema.to_str().expect("a UTF-8 path")];
    args.extend(files.iter().map(String::as_str));
    print!("{}", run(&dir, "node", &args));
    for case in &cases {
        let expected = format!("{}.expected.json", case.name);
        let file = format!("{}.json", case.name);
        let said = run(&dir, "node", &["../compare.mjs", &expected, "json", &file]);
        print!("{said}");
        assert!(
            said.contains(": 65536 of 65536 codes agree with Rust, 0 differ"),
            "{said}"
        );
    }
}

#[test]
fn the_chat_client_in_typescript_explains_the_rust_servers_closes() {
    let dir = project().join("chat-client");
    let _ = fs::remove_dir_all(&dir);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/chat-client");
    fs::create_dir_all(dir.join("src")).expect("the target dir is writable");
    for file in [
        "package.json",
        "tsconfig.json",
        "src/client.ts",
        "src/main.ts",
        "src/app-codes.ts",
    ] {
        fs::copy(example.join(file), dir.join(file)).expect("copy the example");
    }
    // The reference page's snippet compiles beside the example's module, with a socket to talk
    // about.
    let snippet = format!("declare const ws: WebSocket;\n{}", readme_typescript());
    fs::write(dir.join("src/readme.ts"), snippet).expect("write the snippet");
    tsc(&dir);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("a loopback port");
    let url = format!("ws://{}/", listener.local_addr().expect("an address"));
    let server = std::thread::spawn(move || {
        runtime.block_on(async {
            let sessions = chat::serve(listener, chat::SESSIONS.len());
            tokio::time::timeout(Duration::from_secs(60), sessions).await
        })
    });
    let mut args = websocket_flag();
    args.extend(["dist/main.js", url.as_str()]);
    let said = run(&dir, "node", &args);
    print!("{said}");
    let outcome = server.join().expect("the server thread");
    assert!(matches!(outcome, Ok(Ok(()))), "the server: {outcome:?}");
    for line in [
        "client 0: closed with 4000 = Goodbye: The user left the room with /quit, reason \"see you\"",
        "client 1: closed with 4107 = Banned (the range 4100-4199): The user is banned; the last two digits are the days left, reason \"banned for 7 days\"",
        "client 2: closed with 4002 = Message too long: A chat line exceeded the room's limit of 64 bytes, reason \"74 bytes\"",
        "client 3: closed with 4001 = Kicked: A moderator removed the user from the room, reason \"by the moderator\"",
    ] {
        assert!(
            said.lines().any(|said| said == line),
            "missing {line:?} in:\n{said}"
        );
    }
}

/// Node 20 and 21 have `WebSocket` behind a flag; later versions have it always.
fn websocket_flag() -> Vec<&'static str> {
    let kind = run(Path::new("."), "node", &["-p", "typeof WebSocket"]);
    if kind.trim() == "function" {
        Vec::new()
    } else {
        vec!["--experimental-websocket"]
    }
}

/// The TypeScript block of the `## TypeScript and JSON` section of the reference page
/// (`close_codes::_reference::typescript_json`).
fn readme_typescript() -> &'static str {
    let readme = include_str!("../runtime/src/docs/typescript_json.md");
    let start = readme
        .find("\n## TypeScript and JSON\n")
        .expect("the section");
    readme[start..]
        .split("```ts\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a TypeScript block")
}
