"""Framing and error handling against a fake server on a socketpair."""

from __future__ import annotations

import socket
import struct
import threading
import time

import pytest

from nhs_league import (Client, ConnectionClosed, ConnectionFailed, InvalidArgument,
                        NhsLeagueError, NotFound, ProtocolError, ResourceExhausted, Timeout,
                        Unavailable, encode_frame, pb, table_kind)


def frame(msg, flags=0) -> bytes:
    body = msg if isinstance(msg, bytes) else msg.SerializeToString()
    return struct.pack(">BI", flags, len(body)) + body


def ok(rid, **result) -> pb.Response:
    r = pb.Response(id=rid, data_version="test")
    for k, v in result.items():
        getattr(r, k).CopyFrom(v)
    return r


def read_request(sock: socket.socket) -> pb.Request:
    def exact(n):
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            assert chunk, "client closed"
            data += chunk
        return data
    flags, length = struct.unpack(">BI", exact(5))
    assert flags == 0
    req = pb.Request()
    req.ParseFromString(exact(length))
    return req


@pytest.fixture
def pair():
    a, b = socket.socketpair()
    c = Client(sock=a, timeout=5)
    yield c, b
    c.close()
    b.close()


def test_encode_frame():
    assert encode_frame(b"") == b"\x00\x00\x00\x00\x00"
    assert encode_frame(b"\x08\x01") == b"\x00\x00\x00\x00\x02\x08\x01"


def test_request_bytes_match_readme_example():
    req = pb.Request(id=1, get_trust=pb.GetTrustRequest(ods_code="RP6"))
    assert encode_frame(req.SerializeToString()).hex() == "000000000908015a050a03525036"


def test_byte_by_byte(pair):
    c, srv = pair
    data = frame(ok(7, get_trust=pb.TrustDetail(trust=pb.Trust(ods_code="RP6", name="Moorfields"))))

    def drip():
        for i in range(len(data)):
            srv.send(data[i:i + 1])
            time.sleep(0.001)
    t = threading.Thread(target=drip)
    t.start()
    r = c.read_response()
    t.join()
    assert r.id == 7 and r.get_trust.trust.name == "Moorfields"


def test_two_frames_in_one_write(pair):
    c, srv = pair
    srv.sendall(frame(ok(1)) + frame(ok(2)))
    assert c.read_response().id == 1
    assert c.read_response().id == 2


def test_large_frame_in_chunks(pair):
    c, srv = pair
    big = pb.Response(id=3, get_trust=pb.TrustDetail(caveats=["x" * 1000] * 200))
    data = frame(big)
    assert len(data) > 200_000

    def send():
        for i in range(0, len(data), 4096):
            srv.sendall(data[i:i + 4096])
    t = threading.Thread(target=send)
    t.start()
    r = c.read_response()
    t.join()
    assert r == big


def test_oversized_length_refused_from_header(pair):
    c, srv = pair
    c.max_frame = 1000
    srv.sendall(struct.pack(">BI", 0, 1001))  # no body: reading it would time out
    c.set_timeout(2)
    t0 = time.monotonic()
    with pytest.raises(ProtocolError) as e:
        c.read_response()
    assert time.monotonic() - t0 < 1
    assert "1001" in e.value.message and e.value.code == pb.INTERNAL
    # sticky
    with pytest.raises(ProtocolError):
        c.server_info()


def test_default_max_frame_is_16_mib(pair):
    c, srv = pair
    srv.sendall(struct.pack(">BI", 0, 16 * 1024 * 1024 + 1))
    with pytest.raises(ProtocolError):
        c.read_response()


@pytest.mark.parametrize("flags", [1, 2, 0x80])
def test_nonzero_flags(pair, flags):
    c, srv = pair
    srv.sendall(frame(ok(1), flags=flags))
    with pytest.raises(ProtocolError, match="flags"):
        c.read_response()


def test_eof_before_any_frame(pair):
    c, srv = pair
    srv.close()
    with pytest.raises(ConnectionClosed, match="closed the connection") as e:
        c.read_response()
    assert isinstance(e.value, Unavailable) and e.value.code == pb.UNAVAILABLE


def test_eof_mid_header(pair):
    c, srv = pair
    srv.sendall(b"\x00\x00\x00")
    srv.close()
    with pytest.raises(ConnectionClosed, match="mid-frame"):
        c.read_response()


def test_eof_mid_body(pair):
    c, srv = pair
    srv.sendall(frame(ok(1, get_trust=pb.TrustDetail(caveats=["abc"])))[:-2])
    srv.close()
    with pytest.raises(ConnectionClosed, match="mid-frame"):
        c.read_response()


def test_undecodable_body(pair):
    c, srv = pair
    srv.sendall(frame(b"\xff\xff\xff\xff"))
    with pytest.raises(ProtocolError, match="undecodable"):
        c.read_response()


def test_receive_timeout(pair):
    c, srv = pair
    c.set_timeout(0.2)
    with pytest.raises(Timeout) as e:
        c.read_response()
    assert e.value.code == pb.DEADLINE_EXCEEDED


def test_connect_refused():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(ConnectionFailed) as e:
        Client("127.0.0.1", port, timeout=2)
    assert e.value.code == pb.UNAVAILABLE


def test_pipelined_out_of_order(pair):
    c, srv = pair
    ids = [c.send_request(pb.Request(get_trust=pb.GetTrustRequest(ods_code="R%02d" % i))) for i in range(5)]
    assert ids == [1, 2, 3, 4, 5]
    reqs = [read_request(srv) for _ in ids]
    out = b"".join(frame(ok(r.id, get_trust=pb.TrustDetail(trust=pb.Trust(ods_code=r.get_trust.ods_code))))
                   for r in reversed(reqs))
    srv.sendall(out)
    assert c.get_response(3).get_trust.trust.ods_code == "R02"
    assert c.get_response(1).get_trust.trust.ods_code == "R00"
    # the rest come out of the buffer in arrival order: 5, 4, 2
    assert [c.read_response().id for _ in range(3)] == [5, 4, 2]


def test_call_many_returns_request_order(pair):
    c, srv = pair
    reqs = [pb.Request(server_info=pb.ServerInfoRequest()) for _ in range(10)]

    def serve():
        got = [read_request(srv) for _ in range(10)]
        srv.sendall(b"".join(frame(ok(r.id)) for r in reversed(got)))
    t = threading.Thread(target=serve)
    t.start()
    rs = c.call_many(reqs)
    t.join()
    assert [r.id for r in rs] == list(range(1, 11))


def test_id0_connection_error_is_raised_and_sticky(pair):
    c, srv = pair
    c.send_request(pb.Request(server_info=pb.ServerInfoRequest()))
    srv.sendall(frame(pb.Response(id=0, status=pb.Status(code=pb.RESOURCE_EXHAUSTED, message="too big"))))
    with pytest.raises(ResourceExhausted) as e:
        c.get_response(1)
    assert e.value.connection_level and e.value.code == 8 and e.value.message == "too big"
    assert e.value.response.id == 0
    with pytest.raises(ResourceExhausted):
        c.server_info()


def test_status_errors_carry_code_and_response(pair):
    c, srv = pair

    def serve():
        r = read_request(srv)
        srv.sendall(frame(pb.Response(id=r.id, status=pb.Status(code=pb.NOT_FOUND, message="no trust ZZZ"))))
        r = read_request(srv)
        srv.sendall(frame(pb.Response(id=r.id, status=pb.Status(code=pb.INVALID_ARGUMENT, message="empty"))))
        r = read_request(srv)
        srv.sendall(frame(pb.Response(id=r.id, status=pb.Status(code=99, message="future"))))
    t = threading.Thread(target=serve)
    t.start()
    with pytest.raises(NotFound) as e:
        c.get_trust("ZZZ")
    assert e.value.code == pb.NOT_FOUND and e.value.message == "no trust ZZZ"
    assert e.value.response.id == 1 and not e.value.connection_level
    assert str(e.value) == "NOT_FOUND: no trust ZZZ"
    with pytest.raises(InvalidArgument):
        c.find_trusts("")
    with pytest.raises(NhsLeagueError) as e:
        c.server_info()
    assert e.value.code == 99 and e.value.code_name == "CODE_99"
    t.join()
    # a non-OK status is not a transport error: the client still works
    srv.sendall(frame(ok(4, server_info=pb.ServerInfo(trusts=3))))
    assert c.server_info().trusts == 3


def test_wrong_result_field_is_a_protocol_error(pair):
    c, srv = pair
    srv.sendall(frame(ok(1, server_info=pb.ServerInfo())))
    with pytest.raises(ProtocolError, match="get_trust answered with result 'server_info'"):
        c.get_trust("RP6")


def test_requests_on_the_wire(pair):
    c, srv = pair
    c.deadline_ms = 2500
    seen = []

    def serve():
        for _ in range(8):
            r = read_request(srv)
            seen.append(r)
            field = r.WhichOneof("call")
            resp = pb.Response(id=r.id)
            getattr(resp, field).SetInParent()
            srv.sendall(frame(resp))
    t = threading.Thread(target=serve)
    t.start()
    c.server_info()
    c.get_trust("rp6")
    c.find_trusts("moorfields", limit=3)
    c.nearest(postcode="M13 9WL", limit=4, tables=["acute", pb.TABLE_AMBULANCE], max_distance_km=25)
    c.nearest(latitude=51.5, longitude=-0.1)
    c.list_actions("RP6")
    c.league_table("non-acute", quarter="Q4 2025/26", segment=2, region="London", descending=True,
                   offset=5, limit=7)
    c.trust_history("RP6")
    t.join()
    assert [r.id for r in seen] == list(range(1, 9))
    assert all(r.deadline_ms == 2500 for r in seen)
    assert seen[0].WhichOneof("call") == "server_info"
    assert seen[1].get_trust.ods_code == "rp6"
    assert (seen[2].find_trusts.query, seen[2].find_trusts.limit) == ("moorfields", 3)
    n = seen[3].nearest
    assert n.postcode == "M13 9WL" and n.limit == 4 and list(n.tables) == [1, 3]
    assert n.max_distance_km == 25 and n.WhichOneof("latitude_present") is None
    n = seen[4].nearest
    assert n.postcode == "" and n.latitude == 51.5 and n.longitude == -0.1
    assert n.HasField("latitude") and not n.HasField("max_distance_km") and list(n.tables) == []
    assert seen[5].list_actions.ods_code == "RP6"
    lt = seen[6].league_table
    assert (lt.table, lt.quarter, lt.segment, lt.region, lt.descending, lt.offset, lt.limit) == \
        (pb.TABLE_NON_ACUTE, "Q4 2025/26", 2, "London", True, 5, 7)
    assert seen[7].trust_history.ods_code == "RP6"


def test_league_table_without_segment_leaves_it_unset(pair):
    c, srv = pair

    def serve():
        r = read_request(srv)
        assert r.league_table.WhichOneof("segment_present") is None
        srv.sendall(frame(ok(r.id, league_table=pb.LeagueTableResult(total_matching=1))))
    t = threading.Thread(target=serve)
    t.start()
    assert c.league_table("acute").total_matching == 1
    t.join()


def test_table_kind():
    assert table_kind("acute") == pb.TABLE_ACUTE
    assert table_kind("Non-Acute") == pb.TABLE_NON_ACUTE
    assert table_kind("TABLE_AMBULANCE") == pb.TABLE_AMBULANCE
    assert table_kind(7) == 7
    with pytest.raises(ValueError):
        table_kind("dental")
