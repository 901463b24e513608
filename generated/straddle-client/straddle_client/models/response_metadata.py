from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import parse_datetime, parse_uuid

T = TypeVar("T", bound="ResponseMetadata")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "api_request_id",
        "api_request_timestamp",
    }
)


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
        d = src_dict
        api_request_id = parse_uuid(d["api_request_id"])

        api_request_timestamp = parse_datetime(d["api_request_timestamp"])

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        response_metadata = cls(
            api_request_id,
            api_request_timestamp,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 2:
            response_metadata.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }

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
