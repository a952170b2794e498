#!/usr/bin/env bash
# The Swift client's conformance runner: CASES_FILE HOST:PORT.
# Runs nhs-league-conformance (Swift: LeagueClient + LeagueWire), which prints each
# decoded Response re-encoded by LeagueWire as hex, and turns that into the same
# canonical JSON the other runners print (canonical_from_hex.py).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="${NHS_LEAGUE_SWIFT_CONFORMANCE_BIN:-$here/../../.build/debug/nhs-league-conformance}"
"$bin" "$1" "$2" | "${PYTHON:-python3}" "$here/canonical_from_hex.py"
