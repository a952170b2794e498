"""A synchronous client for the nhs-league server.

Wire format (see clients/README.md): each direction is a stream of frames,
1 flags byte (must be 0) + 4-byte big-endian length N + N bytes of one
protobuf message (Request client->server, Response server->client).
Responses echo their request's id; requests may be pipelined and answered in
any order; id 0 is the server talking about the connection itself.
"""

from __future__ import annotations

import socket
import ssl
import struct
from typing import Dict, Iterable, List, Optional, Sequence, Union

from google.protobuf.message import DecodeError

from . import league_pb2 as pb
from .errors import (ConnectionClosed, ConnectionFailed, GoingAway, NhsLeagueError, ProtocolError,
                     Timeout, TLSError, error_for)

__all__ = ["Client", "encode_frame", "DEFAULT_PORT", "DEFAULT_MAX_FRAME", "table_kind",
           "raise_for_status", "make_tls_context"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7411
#: Largest Response body accepted by default; checked from the frame header,
#: before the body is read.
DEFAULT_MAX_FRAME = 16 * 1024 * 1024
#: Responses received while waiting for another id are buffered; a server
#: that sends more unrequested answers than this is treated as broken.
MAX_PENDING = 4096

HEADER = struct.Struct(">BI")

TableArg = Union[int, str]

_TABLE_NAMES = {
    "acute": pb.TABLE_ACUTE,
    "non-acute": pb.TABLE_NON_ACUTE,
    "non_acute": pb.TABLE_NON_ACUTE,
    "nonacute": pb.TABLE_NON_ACUTE,
    "ambulance": pb.TABLE_AMBULANCE,
}


def table_kind(table: TableArg) -> int:
    """LeagueTableKind for 1 / "acute" / "TABLE_ACUTE" / "non-acute" / ...
    Integers pass through unchanged (the server judges them)."""
    if isinstance(table, bool):
        raise TypeError("table must be an int or a name, not bool")
    if isinstance(table, int):
        return table
    key = table.strip().lower()
    if key in _TABLE_NAMES:
        return _TABLE_NAMES[key]
    try:
        return pb.LeagueTableKind.Value(table.strip().upper())
    except ValueError:
        raise ValueError("unknown league table %r (acute, non-acute, ambulance)" % table) from None


def encode_frame(body: bytes) -> bytes:
    """Flags byte 0, big-endian length, body."""
    if len(body) > 0xFFFFFFFF:
        raise ValueError("message too large for a frame")
    return HEADER.pack(0, len(body)) + body


#: First bytes of a TLS record (alert 0x15, handshake 0x16): a TLS server
#: answering a plaintext client.
_TLS_RECORD_TYPES = (0x15, 0x16)


def make_tls_context(tls_ca: Optional[str] = None, tls_cert: Optional[str] = None,
                tls_key: Optional[str] = None) -> ssl.SSLContext:
    """A client ``ssl.SSLContext`` (TLS 1.2 or later, certificate and host
    name checked) trusting the CA certificates in the PEM file ``tls_ca``
    (None = the system's), presenting ``tls_cert`` / ``tls_key`` (PEM) to a
    server that requires a client certificate. Raises ``TLSError`` for a file
    that cannot be used."""
    if (tls_cert is None) != (tls_key is None):
        raise TLSError(message="tls_cert and tls_key must be given together")
    try:
        context = ssl.create_default_context(cafile=tls_ca)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        if tls_cert is not None:
            context.load_cert_chain(tls_cert, tls_key)
    except (OSError, ssl.SSLError) as e:
        raise TLSError(message="TLS files (ca=%s cert=%s key=%s): %s" % (tls_ca, tls_cert, tls_key, e)) from e
    return context


def raise_for_status(response: pb.Response) -> pb.Response:
    """Raises the NhsLeagueError subclass for a non-OK status, else returns
    the response."""
    if response.status.code != pb.OK:
        raise error_for(response)
    return response


class Client:
    """One TCP connection to an nhs-league server.

    >>> with Client("127.0.0.1", 7411, timeout=5) as c:
    ...     t = c.get_trust("RP6").trust
    ...     print(t.name, t.latest.league_position, t.latest.table_size)

    The call methods (``get_trust`` ...) return the result message (e.g.
    ``TrustDetail``) and raise ``NotFound``, ``InvalidArgument`` ... for a
    non-OK status. ``send`` and ``call_many`` return whole ``Response``
    messages whatever their status. Transport and protocol errors
    (``ConnectionClosed``, ``Timeout``, ``ProtocolError``, an id-0 answer) are
    sticky: every later call raises the same error; make a new Client.
    Not thread-safe: use one Client per thread.
    """

    def __init__(self, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: Optional[float] = 10.0,
                 *, max_frame: int = DEFAULT_MAX_FRAME, deadline_ms: int = 0,
                 sock: Optional[socket.socket] = None,
                 tls_ca: Optional[str] = None, tls_cert: Optional[str] = None,
                 tls_key: Optional[str] = None, tls_server_name: Optional[str] = None,
                 tls_context: Optional[ssl.SSLContext] = None):
        """``timeout`` (seconds, None = wait forever) applies to connect and
        to every send / receive. ``deadline_ms`` is put on requests that have
        none (0 = no deadline). ``sock``: use this connected stream socket
        instead of connecting (tests use a socketpair).

        TLS (off unless one of these is given): ``tls_ca`` is a PEM file of
        CA certificates to trust (None = the system's); ``tls_cert`` and
        ``tls_key`` are the client's PEM certificate and key, for a server
        that requires one (mutual TLS); ``tls_server_name`` is the name the
        server's certificate must carry (default ``host``; an IP address is
        matched against the certificate's IP entries); ``tls_context`` is a
        ready ``ssl.SSLContext`` instead of the three files. The handshake
        happens here: a failure raises ``TLSError``."""
        self.host, self.port = host, port
        self.max_frame = max_frame
        self.deadline_ms = deadline_ms
        self._next_id = 1
        self._pending: Dict[int, pb.Response] = {}
        self._arrivals: List[int] = []
        self._error: Optional[NhsLeagueError] = None
        # The server's going-away notice, once it arrived (issue 14).
        self._going_away: Optional[GoingAway] = None
        self._buf = bytearray()
        if tls_context is None and (tls_ca or tls_cert or tls_key or tls_server_name):
            # Files are checked before connecting: a bad one is a TLSError, whatever the network.
            tls_context = make_tls_context(tls_ca, tls_cert, tls_key)
        if sock is None:
            try:
                sock = socket.create_connection((host, port), timeout=timeout)
            except socket.timeout as e:
                raise Timeout(message="connect to %s:%d timed out" % (host, port)) from e
            except OSError as e:
                raise ConnectionFailed(message="connect to %s:%d: %s" % (host, port, e)) from e
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(timeout)
        if tls_context is not None:
            sock = self._handshake(sock, tls_context, tls_server_name or host)
        self.sock: Optional[socket.socket] = sock

    @staticmethod
    def _handshake(sock: socket.socket, context: ssl.SSLContext, server_name: str) -> socket.socket:
        try:
            return context.wrap_socket(sock, server_hostname=server_name)
        except socket.timeout as e:
            sock.close()
            raise Timeout(message="TLS handshake with %s timed out" % server_name) from e
        except (ssl.SSLError, ssl.CertificateError) as e:
            sock.close()
            raise TLSError(message="TLS handshake with %s failed: %s" % (server_name, e)) from e
        except OSError as e:
            sock.close()
            raise TLSError(message="TLS handshake with %s failed (the server closed the connection; "
                                   "does it speak TLS?): %s" % (server_name, e)) from e

    # ---------------------------------------------------------- lifecycle

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.close()
            finally:
                self.sock = None

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def set_timeout(self, timeout: Optional[float]) -> None:
        self._socket().settimeout(timeout)

    # ---------------------------------------------------------- raw frames

    def _socket(self) -> socket.socket:
        if self._error is not None:
            raise self._error
        if self.sock is None:
            raise ConnectionClosed(message="client is closed")
        return self.sock

    def _fail(self, err: NhsLeagueError) -> NhsLeagueError:
        self._error = err
        return err

    def send_request(self, request: pb.Request) -> int:
        """Frames and sends one Request without waiting. Assigns the next id
        (1, 2, ...) when ``request.id`` is 0 and the client's deadline when
        ``deadline_ms`` is 0 (both written into ``request``). Returns the id."""
        sock = self._socket()
        if self._going_away is not None:
            raise self._going_away
        if request.id == 0:
            request.id = self._next_id
            self._next_id += 1
        elif request.id >= self._next_id:
            self._next_id = request.id + 1
        if request.deadline_ms == 0 and self.deadline_ms:
            request.deadline_ms = self.deadline_ms
        self._send_bytes(sock, encode_frame(request.SerializeToString()))
        return request.id

    def send_raw(self, data: bytes) -> None:
        """Writes bytes as they are (tests and protocol experiments)."""
        self._send_bytes(self._socket(), data)

    def _send_bytes(self, sock: socket.socket, data: bytes) -> None:
        try:
            sock.sendall(data)
        except socket.timeout as e:
            raise self._fail(Timeout(message="send timed out")) from e
        except ssl.SSLError as e:
            raise self._fail(TLSError(message="send: %s" % e)) from e
        except OSError as e:
            raise self._fail(ConnectionClosed(message="send: %s" % e)) from e

    def _read_exact(self, sock: socket.socket, n: int, what: str) -> bytes:
        while len(self._buf) < n:
            try:
                chunk = sock.recv(max(65536, n - len(self._buf)))
            except socket.timeout as e:
                raise self._fail(Timeout(message="timed out waiting for a response")) from e
            except ssl.SSLError as e:
                # TLS 1.3: a server refuses a client certificate after the client's side of
                # the handshake, so the refusal arrives on the first read.
                raise self._fail(TLSError(message="the server refused the TLS connection (does it require a "
                                                  "client certificate it trusts?): %s" % e)) from e
            except OSError as e:
                raise self._fail(ConnectionClosed(message="receive: %s" % e)) from e
            if not chunk:
                if not self._buf and what == "header":
                    msg = "server closed the connection"
                else:
                    msg = "server closed the connection mid-frame (in the %s)" % what
                raise self._fail(ConnectionClosed(message=msg))
            self._buf += chunk
        data = bytes(self._buf[:n])
        del self._buf[:n]
        return data

    def read_frame(self) -> bytes:
        """The body of the next frame, after checking its flags and its length
        against ``max_frame`` (before reading the body)."""
        sock = self._socket()
        flags, length = HEADER.unpack(self._read_exact(sock, HEADER.size, "header"))
        if flags in _TLS_RECORD_TYPES:
            raise self._fail(TLSError(message="the server answered with TLS, not frames: "
                                              "connect with tls_ca=... (frame flags 0x%02x)" % flags))
        if flags != 0:
            raise self._fail(ProtocolError(message="frame flags 0x%02x (must be 0)" % flags))
        if length > self.max_frame:
            raise self._fail(ProtocolError(
                message="frame of %d bytes exceeds the client's maximum of %d" % (length, self.max_frame)))
        return self._read_exact(sock, length, "body")

    def read_response(self) -> pb.Response:
        """The next Response in arrival order (id-0 answers included), taking
        buffered ones first."""
        if self._arrivals:
            return self._pending.pop(self._arrivals.pop(0))
        return self._read_one()

    def _read_one(self) -> pb.Response:
        body = self.read_frame()
        response = pb.Response()
        try:
            response.ParseFromString(body)
        except DecodeError as e:
            raise self._fail(ProtocolError(message="undecodable Response (%d bytes): %s" % (len(body), e))) from e
        return response

    def get_response(self, request_id: int) -> pb.Response:
        """The Response for ``request_id``; others that arrive first are kept
        for later calls. An id-0 answer meanwhile raises its error (sticky)."""
        if request_id in self._pending:
            self._arrivals.remove(request_id)
            return self._pending.pop(request_id)
        while True:
            if self._going_away is not None and request_id > self._going_away.last_id:
                raise self._going_away
            try:
                response = self._read_one()
            except ConnectionClosed as e:
                if self._going_away is None:
                    raise
                raise self._going_away from e  # closed before this answer: not covered after all
            if response.id == request_id:
                return response
            if GoingAway.is_notice(response):
                # Ids it covers are still answered: keep reading.
                self._going_away = GoingAway.from_notice(response)
                continue
            if response.id == 0:
                raise self._fail(error_for(response) if response.status.code != pb.OK else
                                 ProtocolError(message="id-0 response with status OK"))
            if response.id in self._pending:
                raise self._fail(ProtocolError(message="two responses with id %d" % response.id))
            if len(self._pending) >= MAX_PENDING:
                raise self._fail(ProtocolError(message="too many unclaimed responses"))
            self._pending[response.id] = response
            self._arrivals.append(response.id)

    # ---------------------------------------------------------- calls

    def send(self, request: pb.Request) -> pb.Response:
        """Sends a Request and returns its Response, whatever the status."""
        return self.get_response(self.send_request(request))

    def call_many(self, requests: Iterable[pb.Request]) -> List[pb.Response]:
        """Pipelines: sends every request, then collects the responses (the
        server may answer in any order). Returns them in request order;
        statuses are not checked (see ``raise_for_status``)."""
        ids = [self.send_request(r) for r in requests]
        return [self.get_response(i) for i in ids]

    def _call(self, field: str, message) -> object:
        request = pb.Request()
        getattr(request, field).CopyFrom(message)
        response = raise_for_status(self.send(request))
        if response.WhichOneof("result") != field:
            raise self._fail(ProtocolError(
                message="%s answered with result %r" % (field, response.WhichOneof("result"))))
        return getattr(response, field)

    def server_info(self) -> pb.ServerInfo:
        return self._call("server_info", pb.ServerInfoRequest())

    def get_trust(self, code: str) -> pb.TrustDetail:
        return self._call("get_trust", pb.GetTrustRequest(ods_code=code))

    def find_trusts(self, query: str, limit: int = 0) -> pb.FindTrustsResult:
        return self._call("find_trusts", pb.FindTrustsRequest(query=query, limit=limit))

    def nearest(self, postcode: Optional[str] = None, latitude: Optional[float] = None,
                longitude: Optional[float] = None, limit: int = 0, tables: Sequence[TableArg] = (),
                max_distance_km: Optional[float] = None,
                include_clinics: bool = False) -> pb.NearestResult:
        """Nearest trusts; by default each trust is placed at its inpatient hospitals and units
        (a trust with none at its headquarters), with include_clinics at every open site."""
        req = pb.NearestRequest(postcode=postcode or "", limit=limit,
                                tables=[table_kind(t) for t in tables], include_clinics=include_clinics)
        if latitude is not None:
            req.latitude = latitude
        if longitude is not None:
            req.longitude = longitude
        if max_distance_km is not None:
            req.max_distance_km = max_distance_km
        return self._call("nearest", req)

    def list_actions(self, code: str) -> pb.ListActionsResult:
        return self._call("list_actions", pb.ListActionsRequest(ods_code=code))

    def league_table(self, table: TableArg, quarter: str = "", segment: Optional[int] = None,
                     region: str = "", descending: bool = False, offset: int = 0,
                     limit: int = 0) -> pb.LeagueTableResult:
        req = pb.LeagueTableRequest(table=table_kind(table), quarter=quarter, region=region,
                                    descending=descending, offset=offset, limit=limit)
        if segment is not None:
            req.segment = segment
        return self._call("league_table", req)

    def trust_history(self, code: str) -> pb.TrustHistoryResult:
        return self._call("trust_history", pb.TrustHistoryRequest(ods_code=code))

    def trust_metrics(self, code: str, quarter: str = "") -> pb.TrustMetricsResult:
        """Every published metric of a trust, by domain; quarter "" = its latest with metric data."""
        return self._call("trust_metrics", pb.TrustMetricsRequest(ods_code=code, quarter=quarter))

    def metric_table(self, metric: str, table: Optional[TableArg] = None, quarter: str = "", region: str = "",
                     worst_first: bool = False, offset: int = 0, limit: int = 0) -> pb.MetricTableResult:
        """One metric's league; metric is an id ("OF0013") or words ("a&e 4 hour")."""
        req = pb.MetricTableRequest(metric=metric, quarter=quarter, region=region, worst_first=worst_first,
                                    offset=offset, limit=limit)
        if table is not None:
            req.table = table_kind(table)
        return self._call("metric_table", req)

    def list_metrics(self, table: Optional[TableArg] = None, quarter: str = "") -> pb.ListMetricsResult:
        """The metric catalogue, optionally for one table and/or quarter."""
        req = pb.ListMetricsRequest(quarter=quarter)
        if table is not None:
            req.table = table_kind(table)
        return self._call("list_metrics", req)
