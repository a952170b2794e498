#!/usr/bin/env bash
# Regenerates the committed protobuf-c code in Sources/CLeagueProto from proto/.
#   .ci/generate-proto.sh          rewrite the committed files
#   .ci/generate-proto.sh --check  fail (exit 1) if the committed files are stale
# Needs protoc-c (Debian: protobuf-c-compiler).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

protoc-c --proto_path="$root/proto" --c_out="$out" nhs/league/v1/league.proto

target="$root/Sources/CLeagueProto"
gen_c="$out/nhs/league/v1/league.pb-c.c"
gen_h="$out/nhs/league/v1/league.pb-c.h"
dst_c="$target/league.pb-c.c"
dst_h="$target/include/nhs/league/v1/league.pb-c.h"

if [[ "${1:-}" == "--check" ]]; then
  if cmp -s "$gen_c" "$dst_c" && cmp -s "$gen_h" "$dst_h"; then
    echo "generated protobuf-c code is up to date"
    exit 0
  fi
  echo "error: Sources/CLeagueProto is stale; run .ci/generate-proto.sh and commit the result" >&2
  diff -u "$dst_h" "$gen_h" | head -40 >&2 || true
  exit 1
fi

mkdir -p "$(dirname "$dst_h")"
cp "$gen_c" "$dst_c"
cp "$gen_h" "$dst_h"
echo "regenerated $dst_c and $dst_h"
