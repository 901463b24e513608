"""Bounds on one attempt: its whole time (connect, headers, body) and the size of its body.

httpx's timeouts are per operation: ``read=60`` gives *each* read 60 s, so a server that drips a
byte a second never times out; and ``response.read()`` joins the whole body, however large. So
each attempt here gets a deadline - its timeout's read value, counted from the attempt's start -
and its body is read decoded, chunk by chunk, and refused as soon as it passes ``max_response_size``.

The deadline reaches every socket operation: a sync client's ``httpx.HTTPTransport`` (its default, or
one passed in) reads and writes through ``DeadlineBackend`` (each operation's timeout is cut to what
is left of the attempt); the async clients run the attempt under ``anyio.fail_after``. Any other
transport passed in is bounded between body chunks.
"""

from __future__ import annotations

import contextvars
import time
from typing import Any

import anyio
import httpx

try:  # httpcore >= 0.17 exports its backends; 0.16 (the floor httpx 0.23 allows) keeps them in a module
    from httpcore import NetworkBackend, NetworkStream, SyncBackend
except ImportError:  # pragma: no cover - the lowest-versions packaging test runs this branch
    from httpcore.backends.base import NetworkBackend, NetworkStream  # type: ignore[import-not-found,no-redef]
    from httpcore.backends.sync import SyncBackend  # type: ignore[import-not-found,no-redef]
import httpcore

# Set on a transport error raised while reading a body: the headers that came before it (a Retry-After counts).
HEADERS_ATTRIBUTE = "_customers_sdk_headers"

# When the running attempt must be over (time.monotonic()), or None: no bound.
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("customers_sdk_deadline", default=None)


class BadBodyError(Exception):
    """A body this client does not accept: past ``max_response_size`` or not decodable. Never retried."""

    def __init__(self, response: httpx.Response, problem: str, *, limit: int | None = None) -> None:
        super().__init__(problem)
        self.response = response  # status and headers only
        self.problem = problem
        self.limit = limit  # set when the body was too large


def attempt_seconds(request: httpx.Request) -> float | None:
    """How long one attempt of ``request`` may take in all: its read timeout (None: unbounded)."""
    timeouts: dict[str, Any] = request.extensions.get("timeout") or {}
    read = timeouts.get("read")
    return float(read) if read is not None else None


def _left(timeout: float | None, timed_out: type[Exception]) -> float | None:
    """``timeout`` cut to what is left of the current attempt; ``timed_out`` when nothing is."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise timed_out("the whole request took longer than its timeout")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(NetworkStream):
    """A socket stream whose every operation ends by the current attempt's deadline."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        tls = self._stream.start_tls(ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(NetworkBackend):
    """httpcore's sync socket backend, with every operation bounded by the current attempt's deadline."""

    def __init__(self) -> None:
        self._backend = SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, *args: Any, **kwargs: Any) -> Any:
        stream = self._backend.connect_tcp(host, port, _left(timeout, httpcore.ConnectTimeout), *args, **kwargs)
        return _DeadlineStream(stream)

    def connect_unix_socket(self, path: str, timeout: float | None = None, *args: Any, **kwargs: Any) -> Any:
        stream = self._backend.connect_unix_socket(path, _left(timeout, httpcore.ConnectTimeout), *args, **kwargs)
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def bounded(transport: httpx.HTTPTransport) -> httpx.HTTPTransport:
    """``transport`` (httpx's sync transport, or a subclass) with its sockets behind ``DeadlineBackend``.

    httpx takes no network backend; its pool (``_pool``, stable since httpx 0.18) does. If a future
    httpx moves it, the attempt is still bounded between body chunks. Outside an attempt of ours the
    backend adds no bound, so another user of the same transport sees no change.
    """
    pool = getattr(transport, "_pool", None)
    if (
        pool is not None
        and hasattr(pool, "_network_backend")
        and not isinstance(pool._network_backend, DeadlineBackend)
    ):
        pool._network_backend = DeadlineBackend()
    return transport


def _timed_out(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("the whole request took longer than its timeout", request=request)


def _check_time(request: httpx.Request) -> None:
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise _timed_out(request)


def _too_large(response: httpx.Response, request: httpx.Request, limit: int) -> BadBodyError:
    head = httpx.Response(response.status_code, headers=response.headers, request=request)
    return BadBodyError(head, f"the body is larger than max_response_size ({limit:,} bytes)", limit=limit)


def _read(response: httpx.Response, request: httpx.Request, limit: int) -> httpx.Response:
    """``response`` with its body read and decoded (sync), at most ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise _too_large(response, request, limit)
            chunks.append(chunk)
            _check_time(request)
    except httpx.DecodingError as exc:
        head = httpx.Response(response.status_code, headers=response.headers, request=request)
        raise BadBodyError(head, f"DecodingError: {exc}") from exc
    except httpx.TransportError as exc:  # cut short or stalled: retried like a dropped connection
        setattr(exc, HEADERS_ATTRIBUTE, response.headers)
        raise
    finally:
        response.close()
    return _decoded(response, request, b"".join(chunks))


async def _aread(response: httpx.Response, request: httpx.Request, limit: int) -> httpx.Response:
    """``response`` with its body read and decoded (async), at most ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise _too_large(response, request, limit)
            chunks.append(chunk)
    except httpx.DecodingError as exc:
        head = httpx.Response(response.status_code, headers=response.headers, request=request)
        raise BadBodyError(head, f"DecodingError: {exc}") from exc
    except httpx.TransportError as exc:  # cut short or stalled: retried like a dropped connection
        setattr(exc, HEADERS_ATTRIBUTE, response.headers)
        raise
    finally:
        await response.aclose()
    return _decoded(response, request, b"".join(chunks))


def _decoded(response: httpx.Response, request: httpx.Request, body: bytes) -> httpx.Response:
    """``response`` with its decoded ``body`` (no Content-Encoding left: httpx must not decode it again)."""
    headers = httpx.Headers(response.headers)
    headers.pop("content-encoding", None)
    return httpx.Response(
        status_code=response.status_code,
        headers=headers,
        stream=httpx.ByteStream(body),
        extensions=response.extensions,
        request=request,
    )


def send(transport: httpx.BaseTransport, request: httpx.Request, limit: int) -> httpx.Response:
    """One attempt of ``request`` over ``transport`` (sync), body read, within its deadline and ``limit``."""
    seconds = attempt_seconds(request)
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        response = transport.handle_request(request)
        if response.is_stream_consumed:  # built from bytes (httpx.MockTransport's answers)
            return response
        return _read(response, request, limit)
    finally:
        _deadline.reset(token)


async def asend(transport: httpx.AsyncBaseTransport, request: httpx.Request, limit: int) -> httpx.Response:
    """One attempt of ``request`` over ``transport`` (async), body read, within its deadline and ``limit``."""
    seconds = attempt_seconds(request)

    async def attempt() -> httpx.Response:
        response = await transport.handle_async_request(request)
        if response.is_stream_consumed:
            return response
        return await _aread(response, request, limit)

    if seconds is None:
        return await attempt()
    try:
        with anyio.fail_after(seconds):
            return await attempt()
    except TimeoutError:
        raise _timed_out(request) from None
