"""Faults on request: latency, error statuses, dropped connections and broken bodies, off by default.

A fault spec is ``<fault>[; probability=<0..1>][; times=<N>][; key=<id>][; api=<api>][; path=<path>]`` where
``<fault>`` is

- ``status=429|500|502|503`` (429 may add ``; retry-after=<seconds or HTTP-date>``, default 1, and
  ``; retry-after-ms=<milliseconds>``, the header Stainless SDKs read first; both sent as written):
  answer with that status in the API's own error envelope;
- ``latency=<seconds>``: wait, then answer normally (a large value is how timeouts are tested);
- ``drop``: close the connection without any response;
- ``truncate``: send the status, the headers (with the full ``Content-Length``) and half of the
  body, then close the connection; ``truncate=chunked`` does the same with chunked transfer
  encoding (no ``Content-Length``), so the stream is cut between two chunks;
- ``stall-body=<seconds>``: send the status, the headers and half of the body, wait, then the
  rest (a client whose read timeout is shorter times out after the headers).

``probability=p`` gives each request the fault with probability p. ``times=N`` gives it to the first
N requests only: per ``key`` (so each test can use its own key), or per fault when no key is given;
a server-wide fault whose N requests are served is removed (then back to normal). ``api=sequence``
(or ``straddle``) and ``path=/api/customers`` restrict a fault to that API's or that path's requests
(the others neither get it nor count against ``times``): "the next two Sequence requests get 503"
is ``status=503; times=2; api=sequence``.
Numbers are plain ASCII decimals (``times`` a whole number up to 999,999,999); a spec is at most 500
characters and a key at most 200. The server keeps the ``times`` counters of the 10,000 most recently
used keys (or header texts): an older key starts counting again.
Faults come from the ``X-Mock-Fault`` request header (that request only), from ``--fault`` at start,
or at run time from ``POST /_mock/faults {"fault": "<spec>"}``; ``DELETE /_mock/faults`` clears the
server's faults and every ``times`` counter. They apply to the API paths only (not ``/health``).
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from customers_mock import errors, journal

HEADER = "x-mock-fault"
HEADER_BYTES = HEADER.encode()  # as it appears in an ASGI scope
STATUSES = (429, 500, 502, 503)
MAX_LATENCY = 600.0
MAX_TIMES = 999_999_999
MAX_SPEC_LENGTH = 500
MAX_KEY_LENGTH = 200
# ``times`` counters kept (least recently used dropped first): with specs of at most 500
# characters, a few MiB however many distinct keys or header texts clients send.
MAX_COUNTERS = 10_000
APIS = ("sequence", "straddle")
_SHOWN = 40  # longest slice of a rejected value quoted back
RAW_SEND = "customers_mock.raw_send"  # scope key: the server's own send, to reach its transport


class FaultSpecError(ValueError):
    """A fault spec that cannot be understood; the message says why."""


@dataclass(frozen=True)
class Fault:
    """One parsed fault spec."""

    text: str
    status: int | None = None
    retry_after: str = "1"
    retry_after_ms: str | None = None
    latency: float | None = None
    drop: bool = False
    truncate: str | None = None  # "length" or "chunked"
    stall_body: float | None = None
    probability: float = 1.0
    times: int | None = None
    key: str | None = None
    api: str | None = None
    path: str | None = None

    def matches(self, path: str) -> bool:
        """Whether this fault applies to a request for ``path`` (its ``api`` and ``path`` options)."""
        return (self.api is None or errors.api_of(path) == self.api) and (self.path is None or path == self.path)


# Numbers are plain ASCII decimals: int() and float() also read "²", "٣", "1_000", "1e3", "nan" and
# 5,000-digit strings (int() then raises), none of which a spec should mean.
_WHOLE = re.compile(r"[0-9]{1,9}")
_DECIMAL = re.compile(r"-?(?:[0-9]{1,9}(?:\.[0-9]{1,9})?|\.[0-9]{1,9})")  # a sign, so -1 is "out of range"


def _number(name: str, value: str, low: float, high: float) -> float:
    if not _DECIMAL.fullmatch(value):
        raise FaultSpecError(f"{name} must be a decimal number such as 0.5, got {_shown(value)}")
    number = float(value)
    if not low <= number <= high:
        raise FaultSpecError(f"{name} must be between {low:g} and {high:g}, got {_shown(value)}")
    return number


def _whole(name: str, value: str) -> int:
    if not _WHOLE.fullmatch(value):
        raise FaultSpecError(f"{name} must be a whole number from 0 to {MAX_TIMES}, got {_shown(value)}")
    return int(value)


def _retry_after(value: str) -> str:
    """A ``Retry-After`` value as sent: whole seconds or an HTTP date (printable ASCII either way)."""
    if _WHOLE.fullmatch(value):
        return value
    try:
        valid = value.isascii() and value.isprintable() and email.utils.parsedate_to_datetime(value) is not None
    except (ValueError, TypeError, IndexError):
        valid = False
    if not valid:
        raise FaultSpecError(f"retry-after must be whole seconds or an HTTP date, got {_shown(value)}")
    return value


def _shown(value: str) -> str:
    return repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "...")


def parse(text: str) -> Fault:
    """Parse a fault spec such as ``status=503; times=2; key=test-42``."""
    if len(text) > MAX_SPEC_LENGTH:
        raise FaultSpecError(f"a fault spec is at most {MAX_SPEC_LENGTH} characters, got {len(text)}")
    parts = [part.strip() for part in text.split(";") if part.strip()]
    if not parts:
        raise FaultSpecError("empty fault spec")
    head, options = parts[0], parts[1:]
    fault: dict[str, Any] = {"text": text.strip()}
    name, _, value = head.partition("=")
    name, value = name.strip().lower(), value.strip()
    if name == "status":
        if value not in {str(s) for s in STATUSES}:
            raise FaultSpecError(f"status must be one of {', '.join(map(str, STATUSES))}, got {_shown(value)}")
        fault["status"] = int(value)
    elif name == "latency":
        fault["latency"] = _number("latency", value, 0, MAX_LATENCY)
    elif name == "drop" and not value:
        fault["drop"] = True
    elif name == "truncate" and value in ("", "length", "chunked"):
        fault["truncate"] = value or "length"
    elif name == "stall-body":
        fault["stall_body"] = _number("stall-body", value, 0, MAX_LATENCY)
    else:
        raise FaultSpecError(
            f"unknown fault {_shown(head)}: expected status=<code>, latency=<seconds>, drop, truncate[=chunked]"
            " or stall-body=<seconds>"
        )
    seen: set[str] = set()
    for option in options:
        name, _, value = option.partition("=")
        name, value = name.strip().lower(), value.strip()
        if name in seen:
            raise FaultSpecError(f"option {name} given twice")
        seen.add(name)
        if name == "probability":
            fault["probability"] = _number("probability", value, 0, 1)
        elif name == "times":
            fault["times"] = _whole("times", value)
        elif name == "key" and value:
            if len(value) > MAX_KEY_LENGTH:
                raise FaultSpecError(f"key is at most {MAX_KEY_LENGTH} characters, got {len(value)}")
            fault["key"] = value
        elif name == "api":
            if value not in APIS:
                raise FaultSpecError(f"api must be one of {', '.join(APIS)}, got {_shown(value)}")
            fault["api"] = value
        elif name == "path":
            if not value.startswith("/") or len(value) > MAX_KEY_LENGTH or not value.isascii():
                raise FaultSpecError(f"path must be a URL path such as /api/customers, got {_shown(value)}")
            fault["path"] = value
        elif name == "retry-after" and fault.get("status") == 429 and value:
            fault["retry_after"] = _retry_after(value)
        elif name == "retry-after-ms" and fault.get("status") == 429:
            _number("retry-after-ms", value, 0, MAX_LATENCY * 1000)
            fault["retry_after_ms"] = value
        else:
            raise FaultSpecError(f"unknown option {_shown(option)}")
    return Fault(**fault)


@dataclass
class FaultState:
    """The server-wide faults and the ``times`` counters."""

    faults: list[Fault] = field(default_factory=list)
    counters: OrderedDict[str, int] = field(default_factory=OrderedDict)
    rng: random.Random = field(default_factory=random.Random)

    @classmethod
    def from_specs(cls, specs: Iterable[str]) -> FaultState:
        return cls(faults=[parse(text) for text in specs])

    def clear(self) -> None:
        self.faults.clear()
        self.counters.clear()

    def spent(self, fault: Fault, default_key: str) -> bool:
        """Whether ``fault`` has been given to all its ``times`` requests."""
        return fault.times is not None and self.counters.get(fault.key or default_key, 0) >= fault.times

    def retire(self, fault: Fault, default_key: str) -> None:
        """Remove a spent server-wide fault and its counter: requests are answered normally again."""
        for i, listed in enumerate(self.faults):
            if listed is fault:  # by identity: the same spec may have been added twice
                del self.faults[i]
                break
        self.counters.pop(fault.key or default_key, None)

    def triggers(self, fault: Fault, default_key: str) -> bool:
        """Whether this request gets ``fault`` (counts it against ``times``)."""
        counter = fault.key or default_key
        count = self.counters.get(counter, 0)
        if count:
            self.counters.move_to_end(counter)
        if fault.times is not None and count >= fault.times:
            return False
        if fault.probability < 1.0 and self.rng.random() >= fault.probability:
            return False
        if fault.times is not None:
            self.counters[counter] = count + 1
            if len(self.counters) > MAX_COUNTERS:
                self.counters.popitem(last=False)
        return True


class FaultMiddleware:
    """Applies request-header and server-wide faults to requests for the API paths."""

    def __init__(self, app: ASGIApp, state: FaultState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or errors.api_of(scope["path"]) is None:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        chosen: list[tuple[Fault, str]] = []
        header = headers.get(HEADER)
        if header is not None:
            try:
                chosen.append((parse(header), f"header:{header}"))
            except FaultSpecError as exc:
                response = errors.error_for_path(scope["path"], 400, f"Invalid {HEADER} header: {exc}", headers)
                await response(scope, receive, send)
                return
        path = scope["path"]
        chosen += [(fault, server_key(fault)) for fault in self.state.faults]
        for fault, default_key in chosen:
            if not fault.matches(path) or not self.state.triggers(fault, default_key):
                continue
            scope[journal.FAULT] = fault.text
            if default_key.startswith(_SERVER) and self.state.spent(fault, default_key):
                self.state.retire(fault, default_key)
            if fault.latency is not None:
                await asyncio.sleep(fault.latency)
            elif fault.drop:
                await _drop(scope)
                return
            elif fault.truncate is not None or fault.stall_body is not None:
                await self.app(scope, receive, _broken_body(fault, scope, send))
                return
            elif fault.status is not None:
                extra = _retry_after_headers(fault) if fault.status == 429 else None
                message = f"Fault injected by the mock server ({fault.text})."
                response = errors.error_for_path(scope["path"], fault.status, message, headers, extra)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


_SERVER = "server:"


def server_key(fault: Fault) -> str:
    """The ``times`` counter of a server-wide fault without a key: its own, while it is in the list."""
    return f"{_SERVER}{id(fault)}:{fault.text}"


def _retry_after_headers(fault: Fault) -> dict[str, str]:
    """A 429's ``Retry-After``, and ``retry-after-ms`` when the fault asks for it."""
    headers = {"Retry-After": fault.retry_after}
    if fault.retry_after_ms is not None:
        headers["retry-after-ms"] = fault.retry_after_ms
    return headers


def _broken_body(fault: Fault, scope: Scope, send: Send) -> Send:
    """A ``send`` that passes the app's answer on with its body cut (``truncate``) or held back (``stall-body``).

    The mock answers each request with one body message: half of it goes out after the headers,
    then the connection is closed, or the rest follows after the stall.
    """
    start: Message | None = None

    async def cut(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
            return
        if message["type"] != "http.response.body" or start is None:
            await send(message)
            return
        body: bytes = message.get("body", b"")
        half = body[: len(body) // 2]
        headers = start["headers"]
        if fault.truncate == "chunked":  # without a length, the server sends the body in chunks
            headers = [(name, value) for name, value in headers if name.lower() != b"content-length"]
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": half, "more_body": True})
        if fault.stall_body is not None:
            await asyncio.sleep(fault.stall_body)
            await send({"type": "http.response.body", "body": body[len(half) :], "more_body": False})
        else:
            await _drop(scope)

    return cut


class DroppedConnectionError(ConnectionResetError):
    """Raised when a drop is asked for but no server transport can be reached (in-process ASGI)."""


async def _drop(scope: Scope) -> None:
    """Close the client's connection without a response (uvicorn: abort its transport)."""
    cycle = getattr(scope.get(RAW_SEND), "__self__", None)
    transport = getattr(cycle, "transport", None)
    if cycle is None or transport is None:
        raise DroppedConnectionError("connection dropped by an injected fault")
    transport.abort()
    # This cycle's connection is gone, and the server must not try to answer it. uvicorn marks only the
    # newest cycle of a connection disconnected - with a request pipelined behind this one, not this one.
    cycle.disconnected = True
