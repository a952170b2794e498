#!/usr/bin/env bash
# One gRPC run of the bench: h2load (Debian nghttp2-client, a stock HTTP/2 load
# generator) drives nhs.league.v1.League/GetTrust over HTTP/2 on our port.
#
#   grpc_h2load.sh HOST:PORT CONNS STREAMS DURATION WARMUP
#
# Every request is the same gRPC message (GetTrustRequest{ods_code: RP6},
# length-prefixed), since h2load sends one body; our framing's generator varies
# the trust. Prints `RESULT rps=... mean_us=... errors=... done=...` like the
# loadgen; errors = requests h2load did not count as succeeded or not HTTP 2xx.
# (h2load cannot read trailers, so grpc-status is not checked here: the grpcio
# tests and the conformance run check every answer.) Exit 1 on any error.
set -euo pipefail
addr=$1 conns=$2 streams=$3 duration=$4 warmup=$5
command -v h2load >/dev/null || { echo "grpc_h2load.sh: h2load not found (bash .ci/setup installs nghttp2-client)" >&2; exit 1; }
body=$(mktemp)
trap 'rm -f "$body"' EXIT
# Length-prefixed message: flag 0, length 5, then field 1 (ods_code) = "RP6".
printf '\x00\x00\x00\x00\x05\x0a\x03RP6' >"$body"
ms() { awk -v s="$1" 'BEGIN { printf "%dms", s * 1000 }'; }  # h2load takes whole units
out=$(h2load -c "$conns" -m "$streams" -t 1 -D "$(ms "$duration")" --warm-up-time "$(ms "$warmup")" -d "$body" \
  -H 'content-type: application/grpc' -H 'te: trailers' \
  "http://$addr/nhs.league.v1.League/GetTrust" 2>&1) || { echo "$out" >&2; exit 1; }
rps=$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' <<<"$out")
read -r done succeeded <<<"$(sed -n 's/^requests: .* \([0-9]*\) done, \([0-9]*\) succeeded.*/\1 \2/p' <<<"$out")"
ok2xx=$(sed -n 's/^status codes: \([0-9]*\) 2xx.*/\1/p' <<<"$out")
mean=$(sed -n 's/^time for request: *[^ ]* *[^ ]* *\([0-9.]*\)\(us\|ms\|s\).*/\1 \2/p' <<<"$out")
mean_us=$(awk -v v="${mean% *}" -v u="${mean#* }" 'BEGIN { printf "%.0f", v * (u == "ms" ? 1000 : (u == "s" ? 1000000 : 1)) }')
errors=$(( ${done:-0} - ${succeeded:-0} + ${succeeded:-0} - ${ok2xx:-0} ))
if [ -z "$rps" ] || [ "${done:-0}" -eq 0 ]; then echo "$out" >&2; echo "grpc_h2load.sh: no result" >&2; exit 1; fi
echo "RESULT rps=${rps%.*} mean_us=$mean_us errors=$errors done=$done"
((errors == 0)) || exit 1
