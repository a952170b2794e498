#!/usr/bin/env python3
"""Checks that clients/README.md's worked example is what the server sends.

    check_readme_example.py HOST:PORT      (or NHS_LEAGUE_ADDR)

1. The request bytes in the README must equal, byte for byte, the frame the
   Python client builds for Request{id: 1, get_trust: {ods_code: "RP6"}}.
2. Those bytes are sent to the server; the response must be a well-formed
   frame (flags 0, length = body size), and its first bytes, walked field by
   field (descending into get_trust and its trust), must carry the same
   fields, in the same order, with the same values as the README's dump.
   The snapshot-dependent parts (the frame and enclosing message lengths, and
   data_version) are reported as notes when they differ, not failures: they
   change whenever the dataset does.
Prints OK / FAIL lines; exit 1 on any failure.
"""

from __future__ import annotations

import os
import re
import socket
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
sys.path.insert(0, str(HERE))
from run_python import pb  # noqa: E402  (imports nhs_league, from the checkout if needed)
from nhs_league import encode_frame  # noqa: E402

# Length-delimited fields that are messages we descend into, by path.
NESTED = {(): {11}, (11,): {1}}
VARIABLE = {(3,)}  # data_version: the dataset snapshot's name


def block_after(marker: str, text: str) -> str:
    m = re.search(re.escape(marker) + r".*?```[a-z]*\n(.*?)```", text, re.S)
    if not m:
        raise SystemExit("FAIL README: no code block after %s" % marker)
    return m.group(1)


def hex_dump_bytes(block: str) -> bytes:
    """`OFFSET  xx xx ...  |ascii|` lines (offset and |...| optional)."""
    out = bytearray()
    for line in block.splitlines():
        line = line.split("|", 1)[0].strip()
        if not line:
            continue
        toks = line.split()
        if len(toks[0]) == 4 and len(toks) > 1:  # offset column
            toks = toks[1:]
        out += bytes.fromhex("".join(toks))
    return bytes(out)


def varint(buf: bytes, i: int):
    v = shift = 0
    while True:
        if i >= len(buf):
            return None, i
        b = buf[i]
        i += 1
        v |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return v, i


def walk(buf: bytes, path=()):
    """[(path, kind, value)]: kind 'msg' (value = declared length, then its
    fields follow), 'field' (value = raw value bytes) or 'truncated'."""
    out = []
    i = 0
    while i < len(buf):
        start = i
        tag, i = varint(buf, i)
        if tag is None:
            out.append((path, "truncated", buf[start:]))
            break
        num, wt = tag >> 3, tag & 7
        p = path + (num,)
        if wt == 0:
            v, j = varint(buf, i)
            if v is None:
                out.append((p, "truncated", buf[start:]))
                break
            out.append((p, "field", buf[i:j]))
            i = j
        elif wt in (1, 5):
            n = 8 if wt == 1 else 4
            if i + n > len(buf):
                out.append((p, "truncated", buf[start:]))
                break
            out.append((p, "field", buf[i:i + n]))
            i += n
        elif wt == 2:
            n, j = varint(buf, i)
            if n is None:
                out.append((p, "truncated", buf[start:]))
                break
            if num in NESTED.get(path, ()):
                out.append((p, "msg", n))
                out += walk(buf[j:j + n], p)
                i = j + n
            elif j + n > len(buf):
                out.append((p, "truncated", buf[start:]))
                break
            else:
                out.append((p, "field", buf[j:j + n]))
                i = j + n
        else:
            out.append((p, "bad wire type %d" % wt, b""))
            break
    return out


def main(argv) -> int:
    addr = argv[1] if len(argv) > 1 else os.environ.get("NHS_LEAGUE_ADDR", "")
    if not addr:
        print("usage: check_readme_example.py HOST:PORT", file=sys.stderr)
        return 2
    host, _, port = addr.rpartition(":")
    text = README.read_text(encoding="utf-8")
    req_bytes = hex_dump_bytes(block_after("<!-- example-request -->", text))
    readme_resp = hex_dump_bytes(block_after("<!-- example-response -->", text))
    failures = 0

    built = encode_frame(pb.Request(id=1, get_trust=pb.GetTrustRequest(ods_code="RP6")).SerializeToString())
    if req_bytes == built:
        print("OK   README request bytes = the client's frame for Request{id:1, get_trust{\"RP6\"}} (%s)" % built.hex(" "))
    else:
        print("FAIL README request bytes %s != built %s" % (req_bytes.hex(" "), built.hex(" ")))
        failures += 1

    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(req_bytes)
        data = b""
        while len(data) < 5:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        flags, length = struct.unpack(">BI", data[:5])
        while len(data) < 5 + length:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    body = data[5:5 + length]
    if flags != 0 or len(body) != length:
        print("FAIL response frame: flags %d, length %d, got %d body bytes" % (flags, length, len(body)))
        return 1
    print("OK   response frame: flags 0, %d-byte body" % length)
    r_flags, r_len = struct.unpack(">BI", readme_resp[:5])
    if r_flags != 0:
        print("FAIL README response flags byte is %d" % r_flags)
        failures += 1
    if r_len != length:
        print("note README shows a %d-byte body, the server sends %d today (dataset changed?)" % (r_len, length))

    want = walk(readme_resp[5:])
    if want and want[-1][1] == "truncated":
        want.pop()
    got = walk(body)
    got_by_order = got[:len(want)]
    for (wp, wk, wv), (gp, gk, gv) in zip(want, got_by_order):
        name = ".".join(map(str, wp))
        if (wp, wk) != (gp, gk):
            print("FAIL field %s (%s) in the README, the server sends %s (%s) there" % (name, wk, ".".join(map(str, gp)), gk))
            failures += 1
            break
        if wv == gv:
            continue
        if wk == "msg" or wp in VARIABLE:
            print("note field %s: README %r, server %r today" % (name, wv, gv))
        else:
            print("FAIL field %s: README %r, server %r" % (name, wv, gv))
            failures += 1
    if len(got) < len(want):
        print("FAIL the response has fewer fields than the README shows")
        failures += 1
    if not failures:
        print("OK   the README's response bytes match the server's, field by field (%d fields)" % len(want))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
