"""Per-call options: ``list(..., extra_headers=..., timeout=...)`` reach every page and retry of that call only.

Against the live mock: its ``X-Mock-Fault: latency=`` header (sent as an extra header) makes a
server slower than a per-call timeout; Straddle's echoed ``Correlation-Id`` shows, page by page,
which headers the server received. A recording transport under the client keeps each exchange.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from customers_mock.testing import MockServer
from customers_sdk import DEFAULT_TIMEOUT, RetryPolicy, sequence, straddle
from customers_sdk._options import RequestOptions
from tests.sdk.sleeps import Sleeps

SLOW = {"X-Mock-Fault": "latency=0.5"}  # every request carrying it is answered after 0.5 s
QUICK = 0.1  # a per-call timeout shorter than that


class Recorder(httpx.HTTPTransport):
    """A real HTTP transport that keeps each (request, response) it carried."""

    def __init__(self) -> None:
        super().__init__()
        self.exchanges: list[tuple[httpx.Request, httpx.Response]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self.exchanges.append((request, response))
        return response


class AsyncRecorder(httpx.AsyncHTTPTransport):
    """A real async HTTP transport that keeps each (request, response) it carried."""

    def __init__(self) -> None:
        super().__init__()
        self.exchanges: list[tuple[httpx.Request, httpx.Response]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        self.exchanges.append((request, response))
        return response


def _seq(mock: MockServer, policy: RetryPolicy, **options: object) -> sequence.Sequence:
    return sequence.Sequence(
        client_id=mock.sequence_client_id,
        client_secret=mock.sequence_client_secret,
        base_url=mock.base_url,
        retry_policy=policy,
        **options,  # type: ignore[arg-type]
    )


def test_per_call_timeout_applies_where_the_client_default_does_not(
    mock_server: MockServer, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    """A 0.1 s per-call timeout on a 0.5 s answer raises APITimeoutError on every try; the client's 60 s waits."""
    with _seq(mock_server, policy) as client:
        assert client.timeout == DEFAULT_TIMEOUT
        with pytest.raises(sequence.APITimeoutError):
            client.customers.list(limit=3, extra_headers=SLOW, timeout=QUICK)
        assert len(sleeps.delays) == 2  # both retries timed out too: they kept the per-call timeout
        assert len(client.customers.list(limit=3, extra_headers=SLOW).items) == 3
    assert len(sleeps.delays) == 2


def test_per_call_timeout_none_waits_past_the_clients(mock_server: MockServer, policy: RetryPolicy) -> None:
    """timeout=None on one call waits for a 0.5 s answer that the client's own 0.1 s timeout gives up on."""
    with _seq(mock_server, policy, timeout=QUICK, max_retries=0) as client:
        assert len(client.customers.list(limit=2, extra_headers=SLOW, timeout=None).items) == 2
        with pytest.raises(sequence.APITimeoutError):
            client.customers.list(limit=2, extra_headers=SLOW)


def test_options_reach_every_page_of_the_walk_and_no_other_call(mock_server: MockServer) -> None:
    """Each page of a walk carries the call's headers (over the client's) and timeout; the next call does not."""
    recorder = Recorder()
    with straddle.Straddle(
        api_key=mock_server.straddle_api_key,
        base_url=mock_server.base_url,
        transport=recorder,
        default_headers={"X-Tag": "client", "Correlation-Id": "client-default"},
    ) as client:
        page = client.customers.list(page_size=50, extra_headers={"Correlation-Id": "walk-1"}, timeout=7.5)
        walked = [c.id for c in page]
        assert len(walked) == page.total_items
        pages = len(recorder.exchanges)
        assert pages == page.envelope.meta.total_pages >= 4
        client.customers.list(page_size=1)
    for request, response in recorder.exchanges[:pages]:
        assert request.headers["X-Tag"] == "client"
        assert response.headers["Correlation-Id"] == "walk-1"  # what the server received, echoed
        assert request.extensions["timeout"] == httpx.Timeout(7.5).as_dict()
    request, response = recorder.exchanges[pages]
    assert response.headers["Correlation-Id"] == "client-default"
    assert request.extensions["timeout"] == DEFAULT_TIMEOUT.as_dict()


@pytest.mark.asyncio
async def test_async_per_call_timeout_and_headers(mock_server: MockServer, policy: RetryPolicy) -> None:
    """Async: a per-call timeout raises APITimeoutError where the client default does not, awaited or iterated."""
    async with sequence.AsyncSequence(
        client_id=mock_server.sequence_client_id,
        client_secret=mock_server.sequence_client_secret,
        base_url=mock_server.base_url,
        retry_policy=policy,
        max_retries=0,
    ) as client:
        with pytest.raises(sequence.APITimeoutError):
            await client.customers.list(limit=2, extra_headers=SLOW, timeout=QUICK)
        with pytest.raises(sequence.APITimeoutError):
            async for _ in client.customers.list(limit=2, extra_headers=SLOW, timeout=QUICK):
                pass
        assert len((await client.customers.list(limit=2, extra_headers=SLOW)).items) == 2


@pytest.mark.asyncio
async def test_async_concurrent_calls_keep_their_own_options(mock_server: MockServer) -> None:
    """Two walks interleaved on one async client: every page of each carries that walk's headers and timeout."""
    recorder = AsyncRecorder()
    async with straddle.AsyncStraddle(
        api_key=mock_server.straddle_api_key, base_url=mock_server.base_url, transport=recorder
    ) as client:

        async def walk(name: str, seconds: float) -> int:
            customers = client.customers.list(page_size=40, extra_headers={"Correlation-Id": name}, timeout=seconds)
            return len([c async for c in customers])

        counts = await asyncio.gather(walk("walk-a", 11.0), walk("walk-b", 22.0))
    assert counts[0] == counts[1] > 0
    seen = {"walk-a": 0, "walk-b": 0}
    for request, response in recorder.exchanges:
        name = response.headers["Correlation-Id"]
        assert request.headers["Correlation-Id"] == name
        assert request.extensions["timeout"]["read"] == {"walk-a": 11.0, "walk-b": 22.0}[name]
        seen[name] += 1
    assert seen["walk-a"] == seen["walk-b"] >= 5


def test_request_options_repr_shows_header_names_only() -> None:
    """A per-call header value (it may be a credential) never shows in the options' repr."""
    options = RequestOptions.of({"Authorization": "Bearer sk_live_very_secret"}, 5.0)
    assert "sk_live_very_secret" not in repr(options)
    assert "Authorization" in repr(options)
