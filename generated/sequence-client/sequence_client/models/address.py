from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Address")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "line1",
        "town",
        "postcode",
        "country",
        "line2",
        "state",
    }
)


@_attrs_define
class Address:
    """
    Attributes:
        line1 (str):
        town (str):
        postcode (str):
        country (str): ISO 3166-1 alpha-2 country code.
        line2 (str | Unset):
        state (str | Unset):
    """

    line1: str
    town: str
    postcode: str
    country: str
    line2: str | Unset = UNSET
    state: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        line1 = self.line1

        town = self.town

        postcode = self.postcode

        country = self.country

        line2 = self.line2

        state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "line1": line1,
                "town": town,
                "postcode": postcode,
                "country": country,
            }
        )
        if line2 is not UNSET:
            field_dict["line2"] = line2
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        line1 = d["line1"]

        town = d["town"]

        postcode = d["postcode"]

        country = d["country"]

        line2 = d.get("line2", UNSET)

        state = d.get("state", UNSET)

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        address = cls(
            line1,
            town,
            postcode,
            country,
            line2,
            state,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 4 + ("line2" in d) + ("state" in d):
            address.additional_properties = {key: value for key, value in d.items() if key not in _PROPERTY_NAMES}

        return address

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
