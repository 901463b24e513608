"""Coverage of parameter values (tests/contract/values.py): a tiny inline spec, synthetic requests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from customers_contract import coverage, values
from customers_contract.interactions import Interaction

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "paths": {
        "/things": {
            "get": {
                "parameters": [
                    {"name": "order", "in": "query", "schema": {"$ref": "#/components/schemas/Order"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10}},
                    {"name": "tags", "in": "query", "style": "form", "explode": False, "schema": {
                        "type": "array", "maxItems": 2, "items": {"type": "string", "enum": ["a", "b"]}}},
                    {"name": "code", "in": "query", "schema": {"type": "string", "minLength": 2}},
                    {"name": "X-Flag", "in": "header", "schema": {"type": "boolean"}},
                ]
            }
        }
    },
    "components": {"schemas": {"Order": {"type": "string", "enum": ["asc", "desc"]}}},
}  # fmt: skip


def _get(query: str, headers: dict[str, str] | None = None, path: str = "/things", method: str = "GET") -> Interaction:
    url = f"http://127.0.0.1:1{path}?{query}"
    return Interaction("c", method, url, headers or {}, 200, {}, b"{}", 0.0, 0.0)


def _hits(*requests: Interaction) -> dict[str, int]:
    return {p.label: p.hits for p in values.measure(SPEC, requests).points}


def test_points_are_read_from_the_spec() -> None:
    """Every parameter gets absent/present, each enum value (through $ref, array items, booleans) and each bound."""
    assert list(_hits()) == [
        *("order absent", "order present", "order=asc", "order=desc"),
        *("limit absent", "limit present", "limit=1", "limit<1", "limit=10", "limit>10"),
        *("tags absent", "tags present", "tags=a", "tags=b", "tags items=2", "tags items>2"),
        *("code absent", "code present", "code len=2", "code len<2"),
        *("X-Flag absent", "X-Flag present", "X-Flag=true", "X-Flag=false"),
    ]


def test_enum_values_count_only_when_sent() -> None:
    """Sending one enum value covers it, not its sibling; an unlisted value covers no enum point."""
    hits = _hits(_get("order=asc"), _get("order=sideways"))
    assert (hits["order=asc"], hits["order=desc"], hits["order present"], hits["order absent"]) == (1, 0, 2, 0)


def test_bounds_exactly_at_and_past() -> None:
    """A value exactly at a bound and one past it are separate points; a value inside hits neither."""
    assert _hits(_get("limit=5"))["limit=1"] == 0
    hits = _hits(_get("limit=1"), _get("limit=11"), _get("limit=abc"))
    assert (hits["limit=1"], hits["limit<1"], hits["limit=10"], hits["limit>10"]) == (1, 0, 0, 1)


def test_arrays_items_and_sizes() -> None:
    """Non-exploded arrays are split on commas: each item's enum value and the item count are seen."""
    hits = _hits(_get("tags=a,a,b"))
    assert (hits["tags=a"], hits["tags=b"], hits["tags items=2"], hits["tags items>2"]) == (1, 1, 0, 1)


def test_string_lengths_headers_and_absence() -> None:
    """String lengths are held to min/maxLength; headers match case-insensitively; absence is a point."""
    hits = _hits(_get("code=x", {"x-flag": "true"}), _get("code=xy"))
    assert (hits["code len<2"], hits["code len=2"]) == (1, 1)
    assert (hits["X-Flag=true"], hits["X-Flag=false"], hits["X-Flag absent"]) == (1, 0, 1)


def test_other_operations_are_ignored() -> None:
    """Requests to another path or with another method hit no point."""
    assert not any(_hits(_get("order=asc", path="/other"), _get("order=asc", method="POST")).values())


def test_summary_line_names_what_is_missing() -> None:
    """The summary line gives covered/total and names the points never hit."""
    requests = [_get("order=asc&limit=1&limit=0&tags=a,b&code=xy&code=x&limit=10&limit=11", {"X-Flag": "false"})]
    line = values.measure(SPEC, requests).line()
    assert line.startswith("values: ")
    missing = line.split(" - missing: ")[1].split(", ")
    assert missing[:2] == ["order absent", "order=desc"]
    assert "X-Flag=true" in missing
    assert "limit=1" not in missing


def test_values_threshold_and_reports(tmp_path: Path) -> None:
    """The ``values`` threshold fails a run below it; the JSON and Markdown reports list every point."""
    cov = coverage.measure("sequence", [])
    assert any(line.startswith("values 0.0% < 100%") for line in cov.violations({"values": 100}))
    assert cov.violations({"values": 0}) == []
    json_path = next(p for p in cov.write(tmp_path) if p.suffix == ".json")
    data = json.loads(json_path.read_text())["parameter_values"]
    assert data["covered"] == 0
    assert {"value": "sortOrder=ASC", "hits": 0}.items() <= data["points"][-2].items()
    assert (
        "| `GET /api/customers` | `sortOrder` | `sortOrder=DESC` | 0 |"
        in (tmp_path / "coverage-sequence.md").read_text()
    )
