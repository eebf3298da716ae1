#!/usr/bin/env bash
# Regenerates every checked-in generated file by the command on its own `// Regenerate:` line,
# run through this workspace's CLI (so it is always the generator of this checkout). Run it
# after changing a table or the pipeline; `cargo test` fails until the files are fresh.
#
#   scripts/regenerate.sh            # every generated file below
#   scripts/regenerate.sh FILE...    # just these
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
    files=(
        runtime/src/bundled.rs
        examples/generated-file/src/app_codes.rs
        examples/chat-client/src/app-codes.ts
        examples/build-script/expanded.rs
    )
fi

for file in "${files[@]}"; do
    command=$(sed -n 's|^// Regenerate: close-codes ||p' "$file" | head -n 1)
    [[ -n $command ]] || { echo "error: $file has no '// Regenerate: close-codes …' line" >&2; exit 1; }
    # The line is written with POSIX shell quoting (cli/src/shell.rs), so the shell reads it back.
    eval "cargo run --quiet -p close-codes-cli -- $command"
    echo "regenerated $file"
done
