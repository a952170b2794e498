"""Going away (issue 14): on a graceful shutdown the server sends each open
connection an id-0 UNAVAILABLE notice naming the last request id it will still
answer, answers those, and closes. The client returns every covered answer and
raises the distinct, retryable ``GoingAway`` for the rest."""

from __future__ import annotations

import os
import signal
import socket

import pytest

from conftest import server_binary, spawn_server
from nhs_league import Client, GoingAway, NhsLeagueError, Unavailable, encode_frame, pb


def _frame(response: pb.Response) -> bytes:
    return encode_frame(response.SerializeToString())


def _notice(last_id: int) -> pb.Response:
    r = pb.Response(id=0)
    r.status.code = pb.UNAVAILABLE
    r.status.message = "server going away; requests up to id %d will be answered" % last_id
    return r


def test_notice_over_socketpair():
    ours, theirs = socket.socketpair()
    with Client(sock=ours, timeout=5) as c:
        ids = [c.send_request(pb.Request(server_info=pb.ServerInfoRequest())) for _ in range(4)]
        assert ids == [1, 2, 3, 4]
        theirs.sendall(_frame(_notice(3)) + b"".join(_frame(pb.Response(id=i)) for i in (2, 1, 3)))
        theirs.close()
        assert [c.get_response(i).id for i in ids[:3]] == [1, 2, 3]
        with pytest.raises(GoingAway) as raised:
            c.get_response(4)
        assert raised.value.retryable and raised.value.last_id == 3
        assert isinstance(raised.value, Unavailable) and isinstance(raised.value, NhsLeagueError)
        with pytest.raises(GoingAway):
            c.send_request(pb.Request(server_info=pb.ServerInfoRequest()))


def test_connection_limit_is_retryable_but_not_going_away():
    ours, theirs = socket.socketpair()
    with Client(sock=ours, timeout=5) as c:
        c.send_request(pb.Request(server_info=pb.ServerInfoRequest()))
        refused = pb.Response(id=0)
        refused.status.code = pb.UNAVAILABLE
        refused.status.message = "server at its connection limit"
        theirs.sendall(_frame(refused))
        with pytest.raises(Unavailable) as raised:
            c.get_response(1)
        assert raised.value.retryable and not isinstance(raised.value, GoingAway)
    theirs.close()


@pytest.fixture
def own_server():
    """A server of our own (this test stops it), on a free port."""
    binary = server_binary()
    if not binary:
        if os.environ.get("NHS_LEAGUE_REQUIRE_SERVER") == "1":
            pytest.fail("no server binary: set NHS_LEAGUE_SERVER_BIN")
        pytest.skip("no server binary: set NHS_LEAGUE_SERVER_BIN")
    proc, addr = spawn_server(binary, "--drain-timeout", "60")
    try:
        yield proc, addr
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(30)


def test_sigterm_with_requests_in_flight(own_server):
    proc, addr = own_server
    with Client(*addr, timeout=60) as c:
        # 30 large answers (~27 MB) pipelined: most are still owed when SIGTERM arrives.
        request = pb.Request()
        request.league_table.table = pb.TABLE_ACUTE
        request.league_table.limit = 200
        ids = []
        for _ in range(30):
            r = pb.Request()
            r.CopyFrom(request)
            ids.append(c.send_request(r))
        first = c.get_response(ids[0])  # the server has read the batch
        proc.send_signal(signal.SIGTERM)
        answers = [first] + [c.get_response(i) for i in ids[1:]]
        assert [a.id for a in answers] == ids
        assert all(a.status.code == pb.OK for a in answers)
        with pytest.raises(GoingAway) as raised:
            c.server_info()
        assert raised.value.retryable
        assert raised.value.last_id == 30
        assert "server going away" in raised.value.message
    assert proc.wait(60) == 0
