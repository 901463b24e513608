from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_item_v1 import ErrorItemV1


T = TypeVar("T", bound="ErrorDetailV1")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "status",
        "type",
        "title",
        "detail",
        "items",
    }
)


@_attrs_define
class ErrorDetailV1:
    """
    Attributes:
        status (int): The HTTP status code.
        type_ (str): Machine-readable error type.
        title (str): A short, human-readable summary.
        detail (None | str | Unset): A human-readable explanation of this occurrence.
        items (list[ErrorItemV1] | None | Unset): The individual problems, each naming the parameter or field it is
            about.
    """

    status: int
    type_: str
    title: str
    detail: None | str | Unset = UNSET
    items: list[ErrorItemV1] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        type_ = self.type_

        title = self.title

        detail: None | str | Unset
        if isinstance(self.detail, Unset):
            detail = UNSET
        else:
            detail = self.detail

        items: list[dict[str, Any]] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)

        else:
            items = self.items

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "type": type_,
                "title": title,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if items is not UNSET:
            field_dict["items"] = items

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        status = d["status"]

        type_ = d["type"]

        title = d["title"]

        detail = d.get("detail", UNSET)

        def _parse_items(data: object) -> list[ErrorItemV1] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = list(map(ErrorItemV1.from_dict, data))

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ErrorItemV1] | None | Unset, data)

        items = _parse_items(d.get("items", UNSET))

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        error_detail_v1 = cls(
            status,
            type_,
            title,
            detail,
            items,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 3 + ("detail" in d) + ("items" in d):
            error_detail_v1.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }

        return error_detail_v1

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


# Imported last, not at the top, because models may refer to each other (see the template).
from ..models.error_item_v1 import ErrorItemV1  # noqa: E402
