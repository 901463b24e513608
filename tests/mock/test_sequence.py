"""Sequence GET /api/customers on the live mock: filters, sorting, cursors, auth, errors."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from sequence_client import AuthenticatedClient
from sequence_client.api.customers import list_customers
from sequence_client.models import SequenceVersion, SortOrder

from customers_mock.testing import MockServer
from tests.mock.bodies import checked

SORTABLE = ["createdAt", "id", "legalName", "email", "label", "url", "domain", "archivedAt", "taxStatus"]


def _page(client: AuthenticatedClient, **params: Any) -> dict[str, Any]:
    response = list_customers.sync_detailed(client=client, **params)
    assert response.status_code == 200, response.content
    body: dict[str, Any] = checked("sequence", response)
    return body


def _walk(client: AuthenticatedClient, direction: str = "after", **params: Any) -> list[list[dict[str, Any]]]:
    """Every page, following ``direction`` cursors from the first page."""
    pages = [_page(client, **params)]
    while direction in pages[-1]["pagination"]:
        pages.append(_page(client, **params, **{direction: pages[-1]["pagination"][direction]}))
        assert len(pages) < 500
    return [p["items"] for p in pages]


def _sort_key(customer: dict[str, Any], field: str) -> tuple[str, str]:
    if field.startswith("customProperties."):
        value = customer.get("customProperties", {}).get(field.split(".", 1)[1])
    else:
        value = customer.get(field)
    return (value or "", customer["id"])


def test_default_page_is_newest_first_without_archived(sequence: AuthenticatedClient) -> None:
    """No parameters: 20 customers, newest first, none archived, and a total over all pages."""
    body = _page(sequence)
    items = body["items"]
    assert len(items) == 20
    created = [c["createdAt"] for c in items]
    assert created == sorted(created, reverse=True)
    assert all("archivedAt" not in c for c in items)
    assert "before" not in body["pagination"]
    assert "after" in body["pagination"]
    everything = _page(sequence, include_archived=True, limit=1)["pagination"]["totalResultSize"]
    assert 0 < body["pagination"]["totalResultSize"] < everything


def test_forward_pages_cover_every_customer_once(sequence: AuthenticatedClient) -> None:
    """Following `after` visits each customer exactly once; the last page has no `after`."""
    pages = _walk(sequence, include_archived=True, limit=37)
    ids = [c["id"] for page in pages for c in page]
    total = _page(sequence, include_archived=True, limit=1)["pagination"]["totalResultSize"]
    assert len(ids) == len(set(ids)) == total
    assert all(len(page) == 37 for page in pages[:-1])


def test_backward_pages_mirror_forward_pages(sequence: AuthenticatedClient) -> None:
    """From the last page, following `before` gives the same pages in reverse; the first has no `before`."""
    forward = _walk(sequence, limit=25, sort_order=SortOrder.ASC)
    last = _page(sequence, limit=25, sort_order=SortOrder.ASC, after=_cursor_before_last(sequence))
    backward = [last["items"]]
    cursor = last["pagination"].get("before")
    while cursor:
        body = _page(sequence, limit=25, sort_order=SortOrder.ASC, before=cursor)
        backward.append(body["items"])
        cursor = body["pagination"].get("before")
    flat_forward = [c["id"] for page in forward for c in page]
    flat_backward = [c["id"] for page in reversed(backward) for c in page]
    assert flat_backward[-len(forward[-1]) :] == [c["id"] for c in forward[-1]]
    assert flat_backward == flat_forward[-len(flat_backward) :]
    assert flat_backward[0] == flat_forward[0]


def _cursor_before_last(client: AuthenticatedClient) -> str:
    """The `after` cursor that leads to the last page of 25 in ascending order."""
    pages = _walk(client, limit=25, sort_order=SortOrder.ASC)
    body = _page(client, limit=25, sort_order=SortOrder.ASC)
    for _ in range(len(pages) - 2):
        body = _page(client, limit=25, sort_order=SortOrder.ASC, after=body["pagination"]["after"])
    cursor: str = body["pagination"]["after"]
    return cursor


@pytest.mark.parametrize("field", [*SORTABLE, "customProperties.region", "customProperties.nobody-has-it"])
@pytest.mark.parametrize("order", [SortOrder.ASC, SortOrder.DESC])
def test_sort_by_every_field(sequence: AuthenticatedClient, field: str, order: SortOrder) -> None:
    """Every sortBy column orders all pages by (value, id), absent values as empty, in either order."""
    pages = _walk(sequence, include_archived=True, limit=100, sort_by=field, sort_order=order)
    items = [c for page in pages for c in page]
    keys = [_sort_key(c, field) for c in items]
    if field in ("createdAt", "archivedAt"):
        keys = [(value.replace("Z", ".000000Z") if value else "", ident) for value, ident in keys]
    assert keys == sorted(keys, reverse=order == SortOrder.DESC)
    assert len({c["id"] for c in items}) == len(items)


def test_include_archived_shows_archived_customers(sequence: AuthenticatedClient) -> None:
    """includeArchived=true adds the archived customers (and only then are they listed)."""
    items = [c for page in _walk(sequence, include_archived=True, limit=100) for c in page]
    archived = [c for c in items if "archivedAt" in c]
    assert archived
    hidden = [c for page in _walk(sequence, limit=100) for c in page]
    assert len(hidden) == len(items) - len(archived)


@pytest.mark.parametrize(("param", "field"), [("legal_name", "legalName"), ("email", "email"), ("label", "label")])
def test_exact_filters_ignore_case(sequence: AuthenticatedClient, param: str, field: str) -> None:
    """legalName, email and label match the whole value, ignoring case; a part of it matches nothing."""
    sample = next(c for c in _page(sequence, limit=100)["items"] if field in c)
    value: str = sample[field]
    everyone = [c for page in _walk(sequence, limit=100) for c in page]
    expected = {c["id"] for c in everyone if c.get(field, "").casefold() == value.casefold()}
    found = [c for page in _walk(sequence, limit=100, **{param: value.swapcase()}) for c in page]
    assert {c["id"] for c in found} == expected
    assert sample["id"] in expected
    assert _page(sequence, **{param: value[:-2]})["items"] == []


def test_alias_filter_finds_the_customer(sequence: AuthenticatedClient) -> None:
    """alias matches one of a customer's aliases (the demo data gives each `cus_<position>`)."""
    body = _page(sequence, alias="CUS_0000007", include_archived=True)
    assert len(body["items"]) == 1
    assert body["pagination"]["totalResultSize"] == 1
    assert _page(sequence, alias="cus_9999999")["items"] == []


def test_filters_combine(sequence: AuthenticatedClient) -> None:
    """Two filters together give the customers matching both."""
    sample = next(c for c in _page(sequence, limit=100)["items"] if "label" in c)
    body = _page(sequence, email=sample["email"], label=sample["label"])
    assert [c["id"] for c in body["items"]] == [sample["id"]]
    assert _page(sequence, email=sample["email"], label="no such label")["items"] == []


def test_version_header_accepted_and_echoed(sequence: AuthenticatedClient) -> None:
    """sequence-version 2024-07-30 is served, and the response names the version."""
    response = list_customers.sync_detailed(client=sequence, sequence_version=SequenceVersion.V2024_07_30)
    assert response.status_code == 200
    assert response.headers["Sequence-Version"] == "2024-07-30"


def test_unknown_version_is_400_unrecognised(raw: httpx.Client, mock_server: MockServer) -> None:
    """An unknown sequence-version is 400 UnrecognisedApiVersion in the Sequence envelope."""
    response = raw.get("/api/customers", auth=mock_server.sequence_auth, headers={"sequence-version": "2019-01-01"})
    assert response.status_code == 400
    assert checked("sequence", response)["error"]["type"] == "UnrecognisedApiVersion"


@pytest.mark.parametrize("limit", ["0", "101", "-1", "1000000000", "99999999999999999999999", "ten", "1.5", ""])
def test_bad_limit_is_400_naming_limit(raw: httpx.Client, mock_server: MockServer, limit: str) -> None:
    """limit outside 1..100 or not an integer is 400, with an error keyed `limit`."""
    response = raw.get("/api/customers", params={"limit": limit}, auth=mock_server.sequence_auth)
    assert response.status_code == 400
    error = checked("sequence", response)["error"]
    assert error["type"] == "BadRequest"
    assert [e["key"] for e in error["errors"]] == ["limit"]


@pytest.mark.parametrize(
    ("param", "value"),
    [("after", "not a cursor!"), ("before", "%%%"), ("after", "abc=def"), ("sortBy", "password"),
     ("sortOrder", "sideways"), ("includeArchived", "yes")],
)  # fmt: skip
def test_malformed_parameters_are_400(raw: httpx.Client, mock_server: MockServer, param: str, value: str) -> None:
    """Values outside the spec (malformed cursor, unknown sort column...) are 400 naming the parameter."""
    response = raw.get("/api/customers", params={param: value}, auth=mock_server.sequence_auth)
    assert response.status_code == 400
    assert [e["key"] for e in checked("sequence", response)["error"]["errors"]] == [param]


def test_repeated_scalar_parameter_is_400(raw: httpx.Client, mock_server: MockServer) -> None:
    """A single-valued parameter given twice is 400, not a silent pick."""
    response = raw.get("/api/customers?limit=5&limit=6", auth=mock_server.sequence_auth)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "cursor", ["A", "AAAA", "zzzz-_", "Zm9v==", "////", "MDE4NDUyNjYtNmQ2NC03N2M4LTlhZGYtNDQ4N2Q5NGQxNDU3"]
)
def test_any_well_formed_cursor_names_a_position(sequence: AuthenticatedClient, cursor: str) -> None:
    """A cursor matching the spec's pattern is never refused, whatever it decodes to."""
    _page(sequence, after=cursor)
    _page(sequence, before=cursor)


def test_cursor_is_a_keyset_position(sequence: AuthenticatedClient) -> None:
    """A cursor is the (key, id) of an item: `after` it starts right after that item, in any order."""
    items = _page(sequence, limit=10, sort_order=SortOrder.ASC)["items"]
    key = f"{items[3]['createdAt'].replace('Z', '.000000Z')}\x1f{items[3]['id']}"
    cursor = base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")
    after = _page(sequence, limit=3, sort_order=SortOrder.ASC, after=cursor)["items"]
    assert [c["id"] for c in after] == [c["id"] for c in items[4:7]]


def test_after_and_before_together_give_the_items_between(sequence: AuthenticatedClient) -> None:
    """With both cursors the page holds only the items strictly between them."""
    first = _page(sequence, limit=5)
    second = _page(sequence, limit=5, after=first["pagination"]["after"])
    between = _page(sequence, limit=100, after=_nth_cursor(sequence, 1), before=second["pagination"]["before"])
    assert [c["id"] for c in between["items"]] == [c["id"] for c in first["items"][2:]]


def _nth_cursor(client: AuthenticatedClient, n: int) -> str:
    """The `after` cursor of a page of n+1 items (pointing at item n)."""
    cursor: str = _page(client, limit=n + 1)["pagination"]["after"]
    return cursor


def test_missing_credentials_are_401(raw: httpx.Client) -> None:
    """No Authorization header: 401 in the Sequence envelope."""
    response = raw.get("/api/customers")
    assert response.status_code == 401
    assert checked("sequence", response)["error"]["type"] == "Unauthorized"


@pytest.mark.parametrize(
    "authorization",
    ["Basic " + base64.b64encode(b"seq_demo_client:wrong").decode(), "Basic !!!", "Bearer sk_test_demo", "Basic"],
)
def test_wrong_credentials_are_401(raw: httpx.Client, authorization: str) -> None:
    """Unknown, malformed or wrong-scheme credentials: 401."""
    response = raw.get("/api/customers", headers={"Authorization": authorization})
    assert response.status_code == 401
    checked("sequence", response)


def test_key_without_customers_permission_is_403(raw: httpx.Client, mock_server: MockServer) -> None:
    """The restricted demo key authenticates but may not list customers: 403 Forbidden, even with bad parameters."""
    server = mock_server
    restricted = httpx.BasicAuth(server.sequence_restricted_client_id, server.sequence_restricted_client_secret)
    for params in ({}, {"limit": 5}, {"limit": 0}):
        response = raw.get("/api/customers", params=params, auth=restricted)
        assert response.status_code == 403
        assert "www-authenticate" not in response.headers
        error = checked("sequence", response)["error"]
        assert error == {"type": "Forbidden", "message": "These credentials may not list customers."}
    wrong_secret = httpx.BasicAuth(mock_server.sequence_restricted_client_id, "wrong")
    assert raw.get("/api/customers", auth=wrong_secret).status_code == 401


def test_accounts_see_only_their_own_customers(raw: httpx.Client, mock_server: MockServer) -> None:
    """The two demo accounts list disjoint sets of customers."""
    other = httpx.BasicAuth(mock_server.sequence_other_client_id, mock_server.sequence_other_client_secret)
    mine = raw.get("/api/customers", params={"limit": 100, "includeArchived": "true"}, auth=mock_server.sequence_auth)
    theirs = raw.get("/api/customers", params={"limit": 100, "includeArchived": "true"}, auth=other)
    mine_ids = {c["id"] for c in checked("sequence", mine)["items"]}
    their_ids = {c["id"] for c in checked("sequence", theirs)["items"]}
    assert mine_ids
    assert their_ids
    assert not mine_ids & their_ids


def test_undeclared_method_is_405_with_allow(raw: httpx.Client, mock_server: MockServer) -> None:
    """POST on the list path is 405 with an Allow header, in the Sequence envelope."""
    response = raw.post("/api/customers", auth=mock_server.sequence_auth)
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]
    assert response.json()["error"]["type"] == "MethodNotAllowed"


def test_unknown_path_is_404_in_sequence_envelope(raw: httpx.Client, mock_server: MockServer) -> None:
    """An unknown /api/ path is 404 in the Sequence envelope, with the version header."""
    response = raw.get("/api/customers/nope", auth=mock_server.sequence_auth)
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "NotFound"
    assert response.headers["sequence-version"] == "2024-07-30"
