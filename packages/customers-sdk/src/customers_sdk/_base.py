"""What every client shares: options, the generated client underneath, closing, repr, calls."""

from __future__ import annotations

import ssl
from collections.abc import Awaitable, Callable, Mapping
from functools import cache
from types import EllipsisType, TracebackType
from typing import Any, Protocol, Self, TypeVar

import httpx

from ._config import DEFAULT_MAX_RESPONSE_SIZE, as_timeout
from ._http import ErrorTypes
from ._limits import bounded
from ._options import NO_OPTIONS, RequestOptions, apply, async_apply, current
from ._redact import NOTHING, Redactor
from ._retries import RetryPolicy, retry_transport

T = TypeVar("T")


@cache
def default_tls() -> ssl.SSLContext:
    """httpx's own default verification context (certifi's bundle, or ``SSL_CERT_FILE``/``SSL_CERT_DIR``), made
    once per process and shared by every client: making one loads the CA bundle, ~20 ms of CPU per client."""
    return httpx.create_ssl_context()


class GeneratedClient(Protocol):
    """The part of a generated ``AuthenticatedClient`` the client layer uses."""

    def get_httpx_client(self) -> httpx.Client: ...
    def get_async_httpx_client(self) -> httpx.AsyncClient: ...


class Options:
    """Options common to every client; ``with_options`` copies a client with some of them changed."""

    def __init__(
        self,
        *,
        base_url: str,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        retry_policy: RetryPolicy | None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None,
        default_headers: Mapping[str, str] | None,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        if max_response_size < 1:
            raise ValueError("max_response_size must be 1 or more")
        self.base_url = base_url
        self.timeout = as_timeout(timeout)
        self.max_retries = max_retries
        self.retry_policy = retry_policy or RetryPolicy()
        self._transport = transport
        self.default_headers = dict(default_headers or {})
        self.max_response_size = max_response_size

    #: Replaces this client's credentials in its exceptions (the API's ``_resolve`` sets it).
    _redactor: Redactor = NOTHING

    def _init_kwargs(self) -> dict[str, Any]:
        """Constructor arguments that rebuild this client (subclasses add their credentials)."""
        return {
            "base_url": self.base_url,
            "timeout": self.timeout,
            "max_retries": self.max_retries,
            "retry_policy": self.retry_policy,
            "transport": self._transport,
            "default_headers": self.default_headers,
            "max_response_size": self.max_response_size,
        }

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | EllipsisType | None = ...,
        max_retries: int | EllipsisType = ...,
        retry_policy: RetryPolicy | EllipsisType = ...,
        default_headers: Mapping[str, str] | EllipsisType = ...,
        max_response_size: int | EllipsisType = ...,
    ) -> Self:
        """A new client like this one with other timeout/retry/size options (and its own connections)."""
        changes = {
            "timeout": timeout,
            "max_retries": max_retries,
            "retry_policy": retry_policy,
            "default_headers": default_headers,
            "max_response_size": max_response_size,
        }
        kwargs = self._init_kwargs() | {k: v for k, v in changes.items() if v is not ...}
        return type(self)(**kwargs)

    def __repr__(self) -> str:
        # Deliberately no credentials: a repr ends up in logs and test failures.
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, timeout={self.timeout!r},"
            f" max_retries={self.max_retries}, max_response_size={self.max_response_size})"
        )


class SyncClient(Options):
    """Base of the sync clients: a generated client whose httpx client retries and raises typed errors."""

    _generated: GeneratedClient
    _errors: ErrorTypes[Any]

    def _httpx_args(self, errors: ErrorTypes[Any]) -> dict[str, Any]:
        given = self._transport
        inner = given if isinstance(given, httpx.BaseTransport) else httpx.HTTPTransport(verify=default_tls())
        if isinstance(inner, httpx.HTTPTransport):
            bounded(inner)
        transport = retry_transport(
            max_retries=self.max_retries,
            policy=self.retry_policy,
            transport=inner,
            max_response_size=self.max_response_size,
        )
        return {"transport": transport, "event_hooks": {"request": [apply], "response": [errors.sync_hook()]}}

    def _call(
        self,
        operation: Callable[..., Any],
        params: dict[str, Any],
        model: type[T],
        options: RequestOptions = NO_OPTIONS,
    ) -> T:
        """Call a generated ``*_detailed`` function with per-call ``options``; return its body as ``model``.

        Raises a typed error instead.
        """
        with self._redactor.redacting(), self._errors.translated(), current(options):
            detailed = operation(client=self._generated, **params)
            return self._errors.expect(detailed, model)

    def close(self) -> None:
        """Close the connections."""
        self._generated.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(Options):
    """Base of the async clients: a generated client whose httpx client retries and raises typed errors."""

    _generated: GeneratedClient
    _errors: ErrorTypes[Any]

    def _httpx_args(self, errors: ErrorTypes[Any]) -> dict[str, Any]:
        given = self._transport
        inner = given if isinstance(given, httpx.AsyncBaseTransport) else httpx.AsyncHTTPTransport(verify=default_tls())
        transport = retry_transport(
            max_retries=self.max_retries,
            policy=self.retry_policy,
            transport=inner,
            max_response_size=self.max_response_size,
        )
        return {"transport": transport, "event_hooks": {"request": [async_apply], "response": [errors.async_hook()]}}

    async def _call(
        self,
        operation: Callable[..., Awaitable[Any]],
        params: dict[str, Any],
        model: type[T],
        options: RequestOptions = NO_OPTIONS,
    ) -> T:
        """Await a generated ``asyncio_detailed`` function with per-call ``options``; return its body as ``model``.

        Raises a typed error instead.
        """
        with self._redactor.redacting(), self._errors.translated(), current(options):
            detailed = await operation(client=self._generated, **params)
            return self._errors.expect(detailed, model)

    async def close(self) -> None:
        """Close the connections."""
        await self._generated.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()
