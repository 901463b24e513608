"""Command-line options derived from a generated operation - nothing about the API restated by hand.

``inspect.signature`` and ``typing.get_type_hints`` of the generated ``sync_detailed`` give each
parameter's name, type and default: an enum becomes a choice, a list a repeatable option, a bool a
``--x/--no-x`` pair. The help text is the parameter's line in the docstring's ``Args:`` section
(``name (type): description``, continued on more-indented lines), empty when there is none. So a
parameter added to the spec is an option after ``make generate``, with its description as help.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import re
import types
import typing
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import click

#: Prefix of the click parameter names of spec options, so they never clash with the CLI's own.
DEST_PREFIX = "spec__"
#: Prefix of an option whose name the CLI itself already uses (``--format`` becomes ``--param-format``).
CLASH_PREFIX = "param-"


@dataclass(frozen=True)
class SpecParam:
    """One parameter of the operation: its keyword name, element type, whether it repeats, its help."""

    name: str
    base: type
    multiple: bool
    help: str

    @property
    def dest(self) -> str:
        """The click parameter name holding this parameter's value."""
        return DEST_PREFIX + self.name

    def to_sdk(self, value: Any) -> Any:
        """The SDK argument for a value click parsed (enum values become the generated enum's members)."""
        if issubclass(self.base, enum.Enum):
            return [self.base(v) for v in value] if self.multiple else self.base(value)
        return list(value) if self.multiple else value


# click is generic in ParamType only from 8.5; subscripting the base would break older click at import.
class IsoDateTime(click.ParamType):  # type: ignore[type-arg]
    """An ISO 8601 date-time (or date); without an offset it is taken as UTC."""

    name = "datetime"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime.datetime:
        if isinstance(value, datetime.datetime):
            return value
        try:
            parsed = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not an ISO 8601 date-time such as 2024-01-31T09:00:00Z", param, ctx)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


class IsoDate(click.ParamType):  # type: ignore[type-arg]
    """An ISO 8601 date."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not an ISO 8601 date such as 2024-01-31", param, ctx)


_SCALARS: dict[type, click.ParamType[Any]] = {
    str: click.STRING,
    int: click.INT,
    float: click.FLOAT,
    uuid.UUID: click.UUID,
    datetime.datetime: IsoDateTime(),
    datetime.date: IsoDate(),
}


def without_unset(annotation: Any) -> Any:
    """``X | Unset | None`` -> ``X`` (the generated ``Unset`` class of either client, and None, dropped)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        kept = [a for a in typing.get_args(annotation) if a is not type(None) and getattr(a, "__name__", "") != "Unset"]
        return kept[0] if len(kept) == 1 else str  # a union of several types is read as text
    return annotation


def _element(annotation: Any) -> tuple[type, bool]:
    """(element type, repeatable) of a parameter annotation; unknown shapes are read as strings."""
    bare = without_unset(annotation)
    if typing.get_origin(bare) is list:
        (inner,) = typing.get_args(bare) or (str,)
        inner = without_unset(inner)
        return (inner if isinstance(inner, type) else str), True
    return (bare if isinstance(bare, type) else str), False


_ENTRY = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*(?:\(.*?\))?\s*:(?P<text>.*)$")


def docstring_args(doc: str | None) -> dict[str, str]:
    """Each parameter's description from a docstring's ``Args:`` section (Google style), whitespace collapsed."""
    lines = inspect.cleandoc(doc or "").splitlines()
    found: dict[str, list[str]] = {}
    section_indent: int | None = None
    entry_indent: int | None = None
    current: list[str] | None = None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        stripped = line.strip()
        if section_indent is None:
            if stripped in ("Args:", "Arguments:", "Parameters:"):
                section_indent = indent
            continue
        if not stripped:
            continue
        if indent <= section_indent:
            break  # the next section (Raises:, Returns:) or the end of the docstring
        if entry_indent is None:
            entry_indent = indent
        match = _ENTRY.match(stripped) if indent <= entry_indent else None
        if match:
            current = found.setdefault(match["name"], [])
            current.append(match["text"])
        elif current is not None:
            current.append(stripped)
    return {name: " ".join(" ".join(parts).split()) for name, parts in found.items()}


def operation_params(operation: Callable[..., Any], *, skip: Iterable[str] = ("client",)) -> list[SpecParam]:
    """The operation's keyword parameters, in signature order, with types and help from the generated code."""
    hints = typing.get_type_hints(operation)
    helps = docstring_args(operation.__doc__)
    params = []
    for name in inspect.signature(operation).parameters:
        if name in skip or name == "self":
            continue
        base, multiple = _element(hints.get(name, str))
        params.append(SpecParam(name=name, base=base, multiple=multiple, help=helps.get(name, "")))
    return params


def _param_type(base: type) -> click.ParamType[Any]:
    if issubclass(base, enum.Enum):
        return click.Choice([str(member.value) for member in base])
    for scalar, param_type in _SCALARS.items():
        if issubclass(base, scalar):
            return param_type
    return click.STRING


def click_option(param: SpecParam, taken: set[str]) -> click.Option:
    """The click option for a spec parameter; ``taken`` holds the CLI's own option names (``--format``...)."""
    flag = param.name.rstrip("_").replace("_", "-")
    if f"--{flag}" in taken:
        flag = CLASH_PREFIX + flag
    if param.base is bool and not param.multiple:
        return click.Option([f"--{flag}/--no-{flag}", param.dest], default=None, help=param.help)
    return click.Option(
        [f"--{flag}", param.dest],
        type=_param_type(param.base),
        multiple=param.multiple,
        default=None,
        help=param.help + (" Repeatable." if param.multiple else ""),
    )


def given(params: Iterable[SpecParam], values: dict[str, Any]) -> dict[str, Any]:
    """The SDK keyword arguments for the options given on the command line (the rest keep the SDK's defaults)."""
    chosen = {}
    for param in params:
        value = values.get(param.dest)
        if value is None or (param.multiple and not value):
            continue
        chosen[param.name] = param.to_sdk(value)
    return chosen
