"""The generated models' fast decode paths (openapi/templates/) keep the stock behaviour exactly.

The templates replace uuid.UUID(...) and EnumClass(...) with helpers in each client's types.py, read keys without
copying the input, and test for unknown keys by counting. These tests pin what must not change: the same values
and the same exceptions as the standard library, unknown values and keys kept, missing keys failing, round trips.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from enum import Enum
from typing import Any

import pytest
import sequence_client.types
import straddle_client.types
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sequence_client.models import Customer, ListCustomersResponse, TaxStatus
from sequence_client.types import UNSET as SEQUENCE_UNSET
from sequence_client.types import Unset as SequenceUnset
from straddle_client.models import CustomerStatus, CustomerSummaryV1, CustomerType, ErrorDetailV1, ErrorItemV1
from straddle_client.types import UNSET

TYPES_MODULES = [sequence_client.types, straddle_client.types]


def _outcome(fn: Callable[[Any], Any], value: Any) -> tuple[Any, ...]:
    """What a call gives: its result (with type and, for enums, member name) or its exception type and message."""
    try:
        result = fn(value)
    except Exception as exc:  # the exception itself is the outcome being compared
        return ("raised", type(exc), str(exc))
    extra = result.is_safe if isinstance(result, uuid.UUID) else getattr(result, "_name_", None)
    return ("returned", type(result), result, extra)


# Strings near the canonical form: hex digits, hyphens, and every character uuid.UUID strips or int() tolerates.
_UUID_LIKE = st.one_of(
    st.uuids().map(str),
    st.uuids().map(lambda u: str(u).upper()),
    st.text(alphabet="0123456789abcdefABCDEFg-{}urn:id_+ ", min_size=30, max_size=46),
)


@pytest.mark.parametrize("types", TYPES_MODULES, ids=["sequence", "straddle"])
@settings(max_examples=300, deadline=None)
@given(value=_UUID_LIKE)
@example(value="472aef9a-8c0b-43ce-91b8-2178cb349f8z")
@example(value="{472aef9a-8c0b-43ce-91b8-2178cb349f87}")
@example(value="urn:uuid:472aef9a-8c0b-43ce-91b8-2178cb349f87")
@example(value="472aef9a8c0b43ce91b82178cb349f87")
@example(value="+72aef9a-8c0b-43ce-91b8-2178cb349f87")
@example(value="472a_f9a-8c0b-43ce-91b8-2178cb349f87")
@example(value=" 72aef9a-8c0b-43ce-91b8-2178cb349f87")
@example(value="472aef9a-8c0b-43ce-91b8-2178cb349f8--")
@example(value="472aef9a--8c0b43ce-91b8-2178cb349f87")
def test_parse_uuid_gives_what_uuid_gives_for_any_string(types: Any, value: str) -> None:
    """parse_uuid returns the same UUID (and is_safe) as uuid.UUID, or raises the same exception."""
    assert _outcome(types.parse_uuid, value) == _outcome(uuid.UUID, value)


@pytest.mark.parametrize("types", TYPES_MODULES, ids=["sequence", "straddle"])
@pytest.mark.parametrize("value", [None, 5, b"472aef9a-8c0b-43ce-91b8-2178cb349f87", ["472aef9a"], ""])
def test_parse_uuid_fails_like_uuid_on_non_strings(types: Any, value: Any) -> None:
    """Non-string input raises the very exception uuid.UUID raises."""
    assert _outcome(types.parse_uuid, value) == _outcome(uuid.UUID, value)


_ENUM_CASES: list[tuple[type[Enum], Any]] = [
    (CustomerStatus, "review"),
    (CustomerStatus, "suspended"),
    (CustomerStatus, ""),
    (CustomerStatus, CustomerStatus.VERIFIED),
    (CustomerStatus, 5),
    (CustomerStatus, None),
    (CustomerStatus, ["review"]),
    (CustomerType, "business"),
    (TaxStatus, "TAXED"),
    (TaxStatus, "PARTIALLY_TAXED"),
    (TaxStatus, {"TAXED": 1}),
]


@pytest.mark.parametrize("types", TYPES_MODULES, ids=["sequence", "straddle"])
@pytest.mark.parametrize(("enum", "value"), _ENUM_CASES)
def test_parse_enum_gives_what_calling_the_enum_gives(types: Any, enum: type[Enum], value: Any) -> None:
    """parse_enum returns the same member or unknown pseudo-member as enum(value), or raises the same exception."""
    assert _outcome(lambda v: types.parse_enum(enum, v), value) == _outcome(enum, value)


def _straddle_customer(**changes: Any) -> dict[str, Any]:
    customer = {
        "id": "472aef9a-8c0b-43ce-91b8-2178cb349f87",
        "created_at": "2019-01-01T11:36:40.535Z",
        "email": "mei@example.com",
        "name": "Mei Johnson",
        "phone": "+462549200411",
        "status": "review",
        "type": "individual",
        "updated_at": "2019-01-29T06:20:43.088Z",
        "external_id": "ext_1",
    }
    customer.update(changes)
    return customer


def test_straddle_customer_decodes_every_field_without_touching_the_input() -> None:
    """Each field gets its type (UUID, datetime, enum); the input mapping is left as it was."""
    raw = _straddle_customer()
    before = copy.deepcopy(raw)
    customer = CustomerSummaryV1.from_dict(raw)
    assert raw == before
    assert customer.id == uuid.UUID(raw["id"])
    assert customer.created_at.isoformat() == "2019-01-01T11:36:40.535000+00:00"
    assert customer.status is CustomerStatus.REVIEW
    assert customer.type_ is CustomerType.INDIVIDUAL
    assert customer.external_id == "ext_1"
    assert customer.additional_properties == {}
    assert CustomerSummaryV1.from_dict(customer.to_dict()) == customer


def test_straddle_nullable_external_id_keeps_null_apart_from_absent() -> None:
    """external_id null decodes to None and is sent back; absent decodes to UNSET and is left out."""
    null = CustomerSummaryV1.from_dict(_straddle_customer(external_id=None))
    assert null.external_id is None
    assert null.to_dict()["external_id"] is None
    absent_raw = _straddle_customer()
    del absent_raw["external_id"]
    absent = CustomerSummaryV1.from_dict(absent_raw)
    assert absent.external_id is UNSET
    assert "external_id" not in absent.to_dict()


@pytest.mark.parametrize("with_external_id", [True, False], ids=["optional-present", "optional-absent"])
def test_straddle_unknown_keys_are_kept_whichever_optional_keys_are_present(with_external_id: bool) -> None:
    """A new key is kept in additional_properties even when an absent optional key leaves the key count unchanged."""
    raw = _straddle_customer(risk_score=0.3)
    if not with_external_id:
        del raw["external_id"]
    customer = CustomerSummaryV1.from_dict(raw)
    assert customer.additional_properties == {"risk_score": 0.3}
    assert customer.to_dict()["risk_score"] == 0.3


def test_unknown_keys_dict_is_not_shared() -> None:
    """Every decoded object owns its additional_properties: changing one changes no other object and no input."""
    raw = _straddle_customer()
    first, second = CustomerSummaryV1.from_dict(raw), CustomerSummaryV1.from_dict(raw)
    first["note"] = "mine"
    assert "note" not in second
    assert "note" not in raw


@pytest.mark.parametrize("key", ["id", "created_at", "status", "updated_at"])
def test_straddle_missing_required_key_fails_naming_it(key: str) -> None:
    """A required key that is missing raises KeyError with that key, as the stock template does."""
    raw = _straddle_customer()
    del raw[key]
    with pytest.raises(KeyError, match=key):
        CustomerSummaryV1.from_dict(raw)


def test_straddle_unknown_enum_values_are_kept() -> None:
    """A status or type the spec does not list becomes an is_unknown pseudo-member that round-trips."""
    customer = CustomerSummaryV1.from_dict(_straddle_customer(status="suspended", type="trust"))
    assert customer.status.is_unknown
    assert customer.type_.is_unknown
    assert (customer.to_dict()["status"], customer.to_dict()["type"]) == ("suspended", "trust")


def test_straddle_error_detail_nullable_list_of_models() -> None:
    """The nullable `items` list of the error model decodes to models, None, or UNSET when absent."""
    base = {"status": 422, "type": "validation_error", "title": "Invalid"}
    listed = ErrorDetailV1.from_dict({**base, "items": [{"reference": "page_size", "detail": "too big"}]})
    assert isinstance(listed.items, list)
    assert isinstance(listed.items[0], ErrorItemV1)
    assert ErrorDetailV1.from_dict({**base, "items": None}).items is None
    assert ErrorDetailV1.from_dict(base).items is UNSET


def _sequence_customer() -> dict[str, Any]:
    member = {"id": "019312ee-e625-7c49-9dca-c4e52f5d79e7", "name": "Umbrella Lending LLC"}
    return {
        "id": "01940abe-cbea-7ae2-b594-92bf25d52df6",
        "createdAt": "2024-12-28T00:51:03Z",
        "legalName": "Kruger Holdings GmbH",
        "organizations": [{"id": "5351c050-c23b-43de-a930-586bebe17db2", "owner": member, "members": [member]}],
        "address": {"line1": "154 Rue de Rivoli", "town": "Paris", "postcode": "78794", "country": "FR"},
        "integrationIds": [{"service": "Xero", "id": "x1", "isPending": True}],
        "taxStatus": "TAXED",
        "customProperties": {"region": "EU", "tier": "gold"},
    }


def test_sequence_nested_models_lists_and_string_maps_decode_and_round_trip() -> None:
    """Organizations (nested models in lists), address, integration ids and custom properties all decode."""
    raw = _sequence_customer()
    customer = Customer.from_dict(raw)
    assert not isinstance(customer.organizations, SequenceUnset)
    assert customer.organizations[0].members[0].id == raw["organizations"][0]["members"][0]["id"]
    assert not isinstance(customer.address, SequenceUnset)
    assert customer.address.line2 is SEQUENCE_UNSET
    assert customer.tax_status is TaxStatus.TAXED
    assert Customer.from_dict(customer.to_dict()) == customer


def test_sequence_custom_properties_are_a_copy_of_the_input() -> None:
    """The string map in customProperties is copied: changing the model does not change the decoded JSON."""
    raw = _sequence_customer()
    customer = Customer.from_dict(raw)
    assert not isinstance(customer.custom_properties, SequenceUnset)
    customer.custom_properties["tier"] = "platinum"
    assert raw["customProperties"]["tier"] == "gold"


def test_sequence_absent_optional_objects_are_unset_and_left_out() -> None:
    """A customer with only the required keys decodes with every optional field UNSET and sends none of them."""
    raw = {"id": "01940abe-cbea-7ae2-b594-92bf25d52df6", "createdAt": "2024-12-28T00:51:03Z", "legalName": "K"}
    customer = Customer.from_dict(raw)
    assert customer.address is SEQUENCE_UNSET
    assert customer.organizations is SEQUENCE_UNSET
    assert customer.custom_properties is SEQUENCE_UNSET
    assert set(customer.to_dict()) == set(raw)


def test_sequence_page_keeps_unknown_keys_at_every_level() -> None:
    """New keys on the page, a customer, a nested organization member and the pagination are all kept."""
    customer = _sequence_customer()
    customer["loyaltyTier"] = "gold"
    customer["organizations"][0]["owner"] = {**customer["organizations"][0]["owner"], "role": "admin"}
    page = ListCustomersResponse.from_dict(
        {"items": [customer], "pagination": {"totalResultSize": 1, "cursorVersion": 2}, "region": "eu"}
    )
    decoded = page.items[0]
    assert page.additional_properties == {"region": "eu"}
    assert page.pagination.additional_properties == {"cursorVersion": 2}
    assert decoded.additional_properties == {"loyaltyTier": "gold"}
    assert not isinstance(decoded.organizations, SequenceUnset)
    assert decoded.organizations[0].owner.additional_properties == {"role": "admin"}
