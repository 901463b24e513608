"""The installed ``customers`` script against a live 10,000-customer mock: each format gives the SDK's customers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import pytest

from customers_mock.testing import MockServer
from customers_sdk.sequence import Sequence, SortOrder
from customers_sdk.straddle import CustomerStatus, CustomerType, Straddle
from tests.cli.conftest import CUSTOMERS, Run

# The largest page of each API, so an export of 10,000 is 100 (Sequence) or 10 (Straddle) requests.
PAGE = {"sequence": ["--limit", "100"], "straddle": ["--page-size", "1000"]}
# Columns holding a list or a free-form map: one cell of JSON text (the documented flattening rule).
JSON_COLUMNS = {"organizations", "integrationIds", "customProperties"}


def sdk_records(server: MockServer, api: str, *, first_page: bool = False, **params: Any) -> list[dict[str, Any]]:
    """Every customer the client layer lists with these parameters (or its first page), as the API's JSON objects."""
    if api == "sequence":
        with Sequence(
            client_id=server.sequence_client_id, client_secret=server.sequence_client_secret, base_url=server.base_url
        ) as seq:
            page = seq.customers.list(**params)
            return [c.to_dict() for c in (page.items if first_page else page)]
    with Straddle(api_key=server.straddle_api_key, base_url=server.base_url) as strd:
        numbered = strd.customers.list(**params)
        return [c.to_dict() for c in (numbered.items if first_page else numbered)]


def _prune(value: Any, top: bool = True) -> Any:
    """A record without null values and empty objects (CSV writes both as empty cells), except in JSON columns.

    A JSON column's cell is the value's JSON text, so an empty ``customProperties`` is ``{}`` and comes back.
    """
    if isinstance(value, dict):
        kept = {k: v if top and k in JSON_COLUMNS else _prune(v, top=False) for k, v in value.items() if v is not None}
        return {k: v for k, v in kept.items() if v != {} or (top and k in JSON_COLUMNS)}
    return value


def unflatten(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row back into a nested record, by the documented rule (dotted names, JSON cells, empty = absent)."""
    record: dict[str, Any] = {}
    for name, text in row.items():
        if text == "":
            continue
        *parents, leaf = name.split(".")
        node = record
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = json.loads(text) if name in JSON_COLUMNS else text
    return record


PARSERS: dict[str, Callable[[str], list[dict[str, Any]]]] = {
    "jsonl": lambda out: [json.loads(line) for line in out.splitlines()],
    "json": json.loads,
    "csv": lambda out: [unflatten(row) for row in csv.DictReader(io.StringIO(out))],
}


@pytest.fixture(scope="module")
def expected(big_mock: MockServer) -> dict[str, list[dict[str, Any]]]:
    """What the SDK lists for each API, every page (Sequence with archived customers, so every field shows)."""
    return {
        "sequence": sdk_records(big_mock, "sequence", limit=100, include_archived=True),
        "straddle": sdk_records(big_mock, "straddle", page_size=1000),
    }


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
@pytest.mark.parametrize("api", ["sequence", "straddle"])
def test_every_format_parses_back_to_the_sdk_listing(
    run: Run, big_mock: MockServer, expected: dict[str, list[dict[str, Any]]], api: str, fmt: str
) -> None:
    """--all in each format gives exactly the customers the SDK lists, in order, nothing lost or added."""
    extra = ["--include-archived"] if api == "sequence" else []
    result = run(big_mock, api, "list", "--base-url", big_mock.base_url, "--all", *PAGE[api], *extra, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    records = PARSERS[fmt](result.stdout)
    assert len(records) == CUSTOMERS
    if fmt == "csv":  # text cells: compare with the SDK's records as CSV can hold them
        assert records == [_prune(json.loads(json.dumps(r))) for r in expected[api]]
    else:
        assert records == expected[api]


@pytest.mark.parametrize("api", ["sequence", "straddle"])
def test_csv_header_is_the_same_whatever_the_data(run: Run, big_mock: MockServer, api: str) -> None:
    """CSV columns come from the spec: an empty result and a full page have the same header."""
    base = [api, "list", "--base-url", big_mock.base_url, "--format", "csv"]
    nothing = ["--email", "nobody@nowhere.invalid"]
    full = run(big_mock, *base)
    empty = run(big_mock, *base, *nothing)
    assert full.returncode == empty.returncode == 0
    assert empty.stdout.splitlines() == [full.stdout.splitlines()[0]]
    header = full.stdout.splitlines()[0].split(",")
    if api == "sequence":
        assert header[:3] == ["id", "createdAt", "legalName"]
        assert {"address.line1", "address.country", "archivedAt", "integrationIds", "customProperties"} <= set(header)
    else:
        assert header == ["id", "created_at", "email", "name", "phone", "status", "type", "updated_at", "external_id"]


def test_json_of_an_empty_result_is_an_empty_array(run: Run, big_mock: MockServer) -> None:
    """No customer matching: valid JSON all the same."""
    result = run(
        big_mock, "straddle", "list", "--base-url", big_mock.base_url, "--email", "x@y.invalid", "--format", "json"
    )
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def _ids(result_stdout: str) -> list[str]:
    return [json.loads(line)["id"] for line in result_stdout.splitlines()]


def test_straddle_filters_narrow_as_in_the_sdk(run: Run, big_mock: MockServer) -> None:
    """Enum lists (repeatable), a date range and a search narrow exactly like the same SDK call."""
    args = ["--status", "verified", "--status", "review", "--types", "business"]
    args += ["--created-from", "2021-01-01", "--created-to", "2022-12-31T23:59:59Z", "--search-text", "a"]
    result = run(big_mock, "straddle", "list", "--base-url", big_mock.base_url, "--all", *args, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    want = sdk_records(
        big_mock,
        "straddle",
        status=[CustomerStatus.VERIFIED, CustomerStatus.REVIEW],
        types=[CustomerType.BUSINESS],
        created_from=dt.datetime(2021, 1, 1, tzinfo=dt.UTC),
        created_to=dt.datetime(2022, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
        search_text="a",
    )
    assert 0 < len(want) < CUSTOMERS / 10
    assert _ids(result.stdout) == [r["id"] for r in want]


def test_sequence_filters_and_sorting_narrow_as_in_the_sdk(run: Run, big_mock: MockServer) -> None:
    """A label filter, archived customers and a sort order give the SDK's customers, in its order."""
    args = ["--label", "SMB", "--include-archived", "--sort-by", "legalName", "--sort-order", "ASC", "--limit", "100"]
    result = run(big_mock, "sequence", "list", "--base-url", big_mock.base_url, "--all", *args, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    want = sdk_records(
        big_mock,
        "sequence",
        label="SMB",
        include_archived=True,
        sort_by="legalName",
        sort_order=SortOrder.ASC,
        limit=100,
    )
    assert 0 < len(want) < CUSTOMERS
    assert _ids(result.stdout) == [r["id"] for r in want]
    without_archived = run(big_mock, "sequence", "list", "--base-url", big_mock.base_url, "--all", "--label", "SMB",
                           "--limit", "100", "--format", "jsonl")  # fmt: skip
    assert len(_ids(without_archived.stdout)) < len(want)


def test_one_page_without_all(run: Run, big_mock: MockServer) -> None:
    """Without --all, one page: the API's default page size, or the one asked for."""
    base = ["straddle", "list", "--base-url", big_mock.base_url, "--format", "jsonl"]
    assert len(run(big_mock, *base).stdout.splitlines()) == 100  # the spec's default page_size
    assert len(run(big_mock, *base, "--page-size", "7", "--page-number", "3").stdout.splitlines()) == 7


def test_table_shows_key_columns_aligned(run: Run, big_mock: MockServer) -> None:
    """--format table: a header of key columns, then one aligned line per customer."""
    result = run(big_mock, "sequence", "list", "--base-url", big_mock.base_url, "--format", "table", "--limit", "5")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "legalName", "email", "label", "taxStatus", "createdAt"]
    rows = [line for line in lines[2:] if line.strip()]
    want = sdk_records(big_mock, "sequence", first_page=True, limit=5)
    assert [row.split()[0] for row in rows] == [r["id"] for r in want]
    name_at = lines[0].index("legalName")
    assert all(row[name_at:].startswith(r["legalName"][:20]) for row, r in zip(rows, want, strict=True))
    assert want[0]["createdAt"] in rows[0]  # a plain string in Sequence's spec: shown as sent


def test_table_shows_date_times_in_utc(run: Run, big_mock: MockServer) -> None:
    """A field the spec types as date-time (Straddle's created_at) is shown as YYYY-MM-DD HH:MM:SS in UTC."""
    result = run(big_mock, "straddle", "list", "--base-url", big_mock.base_url, "--format", "table", "--page-size", "3")
    assert result.returncode == 0, result.stderr
    want = sdk_records(big_mock, "straddle", first_page=True, page_size=3)
    shown = dt.datetime.fromisoformat(want[0]["created_at"]).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    assert result.stdout.splitlines()[2].rstrip().endswith(shown)
