#!/usr/bin/env bash
# Regenerates the committed protobuf code of the Python client from ../../proto.
#   ./generate.sh          rewrite src/nhs_league/league_pb2.py (and .pyi)
#   ./generate.sh --check  exit 1 if the committed files are stale
# Needs protoc (Debian: protobuf-compiler; the committed files come from
# libprotoc 3.21.12, Debian 12's). The generated module imports nothing but
# google.protobuf, so it can live at the top of the package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
proto_dir="$here/../../proto"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

protoc --proto_path="$proto_dir" --python_out="$out" --pyi_out="$out" nhs/league/v1/league.proto

dst="$here/src/nhs_league"
status=0
for ext in py pyi; do
  gen="$out/nhs/league/v1/league_pb2.$ext"
  if [[ "${1:-}" == "--check" ]]; then
    if ! cmp -s "$gen" "$dst/league_pb2.$ext"; then
      echo "error: clients/python/src/nhs_league/league_pb2.$ext is stale; run clients/python/generate.sh and commit the result ($(protoc --version))" >&2
      diff -u "$dst/league_pb2.$ext" "$gen" | head -20 >&2 || true
      status=1
    fi
  else
    cp "$gen" "$dst/league_pb2.$ext"
    echo "regenerated $dst/league_pb2.$ext"
  fi
done
if [[ "${1:-}" == "--check" && $status == 0 ]]; then
  echo "generated Python protobuf code is up to date"
fi
exit $status
