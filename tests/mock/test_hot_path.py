"""The list endpoints' hot path (cached JSON, cached parameter parsing, answered inline) answers as the full stack.

A request carrying ``X-Mock-Fault: latency=0`` is delayed by nothing but takes Starlette's whole
middleware stack and router, so it is the reference every fast answer is compared with.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import tracemalloc
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest

from customers_mock import errors, render, store, times
from customers_mock.app import create_app
from customers_mock.protocol import protocol_for
from customers_mock.settings import MockSettings
from tests.mock.bodies import checked
from tests.support.servers import serve_in_thread

SEQUENCE_AUTH = ("seq_demo_client", "seq_demo_secret")
STRADDLE_KEY = {"Authorization": "Bearer sk_test_demo"}
FULL_STACK = {"X-Mock-Fault": "latency=0"}
PATHS = {"sequence": "/api/customers", "straddle": "/v1/customers"}

# (api, query, extra headers): pages, filters, sorts and every kind of error answer.
REQUESTS: list[tuple[str, dict[str, Any], dict[str, str]]] = [
    ("sequence", {}, {}),
    ("sequence", {"limit": 7, "sortBy": "legalName", "sortOrder": "ASC", "includeArchived": "true"}, {}),
    ("sequence", {"label": "enterprise", "limit": 3}, {}),
    ("sequence", {"sortBy": "customProperties.region", "limit": 5}, {"sequence-version": "2024-07-30"}),
    ("sequence", {"limit": 0}, {}),
    ("sequence", {}, {"sequence-version": "1999-01-01"}),
    ("sequence", {"after": "%%%"}, {}),
    ("straddle", {}, {}),
    ("straddle", {"page_size": 9, "page_number": 3, "sort_by": "name", "sort_order": "desc"}, {}),
    ("straddle", {"status": "verified,review", "types": "business", "page_size": 4}, {"Request-Id": "r-1"}),
    ("straddle", {"search_text": "acme", "created_from": "2020-01-01T00:00:00Z"}, {"Correlation-Id": "c-1"}),
    ("straddle", {"page_number": 10_000}, {}),
    ("straddle", {"page_size": 1001}, {}),
    ("straddle", {}, {"Straddle-Account-Id": "not-an-account"}),
    ("straddle", {}, {"Authorization": "Bearer wrong"}),
]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Any]]:
    """The mock app built in this process (so a test can reach its state), under uvicorn on loopback as it runs."""
    app = create_app(MockSettings(customers=300, seed=5))
    with serve_in_thread(app, http=protocol_for(app)) as url:
        yield url, app


def _get(client: httpx.Client, api: str, query: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
    if api == "sequence":
        return client.get(PATHS[api], params=query, headers=headers, auth=SEQUENCE_AUTH)
    return client.get(PATHS[api], params=query, headers={**STRADDLE_KEY, **headers})


def _comparable(response: httpx.Response) -> tuple[int, dict[str, str], Any]:
    """Status, headers and body, less what differs between any two answers (date, fresh Straddle meta ids)."""
    headers = {k: v for k, v in response.headers.items() if k != "date"}
    body = orjson.loads(response.content)
    if isinstance(body, dict) and isinstance(body.get("meta"), dict):
        body["meta"].pop("api_request_id")
        body["meta"].pop("api_request_timestamp")
    return response.status_code, headers, body


@pytest.mark.parametrize(("api", "query", "headers"), REQUESTS)
def test_fast_answer_equals_full_stack_answer(
    served: tuple[str, Any], api: str, query: dict[str, Any], headers: dict[str, str]
) -> None:
    """Every answer, success or error, is the one Starlette's full stack gives: status, headers and body."""
    url, _ = served
    with httpx.Client(base_url=url, timeout=10) as client:
        fast = [_get(client, api, query, headers) for _ in range(2)]  # the second is served from the caches
        full = _get(client, api, query, {**headers, **FULL_STACK})
    checked(api, fast[0])
    assert _comparable(fast[0]) == _comparable(fast[1]) == _comparable(full)


@pytest.mark.parametrize("api", ["sequence", "straddle"])
def test_page_body_is_exactly_what_orjson_writes(served: tuple[str, Any], api: str) -> None:
    """The page assembled from cached customer bytes is byte for byte orjson's encoding of the whole body."""
    url, _ = served
    with httpx.Client(base_url=url, timeout=10) as client:
        response = _get(client, api, {}, {})
    assert response.content == orjson.dumps(checked(api, response))


def test_a_repeated_query_is_parsed_again_when_its_header_parameters_change(served: tuple[str, Any]) -> None:
    """The parse cache keys on header parameters too: the same query with an unknown version is still a 400."""
    url, _ = served
    with httpx.Client(base_url=url, timeout=10) as client:
        statuses = [
            _get(client, "sequence", {"limit": 2}, {"sequence-version": version}).status_code
            for version in ("2024-07-30", "2000-01-01", "2024-07-30")
        ]
        unknown = _get(client, "sequence", {"limit": 2}, {"sequence-version": "2000-01-01"})
    assert statuses == [200, 400, 200]
    assert checked("sequence", unknown)["error"]["type"] == "UnrecognisedApiVersion"


def test_customer_added_after_a_page_was_served_is_on_the_next_page() -> None:
    """Cached pages never go stale: a customer added at run time shows on the next request, counted."""
    app = create_app(MockSettings(customers=20, seed=2))
    new = {"id": str(uuid.uuid4()), "createdAt": "2030-01-01T00:00:00Z", "legalName": "Newco", "email": "a@newco.test"}
    with serve_in_thread(app, http=protocol_for(app)) as url, httpx.Client(base_url=url, timeout=10) as client:
        before = checked("sequence", client.get("/api/customers?limit=5", auth=SEQUENCE_AUTH))
        app.state.mock.sequence["acme"].add(new)
        after = checked("sequence", client.get("/api/customers?limit=5", auth=SEQUENCE_AUTH))
    assert after["items"][0]["id"] == new["id"]
    assert after["items"][1:] == before["items"][:-1]
    assert after["pagination"]["totalResultSize"] == before["pagination"]["totalResultSize"] + 1


def test_an_exception_while_answering_is_a_500_in_the_api_envelope_on_both_paths() -> None:
    """A customer that cannot be encoded makes a 500 in Sequence's envelope, fast path or full stack alike."""
    app = create_app(MockSettings(customers=0))
    broken = {"id": str(uuid.uuid4()), "createdAt": "2030-01-01T00:00:00Z", "customProperties": {"x": {1}}}
    app.state.mock.sequence["acme"].add(broken)
    answers: list[httpx.Response] = []
    with serve_in_thread(app, http=protocol_for(app)) as url:
        for headers in ({}, FULL_STACK):
            # One connection each: the server closes a connection whose request raised.
            with httpx.Client(base_url=url, timeout=10) as client:
                answers.append(client.get("/api/customers", auth=SEQUENCE_AUTH, headers=headers))
    for response in answers:
        assert response.status_code == 500
        assert checked("sequence", response)["error"]["type"] == "InternalServerError"
    assert answers[0].content == answers[1].content


def test_straddle_meta_has_a_fresh_v4_request_id_and_the_current_millisecond() -> None:
    """api_request_id is a new RFC 4122 version 4 UUID each time; the timestamp is now, to the millisecond."""
    start = times.now() - dt.timedelta(milliseconds=1)  # stamps are truncated to the millisecond
    metas = [errors.straddle_meta() for _ in range(500)]
    end = times.now()
    ids = [uuid.UUID(meta["api_request_id"]) for meta in metas]
    assert all(i.version == 4 and i.variant == uuid.RFC_4122 for i in ids)
    assert [str(i) for i in ids] == [meta["api_request_id"] for meta in metas]
    assert len(set(ids)) == len(ids)
    stamps = [dt.datetime.fromisoformat(meta["api_request_timestamp"]) for meta in metas]
    assert all(start <= s <= end for s in stamps)
    assert stamps == sorted(stamps)


def test_a_forked_process_does_not_repeat_its_parents_request_ids() -> None:
    """Ids count up from a random UUID per process; a forked worker draws its own instead of repeating the parent's."""
    script = textwrap.dedent(
        """
        import os
        from customers_mock import errors
        errors.request_id()  # the parent has handed out ids before it forks
        pid = os.fork()
        os.write(1, f"{errors.request_id()}\\n".encode())  # one write each: the two lines never interleave
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    ids = result.stdout.split()
    assert len(ids) == 2
    assert len(set(ids)) == 2
    assert ids[0][:24] != ids[1][:24]  # not the next number of one count: each process has its own random start
    assert all(uuid.UUID(i).version == 4 for i in ids)


def test_cached_customers_cost_their_json_size_in_memory() -> None:
    """The customer cache holds exact-size bytes (not orjson's ~4 KiB write buffers): memory stays bounded."""
    collection = create_app(MockSettings(customers=2_000)).state.mock.sequence["acme"]
    cache = render.encoded(collection)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        size = sum(len(cache.customer(p)) for p in range(1_000))
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert size <= held < 2 * size


@pytest.mark.parametrize("sort_by", ["created_at", "name", "sort_order"])
@pytest.mark.parametrize("page_size", [1, 7, 100])
def test_straddle_meta_bytes_are_orjson_of_the_meta_dict(sort_by: str, page_size: int) -> None:
    """The meta written around its cached paging fields is byte for byte ``orjson.dumps`` of the whole dict."""
    meta = errors.straddle_meta()
    paging = (1000, 3, page_size, sort_by, "desc", 10_001)
    expected = orjson.dumps(
        {
            **meta,
            "max_page_size": 1000,
            "page_number": 3,
            "page_size": page_size,
            "sort_by": sort_by,
            "sort_order": "desc",
            "total_items": 10_001,
            "total_pages": -(-10_001 // page_size),
        }
    )
    assert render.straddle_meta(meta["api_request_id"], meta["api_request_timestamp"], paging) == expected


@pytest.mark.parametrize("include_archived", [True, False])
@pytest.mark.parametrize("sort_by", ["createdAt", "legalName", "customProperties.nobody_has_this"])
def test_unfiltered_select_ready_is_select(include_archived: bool, sort_by: str) -> None:
    """Without filters, select_ready's short cut gives exactly select's positions (archived hidden when asked)."""
    collection = create_app(MockSettings(customers=500)).state.mock.sequence["acme"]
    expected = list(store.select(collection, sort_by, include_archived=include_archived))
    assert list(store.select_ready(collection, sort_by, include_archived=include_archived)) == expected
    assert len(expected) < len(collection) or include_archived
