#!/usr/bin/env bash
# Load figures for nhs-league-web (reported, never asserted): starts the server and the
# gateway on free loopback ports, runs wrk against each page type for a few seconds and
# prints requests/s and the p50/p99 latency, then the page weights (HTML + CSS bytes).
#   clients/web/load.sh [--duration 5s] [--connections 16] [--bin-dir .build/release]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
duration=5s connections=16 bin="$root/.build/debug"
while (($#)); do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --bin-dir) bin=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
logs=$(mktemp -d)
cleanup() { kill "${web:-}" "${server:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$logs"; }
trap cleanup EXIT
wait_for() { # file pattern
  for _ in $(seq 1 600); do grep -q "$2" "$1" && return 0; sleep 0.1; done
  cat "$1" >&2; return 1
}
"$bin/nhs-league-server" --port 0 >"$logs/server" 2>&1 & server=$!
wait_for "$logs/server" "^nhs-league-server listening on"
addr=$(sed -n 's/^nhs-league-server listening on //p' "$logs/server" | head -1)
NHS_LEAGUE_ADDR=$addr "$bin/nhs-league-web" --port 0 --log-level warning >"$logs/web" 2>&1 & web=$!
wait_for "$logs/web" "^nhs-league-web listening on"
base="http://127.0.0.1:$(sed -n 's/^nhs-league-web listening on .*:\([0-9]*\)$/\1/p' "$logs/web" | head -1)"
code=$(curl -s -H 'Accept: application/json' "$base/tables?table=acute" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"][0]["trust"]["odsCode"])')
postcode=$(curl -s -H 'Accept: application/json' "$base/trust/$code" | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["trust"]["trust"]["hqPostcode"]))')
css=$(curl -s "$base/" | sed -n 's/.*<link rel="stylesheet" href="\([^"]*\)".*/\1/p')
printf '%-28s %10s %10s %10s %9s\n' page "req/s" p50 p99 "html B"
for path in "/" "/search?q=royal" "/trust/$code" "/nearest?postcode=$postcode" "/tables?table=acute" "/about"; do
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$base$path")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  bytes=$(curl -s -L "$base$path" | wc -c)
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-28s %10s %10s %10s %9s %s\n' "${path:0:28}" "$rps" "$p50" "$p99" "$bytes" "${non2xx:+non-2xx: $non2xx}"
done
echo "stylesheet $css: $(curl -s "$base$css" | wc -c) bytes (cached for a year; gzip: $(curl -s "$base$css" | gzip -9 | wc -c))"
