"""The generated clients used directly survive what a real API may send: the mock's tolerance mode, over real sockets.

Each request asks the live mock (``mock_server`` fixture) for variations with its ``X-Mock-Tolerance``
header; the same request without it gives the plain page, which the varied one must match in
substance (same customers, same instants), since tolerance only rewrites how a page is written.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from http import HTTPStatus
from uuid import UUID

import httpx
import pytest
import sequence_client
import straddle_client
from sequence_client import AuthenticatedClient as SequenceClient
from sequence_client.api.customers import list_customers as sequence_list
from sequence_client.models import Address, ErrorResponse, ListCustomersResponse, TaxStatus
from sequence_client.types import UNSET as SEQUENCE_UNSET
from sequence_client.types import Unset as SequenceUnset
from sequence_client.types import parse_datetime
from straddle_client import AuthenticatedClient as StraddleClient
from straddle_client.api.customers import list_customers as straddle_list
from straddle_client.models import CustomerStatus, CustomerSummaryPagedV1, CustomerType, ResponseType
from straddle_client.types import Unset

from customers_mock import tolerance
from customers_mock.testing import MockServer

UNDOCUMENTED = [520, 522, 527, 499]


def _sequence(
    server: MockServer, spec: str | None = None, *, raise_on_unexpected_status: bool = False
) -> SequenceClient:
    """The generated Sequence client for the demo account, asking for the tolerance ``spec`` on every request."""
    return SequenceClient(
        base_url=server.base_url,
        token="",
        headers={"X-Mock-Tolerance": spec} if spec else {},
        httpx_args={"auth": httpx.BasicAuth(server.sequence_client_id, server.sequence_client_secret)},
        raise_on_unexpected_status=raise_on_unexpected_status,
    )


def _straddle(
    server: MockServer, spec: str | None = None, *, raise_on_unexpected_status: bool = False
) -> StraddleClient:
    """The generated Straddle client for the demo account, asking for the tolerance ``spec`` on every request."""
    return StraddleClient(
        base_url=server.base_url,
        token=server.straddle_api_key,
        headers={"X-Mock-Tolerance": spec} if spec else {},
        raise_on_unexpected_status=raise_on_unexpected_status,
    )


@pytest.fixture
def sequence_page(mock_server: MockServer) -> tuple[ListCustomersResponse, ListCustomersResponse]:
    """The same Sequence page (archived included), plain and with every tolerance variation."""
    with _sequence(mock_server) as plain, _sequence(mock_server, "all") as varied:
        pages = [sequence_list.sync(client=c, limit=12, include_archived=True) for c in (plain, varied)]
    assert isinstance(pages[0], ListCustomersResponse)
    assert isinstance(pages[1], ListCustomersResponse)
    return pages[0], pages[1]


@pytest.fixture
def straddle_page(mock_server: MockServer) -> tuple[CustomerSummaryPagedV1, CustomerSummaryPagedV1]:
    """The same Straddle page, plain and with every tolerance variation."""
    with _straddle(mock_server) as plain, _straddle(mock_server, "all") as varied:
        pages = [straddle_list.sync(client=c, page_size=12) for c in (plain, varied)]
    assert isinstance(pages[0], CustomerSummaryPagedV1)
    assert isinstance(pages[1], CustomerSummaryPagedV1)
    return pages[0], pages[1]


# ---- an undocumented status ----------------------------------------------------------------


@pytest.mark.parametrize("status", UNDOCUMENTED)
def test_sequence_undocumented_status_is_a_response(mock_server: MockServer, status: int) -> None:
    """A 520/522/527/499 with an HTML body: sync_detailed returns a Response with that status, not a ValueError."""
    with _sequence(mock_server, f"undocumented-status={status}") as client:
        response = sequence_list.sync_detailed(client=client)
        assert sequence_list.sync(client=client) is None
    assert response.status_code == status
    assert response.parsed is None
    assert b"<html>" in response.content


@pytest.mark.parametrize("status", UNDOCUMENTED)
def test_straddle_async_undocumented_status_is_a_response(mock_server: MockServer, status: int) -> None:
    """Async Straddle: the same for asyncio_detailed and asyncio."""

    async def call() -> None:
        async with _straddle(mock_server, f"undocumented-status={status}") as client:
            response = await straddle_list.asyncio_detailed(client=client)
            assert await straddle_list.asyncio(client=client) is None
        assert response.status_code == status
        assert response.parsed is None

    asyncio.run(call())


def test_known_statuses_stay_http_status_members(mock_server: MockServer) -> None:
    """A status Python names is still an HTTPStatus member; a documented error still parses into its model."""
    auth = httpx.BasicAuth("seq_demo_client", "wrong")
    with SequenceClient(base_url=mock_server.base_url, token="", httpx_args={"auth": auth}) as client:
        response = sequence_list.sync_detailed(client=client)
    assert response.status_code is HTTPStatus.UNAUTHORIZED
    assert isinstance(response.parsed, ErrorResponse)


@pytest.mark.parametrize("package", [sequence_client, straddle_client], ids=["sequence", "straddle"])
def test_undocumented_status_raises_the_generators_error_when_asked(mock_server: MockServer, package: object) -> None:
    """With raise_on_unexpected_status=True a 520 raises the generator's UnexpectedStatus, with status and body."""
    errors = package.errors  # type: ignore[attr-defined]
    if package is sequence_client:
        seq = _sequence(mock_server, "undocumented-status", raise_on_unexpected_status=True)
        with seq, pytest.raises(errors.UnexpectedStatus) as raised:
            sequence_list.sync_detailed(client=seq)
    else:
        strd = _straddle(mock_server, "undocumented-status", raise_on_unexpected_status=True)
        with strd, pytest.raises(errors.UnexpectedStatus) as raised:
            straddle_list.sync_detailed(client=strd)
    assert raised.value.status_code == tolerance.DEFAULT_STATUS
    assert b"<html>" in raised.value.content


# ---- values the contract allows and the examples never show ----------------------------------


def test_sequence_page_with_every_variation_parses(
    sequence_page: tuple[ListCustomersResponse, ListCustomersResponse],
) -> None:
    """Non-UUID ids, absent fields, new keys, long and non-ASCII text, other timestamp forms, a new taxStatus."""
    plain, varied = sequence_page
    assert len(varied.items) == len(plain.items) == 12
    assert varied.pagination.additional_properties == {"cursorVersion": 2}
    assert "links" in varied.additional_properties
    for place, (before, after) in enumerate(zip(plain.items, varied.items, strict=True)):
        if place % 2 == 0:  # the plain customers of the page are untouched
            assert after == before
            continue
        assert after.id.startswith("cus_")
        assert after.id.removeprefix("cus_") == before.id.replace("-", "")
        assert after.legal_name.startswith(before.legal_name)
        assert len(after.legal_name) >= tolerance.LONG
        assert tolerance.UNICODE in after.legal_name
        assert parse_datetime(after.created_at) == parse_datetime(before.created_at)  # the same instant
        assert isinstance(after.tax_status, TaxStatus)
        assert after.tax_status.is_unknown
        assert after.tax_status.value == tolerance.UNKNOWN["taxStatus"]
        assert after.additional_properties["preferredLanguage"] == "fr"
        if place % 4 == 1:  # only what every customer has
            assert after.email is after.organizations is after.address is after.archived_at is SEQUENCE_UNSET
        else:  # empty lists and maps, nested optional keys absent
            assert after.organizations == []
            assert isinstance(after.address, Address)
            assert after.address.line2 is SEQUENCE_UNSET
            assert not isinstance(after.integration_ids, SequenceUnset)
            assert after.integration_ids[0].last_synced is SEQUENCE_UNSET
        assert ListCustomersResponse.from_dict(varied.to_dict()) == varied


def test_straddle_page_with_every_variation_parses(
    straddle_page: tuple[CustomerSummaryPagedV1, CustomerSummaryPagedV1],
) -> None:
    """Upper-case UUIDs, null and absent external_id, new keys, long text, lower-case t/z, offsets, new enum values."""
    plain, varied = straddle_page
    assert varied.response_type.is_unknown
    assert isinstance(varied.response_type, ResponseType)
    assert varied.meta.additional_properties == {"region": "us-east-1"}
    assert isinstance(varied.meta.api_request_id, UUID)
    for place, (before, after) in enumerate(zip(plain.data, varied.data, strict=True)):
        if place % 2 == 0:
            assert after == before
            continue
        assert after.id == before.id  # the same UUID, sent in upper case
        assert after.created_at == before.created_at  # the same instant, in another RFC 3339 form
        assert after.updated_at == before.updated_at
        assert after.name.startswith(before.name)
        assert len(after.name) >= tolerance.LONG
        assert isinstance(after.status, CustomerStatus)
        assert isinstance(after.type_, CustomerType)
        assert after.status.is_unknown or after.type_.is_unknown
        assert after.external_id is None if place % 4 == 3 else isinstance(after.external_id, Unset)
        assert after.additional_properties["risk_score"] == 0.27
        assert CustomerSummaryPagedV1.from_dict(varied.to_dict()) == varied


def test_straddle_lower_case_and_leap_second_timestamps_parse() -> None:
    """RFC 3339 allows a lower-case t/z and a leap second; the generated client reads both instead of failing."""
    parse = straddle_client.types.parse_datetime
    assert parse("2019-12-27t18:11:19.117z") == dt.datetime(2019, 12, 27, 18, 11, 19, 117000, tzinfo=dt.UTC)
    assert parse("2016-12-31T23:59:60Z") == dt.datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC)
    assert parse("2019-12-27T18:11:19.117123456+05:30").utcoffset() == dt.timedelta(hours=5, minutes=30)
    with pytest.raises(ValueError, match=r"month must be in 1\.\.12"):
        parse("2019-13-27T18:11:19Z")
    with pytest.raises(ValueError, match="Invalid isoformat"):
        parse("yesterday")
