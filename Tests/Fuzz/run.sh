#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a bounded time (issue 14).
#   Tests/Fuzz/run.sh [--seconds N] [TARGET...]     (default 15 s each; CI: 15 s x 4)
# Targets:
#   request_unpack       C: protobuf-c's nhs__league__v1__request__unpack (generated code in
#                        Sources/CLeagueProto, system libprotobuf-c)
#   FuzzFrameDecoder     Swift: the frame decoder (Sources/LeagueWire/Framing), reads cut anywhere
#   FuzzRequestDecoding  Swift: protobuf-c decoding + the conversion into Swift values
#                        (Sources/LeagueWire/Generated); decode/encode must be a fixed point
#   FuzzServiceAnswer    Swift: the whole decode -> answer path over the embedded dataset;
#                        the encoded (cached) answer must equal the value answer byte for byte
# Each target starts from its seed corpus (Tests/Fuzz/corpus/TARGET, which also keeps the
# reproducers of crashes found and fixed); what it finds goes to .build-fuzz/corpus, and a
# crash's input to .build-fuzz/artifacts/TARGET/. Prints executions per target and one
# "fuzz: N passed, M failed" line; exits non-zero on a crash.
#
# The Swift targets are declared in Package.swift only when NHS_LEAGUE_FUZZ is set, and
# are built in their own scratch path (.build-fuzz/swift) with -sanitize=fuzzer,address
# (libFuzzer supplies main), so the ordinary build is unaffected.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=15
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(request_unpack FuzzFrameDecoder FuzzRequestDecoding FuzzServiceAnswer)

out=.build-fuzz
mkdir -p "$out/bin"
# clang from the Swift toolchain: it carries the libFuzzer runtime.
toolchain=$(dirname "$(readlink -f "$(command -v swift)")")
clang="$toolchain/clang"

build() {
  local target=$1
  if [ "$target" = request_unpack ]; then
    "$clang" -g -O1 -fuse-ld=lld -fsanitize=fuzzer,address -I Sources/CLeagueProto/include \
      Tests/Fuzz/Targets/request_unpack/request_unpack.c Sources/CLeagueProto/league.pb-c.c \
      $(pkg-config --cflags --libs libprotobuf-c) -o "$out/bin/$target"
  else
    NHS_LEAGUE_FUZZ=1 swift build --scratch-path "$out/swift" -c debug --product "$target" \
      -Xswiftc -sanitize=fuzzer,address \
      -Xcc -fsanitize=fuzzer-no-link,address >"$out/build-$target.log" 2>&1 \
      || { tail -30 "$out/build-$target.log" >&2; return 1; }
    cp "$out/swift/debug/$target" "$out/bin/$target"
  fi
}

passed=0
failed=0
total=0
for target in "${targets[@]}"; do
  echo "== fuzz $target: build"
  if ! build "$target"; then
    echo "fuzz $target: BUILD FAILED"
    failed=$((failed + 1))
    continue
  fi
  mkdir -p "$out/corpus/$target" "$out/artifacts/$target"
  log="$out/run-$target.log"
  status=0
  # Leak detection stays on, except in FuzzServiceAnswer: its service's answer cache lives
  # for the whole process, and LeakSanitizer reports the cached FindTrusts answers as
  # leaked at exit (a "direct leak" of exactly the element arrays held by the cache's
  # `.spliced` entries). Swift keeps a multi-payload enum's case tag in the spare bits of
  # the payload's pointer, so the scan does not recognise the reference. The same C arena
  # code (every protobuf-c allocation) is still leak-checked by FuzzRequestDecoding.
  leaks=1
  [ "$target" = FuzzServiceAnswer ] && leaks=0
  # New inputs go to the first directory (scratch); the committed seeds are only read.
  ASAN_OPTIONS=detect_leaks=$leaks "$out/bin/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
    -max_len=8192 -print_final_stats=1 -artifact_prefix="$out/artifacts/$target/" \
    "$out/corpus/$target" "Tests/Fuzz/corpus/$target" >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
  total=$((total + ${execs:-0}))
  if [ "$status" -eq 0 ]; then
    echo "fuzz $target: ${execs:-0} executions in ${seconds} s, ${cov:-no coverage line}, 0 crashes"
    passed=$((passed + 1))
  else
    echo "fuzz $target: CRASH after ${execs:-?} executions (exit $status); input in $out/artifacts/$target/"
    grep -E 'ERROR|Fatal error|Assertion|SUMMARY|precondition' "$log" | head -10 || true
    tail -40 "$log"
    failed=$((failed + 1))
  fi
done
echo "fuzz: $total executions over ${#targets[@]} targets"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
