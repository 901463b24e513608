from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_type import ResponseType
from ..types import parse_enum

if TYPE_CHECKING:
    from ..models.error_detail_v1 import ErrorDetailV1
    from ..models.response_metadata import ResponseMetadata


T = TypeVar("T", bound="ErrorResponseV1")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "meta",
        "response_type",
        "error",
    }
)


@_attrs_define
class ErrorResponseV1:
    """
    Attributes:
        meta (ResponseMetadata):
        response_type (ResponseType): Indicates the structure of the returned content. "object" means the data field
            contains a single JSON object; "array" means the data field contains an array of objects; "error" means the data
            field contains an error object with details of the issue; "none" means no data is returned.
        error (ErrorDetailV1):
    """

    meta: ResponseMetadata
    response_type: ResponseType
    error: ErrorDetailV1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        meta = self.meta.to_dict()

        response_type = self.response_type.value

        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "meta": meta,
                "response_type": response_type,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        meta = ResponseMetadata.from_dict(d["meta"])

        response_type = parse_enum(ResponseType, d["response_type"])

        error = ErrorDetailV1.from_dict(d["error"])

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        error_response_v1 = cls(
            meta,
            response_type,
            error,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 3:
            error_response_v1.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }

        return error_response_v1

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
from ..models.error_detail_v1 import ErrorDetailV1  # noqa: E402
from ..models.response_metadata import ResponseMetadata  # noqa: E402
