"""Straddle "List customers": ``Straddle`` (sync) and ``AsyncStraddle``.

from customers_sdk.straddle import CustomerStatus, Straddle

with Straddle(api_key="sk_...") as client:
    for customer in client.customers.list(status=[CustomerStatus.VERIFIED], page_size=1000):
        print(customer.name)
"""

from straddle_client.api.customers.list_customers import ListCustomersParams
from straddle_client.models import (
    CustomerSortBy,
    CustomerStatus,
    CustomerSummaryPagedV1,
    CustomerSummaryV1,
    CustomerType,
    ErrorResponseV1,
    ResponseType,
    SortOrder,
)
from straddle_client.types import UNSET, Unset

from customers_sdk._retries import RetryPolicy

from ._client import DEFAULT_ENVIRONMENT, ENVIRONMENTS, AsyncCustomers, AsyncStraddle, Customers, Straddle
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
    StraddleError,
    UnprocessableEntityError,
)
from ._pages import AsyncPageNumberPage, SyncPageNumberPage

__all__ = [
    "DEFAULT_ENVIRONMENT",
    "ENVIRONMENTS",
    "UNSET",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncCustomers",
    "AsyncPageNumberPage",
    "AsyncStraddle",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "CustomerSortBy",
    "CustomerStatus",
    "CustomerSummaryPagedV1",
    "CustomerSummaryV1",
    "CustomerType",
    "Customers",
    "ErrorResponseV1",
    "InternalServerError",
    "ListCustomersParams",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RepeatedPageError",
    "ResponseTooLargeError",
    "ResponseType",
    "RetryPolicy",
    "SortOrder",
    "Straddle",
    "StraddleError",
    "SyncPageNumberPage",
    "UnprocessableEntityError",
    "Unset",
]
