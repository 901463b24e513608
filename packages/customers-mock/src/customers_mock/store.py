"""Customers per account, with indexes that make a page cost O(page size + log n).

A ``Collection`` holds one account's customers of one API: a generated base (``dataset``) or
loaded records, plus customers added at run time. It derives, once first asked, and caches:

- a sort index per (sort field, archived included?): the positions in ascending (sort key, id)
  order. An unfiltered page is a slice of it (Straddle's page numbers) or a binary search for the
  cursor's (key, id) and a slice (Sequence's keyset cursors): O(page size + log n). A date range
  on the sorted date field is a binary search too.
- a lookup per exact-match field (Sequence ``legalName``/``email``/``alias``/``label``, Straddle
  ``email``/``external_id``): positions sorted by case-folded value, so a match is a binary search
  (O(log n + matches)) and the memory is one small integer per value, not a hash table of strings.
- a partition of a sort index per set of set-filtered fields (Straddle ``status`` and ``type``):
  for each combination of values, the sorted ranks having it. A set filter is then a union of a few
  such arrays (``ranks.Merged``): counting and paging cost O(log^2 n + page size), at any depth.
- case-folded columns for substring filters (Straddle ``name``, ``search_text``), which scan:
  O(n) per request, and so does a date range while sorting by another field (a pass with a mask).

Building reads one field of every customer (``dataset`` computes whole columns in one pass) and
sorts; fields whose key grows with the position (creation time, Sequence's UUIDv7 ids) need no
sort, and where ids grow with the position ties need no id either. Builds run on worker threads
(``builds``), one per structure at a time however many requests want it: request handlers
``await`` them (``select_async``, or ``select_ready`` and ``NotReady.wait``) so the event loop
keeps serving everyone else meanwhile.
Structures live in small LRU caches, so arbitrary ``customProperties.<key>`` sorts cannot grow
memory without bound; a key no customer has is sorted by the id index (nothing to build), and new
indexes on keys customers have are rationed per collection (``MAX_CUSTOM_SORTS`` a minute).
Added customers are inserted into every cached structure (partitions are
dropped and rebuilt), so cursors stay correct while data changes (keyset, not offset).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import bisect
import functools
import threading
import time
from array import array
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Protocol

import orjson

from customers_mock import builds, times
from customers_mock.ranks import Merged

_SEPARATOR = "\x1f"
# Cached structures per kind (LRU). A sort index or lookup is 4 bytes per customer.
_LIMITS = {"flags": 1, "index": 24, "lookup": 8, "folded": 4, "codes": 4, "partition": 8}
# Keys kept per collection for cursor searches (a few MiB at most).
_KEY_CACHE_SIZE = 16_384
# Above this many distinct values, folding a column stops sharing equal strings (bounds the memo).
_FOLD_MEMO = 65_536
# A set of matches larger than 1/_SCAN_RATIO of the index is ordered by one pass over the index.
_SCAN_RATIO = 32
# Sorting by a custom property some customers have builds a full index (~0.3 s of CPU per 100,000
# customers): at most this many new ones per collection (account) per minute; more is a 429.
MAX_CUSTOM_SORTS = 10
_CUSTOM_SORT_WINDOW = 60.0  # seconds
_CUSTOM = "customProperties."

Key = tuple[str, str]
# What a request needs built, e.g. ("index", "name", True), ("lookup", "email"), ("folded", ("name",)),
# ("codes", ("status", "type")), ("partition", "created_at", True, ("status", "type")), ("flags",).
Need = tuple[Any, ...]


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

    @property
    def custom_keys(self) -> frozenset[str]:
        """Every ``customProperties`` key some customer has."""
        return frozenset(key for customer in self.customers for key in _custom_keys(customer))


def _custom_keys(customer: Mapping[str, Any]) -> Iterable[str]:
    properties = customer.get("customProperties")
    return properties.keys() if isinstance(properties, dict) else ()


class SortBudgetError(Exception):
    """Too many new custom-property indexes for one collection in the last minute."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry in {retry_after:.0f} s")
        self.retry_after = retry_after


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


class Lookup:
    """(position, which value) entries sorted by (case-folded value, position): exact match by bisection."""

    def __init__(self, collection: Collection, field: str, positions: array[int], nth: array[int]) -> None:
        self._collection, self._field = collection, field
        self.positions, self.nth = positions, nth

    def _text(self, entry: int) -> str:
        return self._collection.lookup_values(self._field, self.positions[entry])[self.nth[entry]]

    def find(self, value: str) -> list[int]:
        """Positions having ``value`` (ignoring case), ascending."""
        target, entries = value.casefold(), range(len(self.positions))
        lo = bisect.bisect_left(entries, target, key=self._text)
        hi = bisect.bisect_right(entries, target, lo=lo, key=self._text)
        return sorted({self.positions[e] for e in range(lo, hi)})

    def insert(self, p: int) -> None:
        """Add the values of position ``p`` (larger than every position already in)."""
        for j, text in enumerate(self._collection.lookup_values(self._field, p)):
            where = bisect.bisect_right(range(len(self.positions)), text, key=self._text)
            self.positions.insert(where, p)
            self.nth.insert(where, j)


@dataclass
class Codes:
    """Per position, a small code naming its combination of values of some fields."""

    combos: dict[tuple[Any, ...], int]
    codes: array[int]

    def append(self, combo: tuple[Any, ...]) -> None:
        code = self.combos.get(combo)
        if code is None:
            code = self.combos[combo] = len(self.combos)
        self.codes.append(code)


class Collection:
    """One account's customers of one API, with lazily built, cached sort and filter structures."""

    def __init__(
        self,
        base: Source | None,
        *,
        id_field: str,
        date_fields: frozenset[str],
        set_fields: tuple[str, ...] = (),
    ) -> None:
        self._base: Source = base if base is not None else Records()
        # Fields set filters usually combine: one partition over all of them serves every such filter.
        self.set_fields = set_fields
        self._base_size = self._base.size
        self._extra = Records()
        self._id_field = id_field
        self._date_fields = date_fields
        self._lock = threading.RLock()  # guards the caches, running builds and additions
        self._cache: dict[str, OrderedDict[Need, Any]] = {kind: OrderedDict() for kind in _LIMITS}
        self._running: dict[Need, Future[Any]] = {}
        self._version = 0  # changes with every added customer
        self.builds = 0  # structures built so far (a cost counter for tests and benchmarks)
        self._custom_keys: set[str] = set(getattr(self._base, "custom_keys", ()))
        self._custom_builds: deque[float] = deque()  # start times of recent custom-property index builds
        # A position's key never changes (customers are only appended), and every cursor's binary
        # search probes the same top positions of an index, so recent keys are worth keeping.
        self.key: Callable[[str, int], Key] = functools.lru_cache(maxsize=_KEY_CACHE_SIZE)(self.compute_key)

    @classmethod
    def like(cls, other: Collection) -> Collection:
        """A fresh collection over ``other``'s source (without the customers added to it), nothing built yet."""
        return cls(other._base, id_field=other._id_field, date_fields=other._date_fields, set_fields=other.set_fields)

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

    def sort_key(self, field: str, p: int) -> str:
        return sort_text(self.value(field, p), field in self._date_fields)

    def compute_key(self, field: str, p: int) -> Key:
        """(sort key, id) of position ``p``: the total order every index and cursor uses (``key`` caches it)."""
        return self.sort_key(field, p), self.value(self._id_field, p)

    def archived(self, p: int) -> bool:
        flags: bytearray = self._get(("flags",))
        return bool(flags[p]) if p < len(flags) else self._archived_now(p)

    def _archived_now(self, p: int) -> bool:
        archived: Callable[[int], bool] | None = getattr(self._base, "archived", None)
        if archived is not None and p < self._base_size:
            return archived(p)
        return self.value("archivedAt", p) is not None

    def lookup_values(self, field: str, p: int) -> list[str]:
        """The case-folded values an exact filter on ``field`` matches (``alias``: all the aliases)."""
        if field == "alias":
            return [alias.casefold() for alias in self.aliases(p)]
        value = self.value(field, p)
        return [value.casefold()] if isinstance(value, str) else []

    def _joined(self, fields: tuple[str, ...], p: int) -> str:
        return "\0".join(str(self.value(f, p) or "").casefold() for f in fields)

    def index_field(self, field: str) -> str:
        """The field whose index gives ``field``'s order: the id for a custom property no customer has.

        Every customer then sorts as (absent, id), which is the id order: no index of its own is
        built, so sorting by ever new unknown keys costs nothing.
        """
        if field.startswith(_CUSTOM) and field.removeprefix(_CUSTOM) not in self._custom_keys:
            return self._id_field
        return field

    def ration(self, needs: Iterable[Need]) -> None:
        """Count the new custom-property indexes among ``needs``; ``SortBudgetError`` past the budget."""
        new = [need for need in needs if need[0] == "index" and need[1].startswith(_CUSTOM) and self._would_build(need)]
        if not new:
            return
        with self._lock:
            now = time.monotonic()
            while self._custom_builds and now - self._custom_builds[0] > _CUSTOM_SORT_WINDOW:
                self._custom_builds.popleft()
            if len(self._custom_builds) + len(new) > MAX_CUSTOM_SORTS:
                raise SortBudgetError(_CUSTOM_SORT_WINDOW - (now - self._custom_builds[0]))
            self._custom_builds.extend([now] * len(new))

    # -- structures ----------------------------------------------------------------------------

    def index(self, field: str, include_archived: bool = True) -> array[int]:
        """Positions (of archived customers too, if asked) in ascending (sort key, id) order."""
        built: array[int] = self._get(("index", field, include_archived))
        return built

    def lookup(self, field: str, value: str) -> list[int]:
        """Positions whose ``field`` equals ``value`` ignoring case (``alias``: any of the aliases)."""
        found: Lookup = self._get(("lookup", field))
        return found.find(value)

    def folded(self, fields: tuple[str, ...]) -> list[str]:
        """Per position, the case-folded values of ``fields`` joined by NUL (for substring scans)."""
        column: list[str] = self._get(("folded", fields))
        return column

    def partition(self, sort_field: str, include_archived: bool, fields: tuple[str, ...]) -> dict[Any, array[int]]:
        """Per combination of values of ``fields``: the ascending ranks in the sort index having it."""
        parts: dict[Any, array[int]] = self._get(("partition", sort_field, include_archived, fields))
        return parts

    def codes(self, fields: tuple[str, ...]) -> Codes:
        """Per position, the code of its combination of values of ``fields``."""
        codes: Codes = self._get(("codes", fields))
        return codes

    async def ready(self, needs: Iterable[Need]) -> None:
        """Wait (without blocking the event loop) until every structure in ``needs`` is built."""
        for need in needs:
            future = self._future(need)
            if future is not None:
                await asyncio.wrap_future(future)

    def building(self, need: Need) -> bool:
        """Whether ``need`` is not built yet (its build is started, if it was not running)."""
        if need in self._cache[need[0]]:  # built: one dict lookup, no lock (readers ask this on every request)
            return False
        return self._future(need) is not None

    def prebuild(self, needs: Iterable[Need]) -> None:
        """Start building ``needs`` in the background; return at once."""
        for need in needs:
            self._future(need)

    def _cached(self, need: Need) -> Any:
        cache = self._cache[need[0]]
        found = cache.get(need)
        if found is not None:
            cache.move_to_end(need)
        return found

    def _future(self, need: Need) -> Future[Any] | None:
        """The running build of ``need`` (started if none), or None when it is cached."""
        with self._lock:
            if self._cached(need) is not None:
                return None
            future = self._running.get(need)
            if future is None:
                future = builds.start(lambda: self._build_and_publish(need), name=f"customers-mock-{need[0]}")
                self._running[need] = future
            return future

    def _would_build(self, need: Need) -> bool:
        """Whether asking for ``need`` now starts a build (neither cached nor being built)."""
        with self._lock:
            return self._cached(need) is None and need not in self._running

    def _get(self, need: Need) -> Any:
        """``need``, cached or built now (on a worker thread; this thread waits)."""
        with self._lock:
            found = self._cached(need)
        if found is not None:
            return found
        future = self._future(need)
        return future.result() if future is not None else self._get(need)

    def _build_and_publish(self, need: Need) -> Any:
        """Build ``need`` (its dependencies first, outside a slot), cache it, and return it."""
        try:
            while True:
                with self._lock:
                    version, size = self._version, len(self)
                deps = [self._get(dep) for dep in self._dependencies(need)]
                with builds.SLOTS:
                    value = self._build(need, size, deps)
                with self._lock:
                    self.builds += 1
                    if self._catch_up(need, value, size, version):
                        cache = self._cache[need[0]]
                        cache[need] = value
                        if len(cache) > _LIMITS[need[0]]:
                            cache.popitem(last=False)
                        return value
        finally:
            with self._lock:
                self._running.pop(need, None)

    def _dependencies(self, need: Need) -> list[Need]:
        if need[0] == "index" and not need[2]:
            return [("flags",)]
        if need[0] == "partition":
            _, sort_field, include_archived, fields = need
            return [("index", sort_field, include_archived), ("codes", fields)]
        return []

    def _catch_up(self, need: Need, value: Any, size: int, version: int) -> bool:
        """Add the customers added while ``value`` was being built; False if it must be rebuilt."""
        if size == len(self):
            return True
        if need[0] == "partition":  # ranks moved: build again
            return version == self._version
        for p in range(size, len(self)):
            self._extend(need, value, p)
        return True

    def _extend(self, need: Need, value: Any, p: int) -> None:
        """Make ``value`` (a structure for positions < p) include position ``p``."""
        kind = need[0]
        if kind == "flags":
            value.append(self._archived_now(p))
        elif kind == "index":
            if need[2] or not self._archived_now(p):
                self._insort(value, need[1], p)
        elif kind == "lookup":
            value.insert(p)
        elif kind == "folded":
            value.append(self._joined(need[1], p))
        elif kind == "codes":
            value.append(tuple(self.value(field, p) for field in need[1]))

    def _insort(self, index: array[int], field: str, p: int) -> None:
        where = bisect.bisect_right(index, self.key(field, p), key=lambda q: self.key(field, q))
        index.insert(where, p)

    # -- building (on a worker thread; positions < size) ------------------------------------------

    def _build(self, need: Need, size: int, deps: list[Any]) -> Any:
        kind, base = need[0], self._base_size
        if kind == "flags":
            flags_of: Callable[[], bytearray] | None = getattr(self._base, "archived_flags", None)
            flags = flags_of() if flags_of is not None else bytearray(map(self._archived_now, range(base)))
            flags += bytes(self._archived_now(p) for p in range(base, size))
            return flags
        if kind == "index":
            return self._build_index(need[1], need[2], size, deps[0] if deps else None)
        if kind == "lookup":
            return self._build_lookup(need[1], size)
        if kind == "folded":
            return self._build_folded(need[1], size)
        if kind == "codes":
            columns = [self._column(field) for field in need[1]]
            codes = Codes({}, array("i"))
            for combo in zip(*columns, strict=True):
                codes.append(combo)
            for p in range(base, size):
                codes.append(tuple(self.value(field, p) for field in need[1]))
            return codes
        if kind == "partition":
            index, codes = deps
            parts = [array("i") for _ in codes.combos]
            appends = [part.append for part in parts]
            for rank, p in enumerate(index):
                appends[codes.codes[p]](rank)
            return {combo: parts[code] for combo, code in codes.combos.items()}
        raise ValueError(f"unknown structure {need!r}")

    def _column(self, field: str) -> list[Any]:
        """``field`` of every base customer (generated in one pass where the source can)."""
        column: Callable[[str], list[Any]] | None = getattr(self._base, "column", None)
        if column is not None:
            return column(field)
        return [self._base.value(field, i) for i in range(self._base_size)]

    def _tie_order(self) -> Sequence[int]:
        """Base positions in id order: ties of an index are in this order."""
        if self._id_field in self._base.natural_fields:
            return range(self._base_size)
        id_keys: Callable[[], list[Any]] | None = getattr(self._base, "id_order_keys", None)
        ids = id_keys() if id_keys is not None else self._column(self._id_field)
        return sorted(range(self._base_size), key=ids.__getitem__)

    def _build_index(self, field: str, include_archived: bool, size: int, flags: bytearray | None) -> array[int]:
        if field in self._base.natural_fields:
            order: Iterable[int] = range(self._base_size)
        else:
            date = field in self._date_fields
            keys = [
                value if value.__class__ is str and not date else sort_text(value, date)
                for value in self._column(field)
            ]
            order = sorted(self._tie_order(), key=keys.__getitem__)  # stable: ties stay in id order
        built = array("i", order if flags is None else (p for p in order if not flags[p]))
        for p in range(self._base_size, size):
            if flags is None or not flags[p]:
                self._insort(built, field, p)
        return built

    def _build_lookup(self, field: str, size: int) -> Lookup:
        alias_column: Callable[[], list[tuple[str, ...]]] | None = getattr(self._base, "alias_column", None)
        if field == "alias":
            values: Iterable[Any] = (
                alias_column() if alias_column is not None else map(self.aliases, range(self._base_size))
            )
        else:
            values = self._column(field)
        texts: list[str] = []
        positions, nth = array("i"), array("I")
        for p, value in enumerate(values):
            for j, text in enumerate(value if field == "alias" else (value,) if isinstance(value, str) else ()):
                texts.append(text.casefold())
                positions.append(p)
                nth.append(j)
        order = sorted(range(len(texts)), key=texts.__getitem__)  # stable: ties stay in position order
        lookup = Lookup(self, field, array("i", [positions[e] for e in order]), array("I", [nth[e] for e in order]))
        for p in range(self._base_size, size):
            lookup.insert(p)
        return lookup

    def _build_folded(self, fields: tuple[str, ...], size: int) -> list[str]:
        columns = [self._column(field) for field in fields]
        if len(fields) == 1:  # share one folded string per distinct value (names repeat a lot)
            memo: dict[Any, str] = {}
            folded = []
            for value in columns[0]:
                text = memo.get(value)
                if text is None:
                    text = str(value or "").casefold()
                    if len(memo) < _FOLD_MEMO:
                        memo[value] = text
                folded.append(text)
        else:
            folded = ["\0".join(str(v or "").casefold() for v in values) for values in zip(*columns, strict=True)]
        folded += [self._joined(fields, p) for p in range(self._base_size, size)]
        return folded

    # -- changes -------------------------------------------------------------------------------

    def add(self, customer: dict[str, Any], aliases: Sequence[str] = ()) -> int:
        """Add a customer (already valid against the spec); every cached structure stays correct."""
        with self._lock:
            self._extra.append(customer, aliases)
            self._custom_keys.update(_custom_keys(customer))
            p = len(self) - 1
            self._version += 1
            self._cache["partition"].clear()
            for cache in self._cache.values():
                for need, value in cache.items():
                    self._extend(need, value, p)
            return p


# -- selection and pagination ------------------------------------------------------------------

DateRange = tuple[str, str, str]  # (date field, low sort key, high sort key), both ends inclusive


def _set_fields(collection: Collection, sets: Mapping[str, frozenset[str]]) -> tuple[str, ...]:
    """The fields a set filter's partition is over: the collection's usual ones, so all filters share it."""
    return collection.set_fields if set(sets) <= set(collection.set_fields) else tuple(sorted(sets))


def needs(
    collection: Collection,
    sort_field: str,
    *,
    include_archived: bool = True,
    exact: Mapping[str, str] | None = None,
    sets: Mapping[str, frozenset[str]] | None = None,
    date_range: DateRange | None = None,
    contains: Mapping[tuple[str, ...], str] | None = None,
) -> list[Need]:
    """The structures ``select`` with these arguments reads."""
    sort_field = collection.index_field(sort_field)
    wanted: list[Need] = [("index", sort_field, include_archived)]
    if not include_archived:
        wanted.append(("flags",))
    wanted += [("lookup", field) for field in exact or {}]
    wanted += [("folded", fields) for fields in contains or {}]
    if sets:
        fields = _set_fields(collection, sets)
        wanted.append(("codes", fields) if exact or contains else ("partition", sort_field, include_archived, fields))
    if date_range is not None and date_range[0] != sort_field:
        wanted.append(("index", date_range[0], True))
    return wanted


class NotReady(Exception):  # noqa: N818 - a signal to wait, not an error
    """``select_ready`` needs a structure that is still being built: ``await wait()``, then ask again."""

    def __init__(self, collection: Collection, needs: list[Need]) -> None:
        super().__init__(f"building {needs}")
        self.collection = collection
        self.needs = needs

    async def wait(self) -> None:
        await self.collection.ready(self.needs)


def select_ready(
    collection: Collection,
    sort_field: str,
    *,
    include_archived: bool = True,
    exact: Mapping[str, str] | None = None,
    sets: Mapping[str, frozenset[str]] | None = None,
    date_range: DateRange | None = None,
    contains: Mapping[tuple[str, ...], str] | None = None,
) -> Sequence[int]:
    """``select`` when every structure it reads is built; else start the builds and raise ``NotReady``.

    Lets a handler run synchronously (no task, no await) whenever it can, which is nearly always.
    Raises ``SortBudgetError`` when it would build one custom-property index too many.
    """
    if not (exact or sets or date_range or contains):  # the default page: a sort index, nothing else (no budget)
        field = collection.index_field(sort_field)
        if not field.startswith(_CUSTOM):
            index_need: Need = ("index", field, include_archived)
            unfiltered = [index_need] if include_archived else [index_need, ("flags",)]  # as ``needs`` lists them
            pending = [need for need in unfiltered if collection.building(need)]
            if pending:
                raise NotReady(collection, pending)
            return collection.index(field, include_archived)  # what ``select`` returns without filters
    arguments: dict[str, Any] = {
        "include_archived": include_archived,
        "exact": exact,
        "sets": sets,
        "date_range": date_range,
        "contains": contains,
    }
    wanted = needs(collection, sort_field, **arguments)
    collection.ration(wanted)  # counts only builds this call would start (a running one is not counted again)
    pending = [need for need in wanted if collection.building(need)]
    if pending:
        raise NotReady(collection, pending)
    return select(collection, sort_field, **arguments)


async def select_async(
    collection: Collection,
    sort_field: str,
    *,
    include_archived: bool = True,
    exact: Mapping[str, str] | None = None,
    sets: Mapping[str, frozenset[str]] | None = None,
    date_range: DateRange | None = None,
    contains: Mapping[tuple[str, ...], str] | None = None,
) -> Sequence[int]:
    """``select``, once the structures it needs are built (off the event loop).

    Raises ``SortBudgetError`` when it would build one custom-property index too many.
    """
    arguments: dict[str, Any] = {
        "include_archived": include_archived,
        "exact": exact,
        "sets": sets,
        "date_range": date_range,
        "contains": contains,
    }
    wanted = needs(collection, sort_field, **arguments)
    collection.ration(wanted)
    await collection.ready(wanted)
    return select(collection, sort_field, **arguments)


def select(
    collection: Collection,
    sort_field: str,
    *,
    include_archived: bool = True,
    exact: Mapping[str, str] | None = None,
    predicate: Callable[[int], bool] | None = None,
    sets: Mapping[str, frozenset[str]] | None = None,
    date_range: DateRange | None = None,
    contains: Mapping[tuple[str, ...], str] | None = None,
) -> Sequence[int]:
    """Positions matching every filter, in ascending (sort key, id) order.

    ``exact``: field -> value, equal ignoring case; ``sets``: field -> allowed values; ``date_range``:
    sort keys of a date field within inclusive bounds; ``contains``: fields -> case-folded text, a
    substring of any of them; ``predicate``: any other test of a position.

    Exact and substring filters name candidates (a lookup; a pass over a folded column), which
    are then checked one by one. Otherwise the result is a view of the sort index: a window for a
    date range on the sorted field, a union of partition ranks for set filters.
    """
    sort_field = collection.index_field(sort_field)
    index = collection.index(sort_field, include_archived)
    if exact or contains:
        candidates = _candidates(collection, exact or {}, contains or {})
        return _select_candidates(
            collection, sort_field, index, candidates, include_archived, sets, date_range, predicate
        )
    tests = [] if predicate is None else [predicate]
    lo, hi = 0, len(index)
    if date_range is not None:
        field, low, high = date_range
        if field == sort_field:  # a window of the index
            lo = bisect.bisect_left(index, low, key=lambda p: collection.sort_key(field, p))
            hi = bisect.bisect_right(index, high, lo=lo, key=lambda p: collection.sort_key(field, p))
        else:
            mask = _date_mask(collection, date_range)
            tests.append(mask.__getitem__)  # type: ignore[arg-type]  # 0/1 as falsy/truthy
    view: Sequence[int]
    if sets:
        fields = _set_fields(collection, sets)
        parts = collection.partition(sort_field, include_archived, fields)
        chosen = [part for combo, part in parts.items() if _allowed(fields, combo, sets)]
        view = Merged(index, chosen, lo, hi)
    else:
        view = index if (lo, hi) == (0, len(index)) else index[lo:hi]
    if len(tests) == 1:
        test = tests[0]
        return [p for p in view if test(p)]
    if tests:
        return [p for p in view if all(test(p) for test in tests)]
    return view


def _allowed(fields: tuple[str, ...], combo: tuple[Any, ...], sets: Mapping[str, frozenset[str]]) -> bool:
    return all(value in sets[field] for field, value in zip(fields, combo, strict=True) if field in sets)


def _candidates(
    collection: Collection, exact: Mapping[str, str], contains: Mapping[tuple[str, ...], str]
) -> set[int] | list[int]:
    """Positions passing the exact and substring filters (in no particular order)."""
    found: set[int] | list[int] | None = None
    if exact:
        postings = sorted((collection.lookup(field, value) for field, value in exact.items()), key=len)
        found = set(postings[0]).intersection(*postings[1:])
    for fields, text in contains.items():
        if len(fields) > 1 and "\0" in text:  # fields are joined by NUL: no match across two of them
            return []
        column = collection.folded(fields)
        if found is None:
            found = [p for p, folded in enumerate(column) if text in folded]
        else:
            found = [p for p in found if text in column[p]]
    return found if found is not None else []


def _select_candidates(
    collection: Collection,
    sort_field: str,
    index: Sequence[int],
    candidates: set[int] | list[int],
    include_archived: bool,
    sets: Mapping[str, frozenset[str]] | None,
    date_range: DateRange | None,
    predicate: Callable[[int], bool] | None,
) -> Sequence[int]:
    """The candidates passing the remaining filters, in index order."""
    tests: list[Callable[[int], bool]] = [] if predicate is None else [predicate]
    if not include_archived:
        tests.append(lambda p: not collection.archived(p))
    if sets:
        fields = _set_fields(collection, sets)
        codes = collection.codes(fields)
        allowed = {code for combo, code in codes.combos.items() if _allowed(fields, combo, sets)}
        tests.append(lambda p: codes.codes[p] in allowed)
    if date_range is not None:
        field, low, high = date_range
        if len(candidates) * _SCAN_RATIO > len(index):  # many: spread the date index's window out
            mask = _date_mask(collection, date_range)
            tests.append(mask.__getitem__)  # type: ignore[arg-type]  # 0/1 as falsy/truthy
        else:
            tests.append(lambda p: low <= collection.sort_key(field, p) <= high)
    matches = [p for p in candidates if all(test(p) for test in tests)] if tests else candidates
    if len(matches) * _SCAN_RATIO > len(index):  # many: one pass over the index beats sorting by key
        member = bytearray(len(collection))
        for p in matches:
            member[p] = 1
        return [p for p in index if member[p]]
    return sorted(matches, key=lambda p: collection.compute_key(sort_field, p))  # bulk: bypass the LRU


def _date_mask(collection: Collection, date_range: DateRange) -> bytearray:
    """Per position, 1 if its date is in the range: a window of the date's own index, spread out."""
    field, low, high = date_range
    index = collection.index(field)
    lo = bisect.bisect_left(index, low, key=lambda p: collection.sort_key(field, p))
    hi = bisect.bisect_right(index, high, lo=lo, key=lambda p: collection.sort_key(field, p))
    mask = bytearray(len(collection))
    for p in index[lo:hi]:
        mask[p] = 1
    return mask


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


# A cursor the mock writes names a customer by its position in the account's data (positions never
# change: customers are only appended), so its size does not depend on the data: base64url of a tag
# byte and a 40-bit position. The tag is never the first byte of UTF-8 text, so it cannot be
# mistaken for a cursor given as ``<sort key>\x1f<id>``.
_CURSOR_TAG = 0xFE
CURSOR_LENGTH = 8  # characters, whatever the sort key or the id


@functools.lru_cache(maxsize=4096)  # every page names one or two: the same few while clients page alike
def encode_cursor(p: int) -> str:
    """An opaque cursor naming position ``p``: always ``CURSOR_LENGTH`` characters."""
    return base64.urlsafe_b64encode(bytes([_CURSOR_TAG]) + p.to_bytes(5, "big")).decode()


def decode_cursor(cursor: str, key: Callable[[int], Key], size: int) -> Key:
    """The (sort key, id) a cursor names: that of its position (``key(p)``, if ``p < size``).

    Lenient, so that any base64 text names *some* place in the order (the spec admits any): text
    that is not a position cursor of this collection is read as the UTF-8 of ``<sort key>\x1f<id>``.
    """
    text = cursor.strip().rstrip("=").replace("+", "-").replace("/", "_")
    if len(text) % 4 == 1:  # not a valid base64 length: drop the dangling character
        text = text[:-1]
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) == 6 and raw[0] == _CURSOR_TAG:
        p = int.from_bytes(raw[1:], "big")
        if p < size:
            return key(p)
    decoded = raw.decode("utf-8", errors="replace")
    sort_key, _, ident = decoded.rpartition(_SEPARATOR)
    return (sort_key, ident) if _SEPARATOR in decoded else (decoded, "")
