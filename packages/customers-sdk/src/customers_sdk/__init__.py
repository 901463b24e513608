"""The client layer over the generated clients: pagination, retries, timeouts, typed errors.

One import per API - ``customers_sdk.sequence`` (``Sequence``, ``AsyncSequence``) and
``customers_sdk.straddle`` (``Straddle``, ``AsyncStraddle``). This package itself holds what both
share: the exception hierarchy (catch ``customers_sdk.NotFoundError`` from either API), the retry
policy and the defaults.
"""

from importlib.metadata import version

from ._config import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RepeatedPageError,
    ResponseTooLargeError,
    UnprocessableEntityError,
)
from ._retries import RETRY_STATUSES, RetryPolicy

__version__ = version("customers-sdk")

__all__ = [
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "RETRY_STATUSES",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RepeatedPageError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "UnprocessableEntityError",
    "__version__",
]
