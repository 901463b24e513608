"""The store in process: keyset pages stay right while customers are added; cursors always decode."""

from __future__ import annotations

import base64
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from customers_mock import spec, store
from customers_mock.dataset import SequenceData
from customers_mock.state import sequence_collection

CURSOR_PATTERN = spec.schema(spec.SEQUENCE, "Cursor")["pattern"]


def _new(n: int, created: str) -> dict[str, Any]:
    return {"id": f"ffffffff-0000-7000-8000-{n:012d}", "createdAt": created, "legalName": f"New {n}"}


def _page(collection: store.Collection, after: store.Key | None, descending: bool = True) -> store.KeysetPage:
    ordered = store.select(collection, "createdAt", include_archived=True)
    return store.keyset_page(
        ordered, lambda p: collection.key("createdAt", p), descending=descending, limit=10, after=after, before=None
    )


def test_keyset_pages_survive_customers_added_between_requests() -> None:
    """Customers added anywhere in the order while paging: no customer seen twice, none of the old ones missed."""
    collection = sequence_collection(SequenceData(seed=3, account="acme", count=95))
    original = {collection.value("id", p) for p in range(len(collection))}
    seen: list[str] = []
    after: store.Key | None = None
    for n in range(100):
        page = _page(collection, after)
        seen += [collection.value("id", p) for p in page.positions]
        if not page.has_after:
            break
        after = collection.key("createdAt", page.positions[-1])
        # One newer than everything (already passed, in DESC) and one older than everything (still ahead).
        collection.add(_new(2 * n, "2030-01-01T00:00:00Z"))
        collection.add(_new(2 * n + 1, "2000-01-01T00:00:00Z"))
    assert len(seen) == len(set(seen))
    assert original <= set(seen)
    assert {i for i in seen if i.startswith("ffffffff")}  # the older additions were reached


def test_added_customers_join_every_cached_index() -> None:
    """An added customer appears in sorted position in indexes built before and after it was added."""
    collection = sequence_collection(SequenceData(seed=3, account="acme", count=20))
    collection.index("legalName")
    p = collection.add({**_new(1, "2020-06-01T12:00:00+02:00"), "legalName": "Aardvark"})
    assert collection.index("legalName")[0] == p
    created = [collection.key("createdAt", q) for q in collection.index("createdAt")]
    assert created == sorted(created)
    assert p in collection.index("createdAt", include_archived=False)
    assert collection.lookup("legalName", "AARDVARK") == [p]


def test_backward_page_is_the_items_just_before_the_cursor() -> None:
    """A `before` cursor alone gives the `limit` items immediately preceding it, in display order."""
    collection = sequence_collection(SequenceData(seed=5, account="acme", count=30))
    ordered = store.select(collection, "createdAt")

    def key(p: int) -> store.Key:
        return collection.key("createdAt", p)

    descending = list(reversed(ordered))
    page = store.keyset_page(ordered, key, descending=True, limit=4, after=None, before=key(descending[10]))
    assert page.positions == descending[6:10]
    assert page.has_before
    assert page.has_after


def _no_key(p: int) -> store.Key:
    raise AssertionError(f"position {p} is not in an empty collection")


@given(st.from_regex(re.compile(CURSOR_PATTERN)))
def test_every_pattern_valid_cursor_decodes_to_a_position(cursor: str) -> None:
    """Any string the spec's cursor pattern admits decodes to a (key, id) pair, never an error."""
    key, ident = store.decode_cursor(cursor, _no_key, 0)
    assert isinstance(key, str)
    assert isinstance(ident, str)


@given(st.integers(min_value=0, max_value=2**40 - 1))
def test_cursors_round_trip(p: int) -> None:
    """A cursor the mock writes is CURSOR_LENGTH characters, matches the pattern and names its position."""
    cursor = store.encode_cursor(p)
    assert len(cursor) == store.CURSOR_LENGTH
    assert re.search(CURSOR_PATTERN, cursor)
    assert store.decode_cursor(cursor, lambda q: (f"key-{q}", f"id-{q}"), p + 1) == (f"key-{p}", f"id-{p}")


@given(st.text(), st.text().filter(lambda ident: "\x1f" not in ident))
def test_key_cursors_given_by_hand_still_decode(key: str, ident: str) -> None:
    """A cursor given as base64 of ``<sort key>\\x1f<id>`` names that (key, id)."""
    cursor = base64.urlsafe_b64encode(f"{key}\x1f{ident}".encode()).decode().rstrip("=")
    assert store.decode_cursor(cursor, _no_key, 0) == (key, ident)
