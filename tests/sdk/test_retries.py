"""Retries: which failures are retried, how long the client waits, and how often - sync and async."""

from __future__ import annotations

import email.utils
import time
import uuid

import pytest

import customers_sdk
from customers_mock.testing import MockServer
from customers_sdk import RetryPolicy, sequence, straddle
from tests.sdk.fake_vendor import SEQUENCE_ID, SEQUENCE_PATH, SEQUENCE_SECRET, STRADDLE_KEY, STRADDLE_PATH, FakeVendor
from tests.sdk.sleeps import Sleeps

Fake = tuple[FakeVendor, str]


def fault(spec: str, times: int) -> dict[str, str]:
    """The mock's fault header: ``spec`` for the first ``times`` requests of a fresh key."""
    return {"X-Mock-Fault": f"{spec}; times={times}; key={uuid.uuid4()}"}


def _seq(url: str, policy: RetryPolicy, headers: dict[str, str], **kw: int) -> sequence.Sequence:
    return sequence.Sequence(
        client_id=SEQUENCE_ID,
        client_secret=SEQUENCE_SECRET,
        base_url=url,
        retry_policy=policy,
        default_headers=headers,
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504, 520])
def test_retryable_status_then_success(fake: Fake, policy: RetryPolicy, sleeps: Sleeps, status: int) -> None:
    """Two failures with a retryable status, then success: the call succeeds after 3 requests."""
    vendor, url = fake
    with _seq(url, policy, fault(f"status={status}", 2)) as client:
        page = client.customers.list(limit=5)
    assert len(page.items) == 5
    assert len(vendor.paths(SEQUENCE_PATH)) == 3
    assert len(sleeps.delays) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_other_4xx_are_not_retried(fake: Fake, policy: RetryPolicy, sleeps: Sleeps, status: int) -> None:
    """A 4xx that cannot succeed by trying again is raised after one request."""
    vendor, url = fake
    with _seq(url, policy, fault(f"status={status}", 5)) as client, pytest.raises(customers_sdk.APIStatusError):
        client.customers.list()
    assert len(vendor.paths(SEQUENCE_PATH)) == 1
    assert sleeps.delays == []


def test_backoff_follows_the_vendor_formula(fake: Fake, policy: RetryPolicy, sleeps: Sleeps) -> None:
    """Without Retry-After the waits are 0.5 s then 1 s, each minus at most 25% jitter."""
    vendor, url = fake
    with _seq(url, policy, fault("status=503", 3)) as client, pytest.raises(sequence.InternalServerError):
        client.customers.list()
    assert len(vendor.paths(SEQUENCE_PATH)) == 3  # the first try and 2 retries
    first, second = sleeps.delays
    assert 0.375 <= first <= 0.5
    assert 0.75 <= second <= 1.0


def test_backoff_is_capped() -> None:
    """The delay grows 0.5 * 2**n up to 8 s and never exceeds it."""
    policy = RetryPolicy(jitter=0.0)
    assert [policy.backoff(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


def test_retry_after_seconds_is_honoured(fake: Fake, policy: RetryPolicy, sleeps: Sleeps) -> None:
    """A 429 with Retry-After: 3 waits exactly 3 s before the retry."""
    _, url = fake
    with _seq(url, policy, fault("status=429; retry-after=3", 1)) as client:
        client.customers.list()
    assert sleeps.delays == [3.0]


def test_retry_after_http_date_is_honoured(fake: Fake, policy: RetryPolicy, sleeps: Sleeps) -> None:
    """A 429 with an HTTP-date Retry-After waits until about that date."""
    _, url = fake
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    with _seq(url, policy, fault(f"status=429; retry-after={when}", 1)) as client:
        client.customers.list()
    (delay,) = sleeps.delays
    assert 25 <= delay <= 30


def test_retry_after_is_capped(fake: Fake, sleeps: Sleeps) -> None:
    """A Retry-After beyond max_retry_after waits only max_retry_after."""
    _, url = fake
    capped = RetryPolicy(max_retry_after=5.0, sleep=sleeps.sleep)
    with _seq(url, capped, fault("status=429; retry-after=3600", 1)) as client:
        client.customers.list()
    assert sleeps.delays == [5.0]


def test_retry_after_ms_is_read_before_retry_after(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    """On the mock: a 429 with retry-after-ms: 250 and Retry-After: 2 waits 0.25 s, as Stainless SDKs do."""
    with _seq(mock_server.base_url, policy, fault("status=429; retry-after-ms=250; retry-after=2", 1)) as client:
        assert len(client.customers.list(limit=2).items) == 2
    assert sleeps.delays == [0.25]


def test_retry_after_ms_is_capped(mock_server: MockServer, sleeps: Sleeps) -> None:
    """On the mock: a retry-after-ms beyond max_retry_after waits only max_retry_after."""
    capped = RetryPolicy(max_retry_after=5.0, sleep=sleeps.sleep)
    with _seq(mock_server.base_url, capped, fault("status=429; retry-after-ms=600000", 1)) as client:
        client.customers.list(limit=1)
    assert sleeps.delays == [5.0]


@pytest.mark.parametrize("value", ["soon", "0", "-250", "nan", "inf", ""])
def test_unusable_retry_after_ms_falls_back_to_retry_after(
    fake: Fake, policy: RetryPolicy, sleeps: Sleeps, value: str
) -> None:
    """A retry-after-ms that is not a positive number is ignored: Retry-After: 3 decides (3 s)."""
    _, url = fake
    with _seq(url, policy, fault(f"status=429; retry-after-ms={value}; retry-after=3", 1)) as client:
        client.customers.list()
    assert sleeps.delays == [3.0]


@pytest.mark.asyncio
async def test_async_retry_after_ms_is_honoured(mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps) -> None:
    """Async, on the mock: retry-after-ms: 1500 waits 1.5 s before the retry, which succeeds."""
    async with straddle.AsyncStraddle(
        api_key=mock_server.straddle_api_key,
        base_url=mock_server.base_url,
        retry_policy=policy,
        default_headers=fault("status=429; retry-after-ms=1500", 1),
    ) as client:
        page = await client.customers.list(page_size=3)
    assert len(page.items) == 3
    assert sleeps.delays == [1.5]


def test_exhausted_retries_raise_the_last_error(fake: Fake, policy: RetryPolicy, sleeps: Sleeps) -> None:
    """max_retries=1: two requests, then the RateLimitError of the last one."""
    vendor, url = fake
    with (
        _seq(url, policy, fault("status=429; retry-after=1", 9), max_retries=1) as client,
        pytest.raises(sequence.RateLimitError) as info,
    ):
        client.customers.list()
    assert info.value.response.headers["Retry-After"] == "1"
    assert len(vendor.paths(SEQUENCE_PATH)) == 2


def test_max_retries_zero_and_with_options(fake: Fake, policy: RetryPolicy) -> None:
    """max_retries=0 makes one request; with_options(max_retries=2) on the same client retries again."""
    vendor, url = fake
    headers = fault("status=500", 2)
    with _seq(url, policy, headers, max_retries=0) as client:
        with pytest.raises(sequence.InternalServerError):
            client.customers.list()
        assert len(vendor.paths(SEQUENCE_PATH)) == 1
        with client.with_options(max_retries=2) as retrying:
            assert retrying.max_retries == 2
            retrying.customers.list()
    assert len(vendor.paths(SEQUENCE_PATH)) == 3  # 1 + (1 more failure + the success)


@pytest.mark.asyncio
async def test_async_retries_then_succeeds(fake: Fake, policy: RetryPolicy, sleeps: Sleeps) -> None:
    """Async: two 502s then success; the async sleep is the one used."""
    vendor, url = fake
    async with straddle.AsyncStraddle(
        api_key=STRADDLE_KEY, base_url=url, retry_policy=policy, default_headers=fault("status=502", 2)
    ) as client:
        page = await client.customers.list(page_size=5)
    assert len(page.items) == 5
    assert len(vendor.paths(STRADDLE_PATH)) == 3
    assert len(sleeps.delays) == 2


@pytest.mark.asyncio
async def test_async_exhausted_retries(fake: Fake, policy: RetryPolicy) -> None:
    """Async: a 503 that persists raises InternalServerError after 1 + 2 requests."""
    vendor, url = fake
    async with straddle.AsyncStraddle(
        api_key=STRADDLE_KEY, base_url=url, retry_policy=policy, default_headers=fault("status=503", 9)
    ) as client:
        with pytest.raises(straddle.InternalServerError):
            await client.customers.list()
    assert len(vendor.paths(STRADDLE_PATH)) == 3


def test_dropped_connections_are_retried(dropping_url: tuple[str, list[int]], policy: RetryPolicy) -> None:
    """A server that closes without answering: 3 attempts, then APIConnectionError."""
    url, dropped = dropping_url
    with (
        straddle.Straddle(api_key=STRADDLE_KEY, base_url=url, retry_policy=policy) as client,
        pytest.raises(straddle.APIConnectionError) as info,
    ):
        client.customers.list()
    assert not isinstance(info.value, straddle.APITimeoutError)
    assert len(dropped) == 3


@pytest.mark.asyncio
async def test_async_dropped_connections_are_retried(dropping_url: tuple[str, list[int]], policy: RetryPolicy) -> None:
    """Async: a server that closes without answering: 3 attempts, then APIConnectionError."""
    url, dropped = dropping_url
    async with sequence.AsyncSequence(client_id="a", client_secret="b", base_url=url, retry_policy=policy) as c:
        with pytest.raises(sequence.APIConnectionError):
            await c.customers.list()
    assert len(dropped) == 3


def test_retries_are_logged_without_credentials(
    fake: Fake, policy: RetryPolicy, caplog: pytest.LogCaptureFixture
) -> None:
    """Each retry logs one INFO line on ``customers_sdk`` saying why and how long."""
    _, url = fake
    with caplog.at_level("INFO", logger="customers_sdk"), _seq(url, policy, fault("status=503", 1)) as client:
        client.customers.list()
    lines = [r.getMessage() for r in caplog.records if r.name == "customers_sdk"]
    assert len(lines) == 1
    assert lines[0].startswith("Retrying (1 of 2) after status 503 in ")
