"""The public surface: curated exports, and list() signatures that follow the generated operations."""

from __future__ import annotations

import inspect
import pydoc
import typing
from collections.abc import Callable, Mapping
from typing import Any, Unpack

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
def test_list_takes_the_per_call_options_then_the_generated_parameters(
    method: Callable[..., Any], operation: Callable[..., Any]
) -> None:
    """list() is the per-call options, keyword-only, then **params typed by the generated operation's TypedDict."""
    params = _params(method, "client")
    unset = operation.__globals__["UNSET"]  # the API's own UNSET, as the generated module imports it
    typed = operation.__globals__["ListCustomersParams"]
    keyword = inspect.Parameter.KEYWORD_ONLY
    assert params == {
        "extra_headers": (Mapping[str, str] | None, None, keyword),
        "timeout": (float | httpx.Timeout | type(unset) | None, unset, keyword),
        "params": (Unpack[typed], inspect.Parameter.empty, inspect.Parameter.VAR_KEYWORD),
    }


@pytest.mark.parametrize("operation", [sequence_list.sync_detailed, straddle_list.sync_detailed])
def test_generated_params_typeddict_matches_the_generated_signature(operation: Callable[..., Any]) -> None:
    """The generated TypedDict has sync_detailed's keyword parameters: same names, order, types and required ones."""
    typed = operation.__globals__["ListCustomersParams"]
    signature = _params(operation, "client")
    hints = typing.get_type_hints(typed)
    assert list(hints) == list(signature)
    assert hints == {name: hint for name, (hint, _, _) in signature.items()}
    required = {name for name, (_, default, _) in signature.items() if default is inspect.Parameter.empty}
    assert typed.__required_keys__ == required


def test_list_rejects_an_unknown_parameter_at_run_time() -> None:
    """A parameter the operation does not take is a TypeError naming it, before any request (sync and async)."""
    with (
        sequence.Sequence(client_id="id", client_secret="secret", base_url="http://127.0.0.1:9") as client,
        pytest.raises(TypeError, match=r"list\(\) got an unexpected keyword argument 'no_such_filter'"),
    ):
        client.customers.list(no_such_filter="EU")  # type: ignore[call-arg]
    client_async = straddle.AsyncStraddle(api_key="sk_test", base_url="http://127.0.0.1:9")
    with pytest.raises(TypeError, match=r"list\(\) got an unexpected keyword argument 'pagesize'"):
        client_async.customers.list(pagesize=5)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("method", "line"),
    [
        (sequence.Customers.list, "legal_name (str | Unset): Filter by legal name"),
        (sequence.AsyncCustomers.list, "sequence_version (SequenceVersion | Unset): Use this header to select an API"),
        (straddle.Customers.list, "search_text (str | Unset): General search term to filter customers."),
        (straddle.AsyncCustomers.list, "sort_order (SortOrder | Unset): The sort direction."),
    ],
)
def test_help_of_list_shows_the_spec_descriptions(method: Callable[..., Any], line: str) -> None:
    """help() of list() shows each parameter with its own description from the spec (not only its schema's)."""
    assert line in pydoc.render_doc(method)
