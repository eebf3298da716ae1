#!/usr/bin/env bash
# Build-time goals (issue 10 item 7, issue 20), measured side by side in one run against a
# crate that uses thiserror's derive (the anchor: what a small crate with one proc-macro
# dependency costs):
#   1. a crate using only the bundled close_codes::CloseCode (default features): goal <= 0.15x;
#      its `cargo tree -e normal` must list no syn, quote, proc-macro2, pulldown-cmark or
#      close-codes-macros (the script stops if it does);
#   2. a crate with its own small table through close_codes! (feature `macros`);
#   3. the same table through a build script (close-codes-codegen as a build-dependency);
#   4. the same table as a file written by `close-codes generate`, default features;
#      beside them, the stack's floor: a trivial proc macro on the same syn, quote, proc-macro2
#      and pulldown-cmark with the same features, which crate 2 is measured against as well,
#      and the libraries' floor: the same with unicode-normalization and strsim added, the
#      two libraries the pipeline uses besides the stack (crate 2 against it: the price of
#      close-codes' own code);
#   5. the marginal cost of close-codes in a small serde + tokio + tokio-tungstenite app: the
#      app with and without it, the difference over the app; once with the bundled type, once
#      with its own table through close_codes! (the app already builds syn for serde_derive,
#      and shares it).
# 1-5 are clean `cargo build`s (debug), dependencies included: what a user pays on a fresh
# checkout or CI run. close-codes' crates and the floors' macros are built as crates from
# crates.io are (see `from_registry`). Budget 3 of issue 6 is kept as well:
#   t. a crate with a 10,000-row table through the macro vs the same crate with the expanded
#      code pasted in: only that crate's compile, its dependencies prebuilt and untimed.
# Every build gets a fresh target dir; each run builds every crate once, in an order that
# rotates between runs, so load that comes and goes spreads over all of them; medians and
# ratios are printed at the end. The crates start from this repo's Cargo.lock and build
# --offline: after `cargo fetch` in the repo nothing but the registry cache is needed.
#
#   scripts/bench-build.sh                      # 3 runs of each build
#   BENCH_RUNS=7 scripts/bench-build.sh         # more runs, steadier medians
#   BENCH_KEEP=1 ...                            # keep the temporary directory (its path is printed)
#   BENCH_ONLY=modes|app|table ...              # only 1-4, only 5, or only budget 3
#                                               # (1-4 and 5 bring the thiserror anchor along)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-3}
only=${BENCH_ONLY:-all}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_RUNS: a number of runs, 1 or more" >&2; exit 2; }
case $only in all | modes | app | table) ;; *) echo "BENCH_ONLY: all, modes, app or table" >&2; exit 2 ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/close-codes-bench.XXXXXX")
if [[ -z ${BENCH_KEEP:-} ]]; then trap 'rm -rf "$work"' EXIT; else echo "keeping $work"; fi
unset CARGO_TARGET_DIR RUSTFLAGS CARGO_BUILD_RUSTFLAGS
export CARGO_TERM_COLOR=never

wanted() { [[ $only == all || $only == "$1" ]]; }

# new_crate NAME DEPENDENCY-LINES [BUILD-DEPENDENCY-LINES]: a binary crate outside any
# workspace, pinned to the repo's lock so every crate builds the same versions.
new_crate() {
    mkdir -p "$work/$1/src"
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s\n\n[build-dependencies]\n%s\n\n[workspace]\n' \
        "$1" "$2" "${3:-}" >"$work/$1/Cargo.toml"
    cp "$repo/Cargo.lock" "$work/$1/Cargo.lock"
}

# from_registry NAME PACKAGE...: build these path dependencies of crate NAME as cargo builds a
# crate from crates.io, which is how users get them. Cargo compiles path dependencies
# incrementally and registry ones not; left as path crates, close-codes' crates and the floor's
# macro would pay for incremental caches no user pays for (0.7 s of the macro crate's 4.2 s,
# three runs each way with CARGO_INCREMENTAL=0 and without).
from_registry() {
    local name=$1 package
    shift
    for package in "$@"; do
        printf '\n[profile.dev.package.%s]\nincremental = false\n' "$package" >>"$work/$name/Cargo.toml"
    done
}

ours_dep="close-codes = { path = \"$repo/runtime\" }"
macro_dep="close-codes = { path = \"$repo/runtime\", features = [\"macros\"] }"
timed=() # the crates each run builds in full, in this order (rotated per run)

# The anchor: a hand-written check whose error enum derives thiserror::Error.
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
if wanted modes || wanted app; then timed+=(thiserror); fi

if wanted modes; then
    # 1. The bundled type alone.
    new_crate bundled "$ours_dep"
    from_registry bundled close-codes
    cat >"$work/bundled/src/main.rs" <<'RS'
use close_codes::CloseCode;

fn main() {
    let code = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    match CloseCode::sendable_from_u16(code) {
        Ok(code) => println!("{code}"),
        Err(error) => println!("{error}"),
    }
}
RS
    # The no-dependency promise, checked on the crate that is timed (normal edges only: a
    # proc macro would show up here, dev- and build-dependencies do not reach users).
    tree=$(cd "$work/bundled" && cargo tree -q --offline -e normal --prefix none)
    echo "cargo tree -e normal of the bundled-only crate:"
    awk '{ print "  " $0 }' <<<"$tree"
    if grep -E '^(syn|quote|proc-macro2|pulldown-cmark|close-codes-macros) ' <<<"$tree"; then
        echo "the bundled-only crate depends on the crates above" >&2
        exit 1
    fi
    echo "  (no syn, quote, proc-macro2, pulldown-cmark or close-codes-macros)"

    # 2-4. One small table (the chat example's, 6 rows) as AppCode, three ways; same main.
    main_app='fn main() {
    let code = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(4001);
    match AppCode::sendable_from_u16(code) {
        Ok(code) => println!("{code}: {}", code.description()),
        Err(error) => println!("{error}"),
    }
}'
    new_crate macro "$macro_dep"
    from_registry macro close-codes close-codes-macros close-codes-codegen
    cp "$repo/examples/app-codes.md" "$work/macro/codes.md"
    printf 'close_codes::close_codes! {\n    enum AppCode from "codes.md"\n}\n\n%s\n' "$main_app" \
        >"$work/macro/src/main.rs"

    new_crate buildrs "$ours_dep" "close-codes-codegen = { path = \"$repo/codegen\" }"
    from_registry buildrs close-codes close-codes-codegen
    cp "$repo/examples/app-codes.md" "$work/buildrs/codes.md"
    cat >"$work/buildrs/build.rs" <<'RS'
fn main() -> Result<(), close_codes_codegen::BuildError> {
    close_codes_codegen::Build::new("codes.md")
        .type_name("AppCode")
        .visibility("")
        .write_to_out_dir("app_codes.rs")?;
    Ok(())
}
RS
    printf 'include!(concat!(env!("OUT_DIR"), "/app_codes.rs"));\n\n%s\n' "$main_app" \
        >"$work/buildrs/src/main.rs"

    # The file is written once, untimed, by this repo's CLI: users check it in.
    new_crate file "$ours_dep"
    from_registry file close-codes
    cp "$repo/examples/app-codes.md" "$work/file/codes.md"
    (cd "$work/file" && cargo run -q --manifest-path "$repo/Cargo.toml" -p close-codes-cli -- \
        generate codes.md --name AppCode --vis "pub(crate)" -o src/app_codes.rs)
    printf 'mod app_codes;\n\nuse app_codes::AppCode;\n\n%s\n' "$main_app" >"$work/file/src/main.rs"
    # The stack's floor (issue 20): a crate whose own trivial proc macro depends on the same
    # syn, quote, proc-macro2 and pulldown-cmark, with the same features as close-codes'
    # macro path, and uses each once (parse the path, read the table, write a const). What
    # any proc macro on this stack costs; macro mode is measured against it too.
    features=$(sed -n 's/^syn = .*features = \(\[.*\]\).*/\1/p' "$repo/Cargo.toml")
    stack_deps="syn = { version = \"3\", default-features = false, features = $features }
quote = { version = \"1\", default-features = false }
proc-macro2 = { version = \"1\", default-features = false }
pulldown-cmark = { version = \"0.13\", default-features = false }"
    # floor_macro NAME DEPENDENCY-LINES USE: a proc macro crate `rows!("table.md")` that
    # parses its input with syn, counts the table's rows with pulldown-cmark, writes a const
    # with quote, and runs the statements USE over the path string `path` first.
    floor_macro() {
        mkdir -p "$work/$1/src"
        printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[lib]\nproc-macro = true\n\n[dependencies]\n%s\n\n[workspace]\n' \
            "$1" "$2" >"$work/$1/Cargo.toml"
        cat >"$work/$1/src/lib.rs" <<RS
use proc_macro::TokenStream;

/// \`rows!("table.md")\`: a const with the number of table rows in the file.
#[proc_macro]
pub fn rows(input: TokenStream) -> TokenStream {
    let path = syn::parse_macro_input!(input as syn::LitStr).value();
    $3
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let text = std::fs::read_to_string(std::path::Path::new(&dir).join(path)).unwrap_or_default();
    let options = pulldown_cmark::Options::ENABLE_TABLES;
    let rows = pulldown_cmark::Parser::new_ext(&text, options)
        .filter(|event| matches!(event, pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableRow)))
        .count();
    quote::quote!(const ROWS: usize = #rows;).into()
}
RS
        new_crate "${1%_macro}" "$1 = { path = \"../$1\" }"
        from_registry "${1%_macro}" "$1"
        cp "$repo/examples/app-codes.md" "$work/${1%_macro}/codes.md"
        printf '%s::rows!("codes.md");\n\nfn main() {\n    println!("{ROWS}");\n}\n' "$1" \
            >"$work/${1%_macro}/src/main.rs"
    }
    floor_macro floor_macro "$stack_deps" ''
    # The libraries' floor: the stack plus the two libraries close-codes' pipeline
    # adds (unicode-normalization for names as rustc compares them, strsim for near misses),
    # with the same features, each used once. Macro mode against it is the price of
    # close-codes' own code: the pipeline, the proc macro shell, the runtime, the expansion.
    floor_macro libs_macro "$stack_deps
unicode-normalization = { version = \"0.1\", default-features = false }
strsim = \"0.11\"" 'let path: String = unicode_normalization::UnicodeNormalization::nfc(path.as_str()).collect();
    let _ = strsim::levenshtein(&path, "codes.md");'
    timed+=(bundled macro buildrs file floor libs)
fi

if wanted app; then
    # 5. A small serde + tokio + tokio-tungstenite app (issue 20): a JSON message over a
    # loopback WebSocket, then the close handshake. The copy with close-codes differs only in
    # its dependency and in checking the code it received. Only features whose dependencies are
    # in the repo's lock (no tokio `macros`), so it builds offline as well.
    app_deps='serde = { version = "1", features = ["derive"] }
serde_json = "1"
tokio = { version = "1", features = ["rt", "net"] }
tokio-tungstenite = { version = "0.30", default-features = false, features = ["handshake"] }
futures-util = { version = "0.3", default-features = false, features = ["sink"] }'
    app_main='use futures_util::{SinkExt, StreamExt};
use serde::{Deserialize, Serialize};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::Message;

type Error = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, Serialize, Deserialize)]
struct Goodbye {
    code: u16,
    reason: String,
}

fn main() -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_io().build()?;
    runtime.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let client = tokio::spawn(async move {
            let tcp = TcpStream::connect(address).await?;
            let (mut ws, _) = tokio_tungstenite::client_async(format!("ws://{address}/"), tcp).await?;
            let goodbye = Goodbye { code: 4001, reason: "kicked".into() };
            ws.send(Message::text(serde_json::to_string(&goodbye)?)).await?;
            ws.close(None).await?;
            Ok::<_, Error>(())
        });
        let (tcp, _) = listener.accept().await?;
        let mut ws = tokio_tungstenite::accept_async(tcp).await?;
        while let Some(message) = ws.next().await {
            if let Message::Text(text) = message? {
                report(&serde_json::from_str(&text)?);
            }
        }
        client.await??;
        Ok(())
    })
}'
    new_crate app "$app_deps"
    printf '%s\n\nfn report(goodbye: &Goodbye) {\n    println!("{} {}", goodbye.code, goodbye.reason);\n}\n' \
        "$app_main" >"$work/app/src/main.rs"
    new_crate app_cc "$app_deps
$ours_dep"
    from_registry app_cc close-codes
    printf '%s\n\nfn report(goodbye: &Goodbye) {\n    match close_codes::CloseCode::from_u16(goodbye.code) {\n        Some(code) => println!("{code}: {}", goodbye.reason),\n        None => println!("{} is no close code", goodbye.code),\n    }\n}\n' \
        "$app_main" >"$work/app_cc/src/main.rs"
    # The same app with its own table through the macro (app-codes.md's 4001 is "Kicked").
    new_crate app_macro "$app_deps
$macro_dep"
    from_registry app_macro close-codes close-codes-macros close-codes-codegen
    cp "$repo/examples/app-codes.md" "$work/app_macro/codes.md"
    printf 'close_codes::close_codes! {\n    enum AppCode from "codes.md"\n}\n\n%s\n\nfn report(goodbye: &Goodbye) {\n    match AppCode::from_u16(goodbye.code) {\n        Some(code) => println!("{code}: {}", goodbye.reason),\n        None => println!("{} is no close code", goodbye.code),\n    }\n}\n' \
        "$app_main" >"$work/app_macro/src/main.rs"
    timed+=(app app_cc app_macro)
fi

if wanted table; then
    # Budget 3's pair: the same 10,000-row table, through the macro and pasted in.
    main_10k='fn main() {
    let code = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    println!("{:?}", CloseCode::sendable_from_u16(code).map(|code| code.row().line()));
}'
    new_crate macro10k "$macro_dep"
    new_crate pasted10k "$ours_dep"
    from_registry macro10k close-codes close-codes-macros close-codes-codegen
    from_registry pasted10k close-codes
    codegen=(cargo run -q --release --manifest-path "$repo/Cargo.toml" -p close-codes-benches --example codegen --)
    "${codegen[@]}" table 10000 >"$work/macro10k/codes.md"
    printf 'close_codes::close_codes!("codes.md");\n\n%s\n' "$main_10k" >"$work/macro10k/src/main.rs"
    {
        "${codegen[@]}" paste "$work/macro10k/codes.md" CloseCode
        printf '\n%s\n' "$main_10k"
    } >"$work/pasted10k/src/main.rs"
fi

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
    # Rotate the order so no crate always follows the heaviest one (or always goes first).
    count=${#timed[@]}
    for ((i = 0; i < count; i++)); do
        build "${timed[(i + run - 1) % count]}" full "$run"
    done
    if wanted table; then
        for name in macro10k pasted10k; do build "$name" crate "$run"; done
    fi
done

echo
echo "medians of $runs runs (load at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
row() { printf '  %-44s %6.2f s  %5s×  %s\n' "$1" "$(median "$2")" "$(ratio "$2" thiserror)" "$3"; }
if wanted modes || wanted app; then
    printf 'clean build with dependencies, ratio to the thiserror crate:\n'
    row 'thiserror derive (anchor)' thiserror ''
fi
if wanted modes; then
    row '1. bundled CloseCode only (default features)' bundled '(goal <= 0.15)'
    row '2. own table, close_codes! (macros)' macro ''
    row '3. own table, build script' buildrs ''
    row '4. own table, generated file' file '(goal <= 0.2)'
    row "   the stack's floor: a trivial proc macro" floor ''
    row '   the floor + unicode-normalization, strsim' libs ''
    printf '  2. macro mode / the stack'"'"'s floor = %s  (goal <= 2.0, median; issue 20 asked 1.15: BENCHMARKS.md)\n' "$(ratio macro floor)"
    printf '  2. macro mode / the libraries'"'"' floor = %s  (goal <= 1.6, median: close-codes'"'"' own code)\n' "$(ratio macro libs)"
fi
if wanted app; then
    row '5. serde + tokio + tokio-tungstenite app' app ''
    row '   the same app + close-codes (bundled)' app_cc ''
    row '   the same app + its own table (close_codes!)' app_macro ''
    added() {
        awk -v what="$1" -v a="$(median app)" -v b="$(median "$2")" -v t="$(median thiserror)" 'BEGIN {
            printf "  5. %s added to the app: %+.2f s = %+.1f %% of the app (%.2f× thiserror)\n",
                what, b - a, 100 * (b - a) / a, (b - a) / t }'
    }
    added 'close-codes (bundled)' app_cc
    added 'close_codes! (macros)' app_macro
fi
if wanted table; then
    printf 'budget 3, the crate alone, 10,000-row table:\n'
    printf '  through the macro %6.2f s   pasted %6.2f s\n' "$(median macro10k)" "$(median pasted10k)"
    printf '  macro / pasted = %s  (budget <= 1.3)\n' "$(ratio macro10k pasted10k)"
fi
