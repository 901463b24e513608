"""Customers per account, with sort indexes that make a page cost O(page size + log n).

A ``Collection`` holds one account's customers of one API: a generated base (``dataset``) or
loaded records, plus customers added at run time. For every (sort field, archived included?)
pair it keeps, once first asked, an ascending index: an array of positions ordered by
(sort key, id). Then

- an unfiltered page is a slice of the index (Straddle's page numbers) or a binary search for the
  cursor's (key, id) and a slice (Sequence's keyset cursors): O(page size + log n);
- exact-match filters (Sequence ``legalName``/``email``/``alias``/``label``, Straddle ``email``/
  ``external_id``) use a value -> positions hash index: O(matches * log(matches));
- substring, range and set filters (Straddle ``name``, ``search_text``, ``created_*``, ``status``,
  ``types``) scan the sort index: O(n) per request.

Building an index sorts once (O(n log n)); fields whose key grows with the position (creation
time, Sequence's UUIDv7 ids) need no sort. Indexes are kept in a small LRU so arbitrary
``customProperties.<key>`` sorts cannot grow memory without bound. Added customers are inserted
into every cached index, so cursors stay correct while data changes (keyset, not offset).

The server runs on one event loop and nothing here awaits, so requests never see a half-done
change.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import gc
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import orjson

from customers_mock import times

_INDEX_CACHE = 24
_LOOKUP_CACHE = 8
_SEPARATOR = "\x1f"

Key = tuple[str, str]


class Source(Protocol):
    """Customers addressed by position: generated (``dataset``) or loaded (``Records``)."""

    @property
    def size(self) -> int: ...
    @property
    def natural_fields(self) -> frozenset[str]: ...
    def customer(self, i: int) -> dict[str, Any]: ...
    def value(self, field: str, i: int) -> Any: ...


class Records:
    """Customers given as JSON objects (a data file, or added at run time)."""

    natural_fields: frozenset[str] = frozenset()

    def __init__(self, customers: Iterable[dict[str, Any]] = (), aliases: Iterable[Sequence[str]] = ()) -> None:
        self.customers = list(customers)
        self.alias_lists = [tuple(a) for a in aliases]
        self.alias_lists += [()] * (len(self.customers) - len(self.alias_lists))

    @property
    def size(self) -> int:
        return len(self.customers)

    def append(self, customer: dict[str, Any], aliases: Sequence[str] = ()) -> None:
        self.customers.append(customer)
        self.alias_lists.append(tuple(aliases))

    def customer(self, i: int) -> dict[str, Any]:
        return self.customers[i]

    def value(self, field: str, i: int) -> Any:
        customer = self.customers[i]
        if field.startswith("customProperties."):
            return (customer.get("customProperties") or {}).get(field.removeprefix("customProperties."))
        return customer.get(field)

    def aliases(self, i: int) -> tuple[str, ...]:
        return self.alias_lists[i]


def sort_text(value: Any, date: bool) -> str:
    """The string whose order is the field's sort order (absent sorts first ascending)."""
    if value is None:
        return ""
    if date:
        return times.key_of(str(value))
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return orjson.dumps(value).decode()


class Collection:
    """One account's customers of one API, with lazily built, cached sort and lookup indexes."""

    def __init__(self, base: Source | None, *, id_field: str, date_fields: frozenset[str]) -> None:
        self._base: Source = base if base is not None else Records()
        self._base_size = self._base.size
        self._extra = Records()
        self._id_field = id_field
        self._date_fields = date_fields
        self._archived: bytearray | None = None
        self._indexes: OrderedDict[tuple[str, bool], array[int]] = OrderedDict()
        self._lookups: OrderedDict[str, dict[str, list[int]]] = OrderedDict()
        self._folded: OrderedDict[tuple[str, ...], list[str]] = OrderedDict()

    def __len__(self) -> int:
        return self._base_size + self._extra.size

    # -- record access -------------------------------------------------------------------------

    def customer(self, p: int) -> dict[str, Any]:
        if p < self._base_size:
            return self._base.customer(p)
        return self._extra.customer(p - self._base_size)

    def value(self, field: str, p: int) -> Any:
        if p < self._base_size:
            return self._base.value(field, p)
        return self._extra.value(field, p - self._base_size)

    def aliases(self, p: int) -> tuple[str, ...]:
        source, i = (self._base, p) if p < self._base_size else (self._extra, p - self._base_size)
        aliases: Callable[[int], tuple[str, ...]] | None = getattr(source, "aliases", None)
        return aliases(i) if aliases is not None else ()

    def key(self, field: str, p: int) -> Key:
        """(sort key, id) of position ``p``: the total order every index and cursor uses."""
        return sort_text(self.value(field, p), field in self._date_fields), self.value(self._id_field, p)

    def archived(self, p: int) -> bool:
        flags = self._archived_flags()
        return bool(flags[p]) if p < len(flags) else False

    def _archived_flags(self) -> bytearray:
        if self._archived is None:
            flags = bytearray(len(self))
            archived = getattr(self._base, "archived", None)
            for p in range(len(self)):
                if archived is not None and p < self._base_size:
                    flags[p] = archived(p)
                else:
                    flags[p] = self.value("archivedAt", p) is not None
            self._archived = flags
        return self._archived

    # -- indexes -------------------------------------------------------------------------------

    def index(self, field: str, include_archived: bool = True) -> array[int]:
        """Positions (of archived customers too, if asked) in ascending (sort key, id) order."""
        cache_key = (field, include_archived)
        found = self._indexes.get(cache_key)
        if found is not None:
            self._indexes.move_to_end(cache_key)
            return found
        # Building allocates millions of short-lived tuples; the cyclic GC would rescan them all.
        gc.disable()
        try:
            built = self._build_index(field, include_archived)
        finally:
            gc.enable()
        self._indexes[cache_key] = built
        if len(self._indexes) > _INDEX_CACHE:
            self._indexes.popitem(last=False)
        return built

    def _build_index(self, field: str, include_archived: bool) -> array[int]:
        flags = None if include_archived else self._archived_flags()
        positions = range(len(self))
        if field in self._base.natural_fields:
            base = range(self._base_size)
            built = array("q", base if flags is None else (p for p in base if not flags[p]))
            for p in range(self._base_size, len(self)):
                if flags is None or not flags[p]:
                    self._insort(built, field, p)
            return built
        wanted = positions if flags is None else (p for p in positions if not flags[p])
        return array("q", sorted(wanted, key=lambda p: self.key(field, p)))

    def _insort(self, index: array[int], field: str, p: int) -> None:
        where = bisect.bisect_right(index, self.key(field, p), key=lambda q: self.key(field, q))
        index.insert(where, p)

    def lookup(self, field: str, value: str) -> list[int]:
        """Positions whose ``field`` equals ``value`` ignoring case (``alias``: any of the aliases)."""
        table = self._lookups.get(field)
        if table is None:
            table = {}
            for p in range(len(self)):
                for text in self._lookup_values(field, p):
                    table.setdefault(text, []).append(p)
            self._lookups[field] = table
            if len(self._lookups) > _LOOKUP_CACHE:
                self._lookups.popitem(last=False)
        return table.get(value.casefold(), [])

    def folded(self, fields: tuple[str, ...]) -> list[str]:
        """Per position, the case-folded values of ``fields`` joined by NUL (for substring scans).

        Built once per field set and kept (in a small LRU), so a scan is a pass over plain strings.
        """
        found = self._folded.get(fields)
        if found is None:
            gc.disable()
            try:
                found = [self._joined(fields, p) for p in range(len(self))]
            finally:
                gc.enable()
            self._folded[fields] = found
            if len(self._folded) > _LOOKUP_CACHE:
                self._folded.popitem(last=False)
        return found

    def _joined(self, fields: tuple[str, ...], p: int) -> str:
        return "\0".join(str(self.value(f, p) or "").casefold() for f in fields)

    def _lookup_values(self, field: str, p: int) -> Iterable[str]:
        if field == "alias":
            return [alias.casefold() for alias in self.aliases(p)]
        value = self.value(field, p)
        return [value.casefold()] if isinstance(value, str) else []

    # -- changes -------------------------------------------------------------------------------

    def add(self, customer: dict[str, Any], aliases: Sequence[str] = ()) -> int:
        """Add a customer (already valid against the spec); every cached index stays correct."""
        self._extra.append(customer, aliases)
        p = len(self) - 1
        is_archived = customer.get("archivedAt") is not None
        if self._archived is not None:
            self._archived.append(is_archived)
        for (field, include_archived), index in self._indexes.items():
            if include_archived or not is_archived:
                self._insort(index, field, p)
        for field, table in self._lookups.items():
            for text in self._lookup_values(field, p):
                table.setdefault(text, []).append(p)
        for fields, column in self._folded.items():
            column.append(self._joined(fields, p))
        return p


# -- selection and pagination ------------------------------------------------------------------


def select(
    collection: Collection,
    sort_field: str,
    *,
    include_archived: bool = True,
    exact: dict[str, str] | None = None,
    predicate: Callable[[int], bool] | None = None,
) -> Sequence[int]:
    """Positions matching every filter, in ascending (sort key, id) order."""
    index = collection.index(sort_field, include_archived)
    if exact:
        postings = sorted((collection.lookup(field, value) for field, value in exact.items()), key=len)
        matches = set(postings[0]).intersection(*postings[1:])
        if not include_archived:
            matches = {p for p in matches if not collection.archived(p)}
        if predicate is not None:
            matches = {p for p in matches if predicate(p)}
        return sorted(matches, key=lambda p: collection.key(sort_field, p))
    if predicate is None:
        return index
    return [p for p in index if predicate(p)]


@dataclass(frozen=True)
class KeysetPage:
    """A cursor page: the positions in display order, and whether items exist on either side."""

    positions: list[int]
    has_before: bool
    has_after: bool


def keyset_page(
    ordered: Sequence[int],
    key: Callable[[int], Key],
    *,
    descending: bool,
    limit: int,
    after: Key | None,
    before: Key | None,
) -> KeysetPage:
    """The page of ``limit`` items strictly after ``after`` and/or strictly before ``before``.

    ``ordered`` is ascending; in descending order "after" means smaller keys. With only a
    ``before`` cursor the page is the ``limit`` items just before it (paging backwards).
    """
    lo, hi = 0, len(ordered)
    if after is not None:
        if descending:
            hi = bisect.bisect_left(ordered, after, key=key)
        else:
            lo = bisect.bisect_right(ordered, after, key=key)
    if before is not None:
        if descending:
            lo = max(lo, bisect.bisect_right(ordered, before, key=key))
        else:
            hi = min(hi, bisect.bisect_left(ordered, before, key=key))
    if lo >= hi:
        return KeysetPage([], False, False)
    backwards = before is not None and after is None
    if backwards != descending:  # take from the high end of the window
        a, b = max(lo, hi - limit), hi
    else:
        a, b = lo, min(hi, lo + limit)
    chunk = list(ordered[a:b])
    if descending:
        chunk.reverse()
        return KeysetPage(chunk, has_before=b < len(ordered), has_after=a > 0)
    return KeysetPage(chunk, has_before=a > 0, has_after=b < len(ordered))


def offset_page(ordered: Sequence[int], *, descending: bool, page_number: int, page_size: int) -> list[int]:
    """Page ``page_number`` (from 1) of ``page_size`` items; empty past the end."""
    start = (page_number - 1) * page_size
    total = len(ordered)
    if start >= total:
        return []
    if not descending:
        return list(ordered[start : start + page_size])
    chunk = list(ordered[max(0, total - start - page_size) : total - start])
    chunk.reverse()
    return chunk


def encode_cursor(key: Key) -> str:
    """An opaque cursor naming a position: base64url of the sort key and id."""
    raw = f"{key[0]}{_SEPARATOR}{key[1]}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> Key:
    """The (key, id) a cursor names. Lenient: any base64 text decodes to some position."""
    text = cursor.strip().rstrip("=").replace("+", "-").replace("/", "_")
    if len(text) % 4 == 1:  # not a valid base64 length: drop the dangling character
        text = text[:-1]
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raw = b""
    decoded = raw.decode("utf-8", errors="replace")
    key, _, ident = decoded.rpartition(_SEPARATOR)
    return (key, ident) if _SEPARATOR in decoded else (decoded, "")
