"""TLS on the service port (issue 14), through the real server binary:
``Client(tls_ca=, tls_cert=, tls_key=)`` for our framing, and stock grpcio
with ``grpc.ssl_channel_credentials`` for gRPC over the same port.

Certificates are made for this run by ``.ci/tls/make-test-certs.sh``
(openssl): a CA, a server certificate for localhost / 127.0.0.1, a client
certificate from the CA and one from an unrelated CA.
"""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request

import pytest

from nhs_league import (Client, ConnectionFailed, NhsLeagueError, Timeout, TLSError, make_tls_context,
                        pb)

from conftest import REPO, running_server, server_binary

try:
    import grpc
except ImportError:  # pragma: no cover - CI installs it (.ci/setup)
    grpc = None


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    out = tmp_path_factory.mktemp("tls")
    subprocess.run(["bash", str(REPO / ".ci" / "tls" / "make-test-certs.sh"), str(out)], check=True)
    return {name: str(out / name) for name in os.listdir(out)}


@pytest.fixture(scope="module")
def binary():
    binary = server_binary()
    if not binary:
        if os.environ.get("NHS_LEAGUE_REQUIRE_SERVER") == "1":
            pytest.fail("no server binary")
        pytest.skip("no server binary (set NHS_LEAGUE_SERVER_BIN)")
    return binary


@pytest.fixture(scope="module")
def tls_server(binary, certs):
    """(addr, output lines) of a server with TLS, no client certificates."""
    output = []
    with running_server(binary, "--tls-cert", certs["server.pem"], "--tls-key", certs["server.key"],
                        output=output) as addr:
        yield addr, output


@pytest.fixture(scope="module")
def mtls_server(binary, certs):
    """(addr, output lines) of a server that requires client certificates from ca.pem."""
    output = []
    with running_server(binary, "--tls-cert", certs["server.pem"], "--tls-key", certs["server.key"],
                        "--tls-client-ca", certs["ca.pem"], output=output) as addr:
        yield addr, output


def test_tls_round_trip(tls_server, certs):
    (host, port), _ = tls_server
    with Client(host, port, timeout=30, tls_ca=certs["ca.pem"]) as c:
        assert c.get_trust("RP6").trust.name == "Moorfields Eye Hospital NHS Foundation Trust"
        responses = c.call_many([pb.Request(get_trust=pb.GetTrustRequest(ods_code=code))
                                 for code in ("RP6", "RAJ", "RRK")])
        assert [r.get_trust.trust.ods_code for r in responses] == ["RP6", "RAJ", "RRK"]
    # By name: the certificate's DNS entry; a name it does not carry is refused.
    with Client("localhost", port, timeout=30, tls_ca=certs["ca.pem"]) as c:
        assert c.server_info().server_version
    with pytest.raises(TLSError):
        Client(host, port, timeout=30, tls_ca=certs["ca.pem"], tls_server_name="elsewhere.example")


def test_untrusted_server_certificate_is_refused(tls_server, certs):
    (host, port), _ = tls_server
    with pytest.raises(TLSError) as info:
        Client(host, port, timeout=30, tls_ca=certs["other-ca.pem"])
    assert "certificate verify failed" in str(info.value)
    assert isinstance(info.value, ConnectionFailed)  # so existing handlers still catch it


def test_plaintext_to_tls_port_fails_cleanly_and_server_keeps_serving(tls_server, certs):
    (host, port), output = tls_server
    started = time.monotonic()
    with Client(host, port, timeout=60) as plain:
        with pytest.raises(NhsLeagueError) as info:
            plain.server_info()
    # The error comes from the server's answer, not from the 60 s timeout.
    assert not isinstance(info.value, Timeout), info.value
    assert time.monotonic() - started < 30
    with Client(host, port, timeout=30, tls_ca=certs["ca.pem"]) as c:
        assert c.get_trust("RP6").trust.ods_code == "RP6"
    assert any("TLS handshake refused" in line for line in output), "".join(output[-20:])


def test_tls_client_to_plaintext_port_fails_at_connect(server_addr, certs):
    with pytest.raises(TLSError):
        Client(*server_addr, timeout=30, tls_ca=certs["ca.pem"])
    with Client(*server_addr, timeout=30) as c:  # the plaintext server is unharmed
        assert c.get_trust("RP6").trust.ods_code == "RP6"


@pytest.mark.parametrize("identity", [None, "other-client"])
def test_mutual_tls_refuses_missing_or_foreign_certificate(mtls_server, certs, identity):
    (host, port), output = mtls_server
    kwargs = {} if identity is None else {"tls_cert": certs[identity + ".pem"], "tls_key": certs[identity + ".key"]}
    with pytest.raises(TLSError):
        # TLS 1.3: the refusal can arrive after the client's handshake, on the first call.
        with Client(host, port, timeout=30, tls_ca=certs["ca.pem"], **kwargs) as c:
            c.server_info()


def test_mutual_tls_accepts_the_ca_s_client(mtls_server, certs):
    (host, port), output = mtls_server
    with Client(host, port, timeout=30, tls_ca=certs["ca.pem"], tls_cert=certs["client.pem"],
                tls_key=certs["client.key"]) as c:
        assert c.get_trust("RP6").trust.ods_code == "RP6"


def test_bad_tls_files_raise_tls_error(certs):
    with pytest.raises(TLSError, match="tls_cert and tls_key"):
        make_tls_context(certs["ca.pem"], tls_cert=certs["client.pem"])
    with pytest.raises(TLSError):
        make_tls_context("/nonexistent/ca.pem")
    with pytest.raises(TLSError):
        make_tls_context(certs["ca.pem"], certs["not-pem.txt"], certs["client.key"])
    # Nothing listens here, but the files are checked before connecting.
    with pytest.raises(TLSError):
        Client("127.0.0.1", 1, tls_ca=certs["not-pem.txt"])


def test_server_refuses_to_start_with_a_bad_tls_file(binary, certs):
    for args, expected in [
        (["--tls-cert", "/nonexistent/server.pem", "--tls-key", certs["server.key"]],
         "--tls-cert /nonexistent/server.pem does not exist"),
        (["--tls-cert", certs["not-pem.txt"], "--tls-key", certs["server.key"]], "is not a PEM certificate file"),
        (["--tls-cert", certs["server.pem"], "--tls-key", certs["client.key"]], "do not form a usable TLS identity"),
    ]:
        run = subprocess.run([binary, "--port", "0", *args], capture_output=True, text=True, timeout=120)
        assert run.returncode == 1, run
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("nhs-league-server: refusing to start: "), run.stderr
        assert expected in lines[0], run.stderr
        assert "listening" not in run.stdout


# ---- gRPC over TLS: stock grpcio on the same port (ALPN h2)

@pytest.fixture
def need_grpc():
    if grpc is None:
        if os.environ.get("NHS_LEAGUE_REQUIRE_SERVER") == "1":
            pytest.fail("grpcio missing")
        pytest.skip("grpcio missing")


def _get_trust(channel, code: str) -> pb.TrustDetail:
    call = channel.unary_unary("/nhs.league.v1.League/GetTrust",
                               request_serializer=pb.GetTrustRequest.SerializeToString,
                               response_deserializer=pb.TrustDetail.FromString)
    return call(pb.GetTrustRequest(ods_code=code), timeout=30)


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def test_grpc_over_tls(need_grpc, tls_server, certs):
    (_, port), _ = tls_server
    credentials = grpc.ssl_channel_credentials(root_certificates=_read(certs["ca.pem"]))
    with grpc.secure_channel("localhost:%d" % port, credentials) as channel:
        assert _get_trust(channel, "RP6").trust.ods_code == "RP6"


def test_grpc_over_mutual_tls(need_grpc, mtls_server, certs):
    (_, port), _ = mtls_server
    good = grpc.ssl_channel_credentials(root_certificates=_read(certs["ca.pem"]),
                                        private_key=_read(certs["client.key"]),
                                        certificate_chain=_read(certs["client.pem"]))
    with grpc.secure_channel("localhost:%d" % port, good) as channel:
        assert _get_trust(channel, "RP6").trust.ods_code == "RP6"
    without = grpc.ssl_channel_credentials(root_certificates=_read(certs["ca.pem"]))
    with grpc.secure_channel("localhost:%d" % port, without) as channel:
        with pytest.raises(grpc.RpcError) as info:
            _get_trust(channel, "RP6")
        assert info.value.code() == grpc.StatusCode.UNAVAILABLE


def test_admin_listener_stays_plaintext(binary, certs):
    """Documented: --tls-* cover the service port only; /healthz is plain HTTP."""
    output = []
    with running_server(binary, "--tls-cert", certs["server.pem"], "--tls-key", certs["server.key"],
                        "--admin-address", "127.0.0.1:0", output=output):
        deadline = time.monotonic() + 60
        while not any("admin on" in line for line in output) and time.monotonic() < deadline:
            time.sleep(0.05)
        admin = next(line for line in output if "admin on" in line).rsplit(":", 1)[1].strip()
        with urllib.request.urlopen("http://127.0.0.1:%s/healthz" % admin, timeout=30) as r:
            assert r.status == 200
