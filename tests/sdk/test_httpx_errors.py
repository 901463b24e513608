"""No httpx exception escapes the client layer untyped: every one becomes a customers_sdk error, sync and async."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from sequence_client.models import SortOrder
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

import customers_sdk
from customers_mock.testing import start_mock_server
from customers_sdk import sequence, straddle
from tests.sdk.fake_vendor import (
    SEQUENCE_ID,
    SEQUENCE_PATH,
    SEQUENCE_SECRET,
    STRADDLE_KEY,
    STRADDLE_PATH,
    FakeVendor,
    sequence_customer,
)

Fake = tuple[FakeVendor, str]
HTTPX_ERRORS = sorted(
    (cls for name in httpx.__all__ if isinstance(cls := getattr(httpx, name), type) and issubclass(cls, Exception)),
    key=lambda cls: cls.__name__,
)


def _instance(cls: type[Exception], request: httpx.Request) -> Exception:
    """An instance of any httpx exception class, whatever its constructor wants."""
    if issubclass(cls, httpx.HTTPStatusError):
        return cls("boom", request=request, response=httpx.Response(500, request=request))
    for args, kwargs in ((("boom",), {"request": request}), (("boom",), {}), ((), {})):
        try:
            return cls(*args, **kwargs)
        except TypeError:
            continue
    raise AssertionError(f"cannot build {cls}")


def _raising(cls: type[Exception]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise _instance(cls, request)

    return handler


def test_the_audit_covers_every_httpx_exception() -> None:
    """The list below is httpx's own: a new exception class in httpx is audited without editing this file."""
    assert {"InvalidURL", "DecodingError", "TooManyRedirects", "StreamConsumed", "CookieConflict"} <= {
        cls.__name__ for cls in HTTPX_ERRORS
    }


@pytest.mark.parametrize("cls", HTTPX_ERRORS, ids=lambda cls: cls.__name__)
def test_every_httpx_exception_is_typed_sync(cls: type[Exception]) -> None:
    """Whatever httpx raises under a sync call, each API raises its own APIError subclass instead."""
    transport = httpx.MockTransport(_raising(cls))
    seq = sequence.Sequence(client_id="i", client_secret="s", base_url="http://x", transport=transport, max_retries=0)
    with seq, pytest.raises(sequence.SequenceError):
        seq.customers.list()
    strad = straddle.Straddle(api_key="k", base_url="http://x", transport=transport, max_retries=0)
    with strad, pytest.raises(straddle.StraddleError):
        strad.customers.list()


@pytest.mark.parametrize("cls", HTTPX_ERRORS, ids=lambda cls: cls.__name__)
def test_every_httpx_exception_is_typed_async(cls: type[Exception]) -> None:
    """The same under async calls, awaited and iterated."""

    async def handler(request: httpx.Request) -> httpx.Response:
        raise _instance(cls, request)

    transport = httpx.MockTransport(handler)

    async def run() -> None:
        async with sequence.AsyncSequence(
            client_id="i", client_secret="s", base_url="http://x", transport=transport, max_retries=0
        ) as seq:
            with pytest.raises(sequence.SequenceError):
                await seq.customers.list()
        async with straddle.AsyncStraddle(api_key="k", base_url="http://x", transport=transport, max_retries=0) as s:
            with pytest.raises(straddle.StraddleError):
                async for _ in s.customers.list():
                    pass

    asyncio.run(run())


def _first_page_with_cursor(cursor: str) -> Callable[[Request], Response]:
    def respond(request: Request) -> Response:
        if "after" in request.query_params:
            return JSONResponse({"items": [], "pagination": {"totalResultSize": 1}})
        pagination = {"after": cursor, "totalResultSize": 2}
        return JSONResponse({"items": [sequence_customer(0)], "pagination": pagination})

    return respond


def test_a_cursor_too_long_for_a_url_is_a_typed_error(fake: Fake) -> None:
    """A next-page cursor longer than a URL may be raises SequenceError naming the problem, not httpx.InvalidURL."""
    vendor, url = fake
    vendor.script(SEQUENCE_PATH, _first_page_with_cursor("A" * 70_000))
    with sequence.Sequence(client_id=SEQUENCE_ID, client_secret=SEQUENCE_SECRET, base_url=url) as client:
        page = client.customers.list()
        with pytest.raises(sequence.SequenceError, match="too long"):
            page.get_next_page()
        with pytest.raises(customers_sdk.APIError):
            list(client.customers.list())


def test_a_cursor_too_long_for_a_url_is_a_typed_error_async(fake: Fake) -> None:
    """The same walk, async."""
    vendor, url = fake
    vendor.script(SEQUENCE_PATH, _first_page_with_cursor("A" * 70_000))

    async def run() -> None:
        async with sequence.AsyncSequence(client_id=SEQUENCE_ID, client_secret=SEQUENCE_SECRET, base_url=url) as c:
            with pytest.raises(sequence.SequenceError, match="too long"):
                async for _ in c.customers.list():
                    pass

    asyncio.run(run())


def test_a_body_that_cannot_be_decoded_is_a_validation_error(fake: Fake) -> None:
    """A gzip Content-Encoding over bytes that are not gzip (over a real socket): APIResponseValidationError."""
    vendor, url = fake
    garbled = Response(b"not gzip at all", headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    vendor.script(STRADDLE_PATH, lambda _: garbled)
    client = straddle.Straddle(api_key=STRADDLE_KEY, base_url=url)
    with client, pytest.raises(straddle.APIResponseValidationError) as raised:
        client.customers.list()
    assert raised.value.status_code == 200
    assert len(vendor.paths(STRADDLE_PATH)) == 1  # a complete response: not retried


@pytest.mark.parametrize("base_url", ["http://[::1", "ftp://example.com", "example.com", "http://exa mple.com", ""])
def test_unusable_base_url_is_a_configuration_error(base_url: str) -> None:
    """A base URL httpx cannot use is a ConfigurationError when the client is made, for both APIs, sync and async."""
    makers: list[Callable[[], Any]] = [
        lambda: sequence.Sequence(client_id="i", client_secret="s", base_url=base_url),
        lambda: sequence.AsyncSequence(client_id="i", client_secret="s", base_url=base_url),
        lambda: straddle.Straddle(api_key="k", base_url=base_url),
        lambda: straddle.AsyncStraddle(api_key="k", base_url=base_url),
    ]
    for make in makers:
        with pytest.raises(customers_sdk.ConfigurationError, match="base_url"):
            make()


ADDRESS = {"line1": "1 Main St", "town": "Austin", "state": "TX", "postcode": "78701", "country": "US"}


def test_walk_sorted_by_huge_names_on_the_mock(tmp_path: Path) -> None:
    """Against the mock, sorting by 100 KB legal names walks every page (the cursors stay short)."""
    customers = [
        {**sequence_customer(i, address=ADDRESS), "legalName": "N" * 100_000 + str(i), "id": sequence_customer(i)["id"]}
        for i in range(7)
    ]
    path = tmp_path / "customers.json"
    path.write_bytes(orjson.dumps({"sequence": {"acme": customers}}))
    with (
        start_mock_server(data=path) as server,
        sequence.Sequence(
            client_id=server.sequence_client_id, client_secret=server.sequence_client_secret, base_url=server.base_url
        ) as client,
    ):
        walked = [c.id for c in client.customers.list(sort_by="legalName", sort_order=SortOrder.ASC, limit=2)]
    assert [str(i) for i in walked] == [c["id"] for c in customers]
