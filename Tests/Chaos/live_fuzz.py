#!/usr/bin/env python3
"""Live-server fuzz test (issue 14): random and mutated frames on many connections
while a checker connection keeps sending valid requests and compares every answer to
the one recorded before the fuzzing started.

    Tests/Chaos/live_fuzz.py [--seconds N] [--connections N] [--seed N]

Mutations: bit flips and byte changes of valid request messages (framed correctly,
so the body decoder sees them), random bodies, random headers (undefined flags, the
compressed bit), truncated frames (the connection closes mid-frame), huge announced
lengths, and valid frames split into 1-byte writes. Starts the debug server
(NHS_LEAGUE_SERVER_BIN, default .build/debug/nhs-league-server) on 127.0.0.1 and a
free port. Prints one summary line; exits non-zero on a wrong answer, a checker
error or a dead server.
"""

from __future__ import annotations

import argparse
import random
import socket
import sys
import threading
import time

from harness import Checker, Server, connect, frame, valid_requests, HEADER


def mutate(rng: random.Random, bodies: list, kind: int) -> bytes:
    """One fuzzed frame: kinds 0-2 keep the framing valid (the body decoder sees them,
    and the connection stays open); kinds 3-6 break the framing (the connection ends)."""
    body = bytearray(rng.choice(bodies))
    if kind == 0:  # bit flips in a correctly framed body
        for _ in range(rng.randint(1, 8)):
            if body:
                i = rng.randrange(len(body))
                body[i] ^= 1 << rng.randrange(8)
        return frame(bytes(body))
    if kind == 1:  # byte replacements / insertions / deletions
        for _ in range(rng.randint(1, 6)):
            op = rng.randrange(3)
            i = rng.randrange(len(body) + 1)
            if op == 0 and body and i < len(body):
                body[i] = rng.randrange(256)
            elif op == 1:
                body[i:i] = bytes([rng.randrange(256)])
            elif body and i < len(body):
                del body[i]
        return frame(bytes(body))
    if kind == 2:  # random body
        return frame(rng.randbytes(rng.randint(0, 300)))
    if kind == 3:  # bad header: undefined flag bits or the compressed bit
        return HEADER.pack(rng.choice([1, 2, 0x80, 0xFF, rng.randrange(1, 256)]), len(body)) + bytes(body)
    if kind == 4:  # truncated frame: header promises more than is sent
        whole = frame(bytes(body))
        return whole[: rng.randrange(1, len(whole))]
    if kind == 5:  # huge announced length (above the server's 64 KiB limit, up to 4 GiB)
        return HEADER.pack(0, rng.choice([65537, 1 << 20, 0x7FFFFFFF, 0xFFFFFFFF])) + rng.randbytes(16)
    # several valid frames then garbage, in one write
    return frame(bytes(body)) + frame(rng.choice(bodies)) + rng.randbytes(rng.randint(1, 40))


def fuzzer(port: int, seed: int, stop: threading.Event, counts: dict, lock: threading.Lock,
           bodies: list, max_sends: int) -> None:
    rng = random.Random(seed)
    sent = 0
    while not stop.is_set() and sent < max_sends:
        # Up to 20 bad bodies, and half the time a broken frame to end with.
        frames = [mutate(rng, bodies, rng.randrange(3)) for _ in range(rng.randint(1, 20))]
        if rng.random() < 0.5:
            frames.append(mutate(rng, bodies, rng.randrange(3, 7)))
        data = b"".join(frames)
        try:
            s = connect(port, timeout=2)
            if rng.random() < 0.2:  # split into tiny writes
                for i in range(0, len(data), 1 + rng.randrange(4)):
                    s.send(data[i:i + 4])
            else:
                s.sendall(data)
            if rng.random() < 0.5:
                s.shutdown(socket.SHUT_WR)
            # Read what the server says (answers, an id-0 error), bounded.
            s.settimeout(0.3)
            try:
                while s.recv(65536):
                    pass
            except OSError:
                pass
            s.close()
        except OSError:
            with lock:
                counts["connect_errors"] += 1
        sent += len(frames)
        with lock:
            counts["connections"] += 1
            counts["frames"] += len(frames)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--connections", type=int, default=16, help="concurrent fuzzing connections")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()

    server = Server()
    try:
        checker = Checker(server.port)  # answers recorded before any fuzzing
        bodies = [req.SerializeToString() for req in valid_requests()]
        stop = threading.Event()
        lock = threading.Lock()
        counts = {"connections": 0, "frames": 0, "connect_errors": 0}
        threads = [threading.Thread(target=fuzzer, daemon=True,
                                    args=(server.port, args.seed * 1000 + i, stop, counts, lock, bodies, 200_000))
                   for i in range(args.connections)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + args.seconds
        rounds = 0
        while time.monotonic() < deadline and server.alive() and rounds < 100_000:
            checker.round()
            rounds += 1
        stop.set()
        for t in threads:
            t.join(timeout=10)
        checker.round()  # still answering correctly once the fuzzing stops
        alive = server.alive()
        checker.close()
        code = server.stop()
        ok = alive and checker.wrong == 0 and checker.errors == 0 and code == 0
        for line in checker.examples:
            print("  " + line)
        print("live fuzz: %d fuzzed frames on %d connections (%d connect errors), %d answers checked, %d wrong, "
              "%d checker errors, server %s, exit %d" % (
                  counts["frames"], counts["connections"], counts["connect_errors"], checker.checked, checker.wrong,
                  checker.errors, "alive" if alive else "DEAD", code))
        print("live_fuzz: %d passed, %d failed" % (1 if ok else 0, 0 if ok else 1))
        if not ok:
            sys.stdout.write(open(server.log_path, "rb").read().decode("utf-8", "replace")[-3000:])
        return 0 if ok else 1
    finally:
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
