//! Budget 4: the generated code at run time, side by side with what users would otherwise use.
//!
//! - `sendable`: `from_u16` + `is_sendable` over all 65,536 codes, against tungstenite's
//!   `From<u16>` + `is_allowed`, and against a 64 Ki-entry `bool` table (the floor: one load per
//!   code). Both in code order and in a fixed shuffled order (which defeats branch prediction),
//!   and the shuffled codes the bundled table covers alone (0-4999: what peers really send,
//!   where the quick rejection of uncovered codes does not help).
//! - `as_u16`: every value of the bundled type back to its number, against tungstenite's
//!   `From<CloseCode> for u16` on the same codes.
//!
//! The codes come through `black_box` as a slice, so nothing is folded at compile time.
//! tungstenite's rules differ from the bundled table's (it rejects 1014, for one), so the
//! counts differ; what is compared is the time per code.

use std::hint::black_box;

use close_codes::CloseCode;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;

/// Every `u16`, in order.
fn in_order() -> Vec<u16> {
    (0..=u16::MAX).collect()
}

/// Every `u16`, in a fixed pseudo-random order (Fisher-Yates with a xorshift generator).
fn shuffled() -> Vec<u16> {
    let mut codes = in_order();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for i in (1..codes.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
        codes.swap(i, j);
    }
    codes
}

/// The floor: whether each code is sendable, precomputed into a table indexed by the code.
fn floor_table() -> Box<[bool; 1 << 16]> {
    let table: Vec<bool> = (0..=u16::MAX)
        .map(|code| CloseCode::from_u16(code).is_some_and(CloseCode::is_sendable))
        .collect();
    // A fixed-size array, so indexing by a `u16` needs no bounds check.
    table
        .into_boxed_slice()
        .try_into()
        .expect("one entry per u16")
}

fn count_close_codes(codes: &[u16]) -> usize {
    codes
        .iter()
        .filter(|&&code| CloseCode::from_u16(code).is_some_and(CloseCode::is_sendable))
        .count()
}

fn count_tungstenite(codes: &[u16]) -> usize {
    codes
        .iter()
        .filter(|&&code| TungsteniteCode::from(code).is_allowed())
        .count()
}

fn count_floor(table: &[bool; 1 << 16], codes: &[u16]) -> usize {
    codes
        .iter()
        .filter(|&&code| table[usize::from(code)])
        .count()
}

fn sendable(c: &mut Criterion) {
    let table = floor_table();
    let covered: Vec<u16> = shuffled()
        .into_iter()
        .filter(|&code| CloseCode::from_u16(code).is_some())
        .collect();
    for (order, codes) in [
        ("in order", in_order()),
        ("shuffled", shuffled()),
        ("covered, shuffled", covered),
    ] {
        let mut group = c.benchmark_group(format!("sendable/{order}"));
        group.throughput(Throughput::Elements(codes.len() as u64));
        group.bench_function("close-codes", |b| {
            b.iter(|| count_close_codes(black_box(&codes)));
        });
        group.bench_function("tungstenite", |b| {
            b.iter(|| count_tungstenite(black_box(&codes)));
        });
        group.bench_function("lookup table", |b| {
            b.iter(|| count_floor(&table, black_box(&codes)));
        });
        group.finish();
    }
}

fn as_u16(c: &mut Criterion) {
    let ours: Vec<CloseCode> = (0..=u16::MAX).filter_map(CloseCode::from_u16).collect();
    let theirs: Vec<TungsteniteCode> = ours
        .iter()
        .map(|code| TungsteniteCode::from(code.as_u16()))
        .collect();
    let mut group = c.benchmark_group("as_u16");
    group.throughput(Throughput::Elements(ours.len() as u64));
    group.bench_function("close-codes", |b| {
        b.iter(|| {
            black_box(&ours)
                .iter()
                .map(|code| u32::from(code.as_u16()))
                .sum::<u32>()
        });
    });
    group.bench_function("tungstenite", |b| {
        b.iter(|| {
            black_box(&theirs)
                .iter()
                .map(|&code| u32::from(u16::from(code)))
                .sum::<u32>()
        });
    });
    group.finish();
}

criterion_group!(benches, sendable, as_u16);
criterion_main!(benches);
