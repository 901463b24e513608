"""Politeness towards a real vendor: GET only, a request budget, a rate limit and a deadline for a live run.

A live contract run is several processes in turn (`st run` per API, pytest, the recorder). They
share one ledger, a small JSON file under an exclusive ``flock``, so the budget, the rate and the
deadline hold for the run as a whole:

- every request takes a slot first (``Ledger.acquire``): a method other than GET, an exhausted
  budget or a passed deadline raises ``PolitenessError`` and nothing is sent;
- slots are spaced ``1 / rate`` seconds apart, across processes;
- ``Retry-After`` on a 429 is honoured by the senders (Schemathesis's ``rate-limit = "auto"``,
  ``polite_client``'s retries); each retry takes a slot like any request.

The `st run` side is the ``before_call`` hook in `live_hooks.py`; the httpx side is
``polite_client``. Both find the ledger through the ``CONTRACT_LEDGER`` environment variable.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx
from httpx_retries import Retry, RetryTransport

LEDGER_ENV = "CONTRACT_LEDGER"
RETRY_AFTER_CAP = 60.0  # seconds; a longer Retry-After is waited for this long, then tried again
RETRIES_ON_429 = 3


class PolitenessError(RuntimeError):
    """A request the live run may not send (not GET, budget spent, or past the deadline)."""


@dataclass(frozen=True)
class Limits:
    """What a live run may send: ``budget`` requests in all, at most ``rate`` per second, within ``max_seconds``."""

    budget: int = 1500
    rate: float = 5.0
    max_seconds: float = 900.0

    def describe(self) -> str:
        return f"at most {self.budget} requests, {self.rate:g} per second, {self.max_seconds:g} s in all"


class Ledger:
    """The run-wide request ledger (see the module docstring)."""

    def __init__(
        self, path: Path, *, clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.path = path
        self._clock = clock
        self._sleep = sleep

    @classmethod
    def create(cls, path: Path, limits: Limits, **kwargs: Any) -> Ledger:
        """A fresh ledger for a run starting now."""
        ledger = cls(path, **kwargs)
        state = {**asdict(limits), "deadline": ledger._clock() + limits.max_seconds, "sent": 0, "next_at": 0.0}
        path.write_text(json.dumps(state))
        return ledger

    @classmethod
    def from_env(cls) -> Ledger | None:
        """The ledger of the live run this process belongs to, if any."""
        path = os.environ.get(LEDGER_ENV)
        return cls(Path(path)) if path else None

    def state(self) -> dict[str, Any]:
        """The ledger as stored: limits, deadline, requests sent so far."""
        data: dict[str, Any] = json.loads(self.path.read_text())
        return data

    def acquire(self, method: str, what: str = "") -> None:
        """Take a slot for one request (waiting for it), or raise ``PolitenessError``."""
        if method.upper() != "GET":
            raise PolitenessError(f"live runs send GET only, refused {method} {what}".rstrip())
        with self.path.open("r+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes
            state = json.loads(handle.read())
            now = self._clock()
            if state["sent"] >= state["budget"]:
                raise PolitenessError(f"request budget of {state['budget']} spent, refused GET {what}".rstrip())
            if now > state["deadline"]:
                raise PolitenessError(f"time bound of {state['max_seconds']:g} s passed, refused GET {what}".rstrip())
            start = max(now, state["next_at"])
            state["sent"] += 1
            state["next_at"] = start + 1.0 / state["rate"]
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(state))
        if start > now:
            self._sleep(start - now)


class _LedgerTransport(httpx.BaseTransport):
    """Takes a ledger slot before each request (retries included) and then sends it."""

    def __init__(self, ledger: Ledger, inner: httpx.BaseTransport) -> None:
        self._ledger = ledger
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._ledger.acquire(request.method, str(request.url.copy_with(query=None)))
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def polite_client(base_url: str, ledger: Ledger | None, **kwargs: Any) -> httpx.Client:
    """An httpx client for the live run: the ledger's slots, and 429s retried after their ``Retry-After``.

    Network errors (refused, reset, timed out) are retried too, 3 times after 1, 2 and 4 s (httpx-retries'
    default ``retry_on_exceptions``): a vendor that does not answer is named after ~10 s, not on one lost packet.

    Without a ledger (the mock run) it is a plain client.
    """
    if ledger is None:
        return httpx.Client(base_url=base_url, timeout=30, **kwargs)
    retry = Retry(
        total=RETRIES_ON_429,
        allowed_methods=["GET"],
        status_forcelist=[429],
        respect_retry_after_header=True,
        max_backoff_wait=RETRY_AFTER_CAP,
        backoff_factor=1.0,  # without a usable Retry-After: 1, 2, 4 s
    )
    transport = RetryTransport(transport=_LedgerTransport(ledger, httpx.HTTPTransport()), retry=retry)
    return httpx.Client(base_url=base_url, timeout=30, transport=transport, **kwargs)
