"""Turning HTTP outcomes into typed exceptions: the response hook and the call wrapper.

The hook runs inside httpx, after the retry transport has given up, and before the generated
client parses anything - so a 4xx/5xx (even a 520, which the generated ``HTTPStatus(code)`` would
crash on) becomes the API's typed exception instead of an error model or a ``ValueError``.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx

from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    BodyT,
    RepeatedPageError,
    ResponseTooLargeError,
)
from ._limits import BadBodyError

T = TypeVar("T")

logger = logging.getLogger("customers_sdk")
# customers-mock names the parameters it validated but gives no meaning (a spec newer than the mock) here.
MOCK_IGNORED_HEADER = "x-mock-ignored-parameters"
_MAX_WARNED = 1000  # names remembered; a server cannot grow this set (or the log) without bound
_warned: set[str] = set()
_warned_lock = threading.Lock()


def warn_ignored_parameters(response: httpx.Response) -> None:
    """Log a warning, once per parameter name per process, for each parameter the mock says it ignored.

    Through the SDK the mock's ``X-Mock-Ignored-Parameters`` header is otherwise invisible: a test would
    pass although its filter had no effect. Names are shown with ``repr`` (cut to 80 characters), so a
    hostile header cannot write control characters to a terminal.
    """
    header = response.headers.get(MOCK_IGNORED_HEADER)
    if not header:
        return
    for raw in header.split(",")[:20]:
        name = raw.strip()[:80]
        with _warned_lock:
            if not name or name in _warned or len(_warned) >= _MAX_WARNED:
                continue
            _warned.add(name)
        logger.warning(
            "the mock server ignored parameter %r of %s %s: its spec declares it, the mock gives it no meaning,"
            " so the response is not filtered by it (X-Mock-Ignored-Parameters)",
            name,
            response.request.method,
            response.request.url.path[:200],
        )


# The last response the hook saw in this thread/task: tells a parse failure (the server's fault)
# from a bad argument (the caller's), which both surface as KeyError/ValueError/TypeError.
_last_response: contextvars.ContextVar[httpx.Response | None] = contextvars.ContextVar(
    "customers_sdk_last_response", default=None
)


@dataclass(frozen=True)
class ErrorTypes(Generic[BodyT]):
    """One API's exception classes, and how to read its error envelope and request id."""

    status_error: type[APIStatusError[BodyT]]
    by_status: Mapping[int, type[APIStatusError[BodyT]]]
    server_error: type[APIStatusError[BodyT]]
    error: type[APIError]
    connection_error: type[APIConnectionError]
    timeout_error: type[APITimeoutError]
    validation_error: type[APIResponseValidationError]
    too_large_error: type[ResponseTooLargeError]
    repeated_page_error: type[RepeatedPageError]
    parse_body: Callable[[Any], BodyT]
    describe: Callable[[BodyT], str]
    request_id: Callable[[httpx.Response, BodyT | None], str | None]

    def status_error_for(self, response: httpx.Response) -> APIStatusError[BodyT]:
        """The typed exception for a 4xx/5xx response (whose body has been read)."""
        try:
            body: BodyT | None = self.parse_body(response.json())
        except (ValueError, KeyError, TypeError, AttributeError):  # not the vendor's envelope (a proxy page...)
            body = None
        code = response.status_code
        cls = self.by_status.get(code) or (self.server_error if code >= 500 else self.status_error)
        request_id = self.request_id(response, body)
        summary = self.describe(body) if body is not None else "the body is not the API's error envelope"
        message = f"{code} {response.reason_phrase}".rstrip() + f": {summary}"
        if request_id:
            message += f" (request id {request_id})"
        return cls(message, response=response, body=body, request_id=request_id)

    def validation_error_for(self, response: httpx.Response, problem: str) -> APIResponseValidationError:
        """The typed exception for a response that does not match the spec."""
        request_id = self.request_id(response, None)
        message = f"{response.status_code} response does not match the spec: {problem}"
        if request_id:
            message += f" (request id {request_id})"
        return self.validation_error(message, response=response, request_id=request_id)

    def sync_hook(self) -> Callable[[httpx.Response], None]:
        """An httpx response hook (sync client) raising the typed exception for 4xx/5xx."""

        def hook(response: httpx.Response) -> None:
            _last_response.set(response)
            warn_ignored_parameters(response)
            if not response.is_success:
                response.read()
                raise self.status_error_for(response)

        return hook

    def async_hook(self) -> Callable[[httpx.Response], Awaitable[None]]:
        """An httpx response hook (async client) raising the typed exception for 4xx/5xx."""

        async def hook(response: httpx.Response) -> None:
            _last_response.set(response)
            warn_ignored_parameters(response)
            if not response.is_success:
                await response.aread()
                raise self.status_error_for(response)

        return hook

    @contextmanager
    def translated(self) -> Iterator[None]:
        """Run one call; turn httpx transport errors and parse failures into this API's exceptions."""
        token = _last_response.set(None)
        try:
            yield
        except APIError:
            raise
        except BadBodyError as exc:  # refused while reading, before the response hook saw it
            if exc.limit is not None:
                request_id = self.request_id(exc.response, None)
                message = f"{exc.response.status_code} response refused: {exc.problem}"
                raise self.too_large_error(
                    message, response=exc.response, limit=exc.limit, request_id=request_id
                ) from None
            raise self.validation_error_for(exc.response, exc.problem) from exc
        except httpx.TimeoutException as exc:
            raise self.timeout_error(f"Request timed out: {_describe(exc)}", request=_request(exc)) from exc
        except httpx.TransportError as exc:
            raise self.connection_error(f"Connection error: {_describe(exc)}", request=_request(exc)) from exc
        except httpx.HTTPError as exc:  # the rest of httpx's RequestError family: DecodingError, TooManyRedirects
            response = _last_response.get()
            if response is not None:  # a response came, but httpx could not read it as HTTP allows
                raise self.validation_error_for(response, f"{type(exc).__name__}: {exc}") from exc
            raise self.connection_error(f"Request failed: {_describe(exc)}", request=_request(exc)) from exc
        except (httpx.InvalidURL, httpx.StreamError, httpx.CookieConflict) as exc:
            # Raised before anything is sent: e.g. a URL past httpx's 65,536-character limit, which a
            # next-page cursor from the server can make. Not the network's fault, so the API's root error.
            raise self.error(f"Cannot send the request: {type(exc).__name__}: {exc}") from exc
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            response = _last_response.get()
            if response is None:  # raised before any response: a bad argument, the caller's to see as is
                raise
            raise self.validation_error_for(response, f"{type(exc).__name__}: {exc}") from exc
        finally:
            _last_response.reset(token)

    def expect(self, detailed: Any, model: type[T]) -> T:
        """The parsed body of a generated ``Response`` when it is ``model``, else a validation error."""
        parsed = detailed.parsed
        if isinstance(parsed, model):
            return parsed
        response = _last_response.get()
        if response is None:  # only when a caller swapped in an httpx client without our hook
            raise APIError(f"Unexpected {detailed.status_code} response without a {model.__name__} body")
        raise self.validation_error_for(response, f"expected a {model.__name__} body")


def first_header(response: httpx.Response, *names: str) -> str | None:
    """The value of the first of ``names`` present in the response headers."""
    for name in names:
        value: str | None = response.headers.get(name)
        if value:
            return value
    return None


def _request(exc: httpx.HTTPError) -> httpx.Request | None:
    try:
        return exc.request
    except RuntimeError:  # httpx raises when the exception was created without a request
        return None


def _describe(exc: httpx.HTTPError) -> str:
    """``GET /path: <what httpx said>`` - method and path only, no headers (the credential)."""
    request = _request(exc)
    where = f"{request.method} {request.url.path}: " if request is not None else ""
    return where + (str(exc) or type(exc).__name__)
