"""Retries as an httpx transport (httpx-retries), with the vendor SDK's policy.

The transport sits under the generated client, so every call - including the generated
functions themselves - is retried without touching the generated request code. The policy:

* retry connection errors, timeouts, dropped connections and the statuses 408, 409, 429, 5xx;
  never another 4xx (it cannot succeed by trying again);
* reading the body is part of the attempt (bounded in time and size, see ``_limits``): a body cut
  short (``Content-Length`` not reached, a chunked stream cut) or stalled past the timeout after the
  headers is retried like a dropped connection, and raised only when the retries are spent. A complete
  body that is not what the spec describes, or one past ``max_response_size``, is never retried;
* wait ``min(initial_delay * 2**n, max_delay)`` minus up to ``jitter`` (25%) before retry ``n``
  (0-based), unless the response says how long to wait - ``retry-after-ms`` (milliseconds, read
  first, as Stainless SDKs do) or ``Retry-After`` (seconds or an HTTP date) - which is honoured up
  to ``max_retry_after`` seconds. An unusable value (not a number, zero, negative) is ignored.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, cast

import httpx
from httpx_retries import Retry, RetryTransport

from . import _limits
from ._limits import HEADERS_ATTRIBUTE

logger = logging.getLogger("customers_sdk")

#: The statuses worth retrying: request timeout, lock conflict, rate limit, every server error.
RETRY_STATUSES = frozenset({408, 409, 429, *range(500, 600)})
#: Transport failures worth retrying (a read timeout, a refused or dropped connection...).
RETRY_EXCEPTIONS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait between retries; the number of retries is the client's ``max_retries``.

    ``sleep`` / ``async_sleep`` replace ``time.sleep`` / ``asyncio.sleep`` - tests pass recorders
    here so they exercise real sockets without waiting real seconds.
    """

    initial_delay: float = 0.5
    max_delay: float = 8.0
    jitter: float = 0.25
    max_retry_after: float = 60.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    async_sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)

    def backoff(self, retry_number: int) -> float:
        """Seconds to wait before retry ``retry_number`` (0-based) when the server gave no Retry-After."""
        delay = min(self.initial_delay * 2.0**retry_number, self.max_delay)
        return delay * (1.0 - self.jitter * random.random())  # noqa: S311 - jitter, not cryptography


class _PolicyRetry(Retry):
    """httpx-retries' ``Retry`` with the vendor SDK's backoff and an injectable sleep."""

    def __init__(self, *, policy: RetryPolicy | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.policy = policy or RetryPolicy()

    def copy_with(self, *args: Any, **kwargs: Any) -> Retry:
        # Retry.copy_with rebuilds through self.__class__(...), which does not know our policy.
        copy = super().copy_with(*args, **kwargs)
        assert isinstance(copy, _PolicyRetry)
        copy.policy = self.policy
        return copy

    def backoff_strategy(self) -> float:
        # httpx-retries has counted this retry already when it sleeps; the vendor formula counts from 0.
        return self.policy.backoff(self.attempts_made - 1)

    def sleep(self, response: httpx.Response | Exception) -> None:
        delay = self._delay(response)
        self.policy.sleep(delay)
        self.elapsed_sleep += delay

    async def asleep(self, response: httpx.Response | Exception) -> None:
        delay = self._delay(response)
        await self.policy.async_sleep(delay)
        self.elapsed_sleep += delay

    def _delay(self, response: httpx.Response | Exception) -> float:
        """What the response asks for when usable (capped), else the backoff."""
        delay = self.backoff_strategy()
        why = type(response).__name__
        headers = response.headers if isinstance(response, httpx.Response) else _headers_before(response)
        if isinstance(response, httpx.Response):
            why = f"status {response.status_code}"
        if headers is not None:
            asked = self._asked(headers)
            if asked > 0:
                delay = min(asked, self.policy.max_retry_after)
        logger.info("Retrying (%d of %d) after %s in %.2f s", self.attempts_made, self.total, why, delay)
        return delay

    def _asked(self, headers: httpx.Headers) -> float:
        """Seconds the server asks to wait: ``retry-after-ms``, else ``Retry-After``; 0 when neither is usable."""
        milliseconds = headers.get("retry-after-ms", "").strip()
        try:
            asked = float(milliseconds) / 1000 if milliseconds else 0.0
        except ValueError:
            asked = 0.0
        if math.isfinite(asked) and asked > 0:  # float() also reads "nan" and "inf"
            return asked
        retry_after = headers.get("Retry-After", "").strip()
        try:
            return self.parse_retry_after(retry_after) if retry_after else 0.0
        except ValueError:  # neither seconds nor an HTTP date
            return 0.0


def _headers_before(error: Exception) -> httpx.Headers | None:
    """The response headers received before ``error`` cut the body short, if it did."""
    return cast("httpx.Headers | None", getattr(error, HEADERS_ATTRIBUTE, None))


class _WholeBody(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Returns each response with its body read, so that a body that breaks fails the attempt (and is retried).

    Without it the retry transport sees only the status and headers; httpx reads the body after
    the retries are over. Every call of the clients is a GET of one page, read whole anyway - within
    the attempt's deadline and at most ``max_response_size`` bytes (``_limits``).
    Sync or async as the transport it wraps (``httpx.MockTransport`` is both).
    """

    def __init__(self, transport: httpx.BaseTransport | httpx.AsyncBaseTransport, max_response_size: int) -> None:
        self._transport = transport
        self._limit = max_response_size

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(self._transport, httpx.BaseTransport), "a sync request to an async transport"
        return _limits.send(self._transport, request, self._limit)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(self._transport, httpx.AsyncBaseTransport), "an async request to a sync transport"
        return await _limits.asend(self._transport, request, self._limit)

    def close(self) -> None:
        if isinstance(self._transport, httpx.BaseTransport):
            self._transport.close()

    async def aclose(self) -> None:
        if isinstance(self._transport, httpx.AsyncBaseTransport):
            await self._transport.aclose()


def retry_transport(
    *,
    max_retries: int,
    policy: RetryPolicy,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport,
    max_response_size: int,
) -> RetryTransport:
    """Wrap ``transport`` so that it retries by ``policy``, at most ``max_retries`` times per request.

    Each attempt reads the whole response, body included (see ``_WholeBody``).
    """
    retry = _PolicyRetry(
        policy=policy,
        total=max_retries,
        status_forcelist=RETRY_STATUSES,
        retry_on_exceptions=RETRY_EXCEPTIONS,
    )
    return RetryTransport(transport=_WholeBody(transport, max_response_size), retry=retry)
