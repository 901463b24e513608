from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.error_details import ErrorDetails


T = TypeVar("T", bound="ErrorResponse")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "error",
    }
)


@_attrs_define
class ErrorResponse:
    """
    Attributes:
        error (ErrorDetails):
    """

    error: ErrorDetails
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        error = ErrorDetails.from_dict(d["error"])

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        error_response = cls(
            error,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 1:
            error_response.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }

        return error_response

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
from ..models.error_details import ErrorDetails  # noqa: E402
