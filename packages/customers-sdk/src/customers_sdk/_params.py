"""An operation's parameters as the generated code defines them, not restated here.

Each generated endpoint module has a ``TypedDict`` of its operation's parameters (``ListCustomersParams``:
names, types, which are required, and the spec's descriptions in its docstring). ``list()`` takes
``**params: Unpack[ListCustomersParams]``, so editors and mypy check every parameter against the spec
the client was generated from, and a parameter added to the spec is there after ``make generate``.
At run time these helpers reject a parameter the operation does not take as Python would (rather
than deep inside the generated call) and put the parameters' descriptions into ``help(list)``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def accepted(params: Mapping[str, Any], operation: type, method: str = "list") -> dict[str, Any]:
    """``params`` as a dict, or ``TypeError`` for a name the operation does not take or a required one missing."""
    required: frozenset[str] = operation.__required_keys__  # type: ignore[attr-defined]  # a TypedDict class
    optional: frozenset[str] = operation.__optional_keys__  # type: ignore[attr-defined]
    unknown = sorted(set(params) - required - optional)
    if unknown:
        raise TypeError(f"{method}() got an unexpected keyword argument {unknown[0]!r}")
    missing = sorted(required - set(params))
    if missing:
        raise TypeError(f"{method}() missing required keyword argument {missing[0]!r}")
    return dict(params)


def documented(operation: type) -> Callable[[F], F]:
    """Append the operation's parameters, as the generated ``TypedDict`` documents them, to a method's docstring."""
    doc = inspect.getdoc(operation) or ""
    _, marker, attributes = doc.partition("Attributes:\n")
    section = f"\n\nParameters (``**params``: {operation.__name__}, from the spec):\n{attributes}" if marker else ""

    def decorate(method: F) -> F:
        method.__doc__ = (inspect.cleandoc(method.__doc__ or "") + section).rstrip()
        return method

    return decorate
