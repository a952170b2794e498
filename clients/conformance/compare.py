#!/usr/bin/env python3
"""Compares the conformance runners' outputs.

    compare.py CASES_FILE NAME=OUTPUT_FILE [NAME=OUTPUT_FILE ...]

The first output is the reference. A case passes when every runner printed
the same canonical JSON for it (byte for byte) and its status code is the
case's EXPECTED_CODE. Also fails when a call of the Request oneof has no case
expected to succeed. Prints failures, then `N passed, N failed`; exit 1 on
any failure.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_python import pb, tokenize  # noqa: E402


# Cases that only exist in the framing; a runner of another protocol prints NOT_APPLICABLE.
FRAMING_ONLY = {"raw", "none"}


def read_cases(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            toks = tokenize(line)
            if toks:
                cases.append((toks[0], toks[1], toks[2]))
    return cases


def read_output(path):
    lines = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            name, _, body = line.rstrip("\n").partition("\t")
            lines.append((name, body))
    return lines


def first_difference(a: str, b: str) -> str:
    i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
    lo = max(0, i - 60)
    return "at byte %d:\n      %s\n      %s" % (i, a[lo:i + 60], b[lo:i + 60])


def main(argv) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cases = read_cases(argv[1])
    runners = []
    for spec in argv[2:]:
        name, _, path = spec.partition("=")
        runners.append((name, read_output(path)))
    names = [c[0] for c in cases]
    if len(set(names)) != len(names):
        print("FAIL cases file: duplicate case names")
        return 1
    passed = failed = 0
    for idx, (case, expected, call) in enumerate(cases):
        problems = []
        bodies = []
        for rname, lines in runners:
            if idx >= len(lines) or lines[idx][0] != case:
                problems.append("%s printed no line for this case (it stopped early or got out of step)" % rname)
                bodies.append(None)
            else:
                bodies.append(lines[idx][1])
        ref_name, ref = runners[0][0], bodies[0]
        for (rname, _), body in zip(runners[1:], bodies[1:]):
            if body == "NOT_APPLICABLE" and call in FRAMING_ONLY:
                continue  # e.g. the gRPC runner: raw bytes and call-less requests have no gRPC form
            if ref is not None and body is not None and body != ref:
                problems.append("%s differs from %s %s" % (rname, ref_name, first_difference(ref, body)))
        if ref is not None:
            if ref == "NO_RESPONSE":
                code = "NO_RESPONSE"
            else:
                code = json.loads(ref).get("status", {}).get("code", "OK")
            if code != expected:
                problems.append("status %s, expected %s" % (code, expected))
        if problems:
            failed += 1
            print("FAIL %s (%s)" % (case, call))
            for p in problems:
                print("    " + p)
        else:
            passed += 1
    ok_calls = {call for _, expected, call in cases if expected == "OK"}
    for f in pb.Request.DESCRIPTOR.oneofs_by_name["call"].fields:
        if f.name not in ok_calls:
            failed += 1
            print("FAIL coverage: no case calls %s successfully" % f.name)
    extra = [r for r, lines in runners if len(lines) > len(cases)]
    for r in extra:
        failed += 1
        print("FAIL %s printed more lines than there are cases" % r)
    print("%d passed, %d failed (%d cases, runners: %s)" % (passed, failed, len(cases),
                                                           ", ".join(r for r, _ in runners)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
