#!/usr/bin/env bash
# Cross-implementation conformance: sends cases.txt through every client's
# runner, checks they decode identical answers and the expected status codes.
#
#   clients/conformance/run.sh
#
# Server: NHS_LEAGUE_ADDR=host:port if set; else starts NHS_LEAGUE_SERVER_BIN
# (default: .build/debug/nhs-league-server at the repo root) on a free port.
# Runners: python (reference), c, swift and grpc (stock grpcio; call cases
# only, the framing-level raw/none cases print NOT_APPLICABLE) always; more with
#   NHS_LEAGUE_EXTRA_RUNNERS="swift=/path/to/runner other=/path/to/cmd"
# each called as `CMD CASES_FILE HOST:PORT` and printing one
# `NAME<TAB>CANONICAL_JSON` line per case (README.md in this folder).
# Needs: python3 with protobuf >= 3.20, and clients/c's build needs
# (cc, make, pkg-config, protoc-c, libprotobuf-c). Outputs are kept in
# clients/conformance/build/out/. Also checks clients/README.md's worked
# example against the server (check_readme_example.py). Last line:
# `N passed, N failed`; exit status non-zero on any failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cases="$here/cases.txt"
out="$here/build/out"
PYTHON=${PYTHON:-python3}

make -s -C "$here" >&2

server_pid=""
cleanup() { if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

addr=${NHS_LEAGUE_ADDR:-}
if [[ -z "$addr" ]]; then
  bin=${NHS_LEAGUE_SERVER_BIN:-$root/.build/debug/nhs-league-server}
  if [[ ! -x "$bin" ]]; then
    echo "error: no server: set NHS_LEAGUE_ADDR, or NHS_LEAGUE_SERVER_BIN, or run" \
         "'swift build --product nhs-league-server' at the repo root" >&2
    exit 2
  fi
  mkdir -p "$out"
  "$bin" --port 0 >"$out/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    addr=$(sed -n 's/.*listening on \([^ ]*:[0-9][0-9]*\).*/\1/p' "$out/server.log" | head -1)
    [[ -n "$addr" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { echo "error: server exited:" >&2; cat "$out/server.log" >&2; exit 2; }
    sleep 0.2
  done
  [[ -n "$addr" ]] || { echo "error: server did not start" >&2; cat "$out/server.log" >&2; exit 2; }
  echo "server $bin on $addr" >&2
fi

mkdir -p "$out"
rm -f "$out"/*.txt
runners=("python=$PYTHON $here/run_python.py" "c=$here/build/nhs-league-conformance-c" "swift=$here/run_swift.sh"
  "grpc=$PYTHON $here/run_grpc.py")  # stock grpcio over HTTP/2, same port (run_grpc.py)
# shellcheck disable=SC2206
runners+=(${NHS_LEAGUE_EXTRA_RUNNERS:-})
specs=()
status=0
for r in "${runners[@]}"; do
  name=${r%%=*}
  cmd=${r#*=}
  # shellcheck disable=SC2086
  if ! $cmd "$cases" "$addr" >"$out/$name.txt" 2>"$out/$name.err"; then
    echo "runner $name failed:" >&2
    cat "$out/$name.err" >&2
    status=1
  fi
  specs+=("$name=$out/$name.txt")
done
echo "== clients/README.md worked example vs the server" >&2
"$PYTHON" "$here/check_readme_example.py" "$addr" >&2 || status=1
echo "== runners compared" >&2
"$PYTHON" "$here/compare.py" "$cases" "${specs[@]}" || status=1
exit $status
