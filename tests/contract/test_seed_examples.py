"""The vendors' own example responses parse with the generated models, field for field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sequence_client.models import ListCustomersResponse, TaxStatus
from straddle_client.models import CustomerStatus, CustomerSummaryPagedV1, CustomerType, ResponseType, SortOrder

from tests.contract import compare

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SOURCES = {
    "sequence_list_customers.json": "000_ede6737d633bcf76.txt",
    "straddle_list_customers.json": "004_abe255545d889f8b.txt",
}


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return data


@pytest.mark.parametrize(
    ("fixture", "model"),
    [("sequence_list_customers.json", ListCustomersResponse), ("straddle_list_customers.json", CustomerSummaryPagedV1)],
)
def test_seed_example_round_trips_field_for_field(fixture: str, model: Any) -> None:
    """Every field of the page's example is a known model field and comes back with the same value."""
    data = _load(fixture)
    parsed = model.from_dict(data)
    assert compare.unknown_keys(parsed) == []
    assert compare.differences(data, parsed.to_dict()) == []


def test_sequence_seed_example_has_typed_values() -> None:
    """The Sequence example's values come out typed as Sequence types them: ids and times as the strings sent."""
    page = ListCustomersResponse.from_dict(_load("sequence_list_customers.json"))
    [customer] = page.items
    assert customer.id == "e309e948-088e-4d77-b654-cd85498f1555"
    assert customer.created_at == "2021-01-02T10:55:00Z"
    assert customer.archived_at == "2011-08-28T01:00:00Z"
    assert customer.tax_status is TaxStatus.TAXED
    assert customer.legal_name == "Fintech Payment Processing"
    assert customer.address.country == "US"  # type: ignore[union-attr]
    assert [i.service for i in customer.integration_ids] == ["Xero", "Stripe"]  # type: ignore[union-attr]
    assert customer.organizations[0].owner.id == "50af5191-05a3-42a5-802a-6b59091157af"  # type: ignore[index]
    assert customer.custom_properties.to_dict() == {"region": "EU", "tier": "gold"}  # type: ignore[union-attr]
    assert page.pagination.total_result_size == 10
    assert page.pagination.after == "MDE4NDUyNjYtNmQ2NC03N2M4LTlhZGYtNDQ4N2Q5NGQxNDU3"


def test_straddle_seed_example_has_typed_values() -> None:
    """The Straddle example's ids, times and enums come out as typed values (placeholders included)."""
    page = CustomerSummaryPagedV1.from_dict(_load("straddle_list_customers.json"))
    [customer] = page.data
    assert customer.id == UUID("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")
    assert customer.created_at == dt.datetime(2019, 12, 27, 18, 11, 19, 117000, tzinfo=dt.UTC)
    assert customer.status is CustomerStatus.PENDING
    assert customer.type_ is CustomerType.INDIVIDUAL
    assert customer.external_id == "external_id"
    assert page.meta.sort_order is SortOrder.ASC
    assert page.meta.page_number == 0
    assert page.response_type is ResponseType.OBJECT


@pytest.mark.parametrize("fixture", sorted(SOURCES))
def test_fixture_is_the_seed_verbatim(fixture: str) -> None:
    """The fixture is byte for byte the first JSON example on the vendor page (when the pages are beside the repo)."""
    seed = SEEDS / SOURCES[fixture]
    if not seed.exists():
        pytest.skip(f"vendor pages not found at {SEEDS}")
    text = seed.read_text()
    start = text.index("\n{\n") + 1
    _, end = json.JSONDecoder().raw_decode(text, start)
    assert (FIXTURES / fixture).read_text() == text[start:end] + "\n"
