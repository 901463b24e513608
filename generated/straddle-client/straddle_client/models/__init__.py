"""Contains all the data models used in inputs/outputs"""

from .customer_sort_by import CustomerSortBy
from .customer_status import CustomerStatus
from .customer_summary_paged_v1 import CustomerSummaryPagedV1
from .customer_summary_v1 import CustomerSummaryV1
from .customer_type import CustomerType
from .error_detail_v1 import ErrorDetailV1
from .error_item_v1 import ErrorItemV1
from .error_response_v1 import ErrorResponseV1
from .paged_response_metadata import PagedResponseMetadata
from .response_metadata import ResponseMetadata
from .response_type import ResponseType
from .sort_order import SortOrder

__all__ = (
    "CustomerSortBy",
    "CustomerStatus",
    "CustomerSummaryPagedV1",
    "CustomerSummaryV1",
    "CustomerType",
    "ErrorDetailV1",
    "ErrorItemV1",
    "ErrorResponseV1",
    "PagedResponseMetadata",
    "ResponseMetadata",
    "ResponseType",
    "SortOrder",
)
