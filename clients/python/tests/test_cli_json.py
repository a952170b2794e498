"""The Swift CLI's `--json` is the proto3 JSON mapping (what grpcurl prints):
compared, value for value, with protobuf's own JSON printer (`json_format`)
applied to the same answer fetched by this client."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from google.protobuf import json_format

from conftest import REPO

CLI = os.environ.get("NHS_LEAGUE_CLI_BIN") or str(REPO / ".build" / "debug" / "nhs-league")


@pytest.fixture
def cli(server_addr):
    if not os.path.exists(CLI):
        if os.environ.get("NHS_LEAGUE_REQUIRE_SERVER") == "1":
            pytest.fail(f"no CLI binary at {CLI}")
        pytest.skip(f"no CLI binary at {CLI}")
    env = dict(os.environ, NHS_LEAGUE_ADDR="%s:%d" % server_addr)

    def run(*args):
        out = subprocess.run([CLI, *args, "--json"], env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)
    return run


def proto3_json(message):
    # Defaults omitted, lowerCamelCase names, enum names, 64-bit integers as strings.
    return json.loads(json_format.MessageToJson(message))


# Each case: the CLI arguments, and the same call through this client.
CASES = {
    "info": (["info"], lambda c: c.server_info()),
    "search": (["search", "royal", "-n", "50"], lambda c: c.find_trusts("royal", limit=50)),
    "nearest postcode": (["nearest", "M13", "9WL", "-n", "50"], lambda c: c.nearest("M13 9WL", limit=50)),
    "nearest coordinates": (["nearest", "--lat", "51.5", "--lon", "-0.12", "-n", "50"],
                            lambda c: c.nearest(latitude=51.5, longitude=-0.12, limit=50)),
    "history": (["history", "RP6"], lambda c: c.trust_history("RP6")),
    "actions": (["actions", "RCX"], lambda c: c.list_actions("RCX")),
    "actions board papers": (["actions", "RJE"], lambda c: c.list_actions("RJE")),
    "metrics acute": (["metrics", "RJE"], lambda c: c.trust_metrics("RJE")),
    "metrics mental health": (["metrics", "RXT", "--quarter", "Q3 2025/26"],
                              lambda c: c.trust_metrics("RXT", quarter="Q3 2025/26")),
    "metrics ambulance": (["metrics", "RRU"], lambda c: c.trust_metrics("RRU")),
    "metric": (["metric", "a&e 4 hour", "--table", "acute", "--bottom", "10"],
               lambda c: c.metric_table("a&e 4 hour", table="acute", worst_first=True, limit=10)),
    "metric list": (["metric", "--list"], lambda c: c.list_metrics()),
}
# Every ranked trust of every table, with its latest ranking, domains and movement.
for name in ("acute", "non-acute", "ambulance"):
    CASES[f"table {name}"] = (["table", name, "--top", "200"],
                              lambda c, name=name: c.league_table(name, limit=200))


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_json_is_proto3_json(cli, client, case):
    args, call = CASES[case]
    assert cli(*args) == proto3_json(call(client))


def test_rank_json_nests_the_messages(cli, client):
    out = cli("rank", "RP6")
    assert out["trust"] == proto3_json(client.get_trust("RP6"))
    assert out["history"] == proto3_json(client.trust_history("RP6"))
