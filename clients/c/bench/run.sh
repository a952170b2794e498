#!/usr/bin/env bash
# The nhs-league bench in one command: builds the server (release) and the load
# generator, starts nhs-league-server and redis-server on 127.0.0.1 ephemeral
# ports (Redis with persistence off), stores every trust's real GetTrust answer
# in Redis (trust:<code>), runs GetTrust, FindTrusts, Nearest and a mixed
# workload at each connections x pipeline depth against our server and GET
# against Redis, GetTrust over gRPC with h2load (grpc_h2load.sh), and prints the tables. See README.md in this folder.
#
#   clients/c/bench/run.sh                   the full bench (~2 min after the build)
#   clients/c/bench/run.sh --smoke --server-bin .build/debug/nhs-league-server
#                                            CI: ~1 s per run, fails on any error
# Options: --duration S (default 5), --warmup S (1), --configs "1x1 64x1 64x16",
#   --workloads "get-trust find-trusts nearest mixed", --server-bin PATH (skip
#   the Swift build), --smoke (1 s runs at 1x1 and 8x4, every answer also
#   decoded with protobuf-c; exit 1 on any error or missing number).
# Exit status: 0 when every run answered with zero errors.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
bench="$root/clients/c/bench"
dataset="$root/Sources/LeagueData/Data/dataset"
trusts="$dataset/trusts.csv"
queries="$root/Tests/LeagueCoreTests/Resources/search_eval.csv"
sectors="$dataset/postcode_sectors.csv"

duration=5 warmup=1 configs="1x1 64x1 64x16" workloads="get-trust find-trusts nearest mixed"
server_bin="" smoke=0 decode=()
while (($#)); do
  case "$1" in
    --smoke) smoke=1; duration=1; warmup=0.2; configs="1x1 8x4"; decode=(--decode) ;;
    --duration) duration=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --configs) configs=$2; shift ;;
    --workloads) workloads=$2; shift ;;
    --server-bin) server_bin=$2; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ -z "$server_bin" ]; then
  echo "== swift build -c release --product nhs-league-server" >&2
  (cd "$root" && swift build -c release --product nhs-league-server >&2)
  server_bin="$(cd "$root" && swift build -c release --show-bin-path)/nhs-league-server"
fi
make -s -C "$bench" >&2
loadgen="$bench/build/nhs-league-loadgen"
command -v redis-server >/dev/null || { echo "run.sh: redis-server not found (bash .ci/setup installs it)" >&2; exit 1; }

tmp=$(mktemp -d)
server_pid="" redis_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null || true
  [ -n "$redis_pid" ] && kill -9 "$redis_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# Our server on a free port; cold start = exec to the "listening" line.
started=$(date +%s%N)
"$server_bin" --port 0 >"$tmp/server.log" 2>&1 &
server_pid=$!
addr="" deadline=$((SECONDS + 120))   # a debug build on a busy machine can take a while
while ((SECONDS < deadline)); do
  addr=$(sed -n 's/^nhs-league-server listening on //p' "$tmp/server.log" | head -1)
  [ -n "$addr" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log" >&2; echo "run.sh: server exited" >&2; exit 1; }
  sleep 0.002
done
[ -n "$addr" ] || { cat "$tmp/server.log" >&2; echo "run.sh: server did not start" >&2; exit 1; }
cold_ms=$(( ($(date +%s%N) - started) / 1000000 ))

redis_port=$("$loadgen" free-port)
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --protected-mode yes \
  --dir "$tmp" --logfile "$tmp/redis.log" --daemonize no >/dev/null 2>&1 &
redis_pid=$!
deadline=$((SECONDS + 30))
while ((SECONDS < deadline)); do
  [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ] && break
  kill -0 "$redis_pid" 2>/dev/null || { cat "$tmp/redis.log" >&2; echo "run.sh: redis-server exited" >&2; exit 1; }
  sleep 0.01
done
"$loadgen" fill --server "$addr" --redis "127.0.0.1:$redis_port" --trusts "$trusts" >&2

# One generator run; prints its RESULT line (empty when it printed none).
# A run with errors still reports; the failure is counted for the exit status.
failures=0
measure() {
  local out status=0
  out=$("$loadgen" run "$@" --duration "$duration" --warmup "$warmup" --trusts "$trusts" \
    --queries "$queries" --sectors "$sectors" "${decode[@]}" 2>"$tmp/err") || status=$?
  sed 's/^/  /' "$tmp/err" >&2
  if ((status != 0)); then failures=$((failures + 1)); echo "run.sh: failed: loadgen run $*" >&2; fi
  grep '^RESULT ' <<<"$out" || true
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A ours redis grpc
for config in $configs; do
  c=${config%x*} d=${config#*x}
  echo "== ${c} conns x ${d} pipeline" >&2
  redis[$config]=$(measure --proto redis --addr "127.0.0.1:$redis_port" --workload get-trust -c "$c" -d "$d")
  for w in $workloads; do
    ours[$w/$config]=$(measure --proto league --addr "$addr" --workload "$w" -c "$c" -d "$d")
  done
  # gRPC (issue 13): the same server and port over HTTP/2, driven by h2load (d = streams per connection).
  grpc[$config]=$("$bench/grpc_h2load.sh" "$addr" "$c" "$d" "$duration" "$warmup" 2>"$tmp/err") \
    || { sed 's/^/  /' "$tmp/err" >&2; failures=$((failures + 1)); echo "run.sh: failed: grpc_h2load $config" >&2; }
done
status_lines=$(grep -E '^Vm(HWM|RSS)' "/proc/$server_pid/status" | tr -s ' \t' ' ')
redis_rss=$(sed -n 's/^VmRSS:\s*//p' "/proc/$redis_pid/status")

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo
echo "nhs-league bench: commit $commit, $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(redis-server --version | awk '{print $1, $3}')"
echo "server $server_bin; ${duration} s per run after ${warmup} s warm-up; generator on the same cores"
echo "load average before the runs: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every figure)"
echo
echo "| workload | conns × pipeline | ours req/s | Redis GET req/s | ratio | our p50 | our p99 | Redis p99 | errors (ours/Redis) |"
echo "|---|---|---|---|---|---|---|---|---|"
missing=0
for w in $workloads; do
  for config in $configs; do
    o=${ours[$w/$config]} r=${redis[$config]}
    if [ -z "$o" ] || [ -z "$r" ]; then
      missing=$((missing + 1))
      echo "| $w | ${config/x/ × } | (no result) | | | | | | |"
      continue
    fi
    ratio=$(awk -v a="$(field rps "$o")" -v b="$(field rps "$r")" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    ms() { awk -v u="$1" 'BEGIN { printf (u >= 1000 ? "%.1f ms" : "%.0f µs"), (u >= 1000 ? u / 1000 : u) }'; }
    echo "| $w | ${config/x/ × } | $(field rps "$o") | $(field rps "$r") | $ratio | $(ms "$(field p50_us "$o")") | $(ms "$(field p99_us "$o")") | $(ms "$(field p99_us "$r")") | $(field errors "$o")/$(field errors "$r") |"
  done
done
# gRPC (issue 13): GetTrust over HTTP/2 beside the framing's get-trust (target: ratio >= 0.5).
echo
echo "| gRPC GetTrust (h2load) | conns × streams | gRPC req/s | framing get-trust req/s | ratio | gRPC mean | errors |"
echo "|---|---|---|---|---|---|---|"
for config in $configs; do
  g=${grpc[$config]:-} o=${ours[get-trust/$config]:-}
  if [ -z "$g" ]; then missing=$((missing + 1)); echo "| GetTrust | ${config/x/ × } | (no result) | | | | |"; continue; fi
  ratio=$(awk -v a="$(field rps "$g")" -v b="$(field rps "$o")" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  echo "| GetTrust | ${config/x/ × } | $(field rps "$g") | $(field rps "$o") | $ratio | $(field mean_us "$g") µs | $(field errors "$g") |"
done
echo
echo "server cold start (exec to listening): ${cold_ms} ms; server memory after the runs: $(tr '\n' ',' <<<"$status_lines" | sed 's/,$//'); redis-server VmRSS: $redis_rss"

kill -TERM "$server_pid" "$redis_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
wait "$redis_pid" 2>/dev/null || true
server_pid="" redis_pid=""
if ((failures != 0 || missing != 0)); then
  echo "bench: $failures runs failed, $missing results missing" >&2
  exit 1
fi
