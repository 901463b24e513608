"""Whole pages remembered per request (customers_mock.answers): served again only while the data is unchanged."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import httpx
import orjson
import pytest
from starlette.requests import Request

from customers_mock import answers, render, times
from customers_mock.answers import RememberedAnswers
from customers_mock.app import MockApp, create_app
from customers_mock.dataset import SequenceData
from customers_mock.protocol import protocol_for
from customers_mock.settings import MockSettings
from tests.support.servers import serve_in_thread

BASIC = b"Basic " + base64.b64encode(b"seq_demo_client:seq_demo_secret")
BEARER = b"Bearer sk_test_demo"
PATHS = {"sequence": "/api/customers", "straddle": "/v1/customers"}
SEQUENCE_AUTH = ("seq_demo_client", "seq_demo_secret")


def _scope(app: MockApp, api: str, query: bytes = b"", headers: tuple[tuple[bytes, bytes], ...] = ()) -> dict[str, Any]:
    auth = BASIC if api == "sequence" else BEARER
    return {
        "type": "http", "http_version": "1.1", "method": "GET", "scheme": "http", "root_path": "",
        "path": PATHS[api], "raw_path": PATHS[api].encode(), "query_string": query,
        "headers": [(b"host", b"test"), (b"authorization", auth), *headers], "app": app,
    }  # fmt: skip


def _answer(app: MockApp, scope: dict[str, Any]) -> Any:
    hot = app.hot_answer(scope)
    assert isinstance(hot, RememberedAnswers)
    return hot, hot(Request(scope))


@pytest.fixture(scope="module")
def app() -> MockApp:
    """A mock app of 300 customers per account, built in this process."""
    return create_app(MockSettings(customers=300, seed=4))


@pytest.mark.parametrize("api", ["sequence", "straddle"])
def test_a_repeated_request_is_served_again_with_the_same_bytes(app: MockApp, api: str) -> None:
    """The second identical request is a hit; its page is the first one's (Straddle: but for meta's id and time)."""
    hot, first = _answer(app, _scope(app, api, b"limit=3&page_size=3"))
    hits = hot.hits
    _, second = _answer(app, _scope(app, api, b"limit=3&page_size=3"))
    assert hot.hits == hits + 1
    assert second.raw_headers == first.raw_headers
    one, two = orjson.loads(first.body), orjson.loads(second.body)
    if api == "straddle":
        assert one["meta"].pop("api_request_id") != two["meta"].pop("api_request_id")
        one["meta"].pop("api_request_timestamp"), two["meta"].pop("api_request_timestamp")
    assert one == two


def test_any_header_is_part_of_the_key(app: MockApp) -> None:
    """Two requests that differ in one header are two entries: each echoes its own Request-Id."""
    echoed = []
    for request_id in (b"r-1", b"r-2", b"r-1"):
        _, response = _answer(app, _scope(app, "straddle", headers=((b"request-id", request_id),)))
        echoed.append(dict(response.headers)["request-id"])
    assert echoed == ["r-1", "r-2", "r-1"]


def test_a_new_customer_makes_every_kept_page_stale() -> None:
    """After a customer is added, the same request is computed again and counts the new customer."""
    app = create_app(MockSettings(customers=10, seed=2))
    hot, before = _answer(app, _scope(app, "sequence"))
    app.state.mock.sequence["acme"].add({"id": str(uuid.uuid4()), "createdAt": "2030-01-01T00:00:00Z"})
    hits = hot.hits
    _, after = _answer(app, _scope(app, "sequence"))
    assert hot.hits == hits
    total = orjson.loads(before.body)["pagination"]["totalResultSize"]
    assert orjson.loads(after.body)["pagination"]["totalResultSize"] == total + 1


def test_errors_are_not_kept(app: MockApp) -> None:
    """A 400 is computed every time (only pages are remembered)."""
    hot, response = _answer(app, _scope(app, "sequence", b"limit=0"))
    hits = hot.hits
    _, again = _answer(app, _scope(app, "sequence", b"limit=0"))
    assert response.status_code == again.status_code == 400
    assert hot.hits == hits


def test_memory_is_bounded_by_count_and_bytes(app: MockApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """However many distinct requests, the kept pages stay within both bounds; the newest are kept."""
    monkeypatch.setattr(answers, "PAGES_CACHED", 5)
    kept = app.hot_answer(_scope(app, "straddle"))
    assert isinstance(kept, RememberedAnswers)
    hot = RememberedAnswers(kept.compute)
    for number in range(1, 21):
        hot(Request(_scope(app, "straddle", b"page_size=2&page_number=%d" % number)))
    assert len(hot._pages) == 5
    assert hot._bytes == sum(size for size, _ in hot._pages.values()) <= answers.PAGE_BYTES_CACHED
    hits = hot.hits
    hot(Request(_scope(app, "straddle", b"page_size=2&page_number=20")))
    assert hot.hits == hits + 1


def test_a_straddle_page_served_again_keeps_its_content_length_true(
    app: MockApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the fresh timestamp ever be longer (a five-digit year), the copy's Content-Length follows it."""
    _, page = _answer(app, _scope(app, "straddle", b"page_size=1"))
    assert isinstance(page, render.StraddlePage)
    monkeypatch.setattr(times, "now_millis_z", lambda: "10000-01-01T00:00:00.000Z")
    again = page.again()
    assert dict(again.headers)["content-length"] == str(len(again.body)) == str(len(page.body) + 1)
    assert orjson.loads(again.body)["meta"]["api_request_timestamp"] == "10000-01-01T00:00:00.000Z"


def test_a_reset_after_new_data_serves_the_start_up_data_again() -> None:
    """PUT /_mock/data, a page, POST /_mock/reset: the same request then gets the start-up page, not the kept one."""
    app = create_app(MockSettings(customers=30, seed=6))
    customer = SequenceData(99, "acme", 1).customer(0)  # a complete record of other data
    with serve_in_thread(app, http=protocol_for(app)) as url, httpx.Client(base_url=url, timeout=10) as client:
        before = client.get("/api/customers", auth=SEQUENCE_AUTH).raise_for_status().json()
        client.put("/_mock/data", json={"sequence": {"acme": [customer]}}).raise_for_status()
        put = client.get("/api/customers", auth=SEQUENCE_AUTH).raise_for_status().json()
        client.post("/_mock/reset").raise_for_status()
        after = client.get("/api/customers", auth=SEQUENCE_AUTH).raise_for_status().json()
    assert [c["id"] for c in put["items"]] == [customer["id"]]
    assert after == before
