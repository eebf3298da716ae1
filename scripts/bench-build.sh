#!/usr/bin/env bash
# Build-time budgets (issue 6), measured side by side on this machine:
#   1. a tiny crate using close_codes::CloseCode vs the same crate using thiserror's derive, and
#      vs one using tungstenite (default features off) for its close codes: clean `cargo build`,
#      dependencies included (what a user pays on a fresh checkout or CI run);
#   3. a crate with a 10,000-row table through the macro vs the same crate with the expanded
#      code pasted in: only that crate's compile, its dependencies prebuilt and untimed.
# Every build gets a fresh target dir; runs alternate between the crates; medians and ratios are
# printed at the end. The crates start from this repo's Cargo.lock and build --offline: after
# `cargo fetch` in the repo nothing but the registry cache is needed.
#
#   scripts/bench-build.sh                # 3 runs of each build
#   BENCH_RUNS=7 scripts/bench-build.sh   # more runs, steadier medians
#   BENCH_KEEP=1 ...                      # keep the temporary directory (its path is printed)
#   BENCH_ONLY=deps|table ...             # only budget 1 or only budget 3
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-3}
only=${BENCH_ONLY:-all}
work=$(mktemp -d "${TMPDIR:-/tmp}/close-codes-bench.XXXXXX")
if [[ -z ${BENCH_KEEP:-} ]]; then trap 'rm -rf "$work"' EXIT; else echo "keeping $work"; fi
unset CARGO_TARGET_DIR RUSTFLAGS CARGO_BUILD_RUSTFLAGS
export CARGO_TERM_COLOR=never

# new_crate NAME DEPENDENCY-LINES: a binary crate outside any workspace, pinned to the repo's lock.
new_crate() {
    mkdir -p "$work/$1/src"
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s\n\n[workspace]\n' \
        "$1" "$2" >"$work/$1/Cargo.toml"
    cp "$repo/Cargo.lock" "$work/$1/Cargo.lock"
}

ours_dep="close-codes = { path = \"$repo/runtime\" }"

new_crate ours "$ours_dep"
cat >"$work/ours/src/main.rs" <<'RS'
use close_codes::CloseCode;

fn main() {
    let code = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    match CloseCode::sendable_from_u16(code) {
        Ok(code) => println!("{code}"),
        Err(error) => println!("{error}"),
    }
}
RS

new_crate thiserror 'thiserror = "2"'
cat >"$work/thiserror/src/main.rs" <<'RS'
#[derive(Debug, thiserror::Error)]
enum InvalidCode {
    #[error("{0} is not a close code")]
    NotInTable(u16),
    #[error("{0} is reserved: it is reported, never sent")]
    Reserved(u16),
}

fn sendable_from_u16(code: u16) -> Result<u16, InvalidCode> {
    match code {
        1005 | 1006 | 1015 => Err(InvalidCode::Reserved(code)),
        1000..=1014 | 3000..=4999 => Ok(code),
        _ => Err(InvalidCode::NotInTable(code)),
    }
}

fn main() {
    let code = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    match sendable_from_u16(code) {
        Ok(code) => println!("{code}"),
        Err(error) => println!("{error}"),
    }
}
RS

new_crate tungstenite 'tungstenite = { version = "0.30", default-features = false }'
cat >"$work/tungstenite/src/main.rs" <<'RS'
use tungstenite::protocol::frame::coding::CloseCode;

fn main() {
    let code: u16 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let code = CloseCode::from(code);
    if code.is_allowed() {
        println!("{code}");
    } else {
        println!("{code} may not be sent");
    }
}
RS

# Budget 3's pair: the same 10,000-row table, through the macro and pasted in.
main_10k='fn main() {
    let code = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    println!("{:?}", CloseCode::sendable_from_u16(code).map(|code| code.row().line()));
}'
new_crate macro10k "$ours_dep"
new_crate pasted10k "$ours_dep"
codegen=(cargo run -q --release --manifest-path "$repo/Cargo.toml" -p close-codes-benches --example codegen --)
"${codegen[@]}" table 10000 >"$work/macro10k/codes.md"
printf 'close_codes::close_codes!("codes.md");\n\n%s\n' "$main_10k" >"$work/macro10k/src/main.rs"
{
    "${codegen[@]}" paste "$work/macro10k/codes.md" CloseCode
    printf '\n%s\n' "$main_10k"
} >"$work/pasted10k/src/main.rs"

# build NAME KIND RUN: a clean build in a fresh target dir; appends the seconds to NAME.times.
# KIND `full` times everything; `crate` prebuilds the dependencies untimed, then times the crate.
build() {
    local dir="$work/$1" target="$work/target-$1-$3" start end
    if [[ $2 == crate ]]; then
        (cd "$dir" && CARGO_TARGET_DIR=$target cargo build -q --offline -p close-codes)
    fi
    start=$(date +%s.%N)
    (cd "$dir" && CARGO_TARGET_DIR=$target cargo build -q --offline)
    end=$(date +%s.%N)
    rm -rf "$target"
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' >>"$work/$1.times"
    printf '  run %s %-12s %6.2f s\n' "$3" "$1" "$(tail -n1 "$work/$1.times")"
}

median() { sort -g "$work/$1.times" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN { printf "%.2f", a / b }'; }

echo "rustc: $(rustc --version); cores: $(nproc); runs: $runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
    if [[ $only != table ]]; then
        for name in ours thiserror tungstenite; do build "$name" full "$run"; done
    fi
    if [[ $only != deps ]]; then
        for name in macro10k pasted10k; do build "$name" crate "$run"; done
    fi
done

echo
echo "medians of $runs runs (load at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
if [[ $only != table ]]; then
    printf 'budget 1, clean build with dependencies:\n'
    printf '  close-codes %6.2f s   thiserror %6.2f s   tungstenite %6.2f s\n' \
        "$(median ours)" "$(median thiserror)" "$(median tungstenite)"
    printf '  close-codes / thiserror   = %s  (budget <= 0.8)\n' "$(ratio ours thiserror)"
    printf '  close-codes / tungstenite = %s  (budget <= 0.6)\n' "$(ratio ours tungstenite)"
fi
if [[ $only != deps ]]; then
    printf 'budget 3, the crate alone, 10,000-row table:\n'
    printf '  through the macro %6.2f s   pasted %6.2f s\n' "$(median macro10k)" "$(median pasted10k)"
    printf '  macro / pasted = %s  (budget <= 1.3)\n' "$(ratio macro10k pasted10k)"
fi
