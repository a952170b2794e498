#!/usr/bin/env bash
# Scale-out recipe, run for real: N replicas of nhs-league-server behind HAProxy (TCP mode,
# health checks on each replica's /readyz), all on loopback. Under load from a client that
# retries UNAVAILABLE (retrying_load.py), it
#   1. stops one replica with SIGTERM (it drains and exits), then starts a new one in its place;
#   2. rolls a data reload (SIGHUP) across every replica, one at a time, each confirmed on
#      its /metrics before the next;
# and prints requests sent, failed (must be 0) and p50/p99, overall and during each change.
#
#   .ci/ops/haproxy-scaleout.sh [--server-bin PATH] [--replicas 3] [--workers 8] [--settle 2]
#
# Exit status 0 only when no request failed. Needs Debian's haproxy (.ci/setup) and curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
server_bin=.build/debug/nhs-league-server
replicas=3
workers=8
settle=2
while (($#)); do
  case "$1" in
    --server-bin) server_bin=$2; shift 2 ;;
    --replicas) replicas=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
command -v haproxy >/dev/null || { echo "haproxy is not installed (see .ci/setup)" >&2; exit 1; }
[[ -x $server_bin ]] || { echo "no server binary at $server_bin (swift build first)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { python3 -c 'import time; print(f"{time.time():.3f}")'; }

declare -a port admin pid
lb_port=$(free_port)
for ((i = 1; i <= replicas; i++)); do port[i]=$(free_port); admin[i]=$(free_port); done

start_replica() {  # $1: index; same ports as before, so HAProxy needs no change
  local i=$1
  "$server_bin" --port "${port[i]}" --admin-address "127.0.0.1:${admin[i]}" --shutdown-delay 0.5 --log-level warning \
    >"$work/replica$i.out" 2>>"$work/replica$i.err" &
  pid[i]=$!
  pids+=("${pid[i]}")
}

wait_ready() {  # $1: index
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:${admin[$1]}/readyz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "replica $1 never became ready" >&2
  cat "$work/replica$1.err" >&2
  return 1
}

reloads_done() {  # $1: index -> reloads counted by the replica's own metrics
  curl -fsS "http://127.0.0.1:${admin[$1]}/metrics" \
    | awk '/^nhs_league_reloads_total\{/ { n += $NF } END { print n + 0 }'
}

for ((i = 1; i <= replicas; i++)); do start_replica "$i"; done
for ((i = 1; i <= replicas; i++)); do wait_ready "$i"; done

{
  cat <<CFG
global
    maxconn 2000
defaults
    mode tcp
    timeout connect 1s
    timeout client 60s
    timeout server 60s
    # A replica that refuses the connection (stopping) is retried, on another replica.
    retries 3
    option redispatch
frontend league
    bind 127.0.0.1:$lb_port
    default_backend replicas
backend replicas
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 100ms fastinter 100ms downinter 100ms fall 1 rise 2
CFG
  for ((i = 1; i <= replicas; i++)); do
    echo "    server replica$i 127.0.0.1:${port[i]} check port ${admin[i]}"
  done
} >"$work/haproxy.cfg"
haproxy -c -q -f "$work/haproxy.cfg"
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $lb_port), 1).close()" 2>/dev/null && break
  sleep 0.1
done
sleep 0.5  # let every replica pass its first health checks

echo "== $replicas replicas behind HAProxy on 127.0.0.1:$lb_port (TCP mode, health checks on /readyz); $workers retrying clients"
python3 .ci/ops/retrying_load.py --addr "127.0.0.1:$lb_port" --workers "$workers" \
  --phases "$work/phases" --ready-file "$work/load-ready" >"$work/load.out" 2>"$work/load.err" &
load=$!
pids+=("$load")
for _ in $(seq 1 300); do [[ -e $work/load-ready ]] && break; sleep 0.1; done
[[ -e $work/load-ready ]] || { cat "$work/load.err" >&2; exit 1; }
sleep "$settle"

echo "-- SIGTERM replica 1, then start a new one in its place"
t0=$(now)
kill -TERM "${pid[1]}"
wait "${pid[1]}" || { echo "replica 1 did not exit cleanly" >&2; exit 1; }
sleep 0.5  # the load runs on two replicas for a moment
start_replica 1
wait_ready 1
sleep 0.5  # HAProxy marks it up again (rise 2 x 100 ms)
echo "restart $t0 $(now)" >>"$work/phases"
sleep "$settle"

echo "-- rolling reload: SIGHUP each replica in turn, confirmed on its /metrics"
t0=$(now)
for ((i = 1; i <= replicas; i++)); do
  before=$(reloads_done "$i")
  kill -HUP "${pid[i]}"
  for _ in $(seq 1 600); do (($(reloads_done "$i") > before)) && break; sleep 0.1; done
  (($(reloads_done "$i") > before)) || { echo "replica $i did not reload" >&2; exit 1; }
done
echo "reload $t0 $(now)" >>"$work/phases"
sleep "$settle"

kill -TERM "$load"
status=0
wait "$load" || status=$?
cat "$work/load.out"
[[ -s $work/load.err ]] && sed 's/^/load: /' "$work/load.err" >&2
failed=$(awk '$1 == "all" { print $5 }' "$work/load.out")
if ((status != 0)) || [[ $failed != 0 ]]; then
  echo "scale-out: FAILED ($failed failed requests)" >&2
  exit 1
fi
echo "scale-out: 0 failed requests across a replica restart and a rolling reload"
