"""Columns of a customer for CSV and the table, from the generated model - and the flattening rule.

The rule (README, "Command line"): the columns are the model's fields in the generated model's order
(required first), under their API names (``legalName``, ``created_at``); a nested object's fields
become ``parent.child`` columns (``address.line1``); a list or a free-form map (``integrationIds``,
``customProperties``) is one cell of compact JSON; absent and null are empty cells; booleans are
``true`` / ``false``. The columns come from the spec, not from the data, so every export of an API
has the same header whatever the filters. A field the spec does not describe (a newer API) is kept
by json/jsonl only; CSV and the table report it once on stderr.
"""

from __future__ import annotations

import datetime
import json
import sys
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import attrs

from ._spec_options import without_unset

_MAX_DEPTH = 4  # deeper nested objects (a recursive schema) become one JSON cell


@dataclass(frozen=True)
class Column:
    """One output column: its name, the keys leading to it in the record, and whether it is a JSON cell."""

    name: str
    path: tuple[str, ...]
    as_json: bool = False
    is_datetime: bool = False  # the table shows these shorter, in UTC


def _squash(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


def _api_names(model: type) -> dict[str, str]:
    """attribute name -> API (JSON) name of each field of a generated model.

    The generated module lists the API names it reads (``_PROPERTY_NAMES``, from our model template);
    an attribute is the snake_case of one of them (``legal_name`` / ``legalName``, ``type_`` / ``type``).
    """
    module = sys.modules[model.__module__]
    by_squashed = {_squash(name): name for name in getattr(module, "_PROPERTY_NAMES", ())}
    return {
        field.name: by_squashed.get(_squash(field.name), field.name.rstrip("_"))
        for field in attrs.fields(model)
        if field.name != "additional_properties"
    }


def _declared(model: type) -> bool:
    """Whether a generated model declares fields (a free-form map has only ``additional_properties``)."""
    return any(field.name != "additional_properties" for field in attrs.fields(model))


def columns_of(model: type, prefix: tuple[str, ...] = (), depth: int = 0) -> list[Column]:
    """Every column of a generated model, nested objects flattened."""
    hints = typing.get_type_hints(model)
    columns: list[Column] = []
    for attr, name in _api_names(model).items():
        path = (*prefix, name)
        kind = without_unset(hints[attr])
        if attrs.has(kind) and _declared(kind) and depth < _MAX_DEPTH:
            columns += columns_of(kind, path, depth + 1)
        else:
            as_json = typing.get_origin(kind) in (list, dict) or attrs.has(kind)
            columns.append(Column(".".join(path), path, as_json, kind is datetime.datetime))
    return columns


def cell(value: Any) -> str:
    """One value as CSV/table text: empty for None, true/false, compact JSON for lists and maps."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _tree(columns: Iterable[Column]) -> dict[str, Any]:
    """The known keys as a tree: {"address": {"line1": {}}, "id": {}} (JSON cells are leaves)."""
    tree: dict[str, Any] = {}
    for column in columns:
        node = tree
        for key in column.path:
            node = node.setdefault(key, {})
    return tree


class Flattener:
    """Turns a record (a model's ``to_dict()``) into the cells of the chosen columns."""

    def __init__(self, all_columns: list[Column], chosen: list[Column], warn: Callable[[str], None]) -> None:
        self.columns = chosen
        self._known = _tree(all_columns)
        self._leaves = {column.path for column in all_columns}
        self._warn = warn
        self._reported: set[str] = set()

    def row(self, record: dict[str, Any]) -> list[str]:
        """The cells of ``record`` in column order."""
        self._check_unknown(record, self._known, ())
        cells = []
        for column in self.columns:
            value: Any = record
            for key in column.path:
                value = value.get(key) if isinstance(value, dict) else None
            cells.append(cell(value))
        return cells

    def _check_unknown(self, record: dict[str, Any], known: dict[str, Any], path: tuple[str, ...]) -> None:
        for key in record.keys() - known.keys():
            name = ".".join((*path, key))
            if name not in self._reported:
                self._reported.add(name)
                self._warn(f"field {name!r} is not in the spec; only --format json/jsonl keep it")
        for key, sub in known.items():
            value = record.get(key)
            if sub and isinstance(value, dict) and (*path, key) not in self._leaves:
                self._check_unknown(value, sub, (*path, key))
