"""Sequence "List customers": ``Sequence`` (sync) and ``AsyncSequence``.

from customers_sdk.sequence import Sequence

with Sequence(client_id="...", client_secret="...") as client:
    for customer in client.customers.list(limit=100):
        print(customer.legal_name)
"""

from sequence_client.api.customers.list_customers import ListCustomersParams
from sequence_client.models import Customer, ErrorResponse, ListCustomersResponse, SequenceVersion, SortOrder, TaxStatus
from sequence_client.types import UNSET, Unset

from customers_sdk._retries import RetryPolicy

from ._client import (
    DEFAULT_ENVIRONMENT,
    DEFAULT_VERSION,
    ENVIRONMENTS,
    AsyncCustomers,
    AsyncSequence,
    Customers,
    Sequence,
)
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RepeatedPageError,
    ResponseTooLargeError,
    SequenceError,
    UnprocessableEntityError,
)
from ._pages import AsyncCursorPage, SyncCursorPage

__all__ = [
    "DEFAULT_ENVIRONMENT",
    "DEFAULT_VERSION",
    "ENVIRONMENTS",
    "UNSET",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncCursorPage",
    "AsyncCustomers",
    "AsyncSequence",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "Customer",
    "Customers",
    "ErrorResponse",
    "InternalServerError",
    "ListCustomersParams",
    "ListCustomersResponse",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RepeatedPageError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "Sequence",
    "SequenceError",
    "SequenceVersion",
    "SortOrder",
    "SyncCursorPage",
    "TaxStatus",
    "UnprocessableEntityError",
    "Unset",
]
