#!/usr/bin/env bash
# Runs a command against a live nhs-league-server on a free loopback port:
#   .ci/with-server.sh COMMAND [ARGS...]
# Starts the built server (.build/debug/nhs-league-server) with --port 0, exports
# NHS_LEAGUE_ADDR=127.0.0.1:PORT for the command, then stops the server with SIGTERM
# and fails if it did not shut down cleanly.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="${NHS_LEAGUE_SERVER_BIN:-$root/.build/debug/nhs-league-server}"
log=$(mktemp)
"$bin" --port 0 >"$log" 2>&1 &
pid=$!
cleanup() { kill -9 "$pid" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  addr=$(sed -n 's/^nhs-league-server listening on //p' "$log" | head -1)
  [ -n "$addr" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "server exited early" >&2; exit 1; }
  sleep 0.1
done
[ -n "${addr:-}" ] || { cat "$log" >&2; echo "server did not start" >&2; exit 1; }
export NHS_LEAGUE_ADDR="$addr"
status=0
"$@" || status=$?
kill -TERM "$pid"
# A graceful shutdown drains connections within the server's drain timeout (10 s).
for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
  echo "server did not shut down within 30 s of SIGTERM" >&2; cat "$log" >&2; exit 1
fi
wait "$pid" || { echo "server did not shut down cleanly" >&2; cat "$log" >&2; exit 1; }
exit "$status"
