"""Page bodies from cached JSON: each customer is encoded once, a page is its items' bytes joined.

A customer never changes once it has a position in a collection (collections only grow), so the
JSON bytes of position ``p`` and the comma-joined bytes of a run of positions are pure functions
of the collection and the positions. They are computed on first use (generating a customer from
its seed costs tens of microseconds; a cache hit well under one) and kept in bounded LRUs, so a
data set of 1,000,000 customers is not held in memory as JSON.
These caches save re-encoding what a request selected; ``customers_mock.answers`` keeps whole pages per
request, so a repeated request does not select again either.

The envelope is written around the items exactly as ``orjson.dumps`` of the whole body would write
it (same key order, no whitespace), byte for byte.
"""

from __future__ import annotations

import math
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import orjson
from starlette.responses import Response

from customers_mock import errors, store, times

# Per collection. Sequence customers average ~590 bytes of JSON, Straddle ~280: with the LRU's own
# bookkeeping a full customer cache holds ~7 MiB (Sequence) or ~4 MiB (Straddle).
CUSTOMERS_CACHED = 10_000
RUN_BYTES_CACHED = 2 * 1024 * 1024  # joined pages of items, by total size


class Encoded:
    """One collection's customers as JSON bytes and its pages' item runs, each computed once."""

    def __init__(self, collection: store.Collection) -> None:
        # A weak reference: the caches must not keep their collection (their key below) alive.
        owner = weakref.ref(collection)

        def customer(p: int) -> bytes:
            # orjson's result keeps its ~4 KiB write buffer; an exact copy is what the cache should hold.
            return memoryview(orjson.dumps(_alive(owner).customer(p))).tobytes()

        self.customer: Callable[[int], bytes] = lru_cache(maxsize=CUSTOMERS_CACHED)(customer)
        self._runs: OrderedDict[tuple[int, ...], bytes] = OrderedDict()
        self._run_bytes = 0

    def items(self, positions: Sequence[int]) -> bytes:
        """The customers at ``positions`` as comma-separated JSON (the inside of the page's array)."""
        key = tuple(positions)
        found = self._runs.get(key)
        if found is not None:
            self._runs.move_to_end(key)
            return found
        joined = b",".join(map(self.customer, key))
        if len(joined) <= RUN_BYTES_CACHED:
            self._runs[key] = joined
            self._run_bytes += len(joined)
            while self._run_bytes > RUN_BYTES_CACHED:
                self._run_bytes -= len(self._runs.popitem(last=False)[1])
        return joined


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


def sequence_page(encoded: Encoded, positions: Sequence[int], pagination: Mapping[str, Any]) -> tuple[bytes, ...]:
    """``{"items": [...], "pagination": {...}}`` (Sequence's ``ListCustomersResponse``), in pieces."""
    return (b'{"items":[', encoded.items(positions), b'],"pagination":', orjson.dumps(pagination), b"}")


def straddle_page(
    encoded: Encoded, positions: Sequence[int], paging: tuple[int, int, int, str, str, int]
) -> tuple[bytes, ...]:
    """``{"data": [...], "meta": {...}, "response_type": "array"}`` (Straddle's paged customers), in pieces.

    ``meta`` has a fresh request id and timestamp (pieces 3 and 5, renewed by ``StraddlePage.again``), then the paging
    fields: (max_page_size, page_number, page_size, sort_by, sort_order, total_items), encoded once per distinct
    value (a small LRU). The id and the timestamp are ASCII letters, digits and ``-:.TZ``: JSON strings as they are.
    """
    return (
        b'{"data":[',
        encoded.items(positions),
        b'],"meta":{"api_request_id":"',
        errors.request_id().encode("ascii"),
        b'","api_request_timestamp":"',
        times.now_millis_z().encode("ascii"),
        b'",%s},"response_type":"array"}' % _paging_json(paging),
    )


def straddle_meta(request_id: str, timestamp: str, paging: tuple[int, int, int, str, str, int]) -> bytes:
    """``orjson.dumps`` of a page's ``meta`` (as ``straddle_page`` writes it): the id, the timestamp, the paging."""
    return b'{"api_request_id":"%s","api_request_timestamp":"%s",%s}' % (
        request_id.encode("ascii"),
        timestamp.encode("ascii"),
        _paging_json(paging),
    )


@lru_cache(maxsize=256)
def _paging_json(paging: tuple[int, int, int, str, str, int]) -> bytes:
    """The meta fields after the timestamp (``meta``'s JSON without its braces)."""
    max_page_size, page_number, page_size, sort_by, sort_order, total = paging
    fields = {
        "max_page_size": max_page_size,
        "page_number": page_number,
        "page_size": page_size,
        "sort_by": sort_by,
        "sort_order": sort_order,
        "total_items": total,
        "total_pages": math.ceil(total / page_size),
    }
    return orjson.dumps(fields)[1:-1]


class EncodedJSONResponse(Response):
    """A 200 whose JSON body is already encoded, in pieces: Starlette's ``Response`` with the same headers.

    The pieces are joined only when ``body`` is read (Starlette's ASGI path); ``customers_mock.protocol`` writes
    ``parts`` as they are, so a page's bytes are not copied in this process before the socket takes them, and
    keeps the encoded header lines in ``head`` (a page served again is not encoded again).
    """

    media_type = "application/json"

    def __init__(self, parts: tuple[bytes, ...], headers: Mapping[str, str]) -> None:
        self.status_code = 200
        self.background = None
        self.parts = parts
        self.size = sum(map(len, parts))
        self.head: bytes | None = None  # set by customers_mock.protocol
        given = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]
        self.raw_headers = [*given, (b"content-length", b"%d" % self.size), (b"content-type", b"application/json")]

    @property
    def body(self) -> bytes:  # type: ignore[override]  # read-only: the pieces are the truth
        return b"".join(self.parts)

    def again(self) -> EncodedJSONResponse:
        """This answer for a repeated request (``customers_mock.answers``): the same object, nothing in it is fresh."""
        return self


class StraddlePage(EncodedJSONResponse):
    """A Straddle page (``straddle_page``'s pieces): served again, with a new request id and timestamp."""

    def again(self) -> EncodedJSONResponse:
        start, items, id_key, old_id, time_key, old_time, end = self.parts  # straddle_page's pieces
        new_id, new_time = errors.request_id().encode("ascii"), times.now_millis_z().encode("ascii")
        fresh = object.__new__(StraddlePage)  # a copy sharing headers and encoded head: only its body is new
        fresh.__dict__.update(self.__dict__)
        fresh.parts = (start, items, id_key, new_id, time_key, new_time, end)
        if len(new_id) + len(new_time) != len(old_id) + len(old_time):
            # never while ids are UUIDs and years have four digits; then a new Content-Length
            size = sum(map(len, fresh.parts))
            fresh.size, fresh.head = size, None
            fresh.raw_headers = [(n, b"%d" % size if n == b"content-length" else v) for n, v in self.raw_headers]
            fresh.__dict__.pop("_headers", None)
        return fresh
