"""Contains all the data models used in inputs/outputs"""

from .address import Address
from .customer import Customer
from .customer_custom_properties import CustomerCustomProperties
from .error_details import ErrorDetails
from .error_response import ErrorResponse
from .field_error import FieldError
from .integration_id import IntegrationId
from .list_customers_response import ListCustomersResponse
from .organization import Organization
from .organization_member import OrganizationMember
from .pagination import Pagination
from .sequence_version import SequenceVersion
from .sort_order import SortOrder
from .tax_status import TaxStatus

__all__ = (
    "Address",
    "Customer",
    "CustomerCustomProperties",
    "ErrorDetails",
    "ErrorResponse",
    "FieldError",
    "IntegrationId",
    "ListCustomersResponse",
    "Organization",
    "OrganizationMember",
    "Pagination",
    "SequenceVersion",
    "SortOrder",
    "TaxStatus",
)
