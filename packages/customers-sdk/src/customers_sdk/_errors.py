"""The exception hierarchy shared by both APIs; each API subclasses it (``customers_sdk.sequence``...).

    APIError                        anything this package raises
    ├── ConfigurationError          a client option is missing or contradictory
    ├── APIConnectionError          no response: refused, reset, dropped connection
    │   └── APITimeoutError         no response in time
    ├── APIResponseValidationError  a response that does not match the spec
    │   └── ResponseTooLargeError   a body past the client's max_response_size
    ├── RepeatedPageError           the server sent a walk back to a page it already gave (a loop)
    └── APIStatusError              a 4xx/5xx response (after retries); .status_code, .body, .request_id
        ├── BadRequestError             400
        ├── AuthenticationError         401
        ├── PermissionDeniedError       403
        ├── NotFoundError               404
        ├── ConflictError               409
        ├── UnprocessableEntityError    422
        ├── RateLimitError              429
        └── InternalServerError         5xx (any, including non-standard ones such as 520)

``except customers_sdk.NotFoundError`` catches it from either API;
``except customers_sdk.straddle.NotFoundError`` from Straddle only.
Messages carry the status, the vendor's error type and message, and the request id - never a credential:
every credential the client was configured with (raw, and as sent: the Basic value, the Bearer key)
is replaced by ``[REDACTED]`` in the message and ``repr`` of every exception a client raises, even
when a server echoes it back in its error body.
"""

from __future__ import annotations

from typing import Generic, TypeVar

import httpx

BodyT = TypeVar("BodyT")


class APIError(Exception):
    """Root of every exception raised by ``customers_sdk``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigurationError(APIError):
    """A client option is missing (no credentials) or contradictory (``base_url`` and ``environment``)."""


class APIConnectionError(APIError):
    """The request got no response: the connection was refused, reset or dropped (after retries)."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request got no response within the client's timeout (after retries)."""


class APIResponseValidationError(APIError):
    """The server answered, but not with what the spec describes (missing key, bad JSON, odd status)."""

    def __init__(self, message: str, *, response: httpx.Response, request_id: str | None = None) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.request_id = request_id


class ResponseTooLargeError(APIResponseValidationError):
    """The body grew past the client's ``max_response_size`` (decoded bytes); reading stopped there.

    ``response`` has the status and headers only. Not retried: the server would send it again.
    """

    def __init__(self, message: str, *, response: httpx.Response, limit: int, request_id: str | None = None) -> None:
        super().__init__(message, response=response, request_id=request_id)
        self.limit = limit


class RepeatedPageError(APIError):
    """A walk over pages was sent back to a page it had already fetched (a cursor or page number seen before).

    Following it would fetch the same pages forever; ``page`` is the repeated cursor or page number.
    """

    def __init__(self, message: str, *, page: str) -> None:
        super().__init__(message)
        self.page = page


class APIStatusError(APIError, Generic[BodyT]):
    """The server answered 4xx or 5xx (after any retries).

    ``body`` is the vendor's error envelope parsed into the generated model, or None when the body
    was not one (a proxy's HTML page); ``response`` is the raw ``httpx.Response``.
    """

    def __init__(self, message: str, *, response: httpx.Response, body: BodyT | None, request_id: str | None) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.request_id = request_id


class BadRequestError(APIStatusError[BodyT]):
    """400: the request is malformed (a parameter out of range, a bad cursor...)."""


class AuthenticationError(APIStatusError[BodyT]):
    """401: missing or invalid credentials."""


class PermissionDeniedError(APIStatusError[BodyT]):
    """403: valid credentials that may not do this (another account...)."""


class NotFoundError(APIStatusError[BodyT]):
    """404: no such resource."""


class ConflictError(APIStatusError[BodyT]):
    """409: a conflicting request is in progress (retried by default)."""


class UnprocessableEntityError(APIStatusError[BodyT]):
    """422: well-formed but invalid values."""


class RateLimitError(APIStatusError[BodyT]):
    """429: too many requests (retried by default, honouring Retry-After)."""


class InternalServerError(APIStatusError[BodyT]):
    """5xx: the server failed (retried by default)."""
