#!/usr/bin/env bash
# Regenerates LeagueWire's Swift message layer (Sources/LeagueWire/Generated) from proto/:
# value types, their protobuf-c conversions and their proto3 JSON encoding.
#   .ci/generate-swift-messages.sh          rewrite the committed files
#   .ci/generate-swift-messages.sh --check  fail (exit 1) if the committed files are stale
# Needs protoc and the python3 protobuf package (.ci/setup installs both).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
protos=(nhs/league/v1/league.proto grpc/health/v1/health.proto grpc/reflection/v1/reflection.proto)

protoc --proto_path="$root/proto" --include_source_info --descriptor_set_out="$work/set.pb" "${protos[@]}"
python3 "$root/.ci/swift_messages.py" "$work/set.pb" "$work/out" "${protos[@]}" >/dev/null

target="$root/Sources/LeagueWire/Generated"
if [[ "${1:-}" == "--check" ]]; then
  if diff -r "$work/out" "$target" >/dev/null 2>&1; then
    echo "generated Swift messages are up to date"
    exit 0
  fi
  echo "error: Sources/LeagueWire/Generated is stale; run .ci/generate-swift-messages.sh and commit the result" >&2
  diff -ru "$target" "$work/out" | head -40 >&2 || true
  exit 1
fi

rm -rf "$target"
cp -r "$work/out" "$target"
echo "regenerated $(ls "$target" | tr '\n' ' ')in Sources/LeagueWire/Generated"
