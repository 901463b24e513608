"""Filters declared in the spec: a query parameter's ``x-mock-filter`` says what it compares, and the mock does it.

A parameter that filters customers by one of their fields with a standard comparison carries, in
``openapi/<api>.yaml``::

    - name: legalName
      in: query
      schema: {type: string}
      x-mock-filter: {field: legalName, op: equals}

``field`` is a top-level field of the customer as the API returns it (or ``customProperties.<key>``);
``op`` is one of

- ``equals``: the field equals the value, ignoring case (a string parameter);
- ``contains``: the value is a substring of the field, ignoring case (a string parameter);
- ``one_of``: the field is one of the values (an array parameter: repeated keys or comma-joined;
  or a string parameter: that one value), compared exactly;
- ``after`` / ``before``: the field, a date-time, is at or after / at or before the value, both
  ends inclusive (a ``format: date-time`` string parameter; one date field per operation).

Adding such a parameter to a spec and regenerating (``make generate`` copies the spec into this
package) is all it takes: the handler reads the declarations, and the store serves them with the
same indexes as every other filter (a lookup for ``equals``, a folded column for ``contains``, a
partition for ``one_of``, a window of the date index for ``after``/``before``). Parameters with
logic of their own (Sequence ``alias``, Straddle ``search_text``, paging, sorting) stay in the
handlers. A declaration the mock cannot honour (unknown op, a header, ``after`` on a field that is
not a date-time) stops the mock at start with a message naming it (``SpecExtensionError``); a declared
parameter whose type no longer fits its op is reported like any retyped parameter (``coverage``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from customers_mock import spec, times

EXTENSION = "x-mock-filter"
# op -> the parameter types (the spec's ``type``) it reads
OPS: dict[str, tuple[str, ...]] = {
    "equals": ("string",),
    "contains": ("string",),
    "one_of": ("array", "string"),
    "after": ("string",),
    "before": ("string",),
}
_LOWEST, _HIGHEST = "", "\uffff"  # sort keys below and above every date


class SpecExtensionError(ValueError):
    """An ``x-mock-filter`` declaration the mock cannot honour; the message names the parameter and why."""


@dataclass(frozen=True)
class Declared:
    """One parameter's declared filter."""

    parameter: str
    field: str
    op: str


def _raw_parameters(api: str) -> list[dict[str, Any]]:
    operation = spec.document(api)["paths"][spec.PATHS[api]]["get"]
    return [spec.resolve(api, raw) for raw in operation.get("parameters", [])]


def _problem(api: str, raw: Mapping[str, Any]) -> str | None:
    """Why the parameter's declaration cannot be honoured at all, or None.

    A parameter whose type is not the one its op reads is not such a problem: the spec changed and the
    mock has not caught up, which ``customers_mock.coverage`` reports like any retyped parameter (a
    warning at start, read as absent, ``X-Mock-Ignored-Parameters``, and the spec coverage test fails).
    """
    declared = raw[EXTENSION]
    where = f"openapi/{api}.yaml parameter {raw.get('name')!r}: {EXTENSION}"
    if not isinstance(declared, dict) or set(declared) != {"field", "op"}:
        return f"{where} must be an object with exactly the keys field and op"
    field, op = declared["field"], declared["op"]
    if not isinstance(field, str) or not field:
        return f"{where}.field must be the name of a customer field"
    if op not in OPS:
        return f"{where}.op must be one of {', '.join(OPS)}, got {op!r}"
    if raw.get("in") != "query":
        return f"{where} is only for query parameters"
    schema = spec.resolve(api, raw.get("schema", {}))
    if op in ("after", "before") and schema.get("type", "string") == "string" and schema.get("format") != "date-time":
        return f"{where}: op {op} compares date-times, so the parameter needs format: date-time"
    return None


@cache
def declared(api: str) -> tuple[Declared, ...]:
    """Every declaration of ``api``'s operation the mock can honour, in spec order (the others: see ``check``)."""
    found = []
    for raw in _raw_parameters(api):
        if EXTENSION in raw and _problem(api, raw) is None:
            found.append(Declared(raw["name"], raw[EXTENSION]["field"], raw[EXTENSION]["op"]))
    return tuple(found)


def check(api: str, date_fields: frozenset[str]) -> None:
    """Raise ``SpecExtensionError`` for any declaration of ``api`` the mock cannot honour."""
    problems = [p for raw in _raw_parameters(api) if EXTENSION in raw and (p := _problem(api, raw)) is not None]
    dated = {d.field for d in declared(api) if d.op in ("after", "before")}
    problems += [
        f"openapi/{api}.yaml: {EXTENSION} op after/before on {field!r}, which is not a date-time field of the"
        f" customer ({', '.join(sorted(date_fields))})"
        for field in sorted(dated - date_fields)
    ]
    if len(dated) > 1:
        problems.append(f"openapi/{api}.yaml: {EXTENSION} after/before on more than one field: {sorted(dated)}")
    if problems:
        raise SpecExtensionError("\n".join(problems))


def implemented(api: str) -> dict[str, str]:
    """The declared filter parameters, each with the type its op reads it as (``PARAMETERS`` of a handler).

    The spec's own type when the op reads it; otherwise the op's first type, so that ``customers_mock.coverage``
    sees a retyped parameter (and it reads as absent).
    """
    parameters = {raw["name"]: raw for raw in _raw_parameters(api)}
    kinds = {name: spec.resolve(api, raw.get("schema", {})).get("type", "string") for name, raw in parameters.items()}
    return {d.parameter: kinds[d.parameter] if kinds[d.parameter] in OPS[d.op] else OPS[d.op][0] for d in declared(api)}


@dataclass(frozen=True)
class Selection:
    """``store.select`` arguments for the declared filters a request uses."""

    exact: dict[str, str]
    contains: dict[tuple[str, ...], str]
    sets: dict[str, frozenset[str]]
    date_range: tuple[str, str, str] | None


def selection(api: str, params: Mapping[str, Any]) -> Selection:
    """The declared filters of ``params`` (the parsed request) as ``store.select`` arguments."""
    exact: dict[str, str] = {}
    contains: dict[tuple[str, ...], str] = {}
    sets: dict[str, frozenset[str]] = {}
    low = high = None
    date_field = ""
    for d in declared(api):
        value = params[d.parameter]
        if value is None or value == []:
            continue
        op = d.op
        if op == "equals":
            exact[d.field] = value
        elif op == "contains":
            contains[(d.field,)] = str(value).casefold()
        elif op == "one_of":
            sets[d.field] = frozenset(value) if isinstance(value, list) else frozenset((value,))
        else:
            date_field = d.field
            if op == "after":
                low = times.key_of(str(value))
            else:
                high = times.key_of(str(value))
    date_range = (date_field, low or _LOWEST, high or _HIGHEST) if date_field else None
    return Selection(exact, contains, sets, date_range)
