from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sort_order import SortOrder
from ..types import parse_datetime, parse_enum, parse_uuid

T = TypeVar("T", bound="PagedResponseMetadata")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "api_request_id",
        "api_request_timestamp",
        "max_page_size",
        "page_number",
        "page_size",
        "sort_by",
        "sort_order",
        "total_items",
        "total_pages",
    }
)


@_attrs_define
class PagedResponseMetadata:
    """
    Attributes:
        api_request_id (UUID): Unique identifier for this API request, useful for troubleshooting.
        api_request_timestamp (datetime.datetime): Timestamp for this API request, useful for troubleshooting.
        max_page_size (int): Maximum allowed page size for this endpoint.
        page_number (int): Page number for paginated results.
        page_size (int): Number of items per page in this response.
        sort_by (str): The field that the results were sorted by.
        sort_order (SortOrder):
        total_items (int): Number of customers matching the filters, over all pages.
        total_pages (int): The number of pages available.
    """

    api_request_id: UUID
    api_request_timestamp: datetime.datetime
    max_page_size: int
    page_number: int
    page_size: int
    sort_by: str
    sort_order: SortOrder
    total_items: int
    total_pages: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_request_id = str(self.api_request_id)

        api_request_timestamp = self.api_request_timestamp.isoformat()

        max_page_size = self.max_page_size

        page_number = self.page_number

        page_size = self.page_size

        sort_by = self.sort_by

        sort_order = self.sort_order.value

        total_items = self.total_items

        total_pages = self.total_pages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_request_id": api_request_id,
                "api_request_timestamp": api_request_timestamp,
                "max_page_size": max_page_size,
                "page_number": page_number,
                "page_size": page_size,
                "sort_by": sort_by,
                "sort_order": sort_order,
                "total_items": total_items,
                "total_pages": total_pages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        api_request_id = parse_uuid(d["api_request_id"])

        api_request_timestamp = parse_datetime(d["api_request_timestamp"])

        max_page_size = d["max_page_size"]

        page_number = d["page_number"]

        page_size = d["page_size"]

        sort_by = d["sort_by"]

        sort_order = parse_enum(SortOrder, d["sort_order"])

        total_items = d["total_items"]

        total_pages = d["total_pages"]

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        paged_response_metadata = cls(
            api_request_id,
            api_request_timestamp,
            max_page_size,
            page_number,
            page_size,
            sort_by,
            sort_order,
            total_items,
            total_pages,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 9:
            paged_response_metadata.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }

        return paged_response_metadata

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
