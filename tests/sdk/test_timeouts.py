"""Timeouts: on by default (60 s, 5 s to connect), configurable, raised as APITimeoutError, retried.

The slow server is the mock (``latency=`` fault); retry sleeps are recorded, not slept.
"""

from __future__ import annotations

import uuid

import httpx
import pytest

from customers_mock.testing import MockServer
from customers_sdk import DEFAULT_TIMEOUT, RetryPolicy, sequence, straddle
from tests.sdk.sleeps import Sleeps

SLOW = 2.0  # the server's delay; the clients below wait 0.2 s


def _slow(times: int) -> dict[str, str]:
    return {"X-Mock-Fault": f"latency={SLOW}; times={times}; key={uuid.uuid4()}"}


def test_default_timeout_is_the_vendor_sdks() -> None:
    """Every client, and the generated client underneath, waits 60 s (5 s to connect) by default."""
    assert httpx.Timeout(60.0, connect=5.0) == DEFAULT_TIMEOUT
    with sequence.Sequence(client_id="a", client_secret="b") as seq, straddle.Straddle(api_key="k") as strd:
        for client in (seq, strd):
            assert client.timeout == DEFAULT_TIMEOUT
            assert client._generated.get_httpx_client().timeout == DEFAULT_TIMEOUT


def test_slow_server_raises_timeout_error(mock_server: MockServer, policy: RetryPolicy) -> None:
    """A response slower than the timeout raises APITimeoutError (no retries), naming the request."""
    url = mock_server.base_url
    with (
        sequence.Sequence(
            client_id=mock_server.sequence_client_id,
            client_secret=mock_server.sequence_client_secret,
            base_url=url,
            timeout=0.2,
            max_retries=0,
            default_headers=_slow(1),
        ) as client,
        pytest.raises(sequence.APITimeoutError) as info,
    ):
        client.customers.list()
    assert isinstance(info.value, sequence.APIConnectionError)
    assert str(info.value).startswith("Request timed out: GET /api/customers")


def test_timeouts_are_retried(mock_server: MockServer, policy: RetryPolicy) -> None:
    """Two slow answers then a fast one: the call succeeds on the third request."""
    url = mock_server.base_url
    with sequence.Sequence(
        client_id=mock_server.sequence_client_id,
        client_secret=mock_server.sequence_client_secret,
        base_url=url,
        timeout=0.2,
        retry_policy=policy,
        default_headers=_slow(2),
    ) as client:
        assert len(client.customers.list(limit=3).items) == 3


@pytest.mark.asyncio
async def test_async_slow_server_raises_timeout_error(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    """Async: a server slower than the timeout on every try raises APITimeoutError after 3 requests."""
    url = mock_server.base_url
    async with straddle.AsyncStraddle(
        api_key=mock_server.straddle_api_key, base_url=url, timeout=0.2, retry_policy=policy, default_headers=_slow(3)
    ) as client:
        with pytest.raises(straddle.APITimeoutError):
            await client.customers.list()
    assert len(sleeps.delays) == 2


@pytest.mark.asyncio
async def test_async_with_options_timeout(mock_server: MockServer, policy: RetryPolicy) -> None:
    """with_options(timeout=...) gives a client with the new timeout; the original keeps its own."""
    url = mock_server.base_url
    async with straddle.AsyncStraddle(
        api_key=mock_server.straddle_api_key, base_url=url, default_headers=_slow(1)
    ) as client:
        async with client.with_options(timeout=httpx.Timeout(0.2), max_retries=0) as quick:
            assert quick.timeout == httpx.Timeout(0.2)
            with pytest.raises(straddle.APITimeoutError):
                await quick.customers.list()
        assert client.timeout == DEFAULT_TIMEOUT
