#!/usr/bin/env python3
"""The gRPC conformance runner: the same cases through stock grpcio (HTTP/2).

    run_grpc.py CASES_FILE HOST:PORT

Sends every call case of the file as the unary RPC of `nhs.league.v1.League`
that takes that call's message (found through the proto's service descriptor),
on one gRPC channel, and prints the answer as the Response the framing would
carry: the case's request id, the gRPC status as `status` (code and message),
the `nhs-data-version` trailer as `data_version`, the response message as the
result. `raw` and `none` cases are framing-level (bytes on a socket, a request
with no call) and have no gRPC form: they print NOT_APPLICABLE, which
compare.py accepts for those cases only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import grpc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_python import build_request, canonical, pb, tokenize  # noqa: E402


def rpc_for_call():
    """Request.call field name -> the League RPC taking its message."""
    service = pb.DESCRIPTOR.services_by_name["League"]
    by_input = {m.input_type.full_name: m for m in service.methods}
    out = {}
    for f in pb.Request.DESCRIPTOR.oneofs_by_name["call"].fields:
        method = by_input.get(f.message_type.full_name)
        if method is None:
            raise SystemExit("call %s has no RPC in service League" % f.name)
        out[f.name] = method
    return out


def main(argv) -> int:
    if len(argv) != 3:
        print("usage: %s CASES_FILE HOST:PORT" % argv[0], file=sys.stderr)
        return 1
    path, addr = argv[1], argv[2]
    methods = rpc_for_call()
    out = sys.stdout
    with grpc.insecure_channel(addr) as channel, open(path, encoding="utf-8") as cases:
        grpc.channel_ready_future(channel).result(timeout=30)
        index = 0
        for lineno, line in enumerate(cases, 1):
            toks = tokenize(line)
            if not toks:
                continue
            index += 1
            if toks[2] in ("raw", "none"):
                out.write("%s\tNOT_APPLICABLE\n" % toks[0])
                continue
            request = build_request(toks, "%s:%d" % (path, lineno))
            call = request.WhichOneof("call")
            method = methods[call]
            rpc = channel.unary_unary("/%s/%s" % (method.containing_service.full_name, method.name),
                                      request_serializer=None, response_deserializer=None)
            response = pb.Response(id=index)
            try:
                body, state = rpc.with_call(getattr(request, call).SerializeToString(), timeout=30)
                getattr(response, call).ParseFromString(body)
                response.status.SetInParent()
                metadata = state.trailing_metadata()
            except grpc.RpcError as error:
                response.status.code = error.code().value[0]
                response.status.message = error.details() or ""
                metadata = error.trailing_metadata()
            response.data_version = dict(metadata or ()).get("nhs-data-version", "")
            out.write("%s\t%s\n" % (toks[0], canonical(response)))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
