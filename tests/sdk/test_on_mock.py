"""Every feature end to end against the real mock server process (``mock_server`` fixture), sync and async.

Faults come from the mock's ``X-Mock-Fault`` header with a fresh ``key`` per test, so each test's
"fail N times" counter is its own. Retry sleeps are recorded, not slept.
"""

from __future__ import annotations

import base64
import uuid

import pytest

import customers_sdk
from customers_mock.testing import MockServer
from customers_sdk import RetryPolicy, sequence, straddle
from tests.sdk.sleeps import Sleeps


def fault(spec: str, times: int | None = None) -> dict[str, str]:
    """The mock's fault header for ``spec``, limited to ``times`` requests under a fresh key."""
    limit = f"; times={times}; key={uuid.uuid4()}" if times is not None else ""
    return {"X-Mock-Fault": spec + limit}


def seq(mock: MockServer, **options: object) -> sequence.Sequence:
    """A sync Sequence client for the mock's demo account."""
    return sequence.Sequence(
        client_id=mock.sequence_client_id,
        client_secret=mock.sequence_client_secret,
        base_url=mock.base_url,
        **options,  # type: ignore[arg-type]
    )


def aseq(mock: MockServer, **options: object) -> sequence.AsyncSequence:
    """An async Sequence client for the mock's demo account."""
    return sequence.AsyncSequence(
        client_id=mock.sequence_client_id,
        client_secret=mock.sequence_client_secret,
        base_url=mock.base_url,
        **options,  # type: ignore[arg-type]
    )


def strd(mock: MockServer, **options: object) -> straddle.Straddle:
    """A sync Straddle client for the mock's demo account."""
    return straddle.Straddle(api_key=mock.straddle_api_key, base_url=mock.base_url, **options)  # type: ignore[arg-type]


def astrd(mock: MockServer, **options: object) -> straddle.AsyncStraddle:
    """An async Straddle client for the mock's demo account."""
    return straddle.AsyncStraddle(api_key=mock.straddle_api_key, base_url=mock.base_url, **options)  # type: ignore[arg-type]


# -- pagination -------------------------------------------------------------------------------


def test_sequence_walks_the_whole_account(mock_server: MockServer) -> None:
    """Iterating with limit=7 yields totalResultSize distinct customers, the same as limit=100 pages."""
    with seq(mock_server) as client:
        first = client.customers.list(limit=7)
        small = [c.id for c in first]
        large = [c.id for page in client.customers.list(limit=100).iter_pages() for c in page.items]
    assert len(small) == first.total_result_size > 7
    assert len(set(small)) == len(small)
    assert small == large


@pytest.mark.asyncio
async def test_sequence_async_walks_with_filters(mock_server: MockServer) -> None:
    """Async, with filters: every yielded customer matches, and the count is totalResultSize."""
    async with aseq(mock_server) as client:
        everyone = [c async for c in client.customers.list(limit=100, include_archived=True)]
        name = everyone[0].legal_name
        first = await client.customers.list(limit=3, legal_name=name, include_archived=True)
        named = [c async for c in client.customers.list(limit=3, legal_name=name, include_archived=True)]
        unarchived = [c async for c in client.customers.list(limit=9)]
    assert named
    assert len(named) == first.total_result_size
    assert all(name.lower() in c.legal_name.lower() for c in named)
    assert all(isinstance(c.archived_at, sequence.Unset) for c in unarchived)
    assert len(unarchived) <= len(everyone)


def test_straddle_walks_with_every_array_filter(mock_server: MockServer) -> None:
    """status/types filters hold on every page; the count equals meta.total_items."""
    wanted = [straddle.CustomerStatus.VERIFIED, straddle.CustomerStatus.REVIEW]
    with strd(mock_server) as client:
        page = client.customers.list(page_size=9, status=wanted, types=[straddle.CustomerType.BUSINESS])
        found = list(page)
        everyone = list(client.customers.list(page_size=1000))
    assert len(found) == page.total_items > 9
    assert all(c.status in wanted and c.type_ is straddle.CustomerType.BUSINESS for c in found)
    assert len(everyone) == len({c.id for c in everyone})


@pytest.mark.asyncio
async def test_straddle_async_pages(mock_server: MockServer) -> None:
    """Async page-by-page: page numbers 1..total_pages, sizes add up to total_items."""
    async with astrd(mock_server) as client:
        first = await client.customers.list(page_size=25, sort_order=straddle.SortOrder.DESC)
        pages = [p async for p in first.iter_pages()]
    meta = first.envelope.meta
    assert [p.envelope.meta.page_number for p in pages] == list(range(1, meta.total_pages + 1))
    assert sum(len(p.items) for p in pages) == meta.total_items


# -- retries -----------------------------------------------------------------------------------


def test_sequence_retries_503_then_succeeds(mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps) -> None:
    """Two 503s from the mock, then a page: two backoff waits of 0.5 s and 1 s minus jitter."""
    with seq(mock_server, retry_policy=policy, default_headers=fault("status=503", 2)) as client:
        assert client.customers.list(limit=5).items
    first, second = sleeps.delays
    assert 0.375 <= first <= 0.5
    assert 0.75 <= second <= 1.0


@pytest.mark.asyncio
async def test_straddle_async_honours_retry_after(mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps) -> None:
    """A 429 with Retry-After: 4 from the mock makes the async client wait 4 s, then succeed."""
    async with astrd(mock_server, retry_policy=policy, default_headers=fault("status=429; retry-after=4", 1)) as c:
        assert (await c.customers.list()).items
    assert sleeps.delays == [4.0]


def test_straddle_gives_up_after_max_retries(mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps) -> None:
    """A 500 on every request: InternalServerError in Straddle's envelope after 2 retries."""
    with (
        strd(mock_server, retry_policy=policy, default_headers=fault("status=500")) as client,
        pytest.raises(straddle.InternalServerError) as info,
    ):
        client.customers.list()
    assert len(sleeps.delays) == 2
    assert info.value.body is not None
    assert info.value.request_id == str(info.value.body.meta.api_request_id)


@pytest.mark.asyncio
async def test_sequence_async_retries_dropped_connections(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    """Two dropped connections, then a page (async)."""
    async with aseq(mock_server, retry_policy=policy, default_headers=fault("drop", 2)) as client:
        assert (await client.customers.list(limit=2)).items
    assert len(sleeps.delays) == 2


def test_straddle_drop_every_time_is_a_connection_error(mock_server: MockServer, policy: RetryPolicy) -> None:
    """A connection dropped on every try raises APIConnectionError after the retries."""
    with (
        strd(mock_server, retry_policy=policy, default_headers=fault("drop")) as client,
        pytest.raises(straddle.APIConnectionError) as info,
    ):
        client.customers.list()
    assert not isinstance(info.value, straddle.APITimeoutError)


# -- timeouts ----------------------------------------------------------------------------------


def test_sequence_hanging_endpoint_times_out(mock_server: MockServer) -> None:
    """A response slower than the timeout raises APITimeoutError instead of hanging."""
    with (
        seq(mock_server, timeout=0.2, max_retries=0, default_headers=fault("latency=2", 1)) as client,
        pytest.raises(sequence.APITimeoutError),
    ):
        client.customers.list()


@pytest.mark.asyncio
async def test_straddle_async_timeouts_are_retried(mock_server: MockServer, policy: RetryPolicy) -> None:
    """Two slow answers then a fast one: the async call succeeds on the third try."""
    slow = fault("latency=2", 2)
    async with astrd(mock_server, timeout=0.2, retry_policy=policy, default_headers=slow) as client:
        assert (await client.customers.list(page_size=3)).items


# -- errors and auth ---------------------------------------------------------------------------


def test_sequence_errors_carry_the_envelope(mock_server: MockServer) -> None:
    """Wrong credentials: 401 AuthenticationError; limit=0: 400 BadRequestError naming the field."""
    with (
        sequence.Sequence(client_id="nobody", client_secret="wrong", base_url=mock_server.base_url) as client,
        pytest.raises(sequence.AuthenticationError),
    ):
        client.customers.list()
    with seq(mock_server) as client, pytest.raises(sequence.BadRequestError) as info:
        client.customers.list(limit=0)
    assert info.value.body is not None
    assert [e.key for e in info.value.body.error.errors or []] == ["limit"]
    assert "limit: Must be between 1 and 100" in str(info.value)


def _restricted(mock: MockServer, policy: RetryPolicy) -> dict[str, object]:
    return {
        "client_id": mock.sequence_restricted_client_id,
        "client_secret": mock.sequence_restricted_client_secret,
        "base_url": mock.base_url,
        "retry_policy": policy,
    }


def _assert_forbidden(error: sequence.PermissionDeniedError, mock: MockServer) -> None:
    secret = mock.sequence_restricted_client_secret
    token = base64.b64encode(f"{mock.sequence_restricted_client_id}:{secret}".encode()).decode()
    assert isinstance(error, customers_sdk.PermissionDeniedError)
    assert error.status_code == 403
    assert error.body is not None
    assert error.body.error.type_ == "Forbidden"
    assert error.body.error.message == "These credentials may not list customers."
    assert str(error) == "403 Forbidden: Forbidden: These credentials may not list customers."
    for text in (str(error), repr(error)):
        assert secret not in text
        assert token not in text


def test_sequence_key_without_permission_is_permission_denied(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    """Credentials without the customers permission: 403 PermissionDeniedError with the envelope, not retried."""
    options = _restricted(mock_server, policy)
    with sequence.Sequence(**options) as client, pytest.raises(sequence.PermissionDeniedError) as info:  # type: ignore[arg-type]
        client.customers.list()
    _assert_forbidden(info.value, mock_server)
    assert sleeps.delays == []


@pytest.mark.asyncio
async def test_sequence_async_key_without_permission_is_permission_denied(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    """Async: credentials without the customers permission raise PermissionDeniedError, also when iterating."""
    async with sequence.AsyncSequence(**_restricted(mock_server, policy)) as client:  # type: ignore[arg-type]
        with pytest.raises(sequence.PermissionDeniedError) as info:
            async for _ in client.customers.list():
                pass
    _assert_forbidden(info.value, mock_server)
    assert sleeps.delays == []


@pytest.mark.asyncio
async def test_straddle_async_platform_key_scoping(mock_server: MockServer) -> None:
    """Platform key: another known account works; an unknown one is a 403 PermissionDeniedError."""
    async with straddle.AsyncStraddle(api_key=mock_server.straddle_platform_key, base_url=mock_server.base_url) as c:
        other = await c.customers.list(straddle_account_id=mock_server.straddle_other_account_id)
        with pytest.raises(straddle.PermissionDeniedError) as info:
            await c.customers.list(straddle_account_id=str(uuid.UUID(int=7)))
    assert other.total_items > 0
    assert info.value.status_code == 403
    assert info.value.request_id


def test_straddle_wrong_key_is_authentication_error(mock_server: MockServer, sleeps: Sleeps) -> None:
    """A wrong key: 401 AuthenticationError, not retried."""
    with (
        straddle.Straddle(api_key="sk_test_nope", base_url=mock_server.base_url) as client,
        pytest.raises(straddle.AuthenticationError),
    ):
        client.customers.list()
    assert sleeps.delays == []
