from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.customer_status import CustomerStatus
from ..models.customer_type import CustomerType
from ..types import UNSET, Unset, parse_datetime, parse_enum, parse_uuid

T = TypeVar("T", bound="CustomerSummaryV1")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "id",
        "created_at",
        "email",
        "name",
        "phone",
        "status",
        "type",
        "updated_at",
        "external_id",
    }
)


@_attrs_define
class CustomerSummaryV1:
    """
    Attributes:
        id (UUID): Unique identifier for the customer.
        created_at (datetime.datetime): Timestamp of when the customer record was created.
        email (str): The customer's email address.
        name (str): Full name of the individual or business name.
        phone (str): The customer's phone number in E.164 format.
        status (CustomerStatus): The customer's current status. Straddle may add values; clients keep unknown values
            instead of failing.
        type_ (CustomerType):
        updated_at (datetime.datetime): Timestamp of the most recent update to the customer record.
        external_id (None | str | Unset): Unique identifier for the customer in your database, used for cross-
            referencing between Straddle and your systems.
    """

    id: UUID
    created_at: datetime.datetime
    email: str
    name: str
    phone: str
    status: CustomerStatus
    type_: CustomerType
    updated_at: datetime.datetime
    external_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        created_at = self.created_at.isoformat()

        email = self.email

        name = self.name

        phone = self.phone

        status = self.status.value

        type_ = self.type_.value

        updated_at = self.updated_at.isoformat()

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "email": email,
                "name": name,
                "phone": phone,
                "status": status,
                "type": type_,
                "updated_at": updated_at,
            }
        )
        if external_id is not UNSET:
            field_dict["external_id"] = external_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = parse_uuid(d["id"])

        created_at = parse_datetime(d["created_at"])

        email = d["email"]

        name = d["name"]

        phone = d["phone"]

        status = parse_enum(CustomerStatus, d["status"])

        type_ = parse_enum(CustomerType, d["type"])

        updated_at = parse_datetime(d["updated_at"])

        external_id = d.get("external_id", UNSET)

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        customer_summary_v1 = cls(
            id,
            created_at,
            email,
            name,
            phone,
            status,
            type_,
            updated_at,
            external_id,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 8 + ("external_id" in d):
            customer_summary_v1.additional_properties = {
                key: value for key, value in d.items() if key not in _PROPERTY_NAMES
            }

        return customer_summary_v1

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
