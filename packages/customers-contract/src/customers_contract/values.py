"""Which VALUES of each parameter a contract run sent: each enum value, each bound, absent and present.

TraceCov (see ``coverage.py``) counts a parameter's ``enum`` keyword covered once any listed value
and any unlisted one were sent, and its reports (JSON, Markdown, HTML, API) carry no per-value
data. This step reads the same recorded requests against the spec and lists, for every
parameter of every operation, the points a run can hit, all taken from the spec's schema:

- ``name absent`` / ``name present``
- ``name=VALUE`` for each ``enum`` value (of the items, for an array; ``true``/``false`` for a boolean)
- ``name=B`` exactly at a ``minimum``/``maximum`` and ``name<B`` / ``name>B`` past it;
  the same for string lengths (``name len=B``) and array sizes (``name items=B``)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from customers_contract import specs
from customers_contract.interactions import Interaction

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
MISSING_SHOWN = 8  # points named in the one-line summary; the reports list them all

# Bound keywords by what they limit: the value itself, a string's length, an array's size.
# Each is (keyword, the comparison that is past it).
_BOUNDS = {"": (("minimum", "<"), ("maximum", ">")), " len": (("minLength", "<"), ("maxLength", ">"))}
_SIZES = (("minItems", "<"), ("maxItems", ">"))


@dataclass
class Point:
    """One value (or state) of one parameter, and how many requests sent it."""

    operation: str  # "GET /api/customers"
    parameter: str
    label: str  # "sortOrder=ASC", "limit>100", "after absent"
    hits: int = 0


@dataclass
class _Param:
    """A parameter as the spec declares it, with the points it can hit."""

    name: str
    location: str
    schema: dict[str, Any]
    explode: bool
    bounds: list[tuple[str, float, str]] = field(default_factory=list)  # (unit, bound, past-comparison)
    points: dict[str, Point] = field(default_factory=dict)


def _wire(value: Any) -> str:
    """How a schema value looks in a query string or header."""
    return json.dumps(value) if isinstance(value, bool) or value is None else str(value)


def _bounds(schema: dict[str, Any]) -> list[tuple[str, float, str]]:
    """(unit, bound, "<" or ">") for each bound keyword of a parameter's schema."""
    items = schema.get("items", {}) if schema.get("type") == "array" else schema
    found = [(unit, items[k], past) for unit, keywords in _BOUNDS.items() for k, past in keywords if k in items]
    return found + [(" items", schema[k], past) for k, past in _SIZES if k in schema]


def _labels(param: _Param) -> list[str]:
    """Every point of one parameter, from its schema."""
    name, schema = param.name, param.schema
    labels = [f"{name} absent", f"{name} present"]
    items = schema.get("items", {}) if schema.get("type") == "array" else schema
    enum = items.get("enum", [True, False] if items.get("type") == "boolean" else [])
    labels += [f"{name}={_wire(v)}" for v in enum]
    for unit, bound, past in param.bounds:
        labels += [f"{name}{unit}={bound}", f"{name}{unit}{past}{bound}"]
    return labels


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _measures(param: _Param, sent: list[str]) -> Iterator[tuple[str, float]]:
    """(unit, quantity) pairs to hold against the bounds: each value, each length, the item count."""
    if param.schema.get("type") == "array":
        yield " items", len(sent)
    for value in sent:
        yield " len", len(value)
        number = _number(value)
        if number is not None:
            yield "", number


def _hits(param: _Param, sent: list[str] | None) -> set[str]:
    """The labels of ``param`` that one request hit (``sent``: its values, None when absent)."""
    name = param.name
    if sent is None:
        return {f"{name} absent"}
    hit = {f"{name} present"} | {f"{name}={value}" for value in sent}
    for unit, quantity in _measures(param, sent):
        for bound_unit, bound, past in param.bounds:
            if unit != bound_unit:
                continue
            if quantity == bound:
                hit.add(f"{name}{unit}={bound}")
            elif quantity < bound if past == "<" else quantity > bound:
                hit.add(f"{name}{unit}{past}{bound}")
    return hit & param.points.keys()


def _sent(param: _Param, query: dict[str, list[str]], headers: dict[str, str]) -> list[str] | None:
    """The values one request sent for ``param`` (None: not sent)."""
    if param.location == "header":
        value = headers.get(param.name.lower())
        return None if value is None else [value]
    values = query.get(param.name)
    if values is None:
        return None
    if param.schema.get("type") == "array" and not param.explode:
        return [part for value in values for part in value.split(",")]
    return values


@dataclass
class _Operation:
    key: str
    method: str
    path: re.Pattern[str]
    params: list[_Param]


def _operations(spec: dict[str, Any]) -> list[_Operation]:
    """Every operation with its query and header parameters (path-level ones included)."""
    found = []
    for path, item in spec.get("paths", {}).items():
        item = specs.resolved(spec, item)
        for method in METHODS:
            if method not in item:
                continue
            declared = [
                specs.resolved(spec, p) for p in (*item.get("parameters", []), *item[method].get("parameters", []))
            ]
            by_key = {(p["name"], p["in"]): p for p in declared}  # an operation's own overrides the path's
            params = []
            for p in by_key.values():
                if p["in"] not in ("query", "header"):
                    continue
                schema = specs.resolved(spec, p.get("schema", {}))
                if schema.get("type") == "array":
                    schema = {**schema, "items": specs.resolved(spec, schema.get("items", {}))}
                explode = p.get("explode", p.get("style", "form") == "form")  # OpenAPI's default
                param = _Param(p["name"], p["in"], schema, explode, _bounds(schema))
                key = f"{method.upper()} {path}"
                param.points = {label: Point(key, p["name"], label) for label in _labels(param)}
                params.append(param)
            template = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path))
            found.append(_Operation(f"{method.upper()} {path}", method.upper(), re.compile(f"{template}$"), params))
    return found


@dataclass
class ValueCoverage:
    """Every value point of one spec and how often a run hit it."""

    points: list[Point]

    @property
    def covered(self) -> int:
        return sum(1 for p in self.points if p.hits)

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / len(self.points) if self.points else 100.0

    def missing(self) -> list[Point]:
        return [p for p in self.points if not p.hits]

    def line(self) -> str:
        """``values: 41/44 (93.2%) - missing: sortOrder=ASC, ...``"""
        head = f"values: {self.covered}/{len(self.points)} ({self.percent:.1f}%)"
        missing = [p.label for p in self.missing()]
        if not missing:
            return head
        more = f", ... {len(missing) - MISSING_SHOWN} more" if len(missing) > MISSING_SHOWN else ""
        return f"{head} - missing: {', '.join(missing[:MISSING_SHOWN])}{more}"

    def as_json(self) -> dict[str, Any]:
        return {
            "covered": self.covered,
            "total": len(self.points),
            "percent": self.percent,
            "points": [
                {"operation": p.operation, "parameter": p.parameter, "value": p.label, "hits": p.hits}
                for p in self.points
            ],
        }

    def markdown(self) -> str:
        rows = [f"| `{p.operation}` | `{p.parameter}` | `{p.label}` | {p.hits} |" for p in self.points]
        return "\n".join(
            [
                "## Parameter values",
                "",
                f"{self.line()}",
                "",
                "| operation | parameter | value | requests |",
                "|---|---|---|---:|",
                *rows,
                "",
            ]
        )


def measure(spec: dict[str, Any], interactions: Iterable[Interaction]) -> ValueCoverage:
    """The value points of ``spec`` and how many of ``interactions`` hit each."""
    operations = _operations(spec)
    for i in interactions:
        path = urlsplit(i.url).path
        operation = next((o for o in operations if o.method == i.method and o.path.search(path)), None)
        if operation is None:
            continue
        query = parse_qs(urlsplit(i.url).query, keep_blank_values=True)
        headers = {k.lower(): v for k, v in i.request_headers.items()}
        for param in operation.params:
            for label in _hits(param, _sent(param, query, headers)):
                param.points[label].hits += 1
    return ValueCoverage([point for o in operations for p in o.params for point in p.points.values()])
