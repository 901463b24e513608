from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IntegrationId")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "service",
        "id",
        "isPending",
        "lastSynced",
    }
)


@_attrs_define
class IntegrationId:
    """
    Attributes:
        service (str): The integration, e.g. Xero, Stripe, HubSpot, Salesforce, QuickBooks_Online, NetSuite. Modelling:
            a plain string, not an enum, because Sequence adds integrations often.
        id (str): The customer's id in the integrated service (not always a UUID).
        is_pending (bool):
        last_synced (str | Unset): Last successful sync; absent while the link is pending. A plain string, like every
            Sequence timestamp (see `Timestamp`).
    """

    service: str
    id: str
    is_pending: bool
    last_synced: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        service = self.service

        id = self.id

        is_pending = self.is_pending

        last_synced = self.last_synced

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "service": service,
                "id": id,
                "isPending": is_pending,
            }
        )
        if last_synced is not UNSET:
            field_dict["lastSynced"] = last_synced

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        service = d["service"]

        id = d["id"]

        is_pending = d["isPending"]

        last_synced = d.get("lastSynced", UNSET)

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        integration_id = cls(
            service,
            id,
            is_pending,
            last_synced,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 3 + ("lastSynced" in d):
            integration_id.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }

        return integration_id

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
