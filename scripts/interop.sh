#!/usr/bin/env bash
# The interop suite: installs the six WebSocket peers, then runs close-codes-interop, which
# drives each over 127.0.0.1, compares it with close-codes, prints the counts, and checks that
# docs/protocol.md is the table this run produced.
#
#   bash scripts/interop.sh                    install the peers, run, compare
#   INTEROP_BLESS=1 bash scripts/interop.sh    the same, then write the run's table to docs/protocol.md
#   INTEROP_NO_INSTALL=1 bash scripts/interop.sh   use what is installed; a missing peer fails the
#                                              run, loudly, unless INTEROP_ALLOW_MISSING=1 (not in CI)
#   INTEROP_PEERS=ws,undici ...                only these peers (the rest count as missing)
#
# Installs: chromium and firefox-esr (apt-get, as root), ws and undici (npm ci, pinned by
# interop/node/package-lock.json), websockets (pip, pinned by interop/python/requirements.txt,
# into a virtualenv under target/). tokio-tungstenite is built with the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
out="${INTEROP_OUT:-$PWD/target/interop}"
venv="$out/venv"
mkdir -p "$out"
started=$SECONDS

install_peers() {
  echo "-- installing peers"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    # Fresh machines have no package lists; update first.
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium firefox-esr >/dev/null
  else
    echo "not root or no apt-get: install chromium and firefox-esr yourself"
  fi
  if command -v npm >/dev/null; then
    npm ci --prefix interop/node --no-audit --no-fund --loglevel=error
  else
    echo "no npm: ws and undici cannot be installed"
  fi
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r interop/python/requirements.txt
}

if [ "${INTEROP_NO_INSTALL:-}" != 1 ]; then
  install_peers
fi
installed=$SECONDS

echo "-- building the suite"
cargo build --quiet -p close-codes-interop
bin="${CARGO_TARGET_DIR:-target}/debug/close-codes-interop"
built=$SECONDS

if [ -x "$venv/bin/python" ]; then
  export INTEROP_PYTHON="${INTEROP_PYTHON:-$venv/bin/python}"
fi
export INTEROP_OUT="$out"
# Every peer has its own time limit inside the suite; this bounds the whole run regardless.
status=0
timeout --kill-after=10 900 "$bin" || status=$?
if [ "$status" != 0 ]; then
  for log in "$out"/logs/*.log; do
    [ -s "$log" ] || continue
    echo "-- last lines of $log"
    tail -n 15 "$log"
  done
fi
echo "interop.sh: $((SECONDS - started)) s (install $((installed - started)) s, build $((built - installed)) s, run $((SECONDS - built)) s)"
exit "$status"
