"""Against a live server (see conftest.py for how one is found or started)."""

from __future__ import annotations

import socket
import struct

import pytest

from nhs_league import (Client, ConnectionClosed, InvalidArgument, NotFound, ResourceExhausted,
                        Unimplemented, pb, raise_for_status)


def _unimplemented_skip(fn):
    """find_trusts / nearest may still answer UNIMPLEMENTED on older servers."""
    try:
        return fn()
    except Unimplemented as e:
        pytest.skip("server does not implement this call yet: %s" % e.message)


def test_server_info(client):
    info = client.server_info()
    assert info.server_version and info.data_version
    assert info.latest_quarter == "Q1 2026/27"
    assert info.trusts > 100
    assert {c.table for c in info.coverage} == {pb.TABLE_ACUTE, pb.TABLE_NON_ACUTE, pb.TABLE_AMBULANCE}


def test_get_trust_rp6_moorfields(client):
    d = client.get_trust("RP6")
    t = d.trust
    assert t.ods_code == "RP6"
    assert t.name == "Moorfields Eye Hospital NHS Foundation Trust"
    assert t.table == pb.TABLE_ACUTE
    r = t.latest
    assert r.quarter == "Q1 2026/27"
    assert r.table == pb.TABLE_ACUTE
    assert r.HasField("league_position") and r.league_position == 4
    assert r.table_size == 134
    assert r.WhichOneof("segment_present") == "segment" and r.segment == 1


def test_get_trust_is_case_insensitive(client):
    assert client.get_trust("rp6").trust.ods_code == "RP6"


def test_get_trust_unknown_is_not_found(client):
    with pytest.raises(NotFound) as e:
        client.get_trust("ZZZ")
    assert e.value.code == pb.NOT_FOUND and e.value.message
    assert e.value.response.id != 0 and not e.value.connection_level
    # the connection is still usable
    assert client.get_trust("RP6").trust.ods_code == "RP6"


def test_send_returns_error_responses(client):
    r = client.send(pb.Request(get_trust=pb.GetTrustRequest(ods_code="ZZZ")))
    assert r.status.code == pb.NOT_FOUND and r.WhichOneof("result") is None
    with pytest.raises(NotFound):
        raise_for_status(r)


def test_no_call_is_unimplemented_with_its_id(client):
    r = client.send(pb.Request(id=77))
    assert r.id == 77 and r.status.code == pb.UNIMPLEMENTED


def test_pipelining_50(client):
    codes = ["RP6", "ZZZ", "RJ1", "RRV", "RX9"]
    reqs = []
    for i in range(50):
        if i % 10 == 9:
            reqs.append(pb.Request(server_info=pb.ServerInfoRequest()))
        else:
            reqs.append(pb.Request(get_trust=pb.GetTrustRequest(ods_code=codes[i % len(codes)])))
    resps = client.call_many(reqs)
    assert len(resps) == 50
    assert [r.id for r in resps] == [q.id for q in reqs]
    assert len({q.id for q in reqs}) == 50
    for q, r in zip(reqs, resps):
        if q.WhichOneof("call") == "server_info":
            assert r.status.code == pb.OK and r.WhichOneof("result") == "server_info"
        elif q.get_trust.ods_code == "ZZZ":
            assert r.status.code == pb.NOT_FOUND
        else:
            assert r.status.code == pb.OK
            assert r.get_trust.trust.ods_code == q.get_trust.ods_code


def test_oversized_request_frame_gets_id0_resource_exhausted_then_close(server_addr):
    with Client(*server_addr, timeout=10) as c:
        c.send_raw(struct.pack(">BI", 0, 10 * 1024 * 1024))  # header only, no body
        r = c.read_response()
        assert r.id == 0 and r.status.code == pb.RESOURCE_EXHAUSTED
        with pytest.raises(ConnectionClosed):
            c.read_response()


def test_oversized_request_raises_connection_level_error(server_addr):
    with Client(*server_addr, timeout=10) as c:
        with pytest.raises(ResourceExhausted) as e:
            c.find_trusts("x" * (70 * 1024))
        assert e.value.connection_level and e.value.response.id == 0


def test_undecodable_request_keeps_connection(server_addr):
    with Client(*server_addr, timeout=10) as c:
        c.send_raw(b"\x00\x00\x00\x00\x04\xff\xff\xff\xff")
        r = c.read_response()
        assert r.id == 0 and r.status.code == pb.INVALID_ARGUMENT
        assert c.get_trust("RP6").trust.ods_code == "RP6"


def test_compressed_flag_is_unimplemented(server_addr):
    with Client(*server_addr, timeout=10) as c:
        c.send_raw(b"\x01\x00\x00\x00\x00")
        r = c.read_response()
        assert r.id == 0 and r.status.code == pb.UNIMPLEMENTED


def test_list_actions(client):
    res = client.list_actions("RP6")
    assert res.trust.ods_code == "RP6" and res.summary
    with pytest.raises(NotFound):
        client.list_actions("ZZZ")


def test_league_table(client):
    res = client.league_table("acute", limit=5)
    assert res.table == pb.TABLE_ACUTE and res.quarter == "Q1 2026/27"
    assert res.total_matching == 134 and len(res.rows) == 5
    positions = [row.ranking.league_position for row in res.rows]
    assert positions == sorted(positions) and positions[0] == 1
    assert "RP6" in [row.trust.ods_code for row in res.rows]
    worst = client.league_table(pb.TABLE_ACUTE, descending=True, limit=3)
    assert worst.rows[0].ranking.league_position > positions[-1]
    with pytest.raises(InvalidArgument):
        client.league_table(pb.TABLE_UNSPECIFIED)
    with pytest.raises(InvalidArgument):
        client.league_table("acute", limit=201)


def test_trust_history(client):
    res = client.trust_history("RP6")
    quarters = [r.quarter for r in res.rankings]
    assert quarters and quarters[-1] == "Q1 2026/27"
    assert res.rankings[-1].league_position == 4


def test_find_trusts(client):
    res = _unimplemented_skip(lambda: client.find_trusts("moorfields", limit=5))
    assert res.matches and res.matches[0].trust.ods_code == "RP6"
    assert len(res.matches) <= 5
    with pytest.raises(InvalidArgument):
        client.find_trusts("")


def test_nearest(client):
    res = _unimplemented_skip(lambda: client.nearest(postcode="EC1V 2PD", limit=3))
    assert res.location.precision != pb.PRECISION_UNSPECIFIED
    assert 0 < len(res.trusts) <= 3
    d = [t.distance_km for t in res.trusts]
    assert d == sorted(d)
    near = client.nearest(latitude=51.5273, longitude=-0.0914, limit=2, tables=["acute"])
    assert all(t.trust.table == pb.TABLE_ACUTE for t in near.trusts)
    with pytest.raises(InvalidArgument):
        client.nearest(limit=3)  # neither postcode nor coordinates


def test_trust_metrics(client):
    from nhs_league import FailedPrecondition
    res = client.trust_metrics("RJE")
    assert res.quarter == "Q1 2026/27" and res.quarter_defaulted and res.table == pb.TABLE_ACUTE
    assert res.source_line == "NHS England, NHS Oversight Framework trust data, Q1 2026/27"
    names = [m.metric.name for d in res.domains for m in d.metrics]
    assert "Patients seen in A&E within 4 hours" in names
    ranked = [m for d in res.domains for m in d.metrics if m.HasField("rank")]
    assert ranked and all(m.rank_text == "rank %d of %d" % (m.rank, m.ranked_count) for m in ranked)
    amb = client.trust_metrics("RRU")
    assert amb.quarter == "Q4 2025/26" and amb.note
    with pytest.raises(FailedPrecondition):
        client.trust_metrics("RRU", quarter="Q1 2026/27")
    with pytest.raises(NotFound):
        client.trust_metrics("ZZZ")


def test_metric_table(client):
    from nhs_league import FailedPrecondition
    res = client.metric_table("a&e 4 hour", table="acute", worst_first=True, limit=10)
    assert res.metric.id == "OF0013" and res.metric.better_when == pb.BETTER_WHEN_HIGHER
    ranks = [row.result.rank for row in res.rows]
    assert ranks == sorted(ranks, reverse=True) and len(ranks) == 10
    assert res.ranks.ranked == res.ranks.unique + res.ranks.ties_shared + res.ranks.ties_split
    assert res.ranks.with_row + len(res.ranks.blank_codes) == res.ranks.table_size
    with pytest.raises(NotFound) as e:
        client.metric_table("canser waits")
    assert "did you mean" in e.value.message
    with pytest.raises(FailedPrecondition):
        client.metric_table("a&e 4 hour", table="ambulance")


def test_list_metrics(client):
    res = client.list_metrics("ambulance", quarter="Q4 2025/26")
    assert "OF0017" in [m.id for m in res.metrics]
    assert all(pb.TABLE_AMBULANCE in m.tables for m in res.metrics)
    assert len(client.list_metrics().metrics) > len(res.metrics)


def test_actions_have_a_source_type(client):
    res = client.list_actions("RJE")
    curated = [a for a in res.actions if not a.derived]
    assert curated and curated[0].source_type == "board_papers_ai_summary"
    assert "board papers" in curated[0].source_text


def test_likely_position_range_published_for_non_acute_q4(client):
    """NHS England published a likely position range for every non-acute trust in
    Q4 2025/26 (and for no other table or quarter so far); the position lies in it."""
    rows = client.league_table("non-acute", quarter="Q4 2025/26", limit=200).rows
    assert len(rows) == 61
    for row in rows:
        low, high = map(int, row.ranking.likely_position_range.split(" to "))
        assert low <= row.ranking.league_position <= high, row.trust.ods_code
    for table in ("acute", "ambulance"):
        latest = client.league_table(table, limit=200).rows
        assert latest and all(r.ranking.likely_position_range == "" for r in latest)
