#!/usr/bin/env bash
# Tests the Swift message generator (.ci/swift_messages.py) on protos covering every
# field kind it supports (kinds.proto, nested.proto): every C identifier the generated
# Swift uses must exist in protoc-c's header for the same proto, and unsupported
# constructs (map, proto3 optional, proto2 group) must fail loudly.
# (kinds.proto and nested.proto were also compiled and round-tripped once in a scratch
# copy of LeagueWire when the generator was written; CI checks the cheap part.)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
protos=(gen/test/v1/kinds.proto gen/test/v1/nested.proto)
failures=0
checks=0
check() { checks=$((checks + 1)); }

protoc --proto_path="$here" --include_source_info --descriptor_set_out="$work/set.pb" "${protos[@]}"
python3 "$here/../swift_messages.py" "$work/set.pb" "$work/swift" "${protos[@]}" >/dev/null
mkdir -p "$work/c"
protoc-c --proto_path="$here" --c_out="$work/c" "${protos[@]}"
headers=$(cat "$work"/c/gen/test/v1/*.pb-c.h)
for id in $(grep -ohE '\b[A-Za-z]+__[A-Za-z0-9_]+' "$work"/swift/*+CProto.pb.swift | sort -u); do
  check
  grep -qw "$id" <<<"$headers" || { echo "FAIL: generated Swift uses $id, which protoc-c did not declare"; failures=$((failures + 1)); }
done
for id in $(grep -ohE '(c|m\.pointee)\.[a-z_0-9]+' "$work"/swift/*+CProto.pb.swift | sed -E 's/^(c|m\.pointee)\.//' | sort -u); do
  check
  grep -qE "\b$id;" <<<"$headers" || { echo "FAIL: generated Swift reads member $id, absent from protoc-c's structs"; failures=$((failures + 1)); }
done
check
grep -q 'public var sourceURL: String' "$work/swift/Kinds.pb.swift" || { echo "FAIL: source_url is not sourceURL"; failures=$((failures + 1)); }
check
grep -q 'public struct Inner: ProtobufMessage' "$work/swift/Nested.pb.swift" || { echo "FAIL: nested message not generated"; failures=$((failures + 1)); }

refuse() {  # $1: label, $2: proto text, $3: expected error text
  check
  mkdir -p "$work/bad"
  printf '%s\n' "$2" >"$work/bad/bad.proto"
  protoc --proto_path="$work/bad" --include_source_info --descriptor_set_out="$work/bad.pb" bad.proto
  if out=$(python3 "$here/../swift_messages.py" "$work/bad.pb" "$work/bad-out" bad.proto 2>&1); then
    echo "FAIL: $1 was accepted"; failures=$((failures + 1))
  elif ! grep -q "$3" <<<"$out"; then
    echo "FAIL: $1: unexpected error: $out"; failures=$((failures + 1))
  fi
}
refuse "a map field" 'syntax = "proto3"; message M { map<string, int32> m = 1; }' "map fields are not supported"
refuse "proto3 optional" 'syntax = "proto3"; message M { optional int32 o = 1; }' "proto3 \`optional\`"
refuse "a proto2 group" 'syntax = "proto2"; message M { optional group G = 1 { optional int32 a = 2; } }' "only proto3"

echo "$((checks - failures)) passed, $failures failed"
((failures == 0))
