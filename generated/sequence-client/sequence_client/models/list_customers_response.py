from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.customer import Customer
    from ..models.pagination import Pagination


T = TypeVar("T", bound="ListCustomersResponse")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "items",
        "pagination",
    }
)


@_attrs_define
class ListCustomersResponse:
    """
    Attributes:
        items (list[Customer]): Customers
        pagination (Pagination): Results pagination. Example: {'after':
            'MDE4NDUyNjYtNmQ2NC03N2M4LTlhZGYtNDQ4N2Q5NGQxNDU3', 'before':
            'MDE4NDQyMWUtYTljYy03MTFiLWFmOTMtYmYwNTExZDRkODMz', 'totalResultSize': 10}.
    """

    items: list[Customer]
    pagination: Pagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        items = list(map(Customer.from_dict, d["items"]))

        pagination = Pagination.from_dict(d["pagination"])

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        list_customers_response = cls(
            items,
            pagination,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 2:
            list_customers_response.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }

        return list_customers_response

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
from ..models.customer import Customer  # noqa: E402
from ..models.pagination import Pagination  # noqa: E402
