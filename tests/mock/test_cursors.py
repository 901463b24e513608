"""Sequence cursors stay short and opaque whatever the data, and keep keyset semantics both ways."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from customers_mock import store
from customers_mock.testing import MockServer, start_mock_server
from tests.mock.bodies import checked
from tests.support import tls

# Names of 100 KB, several sharing that long a prefix: a cursor that carried the sort key would be ~133 KB.
LONG = "N" * 100_000
CUSTOMERS: list[dict[str, Any]] = [
    {
        "id": str(uuid.UUID(int=i + 1, version=4)),
        "createdAt": f"2021-01-{i + 1:02d}T00:00:00Z",
        "legalName": f"{LONG}{i % 4}" if i % 3 else f"Short {i}",
        "address": {"line1": "1 Main St", "town": "Austin", "state": "TX", "postcode": "78701", "country": "US"},
        "taxStatus": "TAXED",
    }
    for i in range(13)
]


@pytest.fixture(scope="module")
def long_names(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    """A mock whose acme customers have 100 KB legal names."""
    path: Path = tmp_path_factory.mktemp("cursors") / "customers.json"
    path.write_bytes(orjson.dumps({"sequence": {"acme": CUSTOMERS}}))
    with start_mock_server(data=path) as server:
        yield server


def _page(server: MockServer, **params: Any) -> dict[str, Any]:
    response = httpx.get(server.sequence_url, params=params, auth=server.sequence_auth, timeout=30, verify=tls.CONTEXT)
    assert response.status_code == 200, response.text[:300]
    body: dict[str, Any] = checked("sequence", response)
    for name in ("after", "before"):
        assert len(body["pagination"].get(name, "")) <= store.CURSOR_LENGTH
    return body


@pytest.mark.parametrize("order", ["ASC", "DESC"])
def test_cursors_are_short_and_walks_are_complete_both_ways(long_names: MockServer, order: str) -> None:
    """Sorting by 100 KB names: every cursor is at most CURSOR_LENGTH characters, and walks after/before are exact."""
    params = {"sortBy": "legalName", "sortOrder": order, "limit": 4}
    expected = [c["id"] for c in sorted(CUSTOMERS, key=lambda c: (c["legalName"], c["id"]), reverse=order == "DESC")]
    pages = [_page(long_names, **params)]
    while "after" in pages[-1]["pagination"]:
        pages.append(_page(long_names, **params, after=pages[-1]["pagination"]["after"]))
    assert [c["id"] for page in pages for c in page["items"]] == expected
    backward = [pages[-1]]
    while "before" in backward[-1]["pagination"]:
        backward.append(_page(long_names, **params, before=backward[-1]["pagination"]["before"]))
    assert [c["id"] for page in reversed(backward) for c in page["items"]] == expected


def test_a_cursor_names_the_same_customer_in_another_sort(long_names: MockServer) -> None:
    """A cursor names a customer: used with another sortBy, the page starts right after that customer there."""
    first = _page(long_names, sortBy="legalName", sortOrder="ASC", limit=1)
    named = first["items"][0]["id"]
    by_created = [c["id"] for c in sorted(CUSTOMERS, key=lambda c: c["createdAt"])]
    after = _page(long_names, sortBy="createdAt", sortOrder="ASC", limit=100, after=first["pagination"]["after"])
    assert [c["id"] for c in after["items"]] == by_created[by_created.index(named) + 1 :]
