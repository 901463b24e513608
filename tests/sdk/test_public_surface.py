"""The public surface: curated exports, and list() signatures that follow the generated operations."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from typing import Any

import httpx
import pytest
from sequence_client.api.customers import list_customers as sequence_list
from straddle_client.api.customers import list_customers as straddle_list

import customers_sdk
from customers_sdk import sequence, straddle


@pytest.mark.parametrize("module", [customers_sdk, sequence, straddle])
def test_all_is_sorted_and_importable(module: Any) -> None:
    """__all__ lists real attributes, once each, in sorted order (constants first)."""
    names = list(module.__all__)
    assert len(set(names)) == len(names)
    assert all(hasattr(module, name) for name in names)
    constants = [n for n in names if n.isupper()]
    assert names == sorted(constants) + sorted(n for n in names if not n.isupper())


def test_public_names() -> None:
    """The per-API modules export the clients, the page classes and the exceptions."""
    assert {"Sequence", "AsyncSequence", "SyncCursorPage", "AsyncCursorPage", "SequenceError"} <= set(sequence.__all__)
    assert {"Straddle", "AsyncStraddle", "SyncPageNumberPage", "AsyncPageNumberPage", "StraddleError"} <= set(
        straddle.__all__
    )
    shared = {n for n in customers_sdk.__all__ if n.endswith("Error") and n not in ("APIError", "ConfigurationError")}
    for module in (sequence, straddle):
        for name in shared:
            assert issubclass(getattr(module, name), getattr(customers_sdk, name)), name


def _params(function: Callable[..., Any], skip: str) -> dict[str, tuple[Any, Any, Any]]:
    hints = typing.get_type_hints(function)
    return {
        name: (hints[name], p.default, p.kind)
        for name, p in inspect.signature(function).parameters.items()
        if name not in (skip, "self")
    }


@pytest.mark.parametrize(
    ("method", "operation"),
    [
        (sequence.Customers.list, sequence_list.sync_detailed),
        (sequence.AsyncCustomers.list, sequence_list.asyncio_detailed),
        (straddle.Customers.list, straddle_list.sync_detailed),
        (straddle.AsyncCustomers.list, straddle_list.asyncio_detailed),
    ],
)
def test_list_takes_exactly_the_generated_parameters(method: Callable[..., Any], operation: Callable[..., Any]) -> None:
    """list() has the generated operation's parameters - names, types, defaults - then exactly the per-call options."""
    params = _params(method, "client")
    unset = operation.__globals__["UNSET"]  # the API's own UNSET, as the generated module imports it
    keyword = inspect.Parameter.KEYWORD_ONLY
    per_call = {
        "extra_headers": (Mapping[str, str] | None, None, keyword),
        "timeout": (float | httpx.Timeout | type(unset) | None, unset, keyword),
    }
    assert list(params)[-len(per_call) :] == list(per_call)
    assert {name: params.pop(name) for name in per_call} == per_call
    assert params == _params(operation, "client")
