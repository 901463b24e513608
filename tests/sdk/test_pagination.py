"""Auto-pagination and page-by-page iteration, sync and async, for both APIs (against a recording fake)."""

from __future__ import annotations

import base64
from urllib.parse import parse_qsl

import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from customers_sdk.sequence import AsyncSequence, Sequence, SortOrder
from customers_sdk.straddle import AsyncStraddle, CustomerStatus, CustomerType, Straddle
from tests.sdk.fake_vendor import (
    SEQUENCE_ID,
    SEQUENCE_PATH,
    SEQUENCE_SECRET,
    STRADDLE_KEY,
    STRADDLE_PATH,
    FakeVendor,
    straddle_customer,
    straddle_meta,
)

Fake = tuple[FakeVendor, str]


def _seq(url: str) -> Sequence:
    return Sequence(client_id=SEQUENCE_ID, client_secret=SEQUENCE_SECRET, base_url=url)


def _aseq(url: str) -> AsyncSequence:
    return AsyncSequence(client_id=SEQUENCE_ID, client_secret=SEQUENCE_SECRET, base_url=url)


def _query(request: Request) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in parse_qsl(request.url.query):
        out.setdefault(key, []).append(value)
    return out


def test_sequence_walks_every_page_in_order(fake: Fake) -> None:
    """Iterating the first page yields all 25 customers once, in order, over 3 requests of 10."""
    vendor, url = fake
    with _seq(url) as client:
        names = [c.legal_name for c in client.customers.list(limit=10)]
    assert names == [f"Customer {i}" for i in range(25)]
    assert len(vendor.paths(SEQUENCE_PATH)) == 3


@pytest.mark.asyncio
async def test_sequence_async_walks_every_page_in_order(fake: Fake) -> None:
    """``async for`` over list() yields all 25 customers once, in order."""
    vendor, url = fake
    async with _aseq(url) as client:
        names = [c.legal_name async for c in client.customers.list(limit=10)]
    assert names == [f"Customer {i}" for i in range(25)]
    assert len(vendor.paths(SEQUENCE_PATH)) == 3


def test_sequence_keeps_every_filter_on_every_page(fake: Fake) -> None:
    """Each page request repeats the caller's filters; only the cursor changes."""
    vendor, url = fake
    filters = {
        "sort_by": "legalName",
        "legal_name": "Customer",
        "email": "a@b.co",
        "alias": "al",
        "label": "lb",
        "include_archived": True,
        "limit": 10,
        "sort_order": SortOrder.ASC,
    }
    with _seq(url) as client:
        assert len(list(client.customers.list(**filters))) == 25  # type: ignore[arg-type]
    queries = [_query(r) for r in vendor.paths(SEQUENCE_PATH)]
    expected = {
        "sortBy": ["legalName"],
        "legalName": ["Customer"],
        "email": ["a@b.co"],
        "alias": ["al"],
        "label": ["lb"],
        "includeArchived": ["true"],
        "limit": ["10"],
        "sortOrder": ["ASC"],
    }
    assert [{k: v for k, v in q.items() if k != "after"} for q in queries] == [expected] * 3
    assert [q.get("after") for q in queries] == [None, [_cursor(10)], [_cursor(20)]]
    assert all(r.headers["sequence-version"] == "2024-07-30" for r in vendor.paths(SEQUENCE_PATH))


def _cursor(offset: int) -> str:
    return base64.b64encode(str(offset).encode()).decode()


def test_sequence_fetches_lazily(fake: Fake) -> None:
    """Pages are fetched as iteration reaches them, not up front."""
    vendor, url = fake
    with _seq(url) as client:
        items = iter(client.customers.list(limit=10))
        assert len(vendor.paths(SEQUENCE_PATH)) == 1
        for _ in range(10):
            next(items)
        assert len(vendor.paths(SEQUENCE_PATH)) == 1
        next(items)
        assert len(vendor.paths(SEQUENCE_PATH)) == 2


def test_sequence_pages_expose_envelopes(fake: Fake) -> None:
    """iter_pages() yields each page with its envelope; the last has no next page."""
    _, url = fake
    with _seq(url) as client:
        first = client.customers.list(limit=10)
        pages = list(first.iter_pages())
    assert [len(p.items) for p in pages] == [10, 10, 5]
    assert [p.total_result_size for p in pages] == [25, 25, 25]
    assert pages[0].envelope.pagination.after == _cursor(10)
    assert [p.has_next_page() for p in pages] == [True, True, False]
    with pytest.raises(LookupError):
        pages[-1].get_next_page()


def test_sequence_walks_backwards_from_a_before_cursor(fake: Fake) -> None:
    """Starting from ``before`` follows ``pagination.before`` to the first customer."""
    _, url = fake
    with _seq(url) as client:
        pages = list(client.customers.list(limit=10, before=_cursor(25)).iter_pages())
    assert [next(c.legal_name for c in p.items) for p in pages] == ["Customer 15", "Customer 5", "Customer 0"]


@pytest.mark.asyncio
async def test_sequence_async_pages(fake: Fake) -> None:
    """Awaiting list() gives the first page; async iter_pages() and get_next_page() follow the cursor."""
    vendor, url = fake
    async with _aseq(url) as client:
        first = await client.customers.list(limit=10)
        assert len(vendor.paths(SEQUENCE_PATH)) == 1
        second = await first.get_next_page()
        sizes = [len(p.items) async for p in first.iter_pages()]
    assert next(c.legal_name for c in second.items) == "Customer 10"
    assert sizes == [10, 10, 5]


def test_straddle_walks_every_page_with_every_filter(fake: Fake) -> None:
    """Page numbers go 1, 2, 3 with the same filters until meta.total_pages; 25 customers once."""
    vendor, url = fake
    with Straddle(api_key=STRADDLE_KEY, base_url=url) as client:
        page = client.customers.list(
            page_size=10,
            status=[CustomerStatus.VERIFIED, CustomerStatus.REVIEW],
            types=[CustomerType.INDIVIDUAL],
            name="Customer",
            search_text="x",
        )
        names = [c.name for c in page]
    assert names == [f"Customer {i}" for i in range(25)]
    queries = [_query(r) for r in vendor.paths(STRADDLE_PATH)]
    assert [q["page_number"] for q in queries] == [["1"], ["2"], ["3"]]
    for q in queries:
        assert q["status"] == ["verified", "review"]
        assert q["types"] == ["individual"]
        assert (q["name"], q["search_text"], q["page_size"]) == (["Customer"], ["x"], ["10"])


@pytest.mark.asyncio
async def test_straddle_async_walks_every_page(fake: Fake) -> None:
    """``async for`` yields all 25 Straddle customers over 3 pages."""
    _vendor, url = fake
    async with AsyncStraddle(api_key=STRADDLE_KEY, base_url=url) as client:
        names = [c.name async for c in client.customers.list(page_size=10)]
        first = await client.customers.list(page_size=10, page_number=2)
    assert names == [f"Customer {i}" for i in range(25)]
    assert (first.envelope.meta.page_number, first.total_items, len(first.items)) == (2, 25, 10)


def _endless(request: Request) -> Response:
    """Pages that claim 5 pages of 2, but page 2 is empty."""
    number = int(request.query_params.get("page_number", "1"))
    data = [straddle_customer(i) for i in range(2)] if number == 1 else []
    meta = straddle_meta(number, 2, 10)
    return JSONResponse({"data": data, "meta": meta, "response_type": "array"})


def test_straddle_stops_on_an_empty_page(fake: Fake) -> None:
    """An empty page ends the walk even when meta.total_pages says more."""
    vendor, url = fake
    vendor.script(STRADDLE_PATH, _endless)
    with Straddle(api_key=STRADDLE_KEY, base_url=url) as client:
        assert len(list(client.customers.list(page_size=2))) == 2
    assert len(vendor.paths(STRADDLE_PATH)) == 2


def test_straddle_single_page(fake: Fake) -> None:
    """A result that fits one page makes exactly one request."""
    vendor, url = fake
    with Straddle(api_key=STRADDLE_KEY, base_url=url) as client:
        page = client.customers.list(page_size=100)
        assert len(list(page)) == 25
        assert not page.has_next_page()
    assert len(vendor.paths(STRADDLE_PATH)) == 1
