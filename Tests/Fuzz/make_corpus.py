#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus (Tests/Fuzz/corpus/<target>/): a valid request of
every call (from Tests/Chaos/harness.py, the same set the live scripts check) plus edge
cases. Re-run after adding a call; the files are committed. Reproducers of crashes found
by fuzzing are kept beside the seeds (named for what they found) and never rewritten.

    Tests/Fuzz/make_corpus.py
"""

import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Chaos"))
from harness import pb, valid_requests  # noqa: E402


def write(target: str, name: str, data: bytes) -> None:
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main() -> None:
    bodies = {}
    for i, req in enumerate(valid_requests(), start=1):
        req.id = i
        req.deadline_ms = 0 if i % 3 else 250
        bodies["%02d-%s" % (i, req.WhichOneof("call") or "unset")] = req.SerializeToString()
    # Edge cases of the message itself.
    bodies["edge-empty"] = b""
    bodies["edge-max-id"] = pb.Request(id=2**64 - 1, deadline_ms=2**32 - 1, server_info=pb.ServerInfoRequest()).SerializeToString()
    bodies["edge-two-calls"] = (pb.Request(get_trust=pb.GetTrustRequest(ods_code="RP6")).SerializeToString()
                                + pb.Request(find_trusts=pb.FindTrustsRequest(query="leeds")).SerializeToString())
    bodies["edge-unknown-field"] = pb.Request(id=3).SerializeToString() + b"\xf8\x07\x01" + b"\x9a\x05\x03abc"
    bodies["edge-nul-in-string"] = pb.Request(id=4, get_trust=pb.GetTrustRequest(ods_code="RP\x006")).SerializeToString()
    bodies["edge-bad-utf8"] = b"\x08\x05\x62\x04\x0a\x02\xff\xfe"
    bodies["edge-nan-coordinates"] = pb.Request(id=5, nearest=pb.NearestRequest(
        latitude=float("nan"), longitude=float("inf"), max_distance_km=-0.0)).SerializeToString()
    bodies["edge-unknown-enum"] = pb.Request(id=6, league_table=pb.LeagueTableRequest(table=99, limit=2**32 - 1)).SerializeToString()
    bodies["edge-long-query"] = pb.Request(id=7, find_trusts=pb.FindTrustsRequest(query="royal " * 500)).SerializeToString()
    bodies["edge-packed-tables"] = pb.Request(id=8, nearest=pb.NearestRequest(
        postcode="M13", tables=[1, 2, 3, 0, 7])).SerializeToString()
    for name, body in bodies.items():
        for target in ("request_unpack", "FuzzRequestDecoding", "FuzzServiceAnswer"):
            write(target, name, body)

    # The frame decoder's input: a control byte (low nibble: read size, 0 = whole; bit 4:
    # a 64-byte limit), then the stream.
    def framed(body: bytes, flags: int = 0, length=None) -> bytes:
        return struct.pack(">BI", flags, len(body) if length is None else length) + body

    all_frames = b"".join(framed(b) for b in bodies.values())
    streams = {
        "all-calls-whole": b"\x00" + all_frames,
        "all-calls-1-byte-reads": b"\x01" + all_frames,
        "all-calls-7-byte-reads-small-limit": b"\x17" + all_frames,
        "empty-message": b"\x00" + framed(b""),
        "compressed-flag": b"\x00" + framed(bodies["01-server_info"], flags=1),
        "undefined-flags": b"\x03" + framed(bodies["01-server_info"], flags=0x80),
        "huge-length": b"\x00" + framed(b"\x00" * 8, length=0xFFFFFFFF),
        "just-over-limit": b"\x00" + framed(b"", length=64 * 1024 + 1),
        "truncated-header": b"\x00\x00\x00\x00",
        "truncated-body": b"\x02" + framed(bodies["01-server_info"], length=100),
        "valid-then-garbage": b"\x05" + framed(bodies["02-get_trust"]) + b"GET / HTTP/1.1\r\n\r\n",
    }
    for name, data in streams.items():
        write("FuzzFrameDecoder", name, data)
    print("wrote %d message seeds and %d stream seeds" % (len(bodies), len(streams)))


if __name__ == "__main__":
    main()
