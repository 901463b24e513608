"""Limits on what a client connection may hold: its request head's size and time, its idle time.

uvicorn's httptools protocol (which ``customers_mock.protocol`` extends) has a keep-alive timeout,
armed once a response is complete - nothing else: a connection that never sends a request, or
sends its head a byte at a time, is held open forever, and a head of any size is parsed (httptools
joins header pieces as they come, so parsing a huge head costs more than linear time). So:

- ``max_head_bytes`` (default 256 KiB): a request line and headers larger than this are refused
  with ``431 Request Header Fields Too Large`` (the URL alone is still refused at 65,535 bytes with a
  ``400``, see ``bad_requests``);
- ``header_timeout`` (default 10 s): a request's head must be complete within this time of its first
  byte (and a new connection must send one within this time). A partly sent head is answered
  ``408 Request Timeout``; a connection that sent nothing is closed without an answer;
- ``keep_alive_timeout`` (default 5 s, uvicorn's): an idle connection between requests is closed.

Refusals are in the error envelope of the path's API and close the connection. Nothing here runs
per request but one check in ``data_received`` (is a head being read? - read from uvicorn's own
state); the bytes are counted only while a head spans several reads, and one timer per server
sweeps the open connections every second (so a slow head is refused within ``header_timeout`` + 1 s).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from customers_mock.bad_requests import EnvelopeHttpToolsProtocol

_SWEEP_EVERY = 1.0  # seconds between two looks at the open connections (the timeouts' resolution)
_SWEEPING = "_customers_mock_sweeping"  # set on a uvicorn ServerState whose connections are swept


@dataclass(frozen=True)
class Limits:
    """The limits of one server (see the module's docstring)."""

    max_head_bytes: int = 256 * 1024
    header_timeout: float = 10.0
    keep_alive_timeout: int = 5  # whole seconds: uvicorn's setting


class LimitedProtocol(EnvelopeHttpToolsProtocol):
    """Mixed in first (``limited``): the head's size and time limits on top of any httptools protocol of ours.

    Whether a head is being read is told by uvicorn's own state, so no per-request callback is added:
    ``on_message_begin`` makes a new ``scope`` without ``"method"``, ``on_headers_complete`` sets it;
    no scope yet means nothing has been received on the connection.
    """

    limits: ClassVar[Limits] = Limits()
    _connected_at = 0.0
    _counted: object = None  # the scope whose head ``_head_bytes`` counts
    _head_bytes = 0
    _slow: object = None  # the scope of the unfinished head the sweep last saw, and since when
    _slow_since = 0.0

    def connection_made(self, transport: Any) -> None:  # uvicorn's signature
        super().connection_made(transport)
        self._connected_at = time.monotonic()
        state = self.server_state
        if not getattr(state, _SWEEPING, False):
            setattr(state, _SWEEPING, True)
            _sweep_later(asyncio.get_running_loop(), self.connections, self.limits)

    def data_received(self, data: bytes) -> None:
        scope: Mapping[str, object] | None = self.scope  # None until the first request (uvicorn's type omits it)
        if scope is None or "method" not in scope:  # reading a head (a request's first bytes are not counted)
            if scope is not self._counted:
                self._counted = scope
                self._head_bytes = 0
            before = self._head_bytes
            self._head_bytes = before + len(data)
            limit = self.limits.max_head_bytes
            # Past the limit, unless the head ends within it (what follows is a body or the next request).
            if self._head_bytes > limit and data.find(b"\r\n\r\n", 0, max(limit - before, 0) + 4) < 0:
                self._received = data  # the path, if the parser has not read it yet
                self.send_error_response(431, f"The request's headers are larger than {limit:,} bytes.")
                return
        super().data_received(data)

    def check_head_time(self, now: float) -> None:
        """Refuse the connection if its head has taken longer than ``header_timeout`` (seen by the sweep)."""
        if self.transport.is_closing():
            return
        timeout = self.limits.header_timeout
        scope: Mapping[str, object] | None = self.scope  # None until the first request (uvicorn's type omits it)
        if scope is None:  # nothing received since connecting
            if now - self._connected_at > timeout:
                self.transport.close()
            return
        if "method" in scope:  # between requests (uvicorn's keep-alive timeout) or serving one
            return
        if scope is not self._slow:  # a head the sweep has not seen unfinished before: it started by now
            self._slow, self._slow_since = scope, now
        elif now - self._slow_since > timeout:
            self.send_error_response(408, f"The request's headers took longer than {timeout:g} s.")


def _sweep_later(loop: asyncio.AbstractEventLoop, connections: set[Any], limits: Limits) -> None:
    def sweep() -> None:
        now = time.monotonic()
        for protocol in list(connections):
            if isinstance(protocol, LimitedProtocol):
                protocol.check_head_time(now)
        loop.call_later(_SWEEP_EVERY, sweep)

    loop.call_later(_SWEEP_EVERY, sweep)


def limited(protocol: type[EnvelopeHttpToolsProtocol], limits: Limits) -> type[LimitedProtocol]:
    """``protocol`` with ``limits`` (give uvicorn ``timeout_keep_alive=limits.keep_alive_timeout`` too)."""
    return type(f"Limited{protocol.__name__}", (LimitedProtocol, protocol), {"limits": limits})
