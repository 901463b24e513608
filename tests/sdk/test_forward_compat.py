"""Forward compatibility on the live mock's tolerance mode: what the contract allows parses, stays visible, round-trips.

Each client asks the mock (``mock_server`` fixture, a real process on 127.0.0.1) for variations with
the ``X-Mock-Tolerance`` header; every second customer of a page is varied (see
``customers_mock.tolerance``). Unknown enum values, new fields, absent and null fields, non-UUID
ids, long and non-ASCII text, other timestamp forms, and an undocumented 520 with an HTML body.
"""

from __future__ import annotations

import pytest

from customers_mock import tolerance
from customers_mock.testing import MockServer
from customers_sdk import RetryPolicy, sequence, straddle
from tests.sdk.sleeps import Sleeps


def _tolerant(spec: str) -> dict[str, str]:
    return {"X-Mock-Tolerance": spec}


def _seq(server: MockServer, spec: str, **options: object) -> sequence.Sequence:
    return sequence.Sequence(
        client_id=server.sequence_client_id,
        client_secret=server.sequence_client_secret,
        base_url=server.base_url,
        default_headers=_tolerant(spec),
        **options,  # type: ignore[arg-type]
    )


def _aseq(server: MockServer, spec: str) -> sequence.AsyncSequence:
    return sequence.AsyncSequence(
        client_id=server.sequence_client_id,
        client_secret=server.sequence_client_secret,
        base_url=server.base_url,
        default_headers=_tolerant(spec),
    )


def _strd(server: MockServer, spec: str, **options: object) -> straddle.Straddle:
    return straddle.Straddle(
        api_key=server.straddle_api_key,
        base_url=server.base_url,
        default_headers=_tolerant(spec),
        **options,  # type: ignore[arg-type]
    )


def _astrd(server: MockServer, spec: str, **options: object) -> straddle.AsyncStraddle:
    return straddle.AsyncStraddle(
        api_key=server.straddle_api_key,
        base_url=server.base_url,
        default_headers=_tolerant(spec),
        **options,  # type: ignore[arg-type]
    )


def test_sequence_keeps_unknown_tax_status_new_fields_and_odd_ids(mock_server: MockServer) -> None:
    """A new taxStatus, new keys, non-UUID ids, sparse customers and long text parse; known values stay members."""
    with _seq(mock_server, "all") as client:
        page = client.customers.list(limit=8, include_archived=True)
    plain, varied = page.items[0::2], page.items[1::2]
    assert all(not isinstance(c.tax_status, sequence.TaxStatus) or not c.tax_status.is_unknown for c in plain)
    for customer in varied:
        assert isinstance(customer.tax_status, sequence.TaxStatus)
        assert customer.tax_status.is_unknown
        assert customer.tax_status.value == str(customer.tax_status) == tolerance.UNKNOWN["taxStatus"]
        assert customer.to_dict()["taxStatus"] == tolerance.UNKNOWN["taxStatus"]
        assert customer.id.startswith("cus_")
        assert customer.additional_properties["preferredLanguage"] == "fr"
        assert customer.to_dict()["preferredLanguage"] == "fr"
        assert len(customer.legal_name) >= tolerance.LONG
        assert customer.legal_name.endswith(tolerance.UNICODE)
    assert isinstance(varied[0].email, sequence.Unset)  # the first varied customer has only the required fields
    assert page.envelope.pagination.additional_properties == {"cursorVersion": 2}


@pytest.mark.asyncio
async def test_sequence_async_walks_every_customer_under_every_variation(mock_server: MockServer) -> None:
    """Async auto-pagination under every variation yields totalResultSize customers, each once."""
    async with _aseq(mock_server, "all") as client:
        first = await client.customers.list(limit=7)
        ids = [c.id async for c in client.customers.list(limit=7)]
    assert len(ids) == first.total_result_size > 7
    assert len({i.removeprefix("cus_").replace("-", "") for i in ids}) == len(ids)
    assert any(i.startswith("cus_") for i in ids)


def test_straddle_keeps_unknown_status_type_response_type_and_new_fields(mock_server: MockServer) -> None:
    """A new status, type and response_type, new keys, absent and null external_id, upper-case UUIDs parse."""
    with _strd(mock_server, "all") as client, client.with_options(default_headers={}) as plain:
        page = client.customers.list(page_size=8)
        plain_page = plain.customers.list(page_size=8)
    varied = page.items[1::2]
    assert [c.id for c in page.items] == [c.id for c in plain_page.items]  # the same UUIDs, sent in upper case
    assert [c.created_at for c in page.items] == [c.created_at for c in plain_page.items]  # same instants
    assert all(not c.status.is_unknown and not c.type_.is_unknown for c in page.items[0::2])
    assert [c.status.is_unknown for c in varied] == [True, False, True, False]
    assert [c.type_.is_unknown for c in varied] == [False, True, False, True]
    assert varied[0].status.value == tolerance.UNKNOWN["status"]
    assert str(varied[1].type_) == tolerance.UNKNOWN["type"]
    assert varied[0].to_dict()["status"] == tolerance.UNKNOWN["status"]
    assert isinstance(varied[0].external_id, straddle.Unset)
    assert varied[1].external_id is None
    assert all(c.additional_properties["risk_score"] == 0.27 for c in varied)
    assert isinstance(page.envelope.response_type, straddle.ResponseType)
    assert page.envelope.response_type.is_unknown
    assert page.envelope.meta.additional_properties == {"region": "us-east-1"}


@pytest.mark.asyncio
async def test_straddle_async_walks_every_customer_under_every_variation(mock_server: MockServer) -> None:
    """Async auto-pagination under every variation yields meta.total_items customers, each once."""
    async with _astrd(mock_server, "all") as client:
        first = await client.customers.list(page_size=9)
        statuses = [c.status async for c in client.customers.list(page_size=9)]
        ids = [c.id async for c in client.customers.list(page_size=9)]
    assert len(ids) == len(set(ids)) == first.total_items > 9
    assert {s.value for s in statuses if s.is_unknown} == {tolerance.UNKNOWN["status"]}


def test_undocumented_520_with_html_is_an_internal_server_error(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    """A 520 with an HTML body: retried like any 5xx, then InternalServerError with body None - not a ValueError."""
    with (
        _strd(mock_server, "undocumented-status", retry_policy=policy) as client,
        pytest.raises(straddle.InternalServerError) as info,
    ):
        client.customers.list()
    assert info.value.status_code == 520
    assert info.value.body is None
    assert "<html>" in info.value.response.text
    assert "520" in str(info.value)
    assert len(sleeps.delays) == 2


@pytest.mark.asyncio
async def test_async_undocumented_status_is_an_internal_server_error(mock_server: MockServer) -> None:
    """Async Sequence: a 522 from a proxy is an InternalServerError carrying the raw HTML."""
    client = sequence.AsyncSequence(
        client_id=mock_server.sequence_client_id,
        client_secret=mock_server.sequence_client_secret,
        base_url=mock_server.base_url,
        default_headers=_tolerant("undocumented-status=522"),
        max_retries=0,
    )
    async with client:
        with pytest.raises(sequence.InternalServerError) as info:
            await client.customers.list()
    assert info.value.status_code == 522
    assert info.value.body is None
    assert info.value.response.headers["content-type"].startswith("text/html")
