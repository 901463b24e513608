"""Forward compatibility: unknown enum values and new fields parse, stay visible and round-trip."""

from __future__ import annotations

import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse

from customers_sdk.sequence import AsyncSequence, Sequence, TaxStatus
from customers_sdk.straddle import AsyncStraddle, CustomerStatus, CustomerType, ResponseType, Straddle
from tests.sdk.fake_vendor import (
    SEQUENCE_ID,
    SEQUENCE_PATH,
    SEQUENCE_SECRET,
    STRADDLE_KEY,
    STRADDLE_PATH,
    FakeVendor,
    sequence_customer,
    straddle_customer,
    straddle_meta,
)

Fake = tuple[FakeVendor, str]


def _sequence_page(_: Request) -> JSONResponse:
    items = [
        sequence_customer(0),
        sequence_customer(
            1,
            taxStatus="PARTIALLY_TAXED",
            loyaltyTier="gold",
            integrationIds=[{"service": "Brand_New_CRM", "id": "x1", "isPending": True}],
        ),
    ]
    return JSONResponse({"items": items, "pagination": {"totalResultSize": 2, "cursorVersion": 2}})


def _straddle_page(_: Request) -> JSONResponse:
    data = [straddle_customer(0), straddle_customer(1, status="suspended", type="trust", risk_score=0.3)]
    meta = straddle_meta(1, 100, 2) | {"region": "eu"}
    return JSONResponse({"data": data, "meta": meta, "response_type": "paged_array"})


def test_sequence_keeps_unknown_tax_status_new_service_and_new_fields(fake: Fake) -> None:
    """A new taxStatus, a new integration service and new keys parse; known values stay members."""
    vendor, url = fake
    vendor.script(SEQUENCE_PATH, _sequence_page)
    with Sequence(client_id=SEQUENCE_ID, client_secret=SEQUENCE_SECRET, base_url=url) as client:
        page = client.customers.list()
    known, new = page.items
    assert known.tax_status is TaxStatus.TAXED
    assert not known.tax_status.is_unknown
    assert isinstance(new.tax_status, TaxStatus)
    assert new.tax_status.is_unknown
    assert new.tax_status.value == "PARTIALLY_TAXED"
    assert new.additional_properties == {"loyaltyTier": "gold"}
    assert isinstance(new.integration_ids, list)
    assert new.integration_ids[0].service == "Brand_New_CRM"
    assert page.envelope.pagination.additional_properties == {"cursorVersion": 2}
    assert new.to_dict()["taxStatus"] == "PARTIALLY_TAXED"
    assert new.to_dict()["loyaltyTier"] == "gold"


@pytest.mark.asyncio
async def test_sequence_async_keeps_unknown_values(fake: Fake) -> None:
    """Async: the same page parses with the unknown taxStatus kept."""
    vendor, url = fake
    vendor.script(SEQUENCE_PATH, _sequence_page)
    async with AsyncSequence(client_id=SEQUENCE_ID, client_secret=SEQUENCE_SECRET, base_url=url) as client:
        statuses = [c.tax_status async for c in client.customers.list()]
    assert [str(s) for s in statuses] == ["TAXED", "PARTIALLY_TAXED"]


def test_straddle_keeps_unknown_status_type_response_type_and_new_fields(fake: Fake) -> None:
    """A new status, type and response_type and new keys parse; the raw values stay visible."""
    vendor, url = fake
    vendor.script(STRADDLE_PATH, _straddle_page)
    with Straddle(api_key=STRADDLE_KEY, base_url=url) as client:
        page = client.customers.list()
    known, new = page.items
    assert known.status is CustomerStatus.VERIFIED
    assert new.status.is_unknown
    assert new.status.value == "suspended"
    assert isinstance(new.type_, CustomerType)
    assert new.type_.is_unknown
    assert str(new.type_) == "trust"
    assert new.additional_properties == {"risk_score": 0.3}
    assert isinstance(page.envelope.response_type, ResponseType)
    assert page.envelope.response_type.is_unknown
    assert page.envelope.meta.additional_properties == {"region": "eu"}
    assert new.to_dict()["status"] == "suspended"


@pytest.mark.asyncio
async def test_straddle_async_keeps_unknown_values(fake: Fake) -> None:
    """Async: the same Straddle page parses with the unknown status kept."""
    vendor, url = fake
    vendor.script(STRADDLE_PATH, _straddle_page)
    async with AsyncStraddle(api_key=STRADDLE_KEY, base_url=url) as client:
        statuses = [c.status.value async for c in client.customers.list()]
    assert statuses == ["verified", "suspended"]
