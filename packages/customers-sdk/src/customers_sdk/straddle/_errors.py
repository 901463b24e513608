"""Straddle's exceptions: the shared hierarchy (``customers_sdk._errors``) under ``StraddleError``."""

from __future__ import annotations

import httpx
from straddle_client.models import ErrorResponseV1

from customers_sdk import _errors as base
from customers_sdk._http import ErrorTypes, first_header

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RepeatedPageError",
    "ResponseTooLargeError",
    "StraddleError",
    "UnprocessableEntityError",
]


class StraddleError(base.APIError):
    """Root of every exception a Straddle client raises."""


class APIConnectionError(base.APIConnectionError, StraddleError):
    """Straddle gave no response: connection refused, reset or dropped (after retries)."""


class APITimeoutError(base.APITimeoutError, APIConnectionError):
    """Straddle gave no response within the timeout (after retries)."""


class APIResponseValidationError(base.APIResponseValidationError, StraddleError):
    """Straddle answered with something the spec does not describe."""


class ResponseTooLargeError(base.ResponseTooLargeError, APIResponseValidationError):
    """Straddle sent a body larger than the client's ``max_response_size``."""


class RepeatedPageError(base.RepeatedPageError, StraddleError):
    """Straddle sent a walk back to a page it had already given (it would loop forever)."""


class APIStatusError(base.APIStatusError[ErrorResponseV1], StraddleError):
    """Straddle answered 4xx/5xx; ``body`` is its ``ErrorResponseV1`` (or None if it was not one)."""


class BadRequestError(base.BadRequestError[ErrorResponseV1], APIStatusError):
    """400 from Straddle."""


class AuthenticationError(base.AuthenticationError[ErrorResponseV1], APIStatusError):
    """401 from Straddle."""


class PermissionDeniedError(base.PermissionDeniedError[ErrorResponseV1], APIStatusError):
    """403 from Straddle."""


class NotFoundError(base.NotFoundError[ErrorResponseV1], APIStatusError):
    """404 from Straddle."""


class ConflictError(base.ConflictError[ErrorResponseV1], APIStatusError):
    """409 from Straddle."""


class UnprocessableEntityError(base.UnprocessableEntityError[ErrorResponseV1], APIStatusError):
    """422 from Straddle."""


class RateLimitError(base.RateLimitError[ErrorResponseV1], APIStatusError):
    """429 from Straddle."""


class InternalServerError(base.InternalServerError[ErrorResponseV1], APIStatusError):
    """5xx from Straddle."""


def _describe(body: ErrorResponseV1) -> str:
    error = body.error
    text = f"{error.type_}: {error.title}"
    if isinstance(error.detail, str) and error.detail:
        text += f" - {error.detail}"
    items = error.items if isinstance(error.items, list) else []
    fields = [f"{i.reference}: {i.detail}" if isinstance(i.reference, str) else i.detail for i in items]
    return text + (f" [{'; '.join(fields)}]" if fields else "")


def _request_id(response: httpx.Response, body: ErrorResponseV1 | None) -> str | None:
    # Straddle's own id for the request is in the envelope; Request-Id only echoes the caller's.
    if body is not None:
        return str(body.meta.api_request_id)
    return first_header(response, "Request-Id")


ERRORS: ErrorTypes[ErrorResponseV1] = ErrorTypes(
    status_error=APIStatusError,
    by_status={
        400: BadRequestError,
        401: AuthenticationError,
        403: PermissionDeniedError,
        404: NotFoundError,
        409: ConflictError,
        422: UnprocessableEntityError,
        429: RateLimitError,
    },
    server_error=InternalServerError,
    error=StraddleError,
    connection_error=APIConnectionError,
    timeout_error=APITimeoutError,
    validation_error=APIResponseValidationError,
    too_large_error=ResponseTooLargeError,
    repeated_page_error=RepeatedPageError,
    parse_body=ErrorResponseV1.from_dict,
    describe=_describe,
    request_id=_request_id,
)
