from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Address")


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
        d = dict(src_dict)
        line1 = d.pop("line1")

        town = d.pop("town")

        postcode = d.pop("postcode")

        country = d.pop("country")

        line2 = d.pop("line2", UNSET)

        state = d.pop("state", UNSET)

        address = cls(
            line1=line1,
            town=town,
            postcode=postcode,
            country=country,
            line2=line2,
            state=state,
        )

        address.additional_properties = d
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
