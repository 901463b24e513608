"""Straddle GET /v1/customers on the live mock: filters, sorting, pages, meta, auth, errors."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import httpx
import pytest
from straddle_client import AuthenticatedClient
from straddle_client.api.customers import list_customers
from straddle_client.models import CustomerSortBy, CustomerStatus, CustomerType, SortOrder

from customers_mock.testing import MockServer
from tests.mock.bodies import checked


def _page(client: AuthenticatedClient, **params: Any) -> dict[str, Any]:
    response = list_customers.sync_detailed(client=client, **params)
    assert response.status_code == 200, response.content
    body: dict[str, Any] = checked("straddle", response)
    return body


def _all(client: AuthenticatedClient, **params: Any) -> list[dict[str, Any]]:
    """Every customer, page by page until an empty page (as the vendor SDKs do)."""
    items: list[dict[str, Any]] = []
    for number in range(1, 100):
        data = _page(client, page_number=number, page_size=1000, **params)["data"]
        if not data:
            return items
        items += data
    raise AssertionError("no empty page")


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_default_page_and_truthful_meta(straddle: AuthenticatedClient) -> None:
    """Page 1 of 100, oldest first, with meta counting every customer of the account."""
    body = _page(straddle)
    everyone = _all(straddle)
    meta = body["meta"]
    assert body["response_type"] == "array"
    assert body["data"] == everyone[:100]
    assert meta["total_items"] == len(everyone)
    assert meta["total_pages"] == math.ceil(len(everyone) / 100)
    assert (meta["page_number"], meta["page_size"], meta["max_page_size"]) == (1, 100, 1000)
    assert (meta["sort_by"], meta["sort_order"]) == ("created_at", "asc")
    created = [_when(c["created_at"]) for c in everyone]
    assert created == sorted(created)


def test_each_request_gets_a_fresh_request_id(straddle: AuthenticatedClient) -> None:
    """meta.api_request_id differs between two requests."""
    assert _page(straddle)["meta"]["api_request_id"] != _page(straddle)["meta"]["api_request_id"]


def test_pages_partition_the_list(straddle: AuthenticatedClient) -> None:
    """Pages of 30 concatenate to the full list; the page after the last is empty."""
    everyone = _all(straddle)
    pages = [_page(straddle, page_number=n, page_size=30) for n in range(1, math.ceil(len(everyone) / 30) + 2)]
    assert [c for p in pages for c in p["data"]] == everyone
    assert pages[-1]["data"] == []
    assert pages[-1]["meta"]["total_items"] == len(everyone)


def test_huge_page_number_is_an_empty_page(straddle: AuthenticatedClient) -> None:
    """The largest page number the spec allows is served as an empty page."""
    body = _page(straddle, page_number=2147483647, page_size=1000)
    assert body["data"] == []
    assert body["meta"]["page_number"] == 2147483647


@pytest.mark.parametrize("sort_by", [CustomerSortBy.NAME, CustomerSortBy.CREATED_AT])
@pytest.mark.parametrize("order", [SortOrder.ASC, SortOrder.DESC])
def test_sorting(straddle: AuthenticatedClient, sort_by: CustomerSortBy, order: SortOrder) -> None:
    """sort_by name / created_at in either order orders every page (ties by id) and says so in meta."""
    items = _all(straddle, sort_by=sort_by, sort_order=order)
    if sort_by == CustomerSortBy.NAME:
        keys: list[Any] = [(c["name"], c["id"]) for c in items]
    else:
        keys = [(_when(c["created_at"]), c["id"]) for c in items]
    assert keys == sorted(keys, reverse=order == SortOrder.DESC)
    meta = _page(straddle, sort_by=sort_by, sort_order=order)["meta"]
    assert (meta["sort_by"], meta["sort_order"]) == (sort_by.value, order.value)


def test_created_range_is_inclusive(straddle: AuthenticatedClient) -> None:
    """created_from / created_to keep customers created at exactly either bound."""
    everyone = _all(straddle)
    low, high = _when(everyone[10]["created_at"]), _when(everyone[20]["created_at"])
    found = _all(straddle, created_from=low, created_to=high)
    assert [c["id"] for c in found] == [c["id"] for c in everyone[10:21]]


def test_created_from_after_created_to_is_empty(straddle: AuthenticatedClient) -> None:
    """A reversed date range is a valid request for nothing: 200 with no data."""
    now = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    body = _page(straddle, created_from=now, created_to=now - dt.timedelta(days=1))
    assert body["data"] == []
    assert body["meta"]["total_items"] == 0


def test_name_is_a_case_insensitive_partial_match(straddle: AuthenticatedClient) -> None:
    """name matches any customer whose name contains it, ignoring case."""
    everyone = _all(straddle)
    part = everyone[0]["name"].split()[-1][:4].upper()
    found = _all(straddle, name=part)
    assert {c["id"] for c in found} == {c["id"] for c in everyone if part.casefold() in c["name"].casefold()}
    assert everyone[0]["id"] in {c["id"] for c in found}


@pytest.mark.parametrize("field", ["email", "external_id"])
def test_exact_filters(straddle: AuthenticatedClient, field: str) -> None:
    """email and external_id match the whole value (ignoring case), not a part of it."""
    everyone = _all(straddle)
    sample = next(c for c in everyone if c[field])
    assert [c["id"] for c in _all(straddle, **{field: sample[field].upper()})] == [sample["id"]]
    assert _all(straddle, **{field: sample[field][:-1]}) == []


@pytest.mark.parametrize("field", ["name", "email", "phone", "external_id"])
def test_search_text_looks_in_every_field(straddle: AuthenticatedClient, field: str) -> None:
    """search_text finds a customer by a piece of its name, email, phone or external id."""
    sample = next(c for c in _all(straddle) if c[field])
    found = _all(straddle, search_text=sample[field][1:-1])
    assert sample["id"] in {c["id"] for c in found}


def test_status_and_types_filter_as_sets(straddle: AuthenticatedClient) -> None:
    """status and types keep customers whose value is any of the given ones."""
    statuses = [CustomerStatus.VERIFIED, CustomerStatus.REVIEW]
    found = _all(straddle, status=statuses, types=[CustomerType.BUSINESS])
    assert found
    assert all(c["status"] in ("verified", "review") and c["type"] == "business" for c in found)
    everyone = _all(straddle)
    expected = [c for c in everyone if c["status"] in ("verified", "review") and c["type"] == "business"]
    assert found == expected


def test_arrays_accept_repeated_and_comma_joined_values(raw: httpx.Client, mock_server: MockServer) -> None:
    """status=a&status=b (generated client) and status=a,b (vendor SDKs) give the same page."""
    headers = mock_server.straddle_headers
    repeated = raw.get("/v1/customers?status=verified&status=rejected&page_size=1000", headers=headers)
    joined = raw.get("/v1/customers?status=verified,rejected&page_size=1000", headers=headers)
    assert checked("straddle", repeated)["data"] == checked("straddle", joined)["data"]
    assert {c["status"] for c in joined.json()["data"]} == {"verified", "rejected"}


def test_request_and_correlation_ids_are_echoed(straddle: AuthenticatedClient) -> None:
    """Request-Id and Correlation-Id come back as response headers."""
    response = list_customers.sync_detailed(client=straddle, request_id="req-1", correlation_id="corr-9")
    assert response.headers["Request-Id"] == "req-1"
    assert response.headers["Correlation-Id"] == "corr-9"


@pytest.mark.parametrize(
    ("query", "param"),
    [("page_size=0", "page_size"), ("page_size=1001", "page_size"), ("page_size=1000000000", "page_size"),
     ("page_number=0", "page_number"), ("page_number=x", "page_number"), ("sort_by=email", "sort_by"),
     ("sort_order=up", "sort_order"), ("status=happy", "status"), ("types=robot", "types"),
     ("created_from=yesterday", "created_from"), ("created_to=2024-01-01", "created_to"),
     ("page_size=5&page_size=6", "page_size")],
)  # fmt: skip
def test_invalid_parameters_are_400_naming_them(
    raw: httpx.Client, mock_server: MockServer, query: str, param: str
) -> None:
    """Each invalid parameter is 400 in the Straddle envelope with an item referencing it."""
    response = raw.get(f"/v1/customers?{query}", headers={**mock_server.straddle_headers, "Request-Id": "r-7"})
    assert response.status_code == 400
    error = checked("straddle", response)["error"]
    assert error["status"] == 400
    assert [item["reference"] for item in error["items"]] == [param]
    assert response.headers["Request-Id"] == "r-7"


@pytest.mark.parametrize("authorization", [None, "Bearer sk_test_nope", "Basic c2tfdGVzdF9kZW1vOg==", "Bearer"])
def test_missing_or_wrong_key_is_401(raw: httpx.Client, authorization: str | None) -> None:
    """No key, an unknown key or the wrong scheme: 401 in the Straddle envelope."""
    headers = {"Authorization": authorization} if authorization else {}
    response = raw.get("/v1/customers", headers=headers)
    assert response.status_code == 401
    assert checked("straddle", response)["error"]["type"] == "unauthorized"


def _ids(raw: httpx.Client, key: str, account_id: str | None = None) -> set[str]:
    headers = {"Authorization": f"Bearer {key}"}
    if account_id:
        headers["Straddle-Account-Id"] = account_id
    response = raw.get("/v1/customers", params={"page_size": 1000}, headers=headers)
    assert response.status_code == 200
    return {c["id"] for c in checked("straddle", response)["data"]}


def test_accounts_see_only_their_own_customers(raw: httpx.Client, mock_server: MockServer) -> None:
    """The two account keys list disjoint customers; naming one's own account changes nothing."""
    mine = _ids(raw, mock_server.straddle_api_key)
    theirs = _ids(raw, mock_server.straddle_other_api_key)
    assert mine
    assert theirs
    assert not mine & theirs
    assert _ids(raw, mock_server.straddle_api_key, mock_server.straddle_account_id) == mine


def test_platform_key_acts_on_the_named_account(raw: httpx.Client, mock_server: MockServer) -> None:
    """The platform key with Straddle-Account-Id sees that account's customers; alone it owns none."""
    platform = mock_server.straddle_platform_key
    assert _ids(raw, platform, mock_server.straddle_account_id) == _ids(raw, mock_server.straddle_api_key)
    other = _ids(raw, mock_server.straddle_other_api_key)
    assert _ids(raw, platform, mock_server.straddle_other_account_id.upper()) == other
    assert _ids(raw, platform) == set()


@pytest.mark.parametrize(
    ("key_attr", "account_id"),
    [("straddle_platform_key", "00000000-0000-4000-8000-000000000000"),
     ("straddle_api_key", "9b7e3f10-5d2c-4a8b-8e6f-1a2b3c4d5e6f"),
     ("straddle_api_key", "not-a-uuid")],
)  # fmt: skip
def test_other_account_ids_are_403(raw: httpx.Client, mock_server: MockServer, key_attr: str, account_id: str) -> None:
    """An account id the key may not act on (unknown, another account's, malformed) is 403."""
    headers = {"Authorization": f"Bearer {getattr(mock_server, key_attr)}", "Straddle-Account-Id": account_id}
    response = raw.get("/v1/customers", headers=headers)
    assert response.status_code == 403
    error = checked("straddle", response)["error"]
    assert [item["reference"] for item in error["items"]] == ["Straddle-Account-Id"]


def test_undeclared_method_is_405_with_allow(raw: httpx.Client, mock_server: MockServer) -> None:
    """DELETE on the list path is 405 with Allow, in the Straddle envelope."""
    response = raw.delete("/v1/customers", headers=mock_server.straddle_headers)
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]
    assert response.json()["error"]["status"] == 405


def test_unknown_path_is_404_in_straddle_envelope(raw: httpx.Client) -> None:
    """An unknown /v1/ path is 404 with the Straddle error envelope."""
    response = raw.get("/v1/nothing-here")
    assert response.status_code == 404
    body = response.json()
    assert body["response_type"] == "error"
    assert body["error"]["status"] == 404
