#!/usr/bin/env bash
# Instruction counts per request, by call, from valgrind's callgrind (repeatable
# on a shared machine, unlike timings): runs the server under callgrind, warms
# each call up, then for each of GetTrust, FindTrusts and Nearest zeroes the
# counters, sends a fixed number of requests with the load generator and dumps.
#
#   clients/c/bench/profile.sh [--requests N] [--conns C] [--depth D] [--calls "get-trust ..."]
#                              [--redis] [--server-bin PATH] [--out DIR]
#
# The call grpc-get-trust is GetTrust over gRPC (HTTP/2, same port) driven by
# h2load (Debian nghttp2-client) with -c CONNS -m DEPTH -n N, so the gRPC
# transport is counted the same way as the framing (issue 13).
#
# Defaults: 2000 requests per call over 4 connections x 16 in flight, the
# release server (built when --server-bin is not given), output in
# ./callgrind-profile (one callgrind.out.<call> per call plus a summary.txt with
# instructions per request and the top inclusive and self functions,
# demangled). User-space instructions only: the kernel's socket work is not in
# these counts. --redis also counts redis-server's instructions per GET of the
# same GetTrust answers (the reference), measured the same way. Extra valgrind
# options for the server go in CALLGRIND_OPTS (e.g. "--cache-sim=yes").
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
bench="$root/clients/c/bench"
dataset="$root/Sources/LeagueData/Data/dataset"
requests=2000 conns=4 depth=16 server_bin="" out="$PWD/callgrind-profile" calls="get-trust find-trusts nearest"
with_redis=0
while (($#)); do
  case "$1" in
    --requests) requests=$2; shift ;;
    --conns) conns=$2; shift ;;
    --depth) depth=$2; shift ;;
    --calls) calls=$2; shift ;;
    --redis) with_redis=1 ;;
    --server-bin) server_bin=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "profile.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$server_bin" ]; then
  (cd "$root" && swift build -c release --product nhs-league-server >&2)
  server_bin="$(cd "$root" && swift build -c release --show-bin-path)/nhs-league-server"
fi
# Valgrind 3.19 cannot read the DWARF 5 that the Swift toolchain writes, so it
# profiles a copy without debug info (function names stay: the symbol table is
# kept). The copy sits next to the original so the embedded dataset resolves.
profiled="$server_bin.callgrind"
objcopy --strip-debug "$server_bin" "$profiled"
server_bin=$profiled
make -s -C "$bench" >&2
loadgen="$bench/build/nhs-league-loadgen"
demangle=$(command -v swift-demangle || true)
mkdir -p "$out"
rm -f "$out"/callgrind.out.*

log=$(mktemp)
# The shim works around a valgrind 3.19 crash in Swift's async main (see sigsuspend_shim.c).
LD_PRELOAD="$bench/build/sigsuspend_shim.so" \
  valgrind --tool=callgrind ${CALLGRIND_OPTS:-} --callgrind-out-file="$out/callgrind.out.%p" "$server_bin" --port 0 >"$log" 2>&1 &
pid=$!
redis_pid=""
trap 'kill -9 $pid $redis_pid 2>/dev/null || true; rm -f "$log" "$profiled" "${grpc_body:-}"' EXIT
for _ in $(seq 1 6000); do  # up to 10 min: the load runs ~3 G instructions under callgrind
  addr=$(sed -n 's/^nhs-league-server listening on //p' "$log" | head -1)
  [ -n "$addr" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "${addr:-}" ] || { cat "$log" >&2; echo "server did not start under valgrind" >&2; exit 1; }

# gRPC: the one GetTrust request h2load repeats (grpc_h2load.sh sends the same).
grpc_body=$(mktemp)
printf '\x00\x00\x00\x00\x05\x0a\x03RP6' >"$grpc_body"
# grpc_load CONNS STREAMS REQUESTS: h2load against the server; fails unless every request got a 2xx.
grpc_load() {
  local out
  out=$(h2load -c "$1" -m "$2" -n "$3" -t 1 -d "$grpc_body" -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://$addr/nhs.league.v1.League/GetTrust" 2>&1) || { echo "$out" >&2; return 1; }
  grep -q "^status codes: $3 2xx" <<<"$out" || { echo "$out" >&2; echo "profile.sh: h2load: not every request got 2xx" >&2; return 1; }
  echo "$out"
}
inputs=(--trusts "$dataset/trusts.csv" --queries "$root/Tests/LeagueCoreTests/Resources/search_eval.csv"
  --sectors "$dataset/postcode_sectors.csv" --drain 120)
read -r -a calls <<<"$calls"
# Warm-up: first-use costs (lazy tables, buffer pools, connection setup paths).
for call in "${calls[@]}"; do
  if [ "$call" = grpc-get-trust ]; then grpc_load "$conns" "$depth" 300 >/dev/null; continue; fi
  "$loadgen" run --addr "$addr" --workload "$call" -c "$conns" -d "$depth" --requests 300 --warmup 0 "${inputs[@]}" --quiet >/dev/null
done
summary="$out/summary.txt"
: >"$summary"
# profile NAME PID LOADGEN-RUN-ARGS...: zero PID's counters, run the requests, dump as
# $out/callgrind.out.NAME and append the per-request count and top functions to the summary.
profile() {
  local name=$1 target=$2 dump total
  shift 2
  callgrind_control -z "$target" >/dev/null 2>&1
  if [ "$name" = grpc-get-trust ]; then
    grpc_load "$conns" "$depth" "$requests" >"$out/h2load.$name.txt"
  else
    "$loadgen" run "$@" -c "$conns" -d "$depth" --requests "$requests" --warmup 0 "${inputs[@]}" --quiet \
      >"$out/loadgen.$name.txt"
  fi
  callgrind_control -d "$name" "$target" >/dev/null 2>&1
  sleep 1
  dump=$(ls -t "$out"/callgrind.out."$target".* | head -1)
  mv "$dump" "$out/callgrind.out.$name"
  total=$(sed -n 's/^summary: *//p;s/^totals: *//p' "$out/callgrind.out.$name" | head -1 | awk '{print $1}')
  {
    echo "== $name: $requests requests, ${conns}x${depth}: $total instructions = $((total / requests)) per request"
    echo "-- top inclusive"
    callgrind_annotate --inclusive=yes --threshold=100 "$out/callgrind.out.$name" 2>/dev/null |
      sed -n '/^Ir/,$p' | sed -n '3,42p'
    echo "-- top self"
    callgrind_annotate --threshold=100 "$out/callgrind.out.$name" 2>/dev/null | sed -n '/^Ir/,$p' | sed -n '3,32p'
    echo
  } | { if [ -n "$demangle" ]; then "$demangle" --simplified; else cat; fi; } >>"$summary"
  grep "^== $name" "$summary"
}
for call in "${calls[@]}"; do
  profile "$call" "$pid" --addr "$addr" --workload "$call"
done

# The reference: Redis GET of every trust's real GetTrust answer, counted the same way.
if ((with_redis)); then
  redis_port=$("$loadgen" free-port)
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out.%p" redis-server --bind 127.0.0.1 \
    --port "$redis_port" --save '' --appendonly no --daemonize no >"$out/redis.log" 2>&1 &
  redis_pid=$!
  deadline=$((SECONDS + 120))
  until [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ] || ((SECONDS > deadline)); do sleep 0.2; done
  "$loadgen" fill --server "$addr" --redis "127.0.0.1:$redis_port" --trusts "$dataset/trusts.csv" >/dev/null
  redis_args=(--proto redis --addr "127.0.0.1:$redis_port" --workload get-trust)
  "$loadgen" run "${redis_args[@]}" -c "$conns" -d "$depth" --requests 300 --warmup 0 "${inputs[@]}" --quiet >/dev/null
  profile redis-get "$redis_pid" "${redis_args[@]}"
  kill -TERM "$redis_pid"
  wait "$redis_pid" 2>/dev/null || true
fi
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
echo "details: $summary and $out/callgrind.out.<call> (callgrind_annotate / kcachegrind)"
