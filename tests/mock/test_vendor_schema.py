"""The mock's Sequence data is what Sequence sends: every customer valid against the vendor's own required fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from customers_mock.dataset import SequenceData
from customers_mock.testing import start_mock_server

# Written from the vendor's published schema as issue 19 describes it, not from openapi/sequence.yaml.
SCHEMA: dict[str, Any] = json.loads((Path(__file__).parent / "vendor" / "sequence-customer.schema.json").read_text())
VENDOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
US = set(SCHEMA["$defs"]["address"]["properties"]["state"]["enum"][:51])  # 50 states and DC
CANADA = set(SCHEMA["$defs"]["address"]["properties"]["state"]["enum"][51:])


def _problems(customers: list[dict[str, Any]]) -> list[str]:
    problems = [
        f"{c.get('id')}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for c in customers
        for e in VENDOR.iter_errors(c)
    ]
    for c in customers:
        address, state = c["address"], c["address"].get("state")
        allowed = US if address["country"] == "US" else CANADA if address["country"] == "CA" else set()
        if (state is not None or allowed) and state not in allowed:
            problems.append(f"{c['id']}: state {state!r} in country {address['country']}")
    return problems


def test_the_vendor_schema_is_the_issue_s_description() -> None:
    """The schema the data is held to has the 8 required fields and the 64 state codes (50 + DC + 13)."""
    assert len(US) == 51
    assert "DC" in US
    assert len(CANADA) == 13
    assert "ON" in CANADA
    assert len(SCHEMA["required"]) == 8
    assert not VENDOR.is_valid({"id": "x", "createdAt": "2021-01-02T10:55:00Z", "legalName": "Sparse"})


@pytest.mark.parametrize(("seed", "size"), [(1, 1), (1, 3000), (7, 500), (42, 2000), (2**64 - 1, 700), (-5, 50)])
def test_every_generated_customer_validates_against_the_vendor_schema(seed: int, size: int) -> None:
    """Every generated customer of several seeds and sizes, archived ones included, has every vendor field."""
    for account in ("acme", "globex"):
        data = SequenceData(seed, account, size)
        customers = [data.customer(i) for i in range(size)]
        assert _problems(customers) == []
        if size >= 500:  # the collections are empty for some customers, full for others; some are archived
            assert any(c["organizations"] for c in customers)
            assert any(not c["organizations"] for c in customers)
            assert any(c["integrationIds"] for c in customers)
            assert any(not c["integrationIds"] for c in customers)
            assert any(c["customProperties"] == {} for c in customers)
            assert any("archivedAt" in c for c in customers)
            assert {c["address"]["country"] for c in customers} >= {"US", "CA", "GB"}


def test_what_the_running_mock_serves_validates_archived_included() -> None:
    """Every customer the real server lists (includeArchived=true, every page) validates against the vendor schema."""
    with start_mock_server(customers=300, seed=11) as server, httpx.Client(auth=server.sequence_auth) as client:
        customers: list[dict[str, Any]] = []
        params: dict[str, Any] = {"includeArchived": "true", "limit": 100}
        while True:
            page = client.get(server.sequence_url, params=params).json()
            customers += page["items"]
            if "after" not in page["pagination"]:
                break
            params["after"] = page["pagination"]["after"]
    assert len(customers) == 300
    assert any("archivedAt" in c for c in customers)
    assert _problems(customers) == []
