"""Sorting by customProperties.<key>: a key no customer has costs nothing; new indexes are rationed per account."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import httpx
import orjson

from customers_mock import store
from customers_mock.app import create_app
from customers_mock.dataset import SequenceData
from customers_mock.settings import MockSettings
from customers_mock.state import sequence_collection
from tests.mock.bodies import checked
from tests.support.servers import serve_in_thread

AUTH = ("seq_demo_client", "seq_demo_secret")


def test_keys_no_customer_has_build_nothing() -> None:
    """A loop over 50 new keys that no customer has builds at most one structure (the id order), and sorts by id."""
    collection = sequence_collection(SequenceData(seed=2, account="acme", count=500))

    async def sort_by_many() -> list[list[int]]:
        return [list(await store.select_async(collection, f"customProperties.k{i}")) for i in range(50)]

    before = collection.builds
    orders = asyncio.run(sort_by_many())
    assert collection.builds - before <= 1
    by_id = sorted(range(500), key=lambda p: collection.value("id", p))
    assert all(order == by_id for order in orders)


def test_present_keys_are_rationed_per_account(tmp_path: Path) -> None:
    """New indexes on keys customers have: MAX_CUSTOM_SORTS per minute per account, then 429 with Retry-After."""
    keys = [f"k{i}" for i in range(store.MAX_CUSTOM_SORTS + 2)]
    customers = [
        {
            "id": str(uuid.UUID(int=i + 1, version=4)),
            "createdAt": "2021-01-01T00:00:00Z",
            "legalName": f"C{i}",
            "address": {"line1": "1 Main St", "town": "Toronto", "state": "ON", "postcode": "M5H", "country": "CA"},
            "taxStatus": "TAXED",
            "customProperties": {key: f"v{(i * 7 + j) % 5}" for j, key in enumerate(keys)},
        }
        for i in range(20)
    ]
    path = tmp_path / "customers.json"
    path.write_bytes(orjson.dumps({"sequence": {"acme": customers}}))
    app = create_app(MockSettings(data_file=path))
    with serve_in_thread(app) as url, httpx.Client(base_url=url) as client:

        def sort(key: str) -> httpx.Response:
            return client.get("/api/customers", params={"sortBy": f"customProperties.{key}"}, auth=AUTH)

        statuses = [sort(key).status_code for key in keys]
        assert statuses == [200] * store.MAX_CUSTOM_SORTS + [429, 429]
        refused = sort(keys[-1])
        assert 0 < int(refused.headers["retry-after"]) <= 60
        assert checked("sequence", refused)["error"]["type"] == "TooManyRequests"
        assert sort(keys[0]).status_code == 200  # built ones stay served
        assert sort("nobody-has-this").status_code == 200  # free ones too
