#!/usr/bin/env python3
"""Reads `NAME<TAB>HEX` lines (a Response as protobuf bytes, or NO_RESPONSE) and
prints `NAME<TAB>JSON` in the canonical form of run_python.py, so a runner that can
only re-encode what it decoded (the Swift one) is compared like the others."""

import sys

from run_python import canonical, pb


def main() -> int:
    for line in sys.stdin:
        name, _, payload = line.rstrip("\n").partition("\t")
        if payload == "NO_RESPONSE":
            print("%s\tNO_RESPONSE" % name)
            continue
        response = pb.Response()
        response.ParseFromString(bytes.fromhex(payload))
        print("%s\t%s" % (name, canonical(response)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
