"""Shared fixtures. The live tests need a server:

* ``NHS_LEAGUE_ADDR=host:port``: use that running server; else
* ``NHS_LEAGUE_SERVER_BIN=/path/to/nhs-league-server``: start it with
  ``--port 0`` for the session; else
* ``../../.build/debug/nhs-league-server`` (from the repo root) when it has
  been built.

Without any of them the live tests are skipped, unless
``NHS_LEAGUE_REQUIRE_SERVER=1`` (CI), which makes that an error.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import List, Optional

import pytest

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
try:  # run from a checkout without `pip install`
    import nhs_league  # noqa: F401
except ImportError:
    sys.path.insert(0, str(SRC))

REPO = HERE.parent.parent.parent
DEFAULT_BIN = REPO / ".build" / "debug" / "nhs-league-server"


def _parse_addr(text: str):
    host, _, port = text.rpartition(":")
    return (host or "127.0.0.1", int(port))


def server_binary() -> str:
    """The server binary to start: NHS_LEAGUE_SERVER_BIN, else the debug build, else ""."""
    return os.environ.get("NHS_LEAGUE_SERVER_BIN") or (str(DEFAULT_BIN) if DEFAULT_BIN.exists() else "")


def spawn_server(binary: str, *args: str, output: Optional[List[str]] = None):
    """Starts ``binary --port 0 ARGS...`` and waits (up to 300 s: a debug build on
    a busy machine) for its "listening on" line. Returns (process, (host, port)).
    Its stdout and stderr lines are appended to ``output`` when given."""
    proc = subprocess.Popen([binary, "--port", "0", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines = [] if output is None else output
    found = threading.Event()
    result = {}

    def pump():
        for line in proc.stdout:
            lines.append(line)
            m = re.search(r"listening on (\S+):(\d+)", line)
            if m and not found.is_set():
                result["addr"] = (m.group(1), int(m.group(2)))
                found.set()

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + 300
    while not found.wait(0.2):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("server %s did not start:\n%s" % (binary, "".join(lines)))
    return proc, result["addr"]


@contextlib.contextmanager
def running_server(binary: str, *args: str, output: Optional[List[str]] = None):
    """Runs ``binary --port 0 *args`` until the block ends; yields (host, port)."""
    proc, addr = spawn_server(binary, *args, output=output)
    try:
        yield addr
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def server_addr():
    addr = os.environ.get("NHS_LEAGUE_ADDR")
    if addr:
        yield _parse_addr(addr)
        return
    binary = server_binary()
    if not binary:
        msg = "no server: set NHS_LEAGUE_ADDR or NHS_LEAGUE_SERVER_BIN (or build .build/debug/nhs-league-server)"
        if os.environ.get("NHS_LEAGUE_REQUIRE_SERVER") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    with running_server(binary) as addr:
        yield addr


@pytest.fixture
def client(server_addr):
    from nhs_league import Client
    with Client(*server_addr, timeout=30) as c:
        yield c
