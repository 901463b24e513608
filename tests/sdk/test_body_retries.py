"""A response that breaks after its headers is retried like a dropped connection, over a real socket.

The live mock (``mock_server``) cuts or stalls bodies on request (``X-Mock-Fault: truncate``,
``truncate=chunked``, ``stall-body=<s>``, with ``times``/``key`` so only the first attempts break).
Reading the body is part of the attempt: the retry policy's count and backoff apply, sync and
async, and only a failure on the last attempt surfaces (``APIConnectionError`` /
``APITimeoutError``). Retry sleeps are recorded, not slept.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

import customers_sdk
from customers_mock.testing import MockServer
from customers_sdk import RetryPolicy, sequence, straddle
from tests.sdk.sleeps import Sleeps


def fault(spec: str, times: int | None = None) -> dict[str, str]:
    """The mock's fault header for ``spec``, limited to ``times`` requests under a fresh key."""
    limit = f"; times={times}; key={uuid.uuid4()}" if times is not None else ""
    return {"X-Mock-Fault": spec + limit}


def _seq(server: MockServer, headers: dict[str, str], **options: object) -> sequence.Sequence:
    return sequence.Sequence(
        client_id=server.sequence_client_id,
        client_secret=server.sequence_client_secret,
        base_url=server.base_url,
        default_headers=headers,
        **options,  # type: ignore[arg-type]
    )


def _astrd(server: MockServer, headers: dict[str, str], **options: object) -> straddle.AsyncStraddle:
    return straddle.AsyncStraddle(
        api_key=server.straddle_api_key,
        base_url=server.base_url,
        default_headers=headers,
        **options,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("cut", ["truncate", "truncate=chunked"])
def test_sync_body_cut_short_is_retried_with_backoff(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps, cut: str
) -> None:
    """Two pages cut short (Content-Length not reached / chunked stream cut), then a whole one: two backoff waits."""
    with _seq(mock_server, fault(cut, 2), retry_policy=policy) as client:
        page = client.customers.list(limit=30)
    assert len(page.items) == 30
    first, second = sleeps.delays
    assert 0.375 <= first <= 0.5
    assert 0.75 <= second <= 1.0


@pytest.mark.asyncio
@pytest.mark.parametrize("cut", ["truncate", "truncate=chunked"])
async def test_async_body_cut_short_is_retried(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps, cut: str
) -> None:
    """Async: a page cut short once is fetched again after one backoff wait."""
    async with _astrd(mock_server, fault(cut, 1), retry_policy=policy) as client:
        page = await client.customers.list(page_size=40)
    assert len(page.items) == 40
    assert len(sleeps.delays) == 1


def test_sync_stall_after_headers_is_a_retried_timeout(mock_server: MockServer, policy: RetryPolicy) -> None:
    """A body that stalls past the read timeout once is retried; the second attempt gets the page."""
    timeout = httpx.Timeout(10, read=0.3)
    with _seq(mock_server, fault("stall-body=3", 1), retry_policy=policy, timeout=timeout) as client:
        assert len(client.customers.list(limit=10).items) == 10


@pytest.mark.asyncio
async def test_async_stall_every_time_is_a_timeout_error_after_the_retries(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    """Async: a body that always stalls raises APITimeoutError after max_retries retries, not at once."""
    timeout = httpx.Timeout(10, read=0.2)
    async with _astrd(mock_server, fault("stall-body=2"), retry_policy=policy, timeout=timeout) as client:
        with pytest.raises(straddle.APITimeoutError) as info:
            await client.customers.list()
    assert isinstance(info.value, customers_sdk.APITimeoutError)
    assert "GET /v1/customers" in str(info.value)
    assert len(sleeps.delays) == 2


def test_body_cut_every_time_is_a_connection_error_after_the_retries(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    """A body cut short on every attempt raises APIConnectionError (not a timeout) once the retries are spent."""
    with (
        _seq(mock_server, fault("truncate"), retry_policy=policy, max_retries=3) as client,
        pytest.raises(sequence.APIConnectionError) as info,
    ):
        client.customers.list()
    assert not isinstance(info.value, customers_sdk.APITimeoutError)
    assert "GET /api/customers" in str(info.value)
    assert len(sleeps.delays) == 3


def test_max_retries_zero_raises_a_cut_body_at_once(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    """With max_retries=0 a body cut short is raised on the first attempt, as the policy says."""
    with (
        _seq(mock_server, fault("truncate", 1), retry_policy=policy, max_retries=0) as client,
        pytest.raises(sequence.APIConnectionError),
    ):
        client.customers.list()
    assert sleeps.delays == []


def test_a_walk_survives_cut_pages(mock_server: MockServer, policy: RetryPolicy) -> None:
    """Auto-pagination with a cut page now and then still lists every customer once."""
    with _seq(mock_server, {}, retry_policy=policy) as plain:
        expected = [c.id for c in plain.customers.list(limit=25)]
    flaky = {"X-Mock-Fault": f"truncate; probability=0.5; key={uuid.uuid4()}"}
    with _seq(mock_server, flaky, retry_policy=policy, max_retries=20) as client:
        assert [c.id for c in client.customers.list(limit=25)] == expected


class _CutShort(httpx.SyncByteStream):
    """A body that sends one chunk, then fails as a connection closed mid-body does."""

    def __iter__(self) -> Iterator[bytes]:
        yield b'{"error": '
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")


def test_retry_after_of_a_response_whose_body_broke_is_honoured(sleeps: Sleeps, policy: RetryPolicy) -> None:
    """A 503 with Retry-After: 3 whose body is cut short: the client waits 3 s, as for a whole 503 (in process)."""
    answers = iter([httpx.Response(503, headers={"Retry-After": "3"}, stream=_CutShort())])

    def handler(request: httpx.Request) -> httpx.Response:
        return next(answers, None) or httpx.Response(200, json={"items": [], "pagination": {"totalResultSize": 0}})

    with sequence.Sequence(
        client_id="a",
        client_secret="b",
        base_url="http://vendor.test",
        retry_policy=policy,
        transport=httpx.MockTransport(handler),
    ) as client:
        assert client.customers.list().items == []
    assert sleeps.delays == [3.0]
