"""Shared pieces of the live-server robustness scripts (live_fuzz.py, chaos.py):
start the debug server on a free loopback port, frame and encode requests, and a
set of valid requests of every call whose answers are recorded before any fault is
injected, so later answers can be checked byte for byte.

Loopback only; every loop in the scripts is bounded in count and time.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Optional, Tuple

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "clients", "python", "src"))
from nhs_league import league_pb2 as pb  # noqa: E402

HEADER = struct.Struct(">BI")
DATASET = os.path.join(ROOT, "Sources", "LeagueData", "Data", "dataset")


def frame(body: bytes) -> bytes:
    return HEADER.pack(0, len(body)) + body


def valid_requests() -> List[pb.Request]:
    """One or more valid requests of every call (ids left 0; callers set them)."""
    r: List[pb.Request] = []

    def add(**call):
        req = pb.Request()
        for name, fields in call.items():
            getattr(req, name).SetInParent()
            for key, value in fields.items():
                field = getattr(getattr(req, name), key)
                if isinstance(value, list):
                    field.extend(value)
                else:
                    setattr(getattr(req, name), key, value)
        r.append(req)

    add(server_info={})
    for code in ["RP6", "rp6", "RAJ", "RXT", "RRU", "ZZZ", ""]:
        add(get_trust={"ods_code": code})
    for q, limit in [("moorfields", 0), ("guy's and st thomas", 3), ("RP6", 0), ("moorfeilds", 5),
                     ("leeds", 10), ("", 0)]:
        add(find_trusts={"query": q, "limit": limit})
    for pc in ["SW1A 1AA", "LS1 4AP", "M1 1AE", "EC1V 2PD", "ZZ99 9ZZ"]:
        add(nearest={"postcode": pc, "limit": 5})
    add(nearest={"latitude": 51.5, "longitude": -0.12, "limit": 3, "include_clinics": True})
    for code in ["RP6", "RAJ"]:
        add(list_actions={"ods_code": code})
        add(trust_history={"ods_code": code})
        add(trust_metrics={"ods_code": code})
    for table in [pb.TABLE_ACUTE, pb.TABLE_NON_ACUTE, pb.TABLE_AMBULANCE]:
        add(league_table={"table": table, "limit": 20})
        add(list_metrics={"table": table})
    add(league_table={"table": pb.TABLE_ACUTE, "descending": True, "offset": 10, "limit": 5})
    add(metric_table={"table": pb.TABLE_ACUTE, "limit": 10})
    r.append(pb.Request())  # no call set: UNIMPLEMENTED
    return r


def _die_with_parent() -> None:
    """PR_SET_PDEATHSIG: the server gets SIGKILL if the script dies (a timeout, ^C), so no
    server outlives its run."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
    except OSError:
        pass


class Server:
    """The debug server on 127.0.0.1, a free port, over a copy of the dataset (so the
    scripts can break and restore files for failed reloads)."""

    def __init__(self, extra_args: Optional[List[str]] = None, env: Optional[Dict[str, str]] = None):
        self.bin = os.environ.get("NHS_LEAGUE_SERVER_BIN", os.path.join(ROOT, ".build", "debug", "nhs-league-server"))
        self.tmp = tempfile.mkdtemp(prefix="nhs-league-chaos-")
        self.data = os.path.join(self.tmp, "dataset")
        subprocess.run(["cp", "-r", DATASET, self.data], check=True)
        self.log_path = os.path.join(self.tmp, "server.log")
        self.log = open(self.log_path, "wb")
        args = [self.bin, "--port", "0", "--data", self.data] + (extra_args or [])
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT,
                                     env={**os.environ, **(env or {})}, preexec_fn=_die_with_parent)
        self.port = self._wait_listening()

    def _wait_listening(self) -> int:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            text = open(self.log_path, "rb").read().decode("utf-8", "replace")
            m = re.search(r"listening on [^\s:]+:(\d+)", text)
            if m:
                return int(m.group(1))
            if self.proc.poll() is not None:
                raise RuntimeError("server exited early:\n" + text)
            time.sleep(0.05)
        raise RuntimeError("server did not start within 60 s")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def rss_mib(self) -> float:
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
        return 0.0

    def reload(self) -> None:
        os.kill(self.proc.pid, signal.SIGHUP)

    def stop(self) -> int:
        """SIGTERM, then wait (30 s) for a graceful exit; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return -9
        self.log.close()
        return self.proc.returncode

    def cleanup(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        subprocess.run(["rm", "-rf", self.tmp])


def connect(port: int, timeout: float = 30.0) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_exact(s: socket.socket, n: int) -> bytes:
    out = bytearray()
    while len(out) < n:
        chunk = s.recv(n - len(out))
        if not chunk:
            raise ConnectionError("closed after %d of %d bytes" % (len(out), n))
        out += chunk
    return bytes(out)


def read_response(s: socket.socket) -> Tuple[int, bytes]:
    """(id, the message bytes) of the next answer."""
    flags, length = HEADER.unpack(read_exact(s, 5))
    if flags != 0:
        raise ValueError("flags %d" % flags)
    body = read_exact(s, length)
    resp = pb.Response()
    resp.ParseFromString(body)
    return resp.id, body


def normalised(body: bytes) -> bytes:
    """An answer's bytes with its id cleared, for comparing answers to different ids, and
    server_info's load time cleared (a reload of the same data changes only that)."""
    resp = pb.Response()
    resp.ParseFromString(body)
    resp.id = 0
    if resp.WhichOneof("result") == "server_info":
        resp.server_info.loaded_at = ""
    return resp.SerializeToString(deterministic=True)


class Checker:
    """Sends every valid request on one connection and compares each answer to the one
    recorded before the faults (ids differ; everything else must be identical)."""

    def __init__(self, port: int, expected: Optional[List[bytes]] = None):
        """Records the expected answers, unless given the ones another checker recorded."""
        self.port = port
        self.requests = valid_requests()
        self.expected: List[bytes] = list(expected or [])
        self.next_id = 1
        self.checked = 0
        self.wrong = 0
        self.errors = 0
        self.examples: List[str] = []
        self.sock = connect(port)
        if not self.expected:
            for req in self.requests:
                self.expected.append(normalised(self._ask(req)))

    def _ask(self, req: pb.Request) -> bytes:
        req.id = self.next_id
        self.next_id += 1
        self.sock.sendall(frame(req.SerializeToString()))
        rid, body = read_response(self.sock)
        if rid != req.id:
            raise ValueError("answer for id %d, asked %d" % (rid, req.id))
        return body

    def round(self) -> None:
        """One pass over every request; a broken connection counts as an error and is
        reopened."""
        for req, want in zip(self.requests, self.expected):
            try:
                got = normalised(self._ask(req))
            except (OSError, ValueError) as e:
                self.errors += 1
                if len(self.examples) < 5:
                    self.examples.append("checker connection: %r" % e)
                self.sock.close()
                try:
                    self.sock = connect(self.port)
                except OSError as e:
                    self.errors += 1
                    if len(self.examples) < 5:
                        self.examples.append("checker reconnect: %r" % e)
                    self.sock = socket.socket()  # fails on use, and is reopened then
                continue
            self.checked += 1
            if got != want:
                self.wrong += 1
                if len(self.examples) < 5:
                    self.examples.append("wrong answer to %s" % req.WhichOneof("call"))

    def close(self) -> None:
        self.sock.close()
