#!/usr/bin/env bash
# Regenerates the committed protobuf-c code in Sources/CLeagueProto from proto/.
#   .ci/generate-proto.sh          rewrite the committed files
#   .ci/generate-proto.sh --check  fail (exit 1) if the committed files are stale
# Needs protoc-c (Debian: protobuf-c-compiler).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Each proto's .c goes to Sources/CLeagueProto/<name>.pb-c.c, its header under include/<dir>/.
protos=(nhs/league/v1/league.proto grpc/health/v1/health.proto grpc/reflection/v1/reflection.proto)

protoc-c --proto_path="$root/proto" --c_out="$out" "${protos[@]}"

target="$root/Sources/CLeagueProto"
status=0
for proto in "${protos[@]}"; do
  stem=${proto%.proto}
  gen_c="$out/$stem.pb-c.c"
  gen_h="$out/$stem.pb-c.h"
  dst_c="$target/$(basename "$stem").pb-c.c"
  dst_h="$target/include/$stem.pb-c.h"
  if [[ "${1:-}" == "--check" ]]; then
    if ! cmp -s "$gen_c" "$dst_c" || ! cmp -s "$gen_h" "$dst_h"; then
      echo "error: Sources/CLeagueProto is stale for $proto; run .ci/generate-proto.sh and commit the result" >&2
      diff -u "$dst_h" "$gen_h" | head -40 >&2 || true
      status=1
    fi
  else
    mkdir -p "$(dirname "$dst_h")"
    cp "$gen_c" "$dst_c"
    cp "$gen_h" "$dst_h"
    echo "regenerated $dst_c and $dst_h"
  fi
done
if [[ "${1:-}" == "--check" && $status == 0 ]]; then
  echo "generated protobuf-c code is up to date"
fi
exit $status
