#!/usr/bin/env bash
# Mutation testing with cargo-mutants (TESTING.md): every mutant of a crate's code must make a
# test fail, or be listed in .cargo/mutants.toml with the reason it cannot.
#
#   scripts/mutants.sh runtime [OPTIONS]   # runtime/ (close-codes)
#   scripts/mutants.sh codegen [OPTIONS]   # codegen/ (close-codes-codegen)
#   scripts/mutants.sh changed             # CI: only code the latest commit touched, bounded
#
# OPTIONS go to cargo-mutants: `-f runtime/src/row.rs`, `-F 'ConstMessage'`, `--in-diff FILE`,
# `--list`, `-j 2`. Results land in target/mutants/<crate>/mutants.out/ (missed.txt, caught.txt,
# outcomes.json, a log per mutant). Exit status: 0 all caught, 2 some missed, 3 some timed out.
#
# Which tests judge which mutants:
# - runtime: its own tests and the root suite's (tests/), every feature on, less the two that
#   compile other crates: `ui` (trybuild, 80 s a run) and the rebuild test (its clippy step
#   "catches" a mutant by a lint on mutated source, which tests no behaviour).
# - codegen: codegen's own tests only (unit, tests/, doctests). The root suite also runs the
#   generated code, but rebuilding it for each of ~400 mutants costs hours; codegen's tests
#   read back what it generates instead.
set -euo pipefail
cd "$(dirname "$0")/.."

# The version the figures in TESTING.md were taken with; CI installs the same.
MUTANTS_VERSION=27.1.0
# No debug info in the mutants' builds: they link faster, and no one reads their backtraces.
export CARGO_PROFILE_DEV_DEBUG=0 CARGO_TERM_COLOR=never

run() {
  local crate=$1
  shift
  local out=target/mutants/$crate
  mkdir -p "$out"
  case $crate in
    runtime)
      cargo mutants --package close-codes --all-features \
        --test-package close-codes --test-package close-codes-suite \
        --minimum-test-timeout 60 --output "$out" "$@" \
        -- -- --exact --skip ui --skip editing_the_table_regenerates_the_type
      ;;
    codegen)
      cargo mutants --package close-codes-codegen --all-features --test-package close-codes-codegen \
        --minimum-test-timeout 60 --output "$out" "$@"
      ;;
    *)
      echo "unknown crate: $crate (runtime or codegen)" >&2
      return 1
      ;;
  esac
}

# CI: the mutants in the lines the latest commit changed (for a merge, the whole merged
# branch), per crate. At most MUTANTS_MAX a crate are run, so the step stays within its time
# budget: past that, a slice chosen by the commit hash, and the log says so.
changed() {
  local max=${MUTANTS_MAX:-15}
  if ! git rev-parse --verify --quiet HEAD^ >/dev/null; then
    echo "mutants: no parent commit to diff against; nothing to do"
    return 0
  fi
  local status=0 crate dir diff count shards shard
  for crate in runtime codegen; do
    dir=$crate/src
    diff=target/mutants/$crate.diff
    mkdir -p target/mutants
    git diff HEAD^ HEAD -- "$dir" >"$diff"
    if [ ! -s "$diff" ]; then
      echo "mutants: $crate: no change in $dir"
      continue
    fi
    # Installed only when there is something to mutate: a build of its own, minutes long.
    if [ "$(cargo mutants --version 2>/dev/null)" != "cargo-mutants $MUTANTS_VERSION" ]; then
      cargo install --locked --quiet cargo-mutants --version "$MUTANTS_VERSION"
    fi
    count=$(run "$crate" --in-diff "$diff" --list | grep -c . || true)
    if [ "$count" -eq 0 ]; then
      echo "mutants: $crate: the change holds no mutants"
      continue
    fi
    shards=$(((count + max - 1) / max))
    shard=$((16#$(git rev-parse --short=6 HEAD) % shards))
    echo "mutants: $crate: $count mutants in the change; running slice $shard of $shards"
    run "$crate" --in-diff "$diff" --shard "$shard/$shards" || {
      local code=$?
      # 3: only timeouts, which a mutant that loops forever gives; anything else fails.
      if [ "$code" -ne 3 ]; then status=$code; fi
    }
    for file in missed timeout; do
      if [ -s "target/mutants/$crate/mutants.out/$file.txt" ]; then
        echo "mutants: $crate: $file:"
        cat "target/mutants/$crate/mutants.out/$file.txt"
      fi
    done
  done
  return "$status"
}

case ${1:-} in
  runtime | codegen)
    crate=$1
    shift
    run "$crate" "$@"
    ;;
  changed) changed ;;
  *)
    sed -n '2,20p' "$0" >&2
    exit 1
    ;;
esac
