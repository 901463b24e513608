from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tax_status import TaxStatus
from ..types import UNSET, Unset, parse_enum

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.customer_custom_properties import CustomerCustomProperties
    from ..models.integration_id import IntegrationId
    from ..models.organization import Organization


T = TypeVar("T", bound="Customer")

# The keys this model's properties are read from; from_dict keeps any other key in additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "id",
        "createdAt",
        "legalName",
        "organizations",
        "email",
        "address",
        "url",
        "domain",
        "label",
        "integrationIds",
        "archivedAt",
        "taxStatus",
        "customProperties",
    }
)


@_attrs_define
class Customer:
    """A customer. Modelling: only `id`, `createdAt` and `legalName` are required, because every other field may be absent
    on a real customer (no archive date, no address, ...). Ids and timestamps are plain strings, as in Sequence's own
    definition of this response: a response schema is never stricter than the vendor's contract where a stricter type
    would make a client reject the value (see openapi/README.md, "Response schemas").

        Attributes:
            id (str): An identifier. Sequence's own definition of this response types ids as plain strings: they are UUIDs
                today (e.g. `e309e948-088e-4d77-b654-cd85498f1555`), but nothing promises it. Modelling: no `format: uuid`,
                which would make a client reject a page with any other id.
            created_at (str): A timestamp, RFC 3339 in practice (e.g. `2021-01-02T10:55:00Z`). Sequence's own definition of
                this response types timestamps as plain strings. Modelling: no `format: date-time`, which would make a client
                reject a page with any other form; parse it where you need a time.
            legal_name (str):
            organizations (list[Organization] | Unset):
            email (str | Unset): Modelling: not in the page's example, but the page filters by email, so customers carry
                one; optional, and a plain string (no `format`: the vendor states none).
            address (Address | Unset):
            url (str | Unset): Modelling: a plain string (no `format: uri`: a customer's site may be given without a
                scheme).
            domain (str | Unset):
            label (str | Unset):
            integration_ids (list[IntegrationId] | Unset):
            archived_at (str | Unset): When the customer was archived; absent for customers that are not archived. A plain
                string, like every Sequence timestamp (see `Timestamp`).
            tax_status (TaxStatus | Unset): How the customer is taxed. Sequence may add values; clients keep unknown values
                instead of failing.
            custom_properties (CustomerCustomProperties | Unset): Free-form custom properties, keyed by property name.
    """

    id: str
    created_at: str
    legal_name: str
    organizations: list[Organization] | Unset = UNSET
    email: str | Unset = UNSET
    address: Address | Unset = UNSET
    url: str | Unset = UNSET
    domain: str | Unset = UNSET
    label: str | Unset = UNSET
    integration_ids: list[IntegrationId] | Unset = UNSET
    archived_at: str | Unset = UNSET
    tax_status: TaxStatus | Unset = UNSET
    custom_properties: CustomerCustomProperties | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created_at = self.created_at

        legal_name = self.legal_name

        organizations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.organizations, Unset):
            organizations = []
            for organizations_item_data in self.organizations:
                organizations_item = organizations_item_data.to_dict()
                organizations.append(organizations_item)

        email = self.email

        address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.address, Unset):
            address = self.address.to_dict()

        url = self.url

        domain = self.domain

        label = self.label

        integration_ids: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.integration_ids, Unset):
            integration_ids = []
            for integration_ids_item_data in self.integration_ids:
                integration_ids_item = integration_ids_item_data.to_dict()
                integration_ids.append(integration_ids_item)

        archived_at = self.archived_at

        tax_status: str | Unset = UNSET
        if not isinstance(self.tax_status, Unset):
            tax_status = self.tax_status.value

        custom_properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_properties, Unset):
            custom_properties = self.custom_properties.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "createdAt": created_at,
                "legalName": legal_name,
            }
        )
        if organizations is not UNSET:
            field_dict["organizations"] = organizations
        if email is not UNSET:
            field_dict["email"] = email
        if address is not UNSET:
            field_dict["address"] = address
        if url is not UNSET:
            field_dict["url"] = url
        if domain is not UNSET:
            field_dict["domain"] = domain
        if label is not UNSET:
            field_dict["label"] = label
        if integration_ids is not UNSET:
            field_dict["integrationIds"] = integration_ids
        if archived_at is not UNSET:
            field_dict["archivedAt"] = archived_at
        if tax_status is not UNSET:
            field_dict["taxStatus"] = tax_status
        if custom_properties is not UNSET:
            field_dict["customProperties"] = custom_properties

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        created_at = d["createdAt"]

        legal_name = d["legalName"]

        _organizations = d.get("organizations", UNSET)
        organizations: list[Organization] | Unset = UNSET
        if _organizations is not UNSET:
            organizations = list(map(Organization.from_dict, _organizations))

        email = d.get("email", UNSET)

        _address = d.get("address", UNSET)
        address: Address | Unset
        if _address is UNSET:
            address = UNSET
        else:
            address = Address.from_dict(_address)

        url = d.get("url", UNSET)

        domain = d.get("domain", UNSET)

        label = d.get("label", UNSET)

        _integration_ids = d.get("integrationIds", UNSET)
        integration_ids: list[IntegrationId] | Unset = UNSET
        if _integration_ids is not UNSET:
            integration_ids = list(map(IntegrationId.from_dict, _integration_ids))

        archived_at = d.get("archivedAt", UNSET)

        _tax_status = d.get("taxStatus", UNSET)
        tax_status: TaxStatus | Unset
        if _tax_status is UNSET:
            tax_status = UNSET
        else:
            tax_status = parse_enum(TaxStatus, _tax_status)

        _custom_properties = d.get("customProperties", UNSET)
        custom_properties: CustomerCustomProperties | Unset
        if _custom_properties is UNSET:
            custom_properties = UNSET
        else:
            custom_properties = CustomerCustomProperties.from_dict(_custom_properties)

        # Positional arguments, in the order the class declares its fields: cheaper than keywords.
        customer = cls(
            id,
            created_at,
            legal_name,
            organizations,
            email,
            address,
            url,
            domain,
            label,
            integration_ids,
            archived_at,
            tax_status,
            custom_properties,
        )

        # Keys the schema does not name are kept; usually there are none, and the instance keeps its empty dict.
        if not _PROPERTY_NAMES.issuperset(d):
            customer.additional_properties = {key: value for key, value in d.items() if key not in _PROPERTY_NAMES}

        return customer

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
from ..models.address import Address  # noqa: E402
from ..models.customer_custom_properties import CustomerCustomProperties  # noqa: E402
from ..models.integration_id import IntegrationId  # noqa: E402
from ..models.organization import Organization  # noqa: E402
