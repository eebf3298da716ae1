//! Times issue 21's hostile documents at 1×, 2× and 4× their size, side by side, so one run
//! shows whether time grows with the input (4×/1× near 4) or faster (near 16). Run it
//! unoptimised, as a proc macro runs:
//!
//! ```text
//! cargo run -p close-codes-benches --example hostile                  # every case
//! cargo run -p close-codes-benches --example hostile -- duplicate     # cases whose name has it
//! ```
//!
//! Each size is timed once through `check` (markdown and model) and once through `check` and
//! `Build::expand` (layout and the generated code as well). A case whose last size took longer
//! than [`BUDGET`] is not run at the next size. The documents are `codegen/tests/hostile.rs`'s,
//! where what reading them gives is asserted.

use std::time::{Duration, Instant};

use close_codes_codegen::{Build, Source, check};

#[path = "../../codegen/tests/hostile/corpus.rs"]
mod corpus;
use corpus::Case;

/// A size that takes longer than this is the case's last.
const BUDGET: Duration = Duration::from_secs(20);

const SCALES: [usize; 3] = [1, 2, 4];

/// How long `check`, and `check` then `Build::expand`, take for `case`.
fn time(case: &Case) -> (Duration, Duration) {
    let source = Source::new("hostile.md", case.text.as_str());
    let started = Instant::now();
    let (table, problems) = check(&source, None);
    let checked = started.elapsed();
    // What is timed is what the tests assert: the rows are read, the problems found.
    assert_eq!(table.rows.len(), case.rows, "{}", case.name);
    assert_eq!(problems.len(), case.problems, "{}", case.name);
    let started_expand = Instant::now();
    let expansion = Build::new("hostile.md").expand(&table);
    std::hint::black_box(&expansion);
    (checked, checked + started_expand.elapsed())
}

fn seconds(time: Option<Duration>) -> String {
    time.map_or_else(
        || "-".to_owned(),
        |time| format!("{:.3}", time.as_secs_f64()),
    )
}

fn ratio(times: &[Option<Duration>]) -> String {
    match (times.first(), times.last()) {
        (Some(Some(first)), Some(Some(last))) => {
            format!("{:.2}", last.as_secs_f64() / first.as_secs_f64())
        }
        _ => "-".to_owned(),
    }
}

fn main() {
    let filters: Vec<String> = std::env::args().skip(1).collect();
    let makers: [fn(usize) -> Case; 7] = [
        corpus::definitions_then_underlines,
        corpus::emphasis_openers_in_a_cell,
        corpus::brackets_in_a_cell,
        corpus::ever_deeper_lists,
        corpus::unnamed_rows,
        corpus::duplicate_codes,
        corpus::wide_header,
    ];
    println!(
        "{:<46} {:>8} {:>8} {:>8} {:>8} | {:>8} {:>8} {:>8} {:>8}   (seconds; 1x KB)",
        "case", "check 1x", "2x", "4x", "4x/1x", "+expand", "2x", "4x", "4x/1x"
    );
    for make in makers {
        let first = make(1);
        if !filters.is_empty() && !filters.iter().any(|f| first.name.contains(f.as_str())) {
            continue;
        }
        let mut checks = Vec::new();
        let mut totals = Vec::new();
        for scale in SCALES {
            let larger;
            let case = if scale == 1 {
                &first
            } else {
                larger = make(scale);
                &larger
            };
            let (checked, total) = time(case);
            checks.push(Some(checked));
            totals.push(Some(total));
            if total > BUDGET {
                break;
            }
        }
        checks.resize(SCALES.len(), None);
        totals.resize(SCALES.len(), None);
        println!(
            "{:<46} {:>8} {:>8} {:>8} {:>8} | {:>8} {:>8} {:>8} {:>8}   ({})",
            first.name,
            seconds(checks[0]),
            seconds(checks[1]),
            seconds(checks[2]),
            ratio(&checks),
            seconds(totals[0]),
            seconds(totals[1]),
            seconds(totals[2]),
            ratio(&totals),
            first.text.len() / 1024,
        );
    }
}
