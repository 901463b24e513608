from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_type import ResponseType
from ..types import parse_enum

if TYPE_CHECKING:
    from ..models.customer_summary_v1 import CustomerSummaryV1
    from ..models.paged_response_metadata import PagedResponseMetadata


T = TypeVar("T", bound="CustomerSummaryPagedV1")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "data",
        "meta",
        "response_type",
    }
)


@_attrs_define
class CustomerSummaryPagedV1:
    """
    Attributes:
        data (list[CustomerSummaryV1]):
        meta (PagedResponseMetadata):
        response_type (ResponseType): Indicates the structure of the returned content. "object" means the data field
            contains a single JSON object; "array" means the data field contains an array of objects; "error" means the data
            field contains an error object with details of the issue; "none" means no data is returned.
    """

    data: list[CustomerSummaryV1]
    meta: PagedResponseMetadata
    response_type: ResponseType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        meta = self.meta.to_dict()

        response_type = self.response_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "meta": meta,
                "response_type": response_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        data = list(map(CustomerSummaryV1.from_dict, d["data"]))

        meta = PagedResponseMetadata.from_dict(d["meta"])

        response_type = parse_enum(ResponseType, d["response_type"])

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        customer_summary_paged_v1 = cls(
            data,
            meta,
            response_type,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 3:
            customer_summary_paged_v1.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }

        return customer_summary_paged_v1

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
from ..models.customer_summary_v1 import CustomerSummaryV1  # noqa: E402
from ..models.paged_response_metadata import PagedResponseMetadata  # noqa: E402
