"""Client contract: the generated clients against the live mock process on 127.0.0.1.

Every parameter of both operations in each of the four call styles, full pagination both ways,
auth failures and validation errors. Every answer goes through `wire.call`, which holds the raw
response to the spec and the parsed model to the raw JSON (field for field, round trip).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sequence_client.models import ErrorResponse, ListCustomersResponse, SequenceVersion
from sequence_client.models import SortOrder as SequenceSortOrder
from sequence_client.types import Unset
from straddle_client.models import (
    CustomerSortBy,
    CustomerStatus,
    CustomerSummaryPagedV1,
    CustomerType,
    ErrorResponseV1,
)
from straddle_client.models import SortOrder as StraddleSortOrder

from customers_mock.testing import MockServer
from tests.contract import wire
from tests.contract.wire import STYLES, Outcome, Style
from tests.support import specs

NOWHERE = "no-such-value-7f3a"  # matches no customer of the generated data


def _seq(style: Style, server: MockServer, **params: Any) -> ListCustomersResponse:
    outcome = wire.call("sequence", style, server, **params)
    assert outcome.status == 200, outcome.json()
    assert isinstance(outcome.parsed, ListCustomersResponse)
    return outcome.parsed


def _str(style: Style, server: MockServer, **params: Any) -> CustomerSummaryPagedV1:
    outcome = wire.call("straddle", style, server, **params)
    assert outcome.status == 200, outcome.json()
    assert isinstance(outcome.parsed, CustomerSummaryPagedV1)
    return outcome.parsed


@pytest.fixture(scope="module")
def seq_sample(mock_server: MockServer) -> ListCustomersResponse:
    """A page of Sequence customers (archived included) to take filter values from."""
    return _seq("sync", mock_server, limit=100, include_archived=True)


@pytest.fixture(scope="module")
def str_sample(mock_server: MockServer) -> CustomerSummaryPagedV1:
    """A page of Straddle customers to take filter values from."""
    return _str("sync", mock_server, page_size=50)


# ---- every parameter, every style -------------------------------------------------------------
# One case per parameter of the spec, named as in the spec; each proves the value reached the
# server and had its documented effect (a client that dropped it would fail the assertion).

SeqCase = Callable[[Style, MockServer, ListCustomersResponse], None]
StrCase = Callable[[Style, MockServer, CustomerSummaryPagedV1], None]


def _seq_version(style: Style, server: MockServer, sample: ListCustomersResponse) -> None:
    outcome = wire.call("sequence", style, server, sequence_version=SequenceVersion.V2024_07_30)
    assert outcome.response.request.headers["sequence-version"] == "2024-07-30"
    assert outcome.response.headers["Sequence-Version"] == "2024-07-30"


def _seq_sort_by(style: Style, server: MockServer, sample: ListCustomersResponse) -> None:
    names = [c.legal_name for c in _seq(style, server, sort_by="legalName", limit=50).items]
    assert names == sorted(names, reverse=True)  # default order DESC


def _seq_exact_filter(param: str, field: str) -> SeqCase:
    def case(style: Style, server: MockServer, sample: ListCustomersResponse) -> None:
        wanted = next(getattr(c, field) for c in sample.items if isinstance(getattr(c, field), str))
        page = _seq(style, server, **{param: wanted}, limit=100)
        assert page.items
        assert all(getattr(c, field).casefold() == wanted.casefold() for c in page.items)
        assert _seq(style, server, **{param: NOWHERE}).pagination.total_result_size == 0

    return case


def _seq_alias(style: Style, server: MockServer, sample: ListCustomersResponse) -> None:
    # Aliases are not part of a customer's representation, so only the narrowing is visible.
    assert _seq(style, server).pagination.total_result_size > 0
    assert _seq(style, server, alias=NOWHERE).pagination.total_result_size == 0


def _seq_include_archived(style: Style, server: MockServer, sample: ListCustomersResponse) -> None:
    hidden = _seq(style, server, include_archived=False, limit=100)
    shown = _seq(style, server, include_archived=True, limit=100)
    assert all(isinstance(c.archived_at, Unset) for c in hidden.items)
    assert shown.pagination.total_result_size > hidden.pagination.total_result_size


def _seq_limit(style: Style, server: MockServer, sample: ListCustomersResponse) -> None:
    assert len(_seq(style, server, limit=3).items) == 3


def _seq_after(style: Style, server: MockServer, sample: ListCustomersResponse) -> None:
    first = _seq(style, server, limit=5)
    assert isinstance(first.pagination.after, str)
    second = _seq(style, server, limit=5, after=first.pagination.after)
    both = _seq(style, server, limit=10)
    assert [c.id for c in first.items + second.items] == [c.id for c in both.items]


def _seq_before(style: Style, server: MockServer, sample: ListCustomersResponse) -> None:
    first = _seq(style, server, limit=5)
    second = _seq(style, server, limit=5, after=first.pagination.after)
    assert isinstance(second.pagination.before, str)
    back = _seq(style, server, limit=5, before=second.pagination.before)
    assert [c.id for c in back.items] == [c.id for c in first.items]


def _seq_sort_order(style: Style, server: MockServer, sample: ListCustomersResponse) -> None:
    created = [c.created_at for c in _seq(style, server, sort_order=SequenceSortOrder.ASC, limit=50).items]
    assert created == sorted(created)


SEQUENCE_CASES: dict[str, SeqCase] = {
    "sequence-version": _seq_version,
    "sortBy": _seq_sort_by,
    "legalName": _seq_exact_filter("legal_name", "legal_name"),
    "email": _seq_exact_filter("email", "email"),
    "alias": _seq_alias,
    "label": _seq_exact_filter("label", "label"),
    "includeArchived": _seq_include_archived,
    "limit": _seq_limit,
    "after": _seq_after,
    "before": _seq_before,
    "sortOrder": _seq_sort_order,
}


def _str_created_from(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
    since = sample.data[10].created_at
    page = _str(style, server, created_from=since, page_size=1000)
    assert page.data[0].id == sample.data[10].id  # inclusive; default order created_at asc
    assert all(c.created_at >= since for c in page.data)


def _str_created_to(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
    until = sample.data[10].created_at
    page = _str(style, server, created_to=until)
    assert [c.id for c in page.data] == [c.id for c in sample.data[:11]]  # inclusive


def _str_exact(param: str) -> StrCase:
    def case(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
        wanted = next(getattr(c, param) for c in sample.data if isinstance(getattr(c, param), str))
        page = _str(style, server, **{param: wanted})
        assert page.data
        assert all(getattr(c, param).casefold() == wanted.casefold() for c in page.data)
        assert _str(style, server, **{param: NOWHERE}).meta.total_items == 0

    return case


def _str_name(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
    part = sample.data[0].name.split()[-1][:4].lower()  # partial, case-insensitive
    page = _str(style, server, name=part, page_size=1000)
    assert sample.data[0].id in {c.id for c in page.data}
    assert all(part.casefold() in c.name.casefold() for c in page.data)
    assert page.meta.total_items < sample.meta.total_items


def _str_page_number(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
    page = _str(style, server, page_number=3, page_size=5)
    assert page.meta.page_number == 3
    assert [c.id for c in page.data] == [c.id for c in sample.data[10:15]]


def _str_page_size(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
    page = _str(style, server, page_size=7)
    assert (len(page.data), page.meta.page_size) == (7, 7)


def _str_search_text(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
    target = sample.data[3]
    assert isinstance(target.external_id, str)
    page = _str(style, server, search_text=target.external_id)
    assert target.id in {c.id for c in page.data}
    assert _str(style, server, search_text=NOWHERE).meta.total_items == 0


def _str_sort_by(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
    page = _str(style, server, sort_by=CustomerSortBy.NAME, page_size=1000)
    names = [c.name for c in page.data]
    assert names == sorted(names)
    assert page.meta.sort_by == "name"


def _str_sort_order(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
    page = _str(style, server, sort_order=StraddleSortOrder.DESC, page_size=50)
    created = [c.created_at for c in page.data]
    assert created == sorted(created, reverse=True)
    assert page.meta.sort_order == StraddleSortOrder.DESC


def _str_status(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
    wanted = {CustomerStatus.VERIFIED, CustomerStatus.REVIEW}
    page = _str(style, server, status=sorted(wanted), page_size=1000)
    assert page.data
    assert {c.status for c in page.data} == wanted


def _str_types(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
    page = _str(style, server, types=[CustomerType.BUSINESS], page_size=1000)
    assert page.data
    assert {c.type_ for c in page.data} == {CustomerType.BUSINESS}


def _str_echo(param: str, header: str) -> StrCase:
    def case(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
        outcome = wire.call("straddle", style, server, **{param: f"{param}-{style}"})
        assert outcome.status == 200
        assert outcome.response.headers[header] == f"{param}-{style}"

    return case


def _str_account_id(style: Style, server: MockServer, sample: CustomerSummaryPagedV1) -> None:
    own = _str(style, server, straddle_account_id=server.straddle_account_id, page_size=20)
    assert [c.id for c in own.data] == [c.id for c in sample.data[:20]]
    platform = wire.call(
        "straddle", style, server, credentials=server.straddle_platform_key,
        straddle_account_id=server.straddle_other_account_id, page_size=20,
    )  # fmt: skip
    other = wire.call("straddle", style, server, credentials=server.straddle_other_api_key, page_size=20)
    assert platform.status == other.status == 200
    assert [c.id for c in platform.parsed.data] == [c.id for c in other.parsed.data]


STRADDLE_CASES: dict[str, StrCase] = {
    "created_from": _str_created_from,
    "created_to": _str_created_to,
    "email": _str_exact("email"),
    "external_id": _str_exact("external_id"),
    "name": _str_name,
    "page_number": _str_page_number,
    "page_size": _str_page_size,
    "search_text": _str_search_text,
    "sort_by": _str_sort_by,
    "sort_order": _str_sort_order,
    "status": _str_status,
    "types": _str_types,
    "Correlation-Id": _str_echo("correlation_id", "Correlation-Id"),
    "Request-Id": _str_echo("request_id", "Request-Id"),
    "Straddle-Account-Id": _str_account_id,
}


@pytest.mark.parametrize(("api", "cases"), [("sequence", SEQUENCE_CASES), ("straddle", STRADDLE_CASES)])
def test_every_spec_parameter_has_a_case(api: str, cases: dict[str, Any]) -> None:
    """The cases below cover exactly the parameters the spec declares (a new parameter needs a case)."""
    [path_item] = specs.load(api)["paths"].values()
    declared = [p["name"] for p in path_item["get"]["parameters"]]
    table = f"{api.upper()}_CASES in tests/contract/test_clients.py"
    problems = [
        f"openapi/{api}.yaml declares parameter {name!r} without a contract case: add one to {table} that proves"
        f" the value reaches the mock and has its documented effect (semantics: customers_mock/{api}.py)"
        for name in declared
        if name not in cases
    ] + [
        f"{table} has a case for {name!r}, which openapi/{api}.yaml no longer declares: remove it"
        for name in cases
        if name not in declared
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("param", sorted(SEQUENCE_CASES))
def test_sequence_parameter(
    param: str, style: Style, mock_server: MockServer, seq_sample: ListCustomersResponse
) -> None:
    """Each Sequence parameter, sent through each call style, has its documented effect."""
    SEQUENCE_CASES[param](style, mock_server, seq_sample)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("param", sorted(STRADDLE_CASES))
def test_straddle_parameter(
    param: str, style: Style, mock_server: MockServer, str_sample: CustomerSummaryPagedV1
) -> None:
    """Each Straddle parameter, sent through each call style, has its documented effect."""
    STRADDLE_CASES[param](style, mock_server, str_sample)


# ---- pagination --------------------------------------------------------------------------------


def _sequence_pages(style: Style, server: MockServer, credentials: Any = wire.DEMO) -> list[ListCustomersResponse]:
    """Every page, first to last, following ``after`` (archived customers included)."""
    pages: list[ListCustomersResponse] = []
    cursor: dict[str, str] = {}
    for _ in range(1000):
        outcome = wire.call(
            "sequence", style, server, credentials=credentials, limit=7, include_archived=True, **cursor
        )
        pages.append(outcome.parsed)
        after = outcome.parsed.pagination.after
        if not isinstance(after, str):
            return pages
        cursor = {"after": after}
    raise AssertionError("more than 1000 pages")


def _ids(pages: list[ListCustomersResponse]) -> list[str]:
    return [str(c.id) for page in pages for c in page.items]


@pytest.mark.parametrize("style", ["sync", "asyncio_detailed"])
def test_sequence_pagination_both_ways(style: Style, mock_server: MockServer) -> None:
    """Every page with after, then back from the last page with before: each customer once, same order."""
    pages = _sequence_pages(style, mock_server)
    forward = _ids(pages)
    assert len(forward) == len(set(forward)) == pages[0].pagination.total_result_size
    assert len(pages) > 2
    assert isinstance(pages[0].pagination.before, Unset)  # no cursor before the first page
    back = [pages[-1]]
    for _ in range(1000):
        before = back[-1].pagination.before
        if not isinstance(before, str):
            break
        back.append(wire.call("sequence", style, mock_server, limit=7, include_archived=True, before=before).parsed)
    assert _ids(back[::-1]) == forward


@pytest.mark.parametrize("style", ["sync_detailed", "asyncio"])
def test_straddle_pagination_both_ways(style: Style, mock_server: MockServer) -> None:
    """Every page forward, then every page from the last back to the first: each customer exactly once."""
    first = _str(style, mock_server, page_size=9)
    pages = first.meta.total_pages
    forward = [
        str(c.id) for n in range(1, pages + 2) for c in _str(style, mock_server, page_number=n, page_size=9).data
    ]
    backward = [
        str(c.id) for n in range(pages, 0, -1) for c in _str(style, mock_server, page_number=n, page_size=9).data
    ]
    assert len(forward) == len(set(forward)) == first.meta.total_items
    assert sorted(backward) == sorted(forward)
    assert _str(style, mock_server, page_number=pages + 1, page_size=9).data == []  # past the end: empty


def test_accounts_see_disjoint_customers(mock_server: MockServer) -> None:
    """The two demo accounts list no customer in common, in either API."""
    seq_other = (mock_server.sequence_other_client_id, mock_server.sequence_other_client_secret)
    assert set(_ids(_sequence_pages("sync", mock_server))).isdisjoint(
        _ids(_sequence_pages("sync", mock_server, credentials=seq_other))
    )
    mine = {c.id for c in _str("sync", mock_server, page_size=1000).data}
    theirs = wire.call("straddle", "sync", mock_server, credentials=mock_server.straddle_other_api_key, page_size=1000)
    assert mine
    assert theirs.parsed.data
    assert mine.isdisjoint({c.id for c in theirs.parsed.data})


# ---- auth failures and validation errors -------------------------------------------------------


def _seq_error(outcome: Outcome, status: int) -> ErrorResponse:
    assert outcome.status == status, outcome.json()
    assert isinstance(outcome.parsed, ErrorResponse)
    return outcome.parsed


def _str_error(outcome: Outcome, status: int) -> ErrorResponseV1:
    assert outcome.status == status, outcome.json()
    assert isinstance(outcome.parsed, ErrorResponseV1)
    assert outcome.parsed.error.status == status
    return outcome.parsed


@pytest.mark.parametrize("style", STYLES)
def test_sequence_auth_failures(style: Style, mock_server: MockServer) -> None:
    """No credentials, or a wrong secret, is a parsed 401 in the Sequence envelope."""
    for credentials in (None, (mock_server.sequence_client_id, "wrong-secret")):
        error = _seq_error(wire.call("sequence", style, mock_server, credentials=credentials), 401)
        assert error.error.type_ == "Unauthorized"


@pytest.mark.parametrize("style", STYLES)
def test_sequence_permission_denied(style: Style, mock_server: MockServer) -> None:
    """Credentials without the customers permission are a parsed 403 in the Sequence envelope."""
    restricted = (mock_server.sequence_restricted_client_id, mock_server.sequence_restricted_client_secret)
    error = _seq_error(wire.call("sequence", style, mock_server, credentials=restricted), 403)
    assert error.error.type_ == "Forbidden"


@pytest.mark.parametrize("style", STYLES)
def test_straddle_auth_failures(style: Style, mock_server: MockServer) -> None:
    """No key or a wrong key is a parsed 401; another account's id is a parsed 403."""
    _str_error(wire.call("straddle", style, mock_server, credentials=None), 401)
    _str_error(wire.call("straddle", style, mock_server, credentials="sk_test_wrong"), 401)
    foreign = wire.call("straddle", style, mock_server, straddle_account_id=mock_server.straddle_other_account_id)
    _str_error(foreign, 403)
    unknown = wire.call(
        "straddle", style, mock_server, credentials=mock_server.straddle_platform_key,
        straddle_account_id="00000000-0000-4000-8000-000000000000",
    )  # fmt: skip
    _str_error(unknown, 403)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"after": "not a cursor!"}, "after"),
        ({"sort_by": "nope"}, "sortBy"),
    ],
)
def test_sequence_validation_errors(params: dict[str, Any], key: str, style: Style, mock_server: MockServer) -> None:
    """An invalid parameter is a parsed 400 whose field errors name that parameter."""
    error = _seq_error(wire.call("sequence", style, mock_server, **params), 400)
    assert key in [e.key for e in error.error.errors or []]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("params", "reference"),
    [({"page_size": 0}, "page_size"), ({"page_size": 1001}, "page_size"), ({"page_number": 0}, "page_number")],
)
def test_straddle_validation_errors(
    params: dict[str, Any], reference: str, style: Style, mock_server: MockServer
) -> None:
    """An invalid parameter is a parsed 400 whose items name that parameter."""
    error = _str_error(wire.call("straddle", style, mock_server, **params), 400)
    assert reference in [item.reference for item in error.error.items or []]


def test_huge_page_number_is_an_empty_page(mock_server: MockServer) -> None:
    """The largest page_number the spec allows is served as an empty page, not an error."""
    page = _str("sync", mock_server, page_number=2_147_483_647)
    assert page.data == []
    assert page.meta.page_number == 2_147_483_647


def test_created_window_is_inclusive_at_both_ends(mock_server: MockServer, str_sample: CustomerSummaryPagedV1) -> None:
    """created_from == created_to == a customer's created_at finds that customer."""
    at: dt.datetime = str_sample.data[5].created_at
    page = _str("sync", mock_server, created_from=at, created_to=at)
    assert str_sample.data[5].id in {c.id for c in page.data}
