from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Pagination")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "totalResultSize",
        "after",
        "before",
    }
)


@_attrs_define
class Pagination:
    """Results pagination

    Example:
        {'after': 'MDE4NDUyNjYtNmQ2NC03N2M4LTlhZGYtNDQ4N2Q5NGQxNDU3', 'before':
            'MDE4NDQyMWUtYTljYy03MTFiLWFmOTMtYmYwNTExZDRkODMz', 'totalResultSize': 10}

    Attributes:
        total_result_size (int): Number of customers matching the filters, over all pages.
        after (str | Unset): Cursor of the next page; absent on the last page.
        before (str | Unset): Cursor of the previous page; absent on the first page.
    """

    total_result_size: int
    after: str | Unset = UNSET
    before: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_result_size = self.total_result_size

        after = self.after

        before = self.before

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "totalResultSize": total_result_size,
            }
        )
        if after is not UNSET:
            field_dict["after"] = after
        if before is not UNSET:
            field_dict["before"] = before

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        total_result_size = d["totalResultSize"]

        after = d.get("after", UNSET)

        before = d.get("before", UNSET)

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        pagination = cls(
            total_result_size,
            after,
            before,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 1 + ("after" in d) + ("before" in d):
            pagination.additional_properties = {key: value for key, value in d.items() if key not in _PROPERTY_NAMES}

        return pagination

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
