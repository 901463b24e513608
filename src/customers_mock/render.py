"""Page bodies from cached JSON: each customer is encoded once, a page is its items' bytes joined.

A customer never changes once it has a position in a collection (collections only grow), so the
JSON bytes of position ``p`` and the cursor naming ``p`` in a sort order are pure functions of
``(collection, p)``. They are computed on first use (generating a customer from its seed costs
tens of microseconds; a cache hit well under one) and kept in bounded LRUs, so a data set of
1,000,000 customers does not end up held in memory as JSON.

The page envelope is assembled around the items' bytes exactly as ``orjson.dumps`` of the whole
body would write it: key order and separators are the same, byte for byte.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

import orjson
from starlette.responses import Response

from customers_mock import store

# Per collection. Sequence customers average ~590 bytes of JSON, Straddle ~280: with the LRU's own
# bookkeeping a full cache holds ~15 MiB (Sequence) or ~9 MiB (Straddle).
CUSTOMERS_CACHED = 20_000
CURSORS_CACHED = 4_096


class Encoded:
    """One collection's customers as JSON bytes, and its cursors, each computed once (bounded LRU)."""

    def __init__(self, collection: store.Collection) -> None:
        # A weak reference: the caches must not keep their collection (their key below) alive.
        owner = weakref.ref(collection)

        def customer(p: int) -> bytes:
            return orjson.dumps(_alive(owner).customer(p))

        def cursor(field: str, p: int) -> str:
            return store.encode_cursor(_alive(owner).key(field, p))

        self.customer: Callable[[int], bytes] = lru_cache(maxsize=CUSTOMERS_CACHED)(customer)
        self.cursor: Callable[[str, int], str] = lru_cache(maxsize=CURSORS_CACHED)(cursor)


def _alive(owner: weakref.ref[store.Collection]) -> store.Collection:
    collection = owner()
    assert collection is not None, "the cache outlived its collection"
    return collection


_ENCODED: weakref.WeakKeyDictionary[store.Collection, Encoded] = weakref.WeakKeyDictionary()


def encoded(collection: store.Collection) -> Encoded:
    """The caches of ``collection`` (made on first use, dropped with the collection)."""
    found = _ENCODED.get(collection)
    if found is None:
        found = _ENCODED[collection] = Encoded(collection)
    return found


def _enveloped(head: bytes, encoded: Encoded, positions: Iterable[int], tail: bytes) -> bytes:
    """``head`` + the customers at ``positions`` as comma-separated JSON + ``tail``, copying the page once."""
    parts = [head, *map(encoded.customer, positions), tail]
    if len(parts) == 2:
        return head + tail
    # Glue the envelope to the first and last items (small copies), so one join writes the page.
    parts[1] = head + parts[1]
    parts[-2] += tail
    return b",".join(parts[1:-1])


def sequence_page(encoded: Encoded, positions: Iterable[int], pagination: Mapping[str, Any]) -> bytes:
    """``{"items": [...], "pagination": {...}}`` (Sequence's ``ListCustomersResponse``)."""
    return _enveloped(b'{"items":[', encoded, positions, b'],"pagination":' + orjson.dumps(pagination) + b"}")


def straddle_page(encoded: Encoded, positions: Iterable[int], meta: Mapping[str, Any]) -> bytes:
    """``{"data": [...], "meta": {...}, "response_type": "array"}`` (Straddle's paged customers)."""
    return _enveloped(
        b'{"data":[', encoded, positions, b'],"meta":' + orjson.dumps(meta) + b',"response_type":"array"}'
    )


def json_response(body: bytes, headers: Mapping[str, str]) -> Response:
    """A 200 with an already encoded JSON body."""
    return Response(body, headers=headers, media_type="application/json")
