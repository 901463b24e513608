"""Pydantic v2 models of the same two response shapes as the generated clients, for the decode comparison.

Hand-written to mirror ``openapi/*.yaml``: same required/optional fields and types (Straddle's UUIDs and
date-times, Sequence's ids and timestamps as plain strings, enums), and unknown keys kept
(``extra="allow"``), as the generated models keep them in ``additional_properties``.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class _Camel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")


class TaxStatus(StrEnum):
    TAXED = "TAXED"
    TAX_EXEMPT = "TAX_EXEMPT"
    REVERSE_CHARGED = "REVERSE_CHARGED"


class OrganizationMember(_Camel):
    id: str
    name: str


class Organization(_Camel):
    id: str
    owner: OrganizationMember
    members: list[OrganizationMember]


class Address(_Camel):
    line1: str
    line2: str | None = None
    town: str
    state: str | None = None
    postcode: str
    country: str


class IntegrationId(_Camel):
    service: str
    id: str
    last_synced: str | None = None
    is_pending: bool


class SequenceCustomer(_Camel):
    id: str
    created_at: str
    organizations: list[Organization] | None = None
    legal_name: str
    email: str | None = None
    address: Address | None = None
    url: str | None = None
    domain: str | None = None
    label: str | None = None
    integration_ids: list[IntegrationId] | None = None
    archived_at: str | None = None
    tax_status: TaxStatus | None = None
    custom_properties: dict[str, str] | None = None


class Pagination(_Camel):
    after: str | None = None
    before: str | None = None
    total_result_size: int


class ListCustomersResponse(_Camel):
    """Sequence ``GET /api/customers`` 200 body."""

    items: list[SequenceCustomer]
    pagination: Pagination


class CustomerStatus(StrEnum):
    PENDING = "pending"
    REVIEW = "review"
    VERIFIED = "verified"
    INACTIVE = "inactive"
    REJECTED = "rejected"


class CustomerType(StrEnum):
    INDIVIDUAL = "individual"
    BUSINESS = "business"


class _Snake(BaseModel):
    model_config = ConfigDict(extra="allow")


class CustomerSummaryV1(_Snake):
    id: UUID
    created_at: datetime
    email: str
    name: str
    phone: str
    status: CustomerStatus
    type: CustomerType
    updated_at: datetime
    external_id: str | None = None


class PagedResponseMetadata(_Snake):
    api_request_id: UUID
    api_request_timestamp: datetime
    max_page_size: int
    page_number: int
    page_size: int
    sort_by: str
    sort_order: str
    total_items: int
    total_pages: int


class CustomerSummaryPagedV1(_Snake):
    """Straddle ``GET /v1/customers`` 200 body."""

    data: list[CustomerSummaryV1]
    meta: PagedResponseMetadata
    response_type: str
