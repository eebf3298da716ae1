//! Budget 2: the pipeline's cost (`check` + `expand`, what the proc macro runs) on the bundled
//! table and on synthetic tables of 100, 1,000 and 10,000 rows. Throughput is in rows, so a
//! linear cost shows as a flat rows/s; BENCHMARKS.md gives the time ratios.

use std::hint::black_box;
use std::time::Duration;

use close_codes_benches::synthetic_table;
use close_codes_codegen::Build;
use close_codes_codegen::Source;
use close_codes_codegen::check;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const BUNDLED: &str = include_str!("../../codes.md");

/// The macro's settings (less its one-line `include_bytes!` rebuild hook).
fn options() -> Build {
    Build::new("codes.md")
}

fn pipeline(c: &mut Criterion) {
    let options = options();
    let mut group = c.benchmark_group("pipeline");
    group.measurement_time(Duration::from_secs(4));
    let tables = [
        ("bundled".to_owned(), BUNDLED.to_owned()),
        ("100".to_owned(), synthetic_table(100)),
        ("1000".to_owned(), synthetic_table(1_000)),
        ("10000".to_owned(), synthetic_table(10_000)),
    ];
    for (label, text) in &tables {
        let source = Source::new("codes.md", text.as_str());
        let (table, problems) = check(&source, None);
        assert!(problems.is_empty(), "{label}: the table must be valid");
        let rows = table.rows.len();
        group.throughput(Throughput::Elements(rows as u64));
        group.sample_size(if rows >= 10_000 { 10 } else { 30 });
        group.bench_with_input(
            BenchmarkId::new("check+expand", label),
            &source,
            |b, source| {
                b.iter(|| {
                    let (table, _) = check(black_box(source), None);
                    options.expand(&table)
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
