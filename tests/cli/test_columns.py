"""CSV/table columns from the generated models and the flattening rule (in process)."""

from __future__ import annotations

from typing import Any

from sequence_client.models import Customer
from straddle_client.models import CustomerSummaryV1

from customers_cli._columns import Flattener, cell, columns_of

FULL_SEQUENCE_CUSTOMER: dict[str, Any] = {
    "id": "0192976d-9dda-7cde-af15-b08926684637",
    "createdAt": "2024-10-16T22:23:16+00:00",
    "legalName": 'Rekall, "Media" Pty',
    "organizations": [
        {
            "id": "5b0d6c1e-3f7a-4e55-9d1c-2a8f0e6b4c11",
            "owner": {"id": "6c1e7d2f-4a8b-4f66-8e2d-3b9a1f7c5d22", "name": "Owner"},
            "members": [],
        }
    ],
    "email": "a@b.example.com",
    "address": {"line1": "1 A St", "line2": "Unit 2", "town": "Oslo", "state": "NM", "postcode": "1", "country": "NO"},
    "url": "https://b.example.com/",
    "domain": "b.example.com",
    "label": "SMB",
    "integrationIds": [{"service": "Xero", "id": "x1", "isPending": True}],
    "archivedAt": "2024-11-01T00:00:00+00:00",
    "taxStatus": "TAXED",
    "customProperties": {"region": "EU"},
}


def test_columns_follow_the_model_under_api_names() -> None:
    """Straddle: every field in model order, API names (``type``, not ``type_``); date-times known by type."""
    columns = columns_of(CustomerSummaryV1)
    names = [c.name for c in columns]
    assert names == ["id", "created_at", "email", "name", "phone", "status", "type", "updated_at", "external_id"]
    assert [c.name for c in columns if c.is_datetime] == ["created_at", "updated_at"]


def test_nested_objects_are_dotted_lists_and_maps_are_json_cells() -> None:
    """Sequence: address.* columns; organizations, integrationIds and customProperties are one JSON cell each."""
    columns = {c.name: c for c in columns_of(Customer)}
    assert {"address.line1", "address.line2", "address.town", "address.state", "address.country"} <= set(columns)
    assert "address" not in columns
    assert {name for name, c in columns.items() if c.as_json} == {"organizations", "integrationIds", "customProperties"}
    assert not [c for c in columns.values() if c.is_datetime]  # Sequence types its timestamps as plain strings


def test_every_column_is_a_key_of_a_full_record() -> None:
    """Each column's path leads to a value of a customer with every field set (names match the wire)."""
    record = Customer.from_dict(FULL_SEQUENCE_CUSTOMER).to_dict()
    for column in columns_of(Customer):
        value: Any = record
        for key in column.path:
            value = value[key]
        assert value is not None, column.name


def test_cells_follow_the_documented_rule() -> None:
    """None is empty, booleans true/false, lists and maps compact JSON, the rest as text."""
    assert cell(None) == ""
    assert cell(True) == "true"
    assert cell(False) == "false"
    assert cell([{"a": 1}]) == '[{"a":1}]'
    assert cell({"région": "EU"}) == '{"région":"EU"}'
    assert cell(12) == "12"
    assert cell('x, "y"') == 'x, "y"'


def test_absent_fields_are_empty_cells() -> None:
    """A customer with only the required fields has empty cells elsewhere, in the same columns."""
    columns = columns_of(Customer)
    minimal = {"id": FULL_SEQUENCE_CUSTOMER["id"], "createdAt": "2024-01-01T00:00:00+00:00", "legalName": "X"}
    row = Flattener(columns, columns, warn=lambda _: None).row(minimal)
    assert row[:3] == [minimal["id"], "2024-01-01T00:00:00+00:00", "X"]
    assert row[3:] == [""] * (len(columns) - 3)


def test_fields_the_spec_does_not_know_are_reported_once() -> None:
    """A newer API's extra field (top level or nested) is left out of CSV, with one note per field."""
    columns = columns_of(Customer)
    notes: list[str] = []
    flattener = Flattener(columns, columns, warn=notes.append)
    record = FULL_SEQUENCE_CUSTOMER | {"riskScore": 3, "address": FULL_SEQUENCE_CUSTOMER["address"] | {"geo": "x"}}
    first = flattener.row(record)
    flattener.row(record)
    assert len(first) == len(columns)
    assert sorted(notes) == [
        "field 'address.geo' is not in the spec; only --format json/jsonl keep it",
        "field 'riskScore' is not in the spec; only --format json/jsonl keep it",
    ]
    assert not [n for n in notes if "integrationIds" in n or "customProperties" in n]  # JSON cells hold any key
