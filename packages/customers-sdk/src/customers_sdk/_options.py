"""Per-call options - ``list(..., extra_headers=..., timeout=...)`` - as Stainless SDKs have them.

A call makes its options current (a context variable) while it runs; an httpx request hook then
applies them to each request the call sends. So they reach every page an auto-paginating walk
fetches (each page is a call with the same options) and every retry (the retry transport resends
the same request), without touching the generated request code.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import EllipsisType

import httpx

from ._config import as_timeout


@dataclass(frozen=True)
class RequestOptions:
    """Headers added to (and overriding) the client's, and a timeout replacing the client's (None: its own)."""

    extra_headers: Mapping[str, str] = field(default_factory=dict)
    timeout: httpx.Timeout | None = None

    @classmethod
    def of(
        cls, extra_headers: Mapping[str, str] | None, timeout: float | httpx.Timeout | EllipsisType | None
    ) -> RequestOptions:
        """From ``list()``'s arguments; ``timeout=...`` means not given, ``None`` waits forever."""
        return cls(dict(extra_headers or {}), None if timeout is ... else as_timeout(timeout))

    def __repr__(self) -> str:
        # Header names only: an extra header may carry a credential.
        return f"RequestOptions(extra_headers={sorted(self.extra_headers)!r}, timeout={self.timeout!r})"


NO_OPTIONS = RequestOptions()

_current: contextvars.ContextVar[RequestOptions] = contextvars.ContextVar(
    "customers_sdk_request_options", default=NO_OPTIONS
)


@contextmanager
def current(options: RequestOptions) -> Iterator[None]:
    """Make ``options`` apply to the requests sent in this block (this thread or task only)."""
    token = _current.set(options)
    try:
        yield
    finally:
        _current.reset(token)


def apply(request: httpx.Request) -> None:
    """httpx request hook (sync clients): apply the current call's options to ``request``."""
    options = _current.get()
    if options.extra_headers:
        request.headers.update(options.extra_headers)
    if options.timeout is not None:
        # httpx has already put the client's timeout here; the transport reads it from here.
        request.extensions = {**request.extensions, "timeout": options.timeout.as_dict()}


async def async_apply(request: httpx.Request) -> None:
    """httpx request hook (async clients): apply the current call's options to ``request``."""
    apply(request)
