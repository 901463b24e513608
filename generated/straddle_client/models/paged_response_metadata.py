from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sort_order import SortOrder

T = TypeVar("T", bound="PagedResponseMetadata")


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
        d = dict(src_dict)
        api_request_id = UUID(d.pop("api_request_id"))

        api_request_timestamp = datetime.datetime.fromisoformat(d.pop("api_request_timestamp"))

        max_page_size = d.pop("max_page_size")

        page_number = d.pop("page_number")

        page_size = d.pop("page_size")

        sort_by = d.pop("sort_by")

        sort_order = SortOrder(d.pop("sort_order"))

        total_items = d.pop("total_items")

        total_pages = d.pop("total_pages")

        paged_response_metadata = cls(
            api_request_id=api_request_id,
            api_request_timestamp=api_request_timestamp,
            max_page_size=max_page_size,
            page_number=page_number,
            page_size=page_size,
            sort_by=sort_by,
            sort_order=sort_order,
            total_items=total_items,
            total_pages=total_pages,
        )

        paged_response_metadata.additional_properties = d
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
