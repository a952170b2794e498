#!/usr/bin/env python3
"""The Python client's conformance runner.

    run_python.py CASES_FILE HOST:PORT

Reads the scripted cases (format: README.md in this folder), sends each
through the Python client (clients/python), and prints one line per case: the
case name, a TAB, the canonical JSON of the Response (rules: README.md).
Request cases go in file order on one connection (request id = the case's
1-based position in the file); each `raw` case gets a fresh connection.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

try:
    import nhs_league
except ImportError:  # run from a checkout without `pip install`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python" / "src"))
    import nhs_league

from google.protobuf.descriptor import FieldDescriptor as FD

from nhs_league import Client, ConnectionClosed, pb

EXCLUDED = {("nhs.league.v1.ServerInfo", "loaded_at")}

# ---------------------------------------------------------------- canonical JSON


def json_string(s: str) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20:
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def json_double(d: float) -> str:
    if math.isnan(d):
        return '"NaN"'
    if math.isinf(d):
        return '"Infinity"' if d > 0 else '"-Infinity"'
    return "%.6f" % d


def json_value(f, v) -> str:
    t = f.type
    if t == FD.TYPE_MESSAGE:
        return canonical(v)
    if t == FD.TYPE_ENUM:
        ev = f.enum_type.values_by_number.get(v)
        return json_string(ev.name) if ev is not None else str(v)
    if t in (FD.TYPE_DOUBLE, FD.TYPE_FLOAT):
        return json_double(v)
    if t == FD.TYPE_BOOL:
        return "true" if v else "false"
    if t == FD.TYPE_STRING:
        return json_string(v)
    if t == FD.TYPE_BYTES:
        return '"%s"' % v.hex()
    return str(int(v))


def _repeated(f) -> bool:
    """protobuf >= 6 has FieldDescriptor.is_repeated (and dropped .label); older ones only .label."""
    flag = getattr(f, "is_repeated", None)
    return flag if flag is not None else f.label == FD.LABEL_REPEATED


def canonical(msg) -> str:
    """Every field in field-number order: scalars always (defaults included),
    repeated always ([] when empty), messages and oneof members only when set."""
    d = msg.DESCRIPTOR
    parts = []
    for f in sorted(d.fields, key=lambda f: f.number):
        if (d.full_name, f.name) in EXCLUDED:
            continue
        if _repeated(f):
            vals = getattr(msg, f.name)
            parts.append('"%s":[%s]' % (f.name, ",".join(json_value(f, v) for v in vals)))
            continue
        if f.containing_oneof is not None:
            if msg.WhichOneof(f.containing_oneof.name) != f.name:
                continue
        elif f.type == FD.TYPE_MESSAGE and not msg.HasField(f.name):
            continue
        parts.append('"%s":%s' % (f.name, json_value(f, getattr(msg, f.name))))
    return "{" + ",".join(parts) + "}"


# ---------------------------------------------------------------- case file


def tokenize(line: str):
    """Blank-separated tokens; "..." groups (with \\" and \\\\ escapes) may
    hold blanks; a token starting with # starts a comment."""
    toks, i, n = [], 0, len(line)
    blanks = " \t\r\n"
    while True:
        while i < n and line[i] in blanks:
            i += 1
        if i >= n or line[i] == "#":
            return toks
        tok, quoted = [], False
        while i < n and (quoted or line[i] not in blanks):
            ch = line[i]
            if ch == '"':
                quoted = not quoted
                i += 1
                continue
            if quoted and ch == "\\" and i + 1 < n and line[i + 1] in '"\\':
                i += 1
                ch = line[i]
            tok.append(ch)
            i += 1
        if quoted:
            raise ValueError("unterminated quote")
        toks.append("".join(tok))


def parse_value(f, s: str):
    t = f.type
    if t == FD.TYPE_STRING:
        return s
    if t == FD.TYPE_BOOL:
        if s not in ("true", "false"):
            raise ValueError("bool must be true or false")
        return s == "true"
    if t in (FD.TYPE_DOUBLE, FD.TYPE_FLOAT):
        return float(s)
    if t == FD.TYPE_ENUM:
        ev = f.enum_type.values_by_name.get(s)
        return ev.number if ev is not None else int(s)
    if t in (FD.TYPE_UINT32, FD.TYPE_FIXED32, FD.TYPE_UINT64, FD.TYPE_FIXED64,
             FD.TYPE_INT32, FD.TYPE_SINT32, FD.TYPE_SFIXED32,
             FD.TYPE_INT64, FD.TYPE_SINT64, FD.TYPE_SFIXED64):
        return int(s, 10)
    raise ValueError("field type not scriptable")


def build_request(toks, where: str) -> pb.Request:
    req = pb.Request()
    call = toks[2]
    if call == "none":
        if len(toks) > 3:
            raise SystemExit("%s: `none` takes no arguments" % where)
        return req
    f = pb.Request.DESCRIPTOR.fields_by_name.get(call)
    if f is None or f.containing_oneof is None:
        raise SystemExit("%s: unknown call `%s`" % (where, call))
    sub = getattr(req, call)
    sub.SetInParent()
    for arg in toks[3:]:
        key, eq, value = arg.partition("=")
        sf = sub.DESCRIPTOR.fields_by_name.get(key)
        if not eq or sf is None:
            raise SystemExit("%s: bad argument `%s` for %s" % (where, arg, call))
        try:
            if _repeated(sf):
                getattr(sub, key).extend(parse_value(sf, v) for v in value.split(",") if v)
            else:
                setattr(sub, key, parse_value(sf, value))
        except ValueError as e:
            raise SystemExit("%s: bad argument `%s` for %s: %s" % (where, arg, call, e))
    return req


def main(argv) -> int:
    if len(argv) != 3:
        print("usage: %s CASES_FILE HOST:PORT" % argv[0], file=sys.stderr)
        return 1
    path = argv[1]
    host, _, port = argv[2].rpartition(":")
    port = int(port)
    out = sys.stdout
    with Client(host, port, timeout=30) as client, open(path, encoding="utf-8") as cases:
        index = 0
        for lineno, line in enumerate(cases, 1):
            where = "%s:%d" % (path, lineno)
            toks = tokenize(line)
            if not toks:
                continue
            if len(toks) < 3:
                raise SystemExit("%s: expected NAME EXPECTED_CODE CALL [ARGS]" % where)
            index += 1
            name = toks[0]
            if toks[2] == "raw":
                data = bytes.fromhex("".join(toks[3:]))
                with Client(host, port, timeout=30) as rc:
                    rc.send_raw(data)
                    try:
                        out.write("%s\t%s\n" % (name, canonical(rc.read_response())))
                    except ConnectionClosed:
                        out.write("%s\tNO_RESPONSE\n" % name)
                continue
            req = build_request(toks, where)
            req.id = index
            out.write("%s\t%s\n" % (name, canonical(client.send(req))))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
