"""Sequence's exceptions: the shared hierarchy (``customers_sdk._errors``) under ``SequenceError``."""

from __future__ import annotations

import httpx
from sequence_client.models import ErrorResponse

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
    "SequenceError",
    "UnprocessableEntityError",
]


class SequenceError(base.APIError):
    """Root of every exception a Sequence client raises."""


class APIConnectionError(base.APIConnectionError, SequenceError):
    """Sequence gave no response: connection refused, reset or dropped (after retries)."""


class APITimeoutError(base.APITimeoutError, APIConnectionError):
    """Sequence gave no response within the timeout (after retries)."""


class APIResponseValidationError(base.APIResponseValidationError, SequenceError):
    """Sequence answered with something the spec does not describe."""


class ResponseTooLargeError(base.ResponseTooLargeError, APIResponseValidationError):
    """Sequence sent a body larger than the client's ``max_response_size``."""


class RepeatedPageError(base.RepeatedPageError, SequenceError):
    """Sequence sent a walk back to a page it had already given (it would loop forever)."""


class APIStatusError(base.APIStatusError[ErrorResponse], SequenceError):
    """Sequence answered 4xx/5xx; ``body`` is its ``ErrorResponse`` (or None if it was not one)."""


class BadRequestError(base.BadRequestError[ErrorResponse], APIStatusError):
    """400 from Sequence."""


class AuthenticationError(base.AuthenticationError[ErrorResponse], APIStatusError):
    """401 from Sequence."""


class PermissionDeniedError(base.PermissionDeniedError[ErrorResponse], APIStatusError):
    """403 from Sequence."""


class NotFoundError(base.NotFoundError[ErrorResponse], APIStatusError):
    """404 from Sequence."""


class ConflictError(base.ConflictError[ErrorResponse], APIStatusError):
    """409 from Sequence."""


class UnprocessableEntityError(base.UnprocessableEntityError[ErrorResponse], APIStatusError):
    """422 from Sequence."""


class RateLimitError(base.RateLimitError[ErrorResponse], APIStatusError):
    """429 from Sequence."""


class InternalServerError(base.InternalServerError[ErrorResponse], APIStatusError):
    """5xx from Sequence."""


def _describe(body: ErrorResponse) -> str:
    error = body.error
    text = f"{error.type_}: {error.message}"
    fields = [f"{e.key}: {e.message}" if e.key else e.message for e in error.errors or []]
    return text + (f" [{'; '.join(fields)}]" if fields else "")


def _request_id(response: httpx.Response, body: ErrorResponse | None) -> str | None:
    # Sequence's error envelope has no request id; use a request-id header when there is one.
    return first_header(response, "Request-Id", "X-Request-Id")


ERRORS: ErrorTypes[ErrorResponse] = ErrorTypes(
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
    error=SequenceError,
    connection_error=APIConnectionError,
    timeout_error=APITimeoutError,
    validation_error=APIResponseValidationError,
    too_large_error=ResponseTooLargeError,
    repeated_page_error=RepeatedPageError,
    parse_body=ErrorResponse.from_dict,
    describe=_describe,
    request_id=_request_id,
)
