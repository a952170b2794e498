#!/usr/bin/env bash
# Browser tests for nhs-league-web: the fixtures start nhs-league-server and the gateway on
# free loopback ports (built binaries in .build/debug), run headless Chromium with Selenium
# and axe-core, and stop both. Screenshots land in .build/web-screenshots (CI artifacts).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root/clients/web"
exec python3 -m pytest -q -p no:cacheprovider "$@" .
