//! Writes the inputs of `scripts/bench-build.sh` to stdout:
//!
//! ```text
//! cargo run -p close-codes-benches --example codegen -- table 10000           # a synthetic table
//! cargo run -p close-codes-benches --example codegen -- paste table.md CloseCode  # its code
//! ```

use std::process::ExitCode;

use close_codes_benches::{pasted_code, synthetic_table};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["table", rows] => match rows.parse() {
            Ok(rows) => {
                print!("{}", synthetic_table(rows));
                ExitCode::SUCCESS
            }
            Err(error) => fail(&format!("bad row count {rows:?}: {error}")),
        },
        ["paste", path, type_name] => match std::fs::read_to_string(path) {
            Ok(text) => match pasted_code(&text, path, type_name) {
                Ok(code) => {
                    println!("{code}");
                    ExitCode::SUCCESS
                }
                Err(problems) => fail(&problems),
            },
            Err(error) => fail(&format!("cannot read {path}: {error}")),
        },
        _ => fail("usage: codegen table ROWS | codegen paste TABLE.md TYPE_NAME"),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::FAILURE
}
