from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ResponseMetadata")


@_attrs_define
class ResponseMetadata:
    """
    Attributes:
        api_request_id (UUID): Unique identifier for this API request, useful for troubleshooting.
        api_request_timestamp (datetime.datetime): Timestamp for this API request, useful for troubleshooting.
    """

    api_request_id: UUID
    api_request_timestamp: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_request_id = str(self.api_request_id)

        api_request_timestamp = self.api_request_timestamp.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_request_id": api_request_id,
                "api_request_timestamp": api_request_timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_request_id = UUID(d.pop("api_request_id"))

        api_request_timestamp = datetime.datetime.fromisoformat(d.pop("api_request_timestamp"))

        response_metadata = cls(
            api_request_id=api_request_id,
            api_request_timestamp=api_request_timestamp,
        )

        response_metadata.additional_properties = d
        return response_metadata

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
