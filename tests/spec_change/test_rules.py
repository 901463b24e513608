"""The classification rules of the change report (docs/spec-changes.md), one small spec edit each."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import change_report
import spec_diff

Edit = Callable[[dict[str, Any]], None]


def _spec() -> dict[str, Any]:
    """A small spec with what the rules look at: a query parameter, a header, a model, an enum, errors, auth."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Shop", "version": "1"},
        "paths": {
            "/items": {
                "get": {
                    "operationId": "listItems",
                    "security": [{"key": []}],
                    "parameters": [
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
                        {"name": "sort", "in": "query", "schema": {"type": "string", "default": "asc"}},
                        {"name": "kind", "in": "query", "schema": {"$ref": "#/components/schemas/Kind"}},
                        {"name": "Trace-Id", "in": "header", "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}},
                        "400": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                    },
                }
            }
        },
        "components": {
            "securitySchemes": {"key": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Kind": {"type": "string", "enum": ["book", "game"]},
                "Page": {
                    "type": "object",
                    "required": ["items"],
                    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}},
                },
                "Item": {
                    "type": "object",
                    "required": ["id", "name"],
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "name": {"type": "string"},
                        "note": {"type": "string"},
                        "kind": {"$ref": "#/components/schemas/Kind"},
                    },
                },
                "Error": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}},
            },
        },
    }


def _op(spec: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"]["/items"]["get"]
    return operation


def _param(spec: dict[str, Any], name: str) -> dict[str, Any]:
    [param] = [p for p in _op(spec)["parameters"] if p["name"] == name]
    assert isinstance(param, dict)
    return param


def _move_into_component(spec: dict[str, Any], parent: dict[str, Any], key: str, schema: dict[str, Any]) -> None:
    """Put ``schema`` in a component ``Moved`` and make ``parent[key]`` refer to it."""
    spec["components"]["schemas"]["Moved"] = schema
    parent[key] = {"$ref": "#/components/schemas/Moved"}


def _item(spec: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = spec["components"]["schemas"]["Item"]
    return item


RULES: list[tuple[str, Edit, list[str]]] = [
    (
        "optional parameter added",
        lambda s: _op(s)["parameters"].append({"name": "q", "in": "query", "schema": {"type": "string"}}),
        ["non-breaking  parameter query `q`: added (optional, string): list(q=...)"],
    ),
    (
        "required parameter added",
        lambda s: _op(s)["parameters"].append({"name": "q", "in": "query", "required": True, "schema": {}}),
        ["BREAKING      parameter query `q`: added (required, any): calls without it are rejected"],
    ),
    (
        "parameter made required",
        lambda s: _param(s, "limit").update(required=True),
        ["BREAKING      parameter query `limit`: now required"],
    ),
    (
        "bound narrowed",
        lambda s: _param(s, "limit")["schema"].update(maximum=50),
        ["BREAKING      parameter query `limit`: maximum 100 -> 50"],
    ),
    (
        "bound widened",
        lambda s: _param(s, "limit")["schema"].pop("minimum"),
        ["non-breaking  parameter query `limit`: minimum 1 -> (none)"],
    ),
    (
        "pattern added",
        lambda s: _param(s, "sort")["schema"].update(pattern="^(asc|desc)$"),
        ["BREAKING      parameter query `sort`: pattern (none) -> ^(asc|desc)$"],
    ),
    (
        "default changed",
        lambda s: _param(s, "sort")["schema"].update(default="desc"),
        ["BREAKING      parameter query `sort`: default 'asc' -> 'desc'"],
    ),
    (
        "parameter format changed",
        lambda s: _param(s, "Trace-Id")["schema"].update(format="uuid"),
        ["BREAKING      request header `Trace-Id`: type string -> string (uuid)"],
    ),
    (
        "parameter description changed",
        lambda s: _param(s, "sort").update(description="Sort direction."),
        ["non-breaking  parameter query `sort`: description changed"],
    ),
    (
        "a field moved into a plain component (same Python type)",
        lambda s: _move_into_component(s, _item(s)["properties"], "name", {"type": "string"}),
        [],
    ),
    (
        "pattern narrowed inside a plain component a parameter refers to",
        lambda s: _move_into_component(
            s, _param(s, "sort"), "schema", {"type": "string", "default": "asc", "pattern": "^a"}
        ),
        ["BREAKING      parameter query `sort`: pattern (none) -> ^a"],
    ),
    (
        "a format that keeps the Python type, on a field",
        lambda s: _item(s)["properties"]["note"].update(format="email"),
        ["non-breaking  response field Item.note: format (none) -> email"],
    ),
    (
        "field removed",
        lambda s: _item(s)["properties"].pop("note"),
        ["BREAKING      response field Item.note: removed; code reading it breaks"],
    ),
    (
        "field made optional",
        lambda s: _item(s)["required"].remove("name"),
        ["BREAKING      response field Item.name: now optional: its type gains Unset, code must handle its absence"],
    ),
    (
        "field made nullable",
        lambda s: _item(s)["properties"]["note"].update(type=["string", "null"]),
        ["BREAKING      response field Item.note: now nullable"],
    ),
    (
        "enum value removed",
        lambda s: s["components"]["schemas"]["Kind"]["enum"].remove("game"),
        ["BREAKING      enum Kind: enum values removed: game"],
    ),
    (
        "error envelope field removed",
        lambda s: s["components"]["schemas"]["Error"]["properties"].pop("message"),
        ["BREAKING      error envelope Error.message: removed; code reading it breaks"],
    ),
    (
        "error status added",
        lambda s: _op(s)["responses"].update({"429": {"description": "Slow down"}}),
        ["non-breaking  response GET /items 429: status added (raised as the typed error for that status)"],
    ),
    (
        "success status added",
        lambda s: _op(s)["responses"].update({"202": {"description": "Accepted"}}),
        ["BREAKING      response GET /items 202: status added (the call may return another type)"],
    ),
    (
        "auth scheme changed",
        lambda s: s["components"]["securitySchemes"]["key"].update(scheme="basic"),
        ["BREAKING      auth scheme `key`: scheme 'bearer' -> 'basic': clients must send other credentials"],
    ),
    (
        "operation renamed",
        lambda s: _op(s).update(operationId="searchItems"),
        ["BREAKING      operation GET /items: operationId listItems -> searchItems: the generated module is renamed"],
    ),
    (
        "operation removed",
        lambda s: s["paths"].pop("/items"),
        ["BREAKING      operation GET /items: removed (listItems)"],
    ),
]


@pytest.mark.parametrize(("edit", "expected"), [(e, x) for _, e, x in RULES], ids=[n for n, _, _ in RULES])
def test_rule(edit: Edit, expected: list[str]) -> None:
    """Each kind of change is reported once, with the classification docs/spec-changes.md gives it."""
    old = _spec()
    new = copy.deepcopy(old)
    edit(new)
    assert [change.line() for change in spec_diff.diff("shop", old, new)] == expected


def test_an_unchanged_spec_has_no_changes() -> None:
    """Comparing a spec with itself reports nothing (so every line above comes from its edit)."""
    assert spec_diff.diff("shop", _spec(), _spec()) == []


def test_changelog_entries_accumulate_under_unreleased(tmp_path: Path) -> None:
    """Reports go under "## Unreleased", one section per client, later regenerations appended to it."""
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\nIntro.\n\n## 1.0.0\n\n- First.\n")
    first = change_report.Report("shop", "shop-client (openapi/shop.yaml)", "a -> b")
    first.changes = [spec_diff.Change("shop", "enum", "Kind", "enum values added: toy", False)]
    second = change_report.Report("shop", "shop-client (openapi/shop.yaml)", "b -> c")
    second.changes = [spec_diff.Change("shop", "parameter", "query `q`", "removed", True)]

    assert change_report.add_to_changelog(changelog, [first])
    assert change_report.add_to_changelog(changelog, [second])
    assert not change_report.add_to_changelog(changelog, [change_report.Report("shop", "x", "c -> c")])

    assert changelog.read_text() == (
        "# Changelog\n\nIntro.\n\n## Unreleased\n\n### shop-client (openapi/shop.yaml)\n"
        "- Non-breaking: enum Kind: enum values added: toy\n"
        "- **Breaking**: parameter query `q`: removed\n\n"
        "## 1.0.0\n\n- First.\n"
    )
