"""The vendor contract cases: what a real vendor must do that `st run` cannot see, on the mock or live.

A pytest module of this package, two targets. A live run (`customers-contract run --against live`
sets ``CONTRACT_LIVE=1``) runs it against each API it tests, through the run's polite client (GET
only, budget, rate limit, ``Retry-After``); tests that need the mock's own knowledge skip there
with a reason. This repository's own test suite runs it against the mock (`mock_server` fixture,
`tests/contract/test_vendor.py`).
Every answer is held to the spec (status, media type, headers, body) before anything else.

Assumes nothing about the data beyond what the spec says: values to filter by are taken from
the first page the target returns, and walks are bounded (``MAX_PAGES``).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from schemathesis.specs.openapi import checks

from customers_contract import polite, specs, targets
from customers_contract.targets import ApiTarget
from customers_mock.testing import MockServer

MAX_PAGES = 6  # per walk; page sizes are chosen so that a small account is walked whole
CONFORMANCE = [
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
MOCK_ONLY = pytest.mark.skipif(targets.is_live(), reason="needs the mock's own knowledge (generated data, accounts)")


@pytest.fixture(scope="module")
def target(request: pytest.FixtureRequest) -> targets.Target:
    """The live vendor from the environment in a live run; else the mock."""
    if targets.is_live():
        return targets.from_env()
    server: MockServer = request.getfixturevalue("mock_server")
    return targets.from_mock(server)


@pytest.fixture(params=targets.APIS)
def api(request: pytest.FixtureRequest, target: targets.Target) -> ApiTarget:
    """Each API of the target (in a live run, only those with credentials)."""
    name: str = request.param
    if name not in target.apis:
        pytest.skip(f"{name}: no credentials in the environment ({', '.join(targets.CREDENTIAL_VARS[name])})")
    return target.apis[name]


@pytest.fixture
def client(api: ApiTarget) -> Iterator[httpx.Client]:
    """An HTTP client for the API: the live run's polite client, or a plain one on the mock."""
    with polite.polite_client(api.base_url, polite.Ledger.from_env() if targets.is_live() else None) as c:
        yield c


_schemas: dict[str, Any] = {}


def get(client: httpx.Client, api: ApiTarget, params: dict[str, Any] | None = None, **headers: str) -> httpx.Response:
    """GET the API's list endpoint (demo or given credentials) and hold the answer to the spec."""
    sent = {**api.auth_headers, **headers} if "Authorization" not in headers else headers
    response = client.get(api.path, params=params, headers={k: v for k, v in sent.items() if v})
    if api.api not in _schemas:
        _schemas[api.api] = schemathesis.openapi.from_path(specs.path(api.api))
    _schemas[api.api][api.path]["GET"].Case().validate_response(response, checks=CONFORMANCE)
    return response


ITEMS = {"sequence": "items", "straddle": "data"}
# Walks list archived customers too, so drift on them is seen (Straddle lists every status by default).
ARCHIVED: dict[str, dict[str, str]] = {"sequence": {"includeArchived": "true"}, "straddle": {}}


def _items(api: ApiTarget, response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()[ITEMS[api.api]]
    return items


def _total(api: ApiTarget, response: httpx.Response) -> int:
    body = response.json()
    total: int = body["pagination"]["totalResultSize"] if api.api == "sequence" else body["meta"]["total_items"]
    return total


def _page_size(total: int, largest: int) -> int:
    """A page size that walks ``total`` customers in at most MAX_PAGES - 1 pages (if the API allows)."""
    return max(1, min(largest, math.ceil(total / (MAX_PAGES - 1))))


# ---- pagination ---------------------------------------------------------------------------------


def _sequence_walk(client: httpx.Client, api: ApiTarget, limit: int) -> tuple[list[httpx.Response], bool]:
    pages: list[httpx.Response] = []
    params: dict[str, Any] = {"limit": limit, **ARCHIVED["sequence"]}
    for _ in range(MAX_PAGES):
        pages.append(get(client, api, params))
        after = pages[-1].json()["pagination"].get("after")
        if not after:
            return pages, True
        params = {**params, "after": after}
    return pages, False


def _straddle_walk(client: httpx.Client, api: ApiTarget, size: int) -> tuple[list[httpx.Response], bool]:
    pages: list[httpx.Response] = []
    for number in range(1, MAX_PAGES + 1):
        pages.append(get(client, api, {"page_size": size, "page_number": number}))
        if number >= pages[-1].json()["meta"]["total_pages"]:
            return pages, True
    return pages, False


def test_pagination_walk_loses_and_repeats_nothing(api: ApiTarget, client: httpx.Client) -> None:
    """Walking the pages forward lists each customer once; a whole walk lists exactly the total."""
    total = _total(api, get(client, api, ARCHIVED[api.api]))
    if api.api == "sequence":
        pages, complete = _sequence_walk(client, api, _page_size(total, 100))
    else:
        pages, complete = _straddle_walk(client, api, _page_size(total, 1000))
    ids = [c["id"] for page in pages for c in _items(api, page)]
    assert len(ids) == len(set(ids)), "a customer was listed twice"
    if complete:
        assert len(ids) == total, f"walked {len(ids)} customers, the first page said {total}"


def test_sequence_before_cursor_leads_back(target: targets.Target) -> None:
    """Sequence: the second page's `before` cursor gives the first page again."""
    if "sequence" not in target.apis:
        pytest.skip("sequence: no credentials in the environment")
    api = target.apis["sequence"]
    with polite.polite_client(api.base_url, polite.Ledger.from_env() if targets.is_live() else None) as client:
        pages, _ = _sequence_walk(client, api, 3)
        if len(pages) < 2:
            pytest.skip("sequence: the account has a single page of customers")
        before = pages[1].json()["pagination"]["before"]
        back = get(client, api, {"limit": 3, "before": before, **ARCHIVED["sequence"]})
    assert [c["id"] for c in _items(api, back)] == [c["id"] for c in _items(api, pages[0])]


# ---- filters --------------------------------------------------------------------------------------


def _sample(client: httpx.Client, api: ApiTarget) -> tuple[list[dict[str, Any]], int]:
    page = get(client, api, {"limit": 50} if api.api == "sequence" else {"page_size": 50})
    items = _items(api, page)
    if not items:
        pytest.skip(f"{api.api}: the account lists no customers to filter by")
    return items, _total(api, page)


def test_filters_narrow_results(api: ApiTarget, client: httpx.Client) -> None:
    """Filtering by a listed customer's value keeps only matching customers and never widens the listing."""
    items, total = _sample(client, api)
    if api.api == "sequence":  # exact matches ignoring case (the spec's modelling)
        wanted = next((c for c in items if c.get("email")), items[0])
        key = "email" if wanted.get("email") else "legalName"
        page = get(client, api, {key: wanted[key], "limit": 100})
        assert wanted["id"] in {c["id"] for c in _items(api, page)}
        assert all(c[key].casefold() == wanted[key].casefold() for c in _items(api, page))
        narrowed = [page]
    else:
        wanted = items[0]
        narrowed = [
            get(client, api, {"status": wanted["status"], "page_size": 100}),
            get(client, api, {"types": wanted["type"], "page_size": 100}),
        ]
        assert {c["status"] for c in _items(api, narrowed[0])} == {wanted["status"]}
        assert {c["type"] for c in _items(api, narrowed[1])} == {wanted["type"]}
    assert all(1 <= _total(api, page) <= total for page in narrowed)


def test_filter_matching_nothing_is_an_empty_page(api: ApiTarget, client: httpx.Client) -> None:
    """A filter value no customer has gives an empty page with a total of 0, not an error."""
    nowhere = f"no-such-customer-{uuid.uuid4().hex}"
    param = "legalName" if api.api == "sequence" else "name"
    page = get(client, api, {param: nowhere})
    assert _items(api, page) == []
    assert _total(api, page) == 0


# ---- bad input and credentials ------------------------------------------------------------------

BAD_INPUT = {"sequence": ({"limit": 0}, "limit"), "straddle": ({"page_size": 0}, "page_size")}


def test_bad_input_is_a_400_in_the_vendor_envelope(api: ApiTarget, client: httpx.Client) -> None:
    """A parameter out of its documented range is a 400 in the API's error envelope, naming the parameter."""
    params, name = BAD_INPUT[api.api]
    response = get(client, api, params)
    assert response.status_code == 400, response.text
    assert name in response.text


def test_negative_auth_cases(api: ApiTarget, client: httpx.Client) -> None:
    """No credentials, and well-formed wrong ones, are each a 401 in the API's error envelope (two requests)."""
    for headers in ({"Authorization": ""}, api.wrong_auth_headers):
        response = get(client, api, {}, **headers)
        assert response.status_code == 401, response.text
        assert "error" in response.json()


# ---- what only the mock can promise -------------------------------------------------------------


@MOCK_ONLY
def test_totals_are_the_generated_customers(
    api: ApiTarget, client: httpx.Client, request: pytest.FixtureRequest
) -> None:
    """On the mock, an unfiltered listing's total is the number of customers it generated per account."""
    customers = int(request.config.getini("customers_mock_customers"))
    params = {"includeArchived": "true"} if api.api == "sequence" else {}
    assert _total(api, get(client, api, params)) == customers


@MOCK_ONLY
def test_fault_header_is_served(api: ApiTarget, client: httpx.Client) -> None:
    """On the mock, an X-Mock-Fault header fails the request as asked (a real vendor has no such header)."""
    response = client.get(api.path, headers={**api.auth_headers, "X-Mock-Fault": "status=503"})
    assert response.status_code == 503
