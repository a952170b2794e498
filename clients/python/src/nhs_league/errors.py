"""Exceptions raised by the nhs-league client.

Every exception carries a gRPC-style status ``code`` (an int, see ``Code``
in league.proto) and a human-readable ``message``. A non-OK status returned by
the server raises the subclass for its code (``NotFound``, ``InvalidArgument``,
...) with ``.response`` set to the whole Response. Failures of the transport
are raised with a code too: ``ConnectionFailed`` / ``ConnectionClosed``
(UNAVAILABLE; ``TLSError`` is a ``ConnectionFailed``), ``Timeout`` (DEADLINE_EXCEEDED) and ``ProtocolError``
(INTERNAL: bad flags, oversized or undecodable frame).
"""

from __future__ import annotations

import itertools
from typing import Dict, Optional, Type

from . import league_pb2 as pb

__all__ = [
    "NhsLeagueError",
    "GoingAway",
    "Cancelled",
    "UnknownError",
    "InvalidArgument",
    "DeadlineExceeded",
    "NotFound",
    "ResourceExhausted",
    "FailedPrecondition",
    "Unimplemented",
    "Internal",
    "Unavailable",
    "ConnectionFailed",
    "ConnectionClosed",
    "Timeout",
    "ProtocolError",
    "TLSError",
    "code_name",
    "error_for",
]


def code_name(code: int) -> str:
    """"NOT_FOUND" for 5, ...; "CODE_<n>" for a code this version doesn't know."""
    try:
        return pb.Code.Name(code)
    except ValueError:
        return "CODE_%d" % code


class NhsLeagueError(Exception):
    """Base class: ``code`` (int), ``message`` (str), ``response`` (the
    Response when the server sent one, else None) and ``connection_level``
    (True when the server answered with id 0, about the connection itself;
    the server closes the connection after most of those)."""

    code: int = pb.UNKNOWN
    #: True when the same call may simply be tried again on a new connection.
    retryable: bool = False

    def __init__(self, code: Optional[int] = None, message: str = "",
                 response: Optional[pb.Response] = None, connection_level: bool = False):
        if code is not None:
            self.code = code
        self.message = message
        self.response = response
        self.connection_level = connection_level
        super().__init__(self.code, message)

    @property
    def code_name(self) -> str:
        return code_name(self.code)

    def __str__(self) -> str:
        where = " (connection-level)" if self.connection_level else ""
        return "%s%s: %s" % (self.code_name, where, self.message)

    def __repr__(self) -> str:
        return "%s(%s, %r)" % (type(self).__name__, self.code_name, self.message)


class Cancelled(NhsLeagueError):
    code = pb.CANCELLED


class UnknownError(NhsLeagueError):
    code = pb.UNKNOWN


class InvalidArgument(NhsLeagueError):
    code = pb.INVALID_ARGUMENT


class DeadlineExceeded(NhsLeagueError):
    code = pb.DEADLINE_EXCEEDED


class NotFound(NhsLeagueError):
    code = pb.NOT_FOUND


class ResourceExhausted(NhsLeagueError):
    code = pb.RESOURCE_EXHAUSTED


class FailedPrecondition(NhsLeagueError):
    code = pb.FAILED_PRECONDITION


class Unimplemented(NhsLeagueError):
    code = pb.UNIMPLEMENTED


class Internal(NhsLeagueError):
    code = pb.INTERNAL


class Unavailable(NhsLeagueError):
    """The server cannot take the request now (for example "server at its
    connection limit"): retryable."""
    code = pb.UNAVAILABLE
    retryable = True


#: Every going-away notice's message starts with this.
GOING_AWAY_PREFIX = "server going away"


class GoingAway(Unavailable):
    """The server is shutting down gracefully: it sent its going-away notice
    (id 0, UNAVAILABLE, "server going away; requests up to id N will be
    answered") and will not answer this request. ``last_id`` is N. Retry on a
    new connection (another replica, or this server once it is back)."""
    retryable = True

    def __init__(self, message: str = "", response: Optional[pb.Response] = None, last_id: int = 0):
        super().__init__(pb.UNAVAILABLE, message, response=response, connection_level=True)
        self.last_id = last_id

    @staticmethod
    def is_notice(response: pb.Response) -> bool:
        return (response.id == 0 and response.status.code == pb.UNAVAILABLE
                and response.status.message.startswith(GOING_AWAY_PREFIX))

    @classmethod
    def from_notice(cls, response: pb.Response) -> "GoingAway":
        message = response.status.message
        _, _, rest = message.partition("up to id ")
        digits = "".join(itertools.takewhile(str.isdigit, rest))
        return cls(message, response=response, last_id=int(digits) if digits else 0)


# ---- client-side failures (no Response from the server)

class ConnectionFailed(Unavailable):
    """Name resolution or connect failed."""


class ConnectionClosed(Unavailable):
    """The server closed the connection (possibly mid-frame)."""


class TLSError(ConnectionFailed):
    """TLS failed: a certificate or key file cannot be used, the server's
    certificate is not trusted, the server refused this client's certificate
    (or its absence), or the server speaks TLS and this client does not."""


class Timeout(DeadlineExceeded):
    """Connect, send or receive took longer than the client's timeout."""


class ProtocolError(Internal):
    """The server sent something that is not a valid frame: non-zero flags, a
    length above the client's maximum, or a body that is not a Response."""


_BY_CODE: Dict[int, Type[NhsLeagueError]] = {
    cls.code: cls
    for cls in (Cancelled, UnknownError, InvalidArgument, DeadlineExceeded, NotFound,
                ResourceExhausted, FailedPrecondition, Unimplemented, Internal, Unavailable)
}


def error_for(response: pb.Response) -> NhsLeagueError:
    """The exception for a Response with a non-OK status."""
    code = response.status.code
    cls = _BY_CODE.get(code, NhsLeagueError)
    return cls(code, response.status.message, response=response,
               connection_level=response.id == 0)
