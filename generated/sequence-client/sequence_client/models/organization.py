from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.organization_member import OrganizationMember


T = TypeVar("T", bound="Organization")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "id",
        "owner",
        "members",
    }
)


@_attrs_define
class Organization:
    """
    Attributes:
        id (str): An identifier. Sequence's own definition of this response types ids as plain strings: they are UUIDs
            today (e.g. `e309e948-088e-4d77-b654-cd85498f1555`), but nothing promises it. Modelling: no `format: uuid`,
            which would make a client reject a page with any other id.
        owner (OrganizationMember):
        members (list[OrganizationMember]):
    """

    id: str
    owner: OrganizationMember
    members: list[OrganizationMember]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        owner = self.owner.to_dict()

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "owner": owner,
                "members": members,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        owner = OrganizationMember.from_dict(d["owner"])

        members = list(map(OrganizationMember.from_dict, d["members"]))

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        organization = cls(
            id,
            owner,
            members,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if len(d) != 3:
            organization.additional_properties = {key: value for key, value in d.items() if key not in _PROPERTY_NAMES}

        return organization

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
from ..models.organization_member import OrganizationMember  # noqa: E402
