//! Runs the pipeline (`check` + `expand`) once on a synthetic table, for counting instructions,
//! which unlike wall time do not depend on what else the machine runs:
//!
//! ```text
//! valgrind --tool=callgrind target/release/examples/pipeline 10000       # table + pipeline
//! valgrind --tool=callgrind target/release/examples/pipeline 10000 table # the table alone
//! ```

use std::hint::black_box;
use std::process::ExitCode;

use close_codes_benches::synthetic_table;
use close_codes_codegen::Build;
use close_codes_codegen::Source;
use close_codes_codegen::check;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(Ok(rows)) = args.next().map(|rows| rows.parse::<usize>()) else {
        eprintln!("usage: pipeline ROWS [table]");
        return ExitCode::FAILURE;
    };
    let text = synthetic_table(rows);
    if args.next().as_deref() == Some("table") {
        black_box(text);
        return ExitCode::SUCCESS;
    }
    let options = Build::new("synthetic.md");
    let source = Source::new("synthetic.md", text);
    let (table, _) = check(&source, None);
    let _ = black_box(options.expand(&table));
    ExitCode::SUCCESS
}
