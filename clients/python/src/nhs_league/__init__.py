"""Python client for the nhs-league server. See Client."""

from . import league_pb2
from . import league_pb2 as pb
from .client import (DEFAULT_MAX_FRAME, DEFAULT_PORT, Client, encode_frame, make_tls_context,
                     raise_for_status, table_kind)
from .errors import *  # noqa: F401,F403
from .errors import __all__ as _errors_all

__version__ = "0.1.0"
__all__ = ["Client", "encode_frame", "make_tls_context", "raise_for_status", "table_kind", "league_pb2", "pb",
           "DEFAULT_PORT", "DEFAULT_MAX_FRAME"] + list(_errors_all)
