"""The store's indexes answer exactly like a naive filter, and builds never stall other requests."""

from __future__ import annotations

import asyncio
import threading
from array import array
from collections.abc import Iterator, Mapping
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from customers_mock import spec, store, times
from customers_mock.app import create_app
from customers_mock.dataset import SequenceData, StraddleData
from customers_mock.ranks import Merged
from customers_mock.settings import MockSettings
from customers_mock.state import PREBUILD_SEQUENCE, PREBUILD_STRADDLE, sequence_collection, straddle_collection
from tests.mock.bodies import checked
from tests.support.servers import serve_in_thread

STATUSES = spec.enum(spec.STRADDLE, "CustomerStatus")
TYPES = spec.enum(spec.STRADDLE, "CustomerType")
SEQUENCE_SORTS = (
    "createdAt", "id", "legalName", "email", "label", "url", "domain", "archivedAt", "taxStatus",
    "customProperties.region", "customProperties.tier", "customProperties.absent", "customProperties.x-y_9",
)  # fmt: skip
NEEDLES = st.one_of(
    st.sampled_from(["a", "lov", "ADA", "ltd", "ext_0", "+44", "example", "ü", "ø", ""]), st.text(max_size=3)
)
DATES = st.dates(min_value=times.EPOCH.date().replace(year=2018), max_value=times.EPOCH.date().replace(year=2026))


def _naive_select(
    collection: store.Collection,
    sort_field: str,
    *,
    include_archived: bool = True,
    exact: Mapping[str, str] | None = None,
    sets: Mapping[str, frozenset[str]] | None = None,
    date_range: store.DateRange | None = None,
    contains: Mapping[tuple[str, ...], str] | None = None,
) -> list[int]:
    """The reference: test every customer against every filter, then sort by (sort key, id)."""

    def values(field: str, p: int) -> list[str]:
        found = collection.aliases(p) if field == "alias" else [collection.value(field, p)]
        return [v.casefold() for v in found if isinstance(v, str)]

    def keep(p: int) -> bool:
        if not include_archived and collection.value("archivedAt", p) is not None:
            return False
        if any(value.casefold() not in values(field, p) for field, value in (exact or {}).items()):
            return False
        if any(collection.value(field, p) not in allowed for field, allowed in (sets or {}).items()):
            return False
        if date_range is not None:
            field, low, high = date_range
            if not low <= times.key_of(collection.value(field, p)) <= high:
                return False
        for fields, text in (contains or {}).items():
            if not any(text in str(collection.value(f, p) or "").casefold() for f in fields):
                return False
        return True

    return sorted(filter(keep, range(len(collection))), key=lambda p: collection.key(sort_field, p))


def _straddle_with_additions(count: int, added: list[tuple[str, str, str]]) -> store.Collection:
    """Generated customers plus a few added ones, created at any time, before any index exists."""
    collection = straddle_collection(StraddleData(seed=11, account="acme", count=count))
    for n, (created, status, type_) in enumerate(added):
        collection.add(
            {
                "id": f"00000000-0000-4000-8000-{n:012d}",
                "created_at": created,
                "email": f"added.{n}@example.org",
                "name": f"Added Lovelace {n}",
                "phone": "+442079460000",
                "status": status,
                "type": type_,
                "updated_at": created,
                "external_id": f"ext_added_{n}",
            }
        )
    return collection


def _bound() -> st.SearchStrategy[Any]:
    return st.none() | DATES | st.tuples(st.just("at"), st.integers(0, 100))


def _date_range(collection: store.Collection, bounds: tuple[Any, Any]) -> store.DateRange:
    """Resolve drawn bounds against ``collection``: days become midnight / end of day keys."""
    keys = []
    for bound, time_of_day, missing in zip(bounds, ("T00:00:00Z", "T23:59:59Z"), ("", "\uffff"), strict=True):
        if bound is None or (isinstance(bound, tuple) and not len(collection)):
            keys.append(missing)
        elif isinstance(bound, tuple):
            keys.append(collection.sort_key("created_at", bound[1] % len(collection)))
        else:
            keys.append(times.key_of(f"{bound}{time_of_day}"))
    return ("created_at", keys[0], keys[1])


@st.composite
def straddle_queries(draw: st.DrawFn) -> dict[str, Any]:
    query: dict[str, Any] = {"sort_field": draw(st.sampled_from(["created_at", "name"]))}
    sets: dict[str, frozenset[str]] = {}
    if draw(st.booleans()):
        sets["status"] = frozenset(draw(st.lists(st.sampled_from(STATUSES), min_size=1)))
    if draw(st.booleans()):
        sets["type"] = frozenset(draw(st.lists(st.sampled_from(TYPES), min_size=1)))
    if sets:
        query["sets"] = sets
    if draw(st.booleans()):  # a bound is a day, or ("at", k): the creation time of customer k exactly
        query["date_range"] = (draw(_bound()), draw(_bound()))
    contains: dict[tuple[str, ...], str] = {}
    if draw(st.booleans()):
        contains[("name",)] = draw(NEEDLES).casefold()
    if draw(st.booleans()):
        contains[("name", "email", "phone", "external_id")] = draw(NEEDLES).casefold()
    if contains:
        query["contains"] = contains
    if draw(st.integers(0, 4)) == 0:
        query["exact"] = {"email": draw(st.sampled_from(["ada.lovelace.3@example.com", "ADDED.1@example.org", "x"]))}
    return query


@settings(max_examples=150, deadline=None)
@given(
    count=st.integers(0, 60),
    added=st.lists(
        st.tuples(
            st.sampled_from(["2018-05-01T00:00:00.000Z", "2021-06-15T12:00:00+02:00", "2030-01-01T00:00:00.000Z"]),
            st.sampled_from(STATUSES),
            st.sampled_from(TYPES),
        ),
        max_size=4,
    ),
    query=straddle_queries(),
    page=st.tuples(st.integers(1, 12), st.integers(1, 7), st.booleans()),
)
def test_straddle_selection_matches_a_naive_filter(
    count: int, added: list[tuple[str, str, str]], query: dict[str, Any], page: tuple[int, int, bool]
) -> None:
    """Indexed set, date, substring and exact filters select and page exactly like testing every customer."""
    collection = _straddle_with_additions(count, added)
    if "date_range" in query:
        query["date_range"] = _date_range(collection, query["date_range"])
    expected = _naive_select(collection, **query)
    selected = store.select(collection, **query)
    assert len(selected) == len(expected)
    assert list(selected) == expected
    number, size, descending = page
    in_order = expected[::-1] if descending else expected
    got = store.offset_page(selected, descending=descending, page_number=number, page_size=size)
    assert got == in_order[(number - 1) * size : number * size]


@settings(max_examples=100, deadline=None)
@given(
    count=st.integers(0, 60),
    sort_field=st.sampled_from(SEQUENCE_SORTS),
    include_archived=st.booleans(),
    exact=st.dictionaries(
        st.sampled_from(["legalName", "email", "label", "alias"]),
        st.sampled_from(["Acme Labs Ltd", "ENTERPRISE", "smb", "cus_0000003", "added", "billing@x", "nobody"]),
        max_size=2,
    ),
    additions=st.integers(0, 3),
)
def test_sequence_selection_matches_a_naive_filter(
    count: int, sort_field: str, include_archived: bool, exact: dict[str, str], additions: int
) -> None:
    """Sequence sorts and exact filters (archived hidden or not) select like testing every customer."""
    collection = sequence_collection(SequenceData(seed=4, account="globex", count=count))
    collection.index(sort_field, include_archived)  # built before the additions: they must join it
    for n in range(additions):
        archived = {"archivedAt": "2022-01-01T00:00:00Z"} if n % 2 else {}
        customer = {"id": f"ffffffff-0000-7000-8000-{n:012d}", "createdAt": "2020-02-02T00:00:00Z", **archived}
        collection.add({**customer, "legalName": "Added", "label": "SMB"}, aliases=["added"])
    arguments: dict[str, Any] = {"include_archived": include_archived, "exact": exact}
    assert list(store.select(collection, sort_field, **arguments)) == _naive_select(collection, sort_field, **arguments)


@settings(max_examples=200, deadline=None)
@given(
    owners=st.lists(st.integers(0, 3), max_size=80),
    chosen=st.sets(st.integers(0, 3)),
    window=st.tuples(st.integers(0, 90), st.integers(0, 90)),
    cut=st.tuples(st.integers(-5, 90), st.integers(-5, 90)),
)
def test_merged_ranks_behave_like_the_sorted_union(
    owners: list[int], chosen: set[int], window: tuple[int, int], cut: tuple[int, int]
) -> None:
    """A union of disjoint rank arrays in a window: length, iteration, items and slices as if materialised."""
    index = [1000 + r for r in range(len(owners))]
    parts = [array("i", [r for r, owner in enumerate(owners) if owner == part]) for part in range(4)]
    lo, hi = window
    expected = [index[r] for r in range(len(owners)) if owners[r] in chosen and lo <= r < hi]
    merged = Merged(index, [parts[c] for c in sorted(chosen)], lo, hi)
    assert len(merged) == len(expected)
    assert list(merged) == expected
    assert [merged[k] for k in range(-len(expected), len(expected))] == expected + expected
    assert merged[cut[0] : cut[1]] == expected[cut[0] : cut[1]]
    with pytest.raises(IndexError):
        merged[len(expected)]


@pytest.mark.parametrize("count", [0, 1, 257])
def test_whole_columns_equal_customer_by_customer_values(count: int) -> None:
    """Columns generated in one pass hold exactly the values the customers are served with."""
    sequence, straddle = SequenceData(seed=9, account="acme", count=count), StraddleData(9, "globex", count)
    for field in SEQUENCE_SORTS:
        assert sequence.column(field) == [sequence.value(field, i) for i in range(count)], field
    assert sequence.alias_column() == [sequence.aliases(i) for i in range(count)]
    assert list(sequence.archived_flags()) == [sequence.archived(i) for i in range(count)]
    for field in ("id", "created_at", "name", "email", "phone", "status", "type", "external_id"):
        assert straddle.column(field) == [straddle.value(field, i) for i in range(count)], field
    id_keys = straddle.id_order_keys()
    assert sorted(range(count), key=id_keys.__getitem__) == sorted(range(count), key=straddle.id)


class _BlockedBuilds:
    """Holds chosen structure builds of a collection until released, and counts every build."""

    def __init__(self, collection: store.Collection, kinds: set[str]) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.counts: dict[store.Need, int] = {}
        build = collection._build  # the seam this test observes

        def blocked(need: store.Need, size: int, deps: list[Any]) -> Any:
            self.counts[need] = self.counts.get(need, 0) + 1
            if need[0] in kinds:
                self.started.set()
                assert self.release.wait(30), "test never released the build"
            return build(need, size, deps)

        collection._build = blocked  # type: ignore[method-assign]


@pytest.fixture
def blocked_app() -> Iterator[tuple[str, _BlockedBuilds]]:
    """A live mock whose Straddle acme index builds (other than the warm default) wait for the test."""
    app = create_app(MockSettings(customers=50))
    blocked = _BlockedBuilds(app.state.mock.straddle["acme"], {"index"})
    with serve_in_thread(app) as url:
        try:
            yield url, blocked
        finally:
            blocked.release.set()


def test_requests_are_served_while_an_index_is_being_built(blocked_app: tuple[str, _BlockedBuilds]) -> None:
    """While the name index builds, other requests are answered; the waiting ones share one build."""
    url, blocked = blocked_app
    headers = {"Authorization": "Bearer sk_test_demo"}

    async def run() -> None:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            by_name = [
                asyncio.create_task(client.get("/v1/customers", params={"sort_by": "name"}, headers=headers))
                for _ in range(3)
            ]
            assert await asyncio.to_thread(blocked.started.wait, 30)
            others = await asyncio.gather(
                client.get("/v1/customers", headers=headers),
                client.get("/v1/customers", params={"status": "verified", "page_size": 5}, headers=headers),
                client.get("/api/customers", auth=("seq_demo_client", "seq_demo_secret")),
            )
            assert [r.status_code for r in others] == [200, 200, 200]
            assert not any(task.done() for task in by_name)
            blocked.release.set()
            answers = [checked("straddle", await task)["data"] for task in by_name]
            names = [c["name"] for c in answers[0]]
            assert names == sorted(names)
            assert answers[1] == answers[0] == answers[2]

    asyncio.run(run())
    assert blocked.counts[("index", "name", True)] == 1


def test_a_customer_added_during_a_build_joins_the_built_index() -> None:
    """An index built while a customer is added includes that customer in its sorted place."""
    collection = sequence_collection(SequenceData(seed=2, account="acme", count=30))
    blocked = _BlockedBuilds(collection, {"index", "lookup"})
    built: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: built.update(index=collection.index("legalName")))
    thread.start()
    assert blocked.started.wait(30)
    p = collection.add(
        {"id": "ffffffff-0000-7000-8000-000000000001", "createdAt": "2020-01-01T00:00:00Z", "legalName": "Aaa"}
    )
    blocked.release.set()
    thread.join(30)
    assert built["index"][0] == p
    assert list(built["index"]) == sorted(range(len(collection)), key=lambda q: collection.key("legalName", q))
    assert collection.lookup("legalName", "aaa") == [p]


def test_prebuilt_indexes_answer_like_lazily_built_ones() -> None:
    """With prebuild on, the background-built indexes give the answers a lazily indexing mock gives."""
    lazy = create_app(MockSettings(customers=40))
    eager = create_app(MockSettings(customers=40, prebuild=True))
    for collection in eager.state.mock.straddle.values():
        asyncio.run(collection.ready(PREBUILD_STRADDLE))
    for collection in eager.state.mock.sequence.values():
        asyncio.run(collection.ready(PREBUILD_SEQUENCE))
    queries: list[tuple[str, dict[str, str | int]]] = [
        ("/v1/customers", {"sort_by": "name", "status": "verified,review"}),
        ("/v1/customers", {"types": "business", "sort_order": "desc"}),
        ("/api/customers", {"sortBy": "legalName", "limit": 50}),
        ("/api/customers", {"alias": "CUS_0000003", "includeArchived": "true"}),
    ]
    with serve_in_thread(lazy) as lazy_url, serve_in_thread(eager) as eager_url, httpx.Client(timeout=10) as client:
        for path, params in queries:
            api = "straddle" if path.startswith("/v1") else "sequence"
            auth = None if api == "straddle" else ("seq_demo_client", "seq_demo_secret")
            headers = {"Authorization": "Bearer sk_test_demo"} if api == "straddle" else {}
            answers = [
                checked(api, client.get(url + path, params=params, headers=headers, auth=auth))
                for url in (lazy_url, eager_url)
            ]
            items = "data" if api == "straddle" else "items"
            assert answers[0][items] == answers[1][items]
            assert answers[0][items]
