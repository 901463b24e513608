"""The generated clients' JSON decoding (types.parse_json): orjson's speed when installed, json.loads' results always.

Endpoints decode response bodies with ``parse_json(response.content)`` instead of ``response.json()``
(``json.loads``). orjson refuses some inputs that ``json`` accepts; those must still decode as ``json`` decodes
them, and what neither accepts must fail with ``json``'s exception type.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import orjson
import pytest
import sequence_client.types
import straddle_client.types
from hypothesis import given
from hypothesis import strategies as st
from straddle_client.api.customers import list_customers
from straddle_client.models import CustomerSummaryPagedV1

TYPES_MODULES = [sequence_client.types, straddle_client.types]
FIXTURE = Path(__file__).parent.parent / "contract" / "fixtures" / "straddle_list_customers.json"

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _same(a: Any, b: Any) -> bool:
    """Equal values of equal types all the way down (NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


@pytest.mark.parametrize("types", TYPES_MODULES, ids=lambda m: m.__name__)
@given(value=JSON_VALUES)
def test_parse_json_equals_json_loads(types: ModuleType, value: Any) -> None:
    """Any JSON document decodes to exactly what json.loads gives (types, key order, values)."""
    body = json.dumps(value).encode()
    assert _same(types.parse_json(body), json.loads(body))


@pytest.mark.parametrize("types", TYPES_MODULES, ids=lambda m: m.__name__)
@pytest.mark.parametrize(
    "body",
    [
        b'{"total": 123456789012345678901234567890}',  # beyond 64 bits
        b"[NaN, Infinity, -Infinity]",
        b'"\\ud800"',  # a lone surrogate
        '{"name": "Zoë"}'.encode("utf-16"),
        b'{"a": 1, "a": 2}',  # duplicate keys: the last one wins
        b"[1e400]",
    ],
)
def test_inputs_orjson_refuses_decode_as_json_decodes_them(types: ModuleType, body: bytes) -> None:
    """What orjson rejects but json accepts still decodes, to json's value."""
    assert _same(types.parse_json(body), json.loads(body))


@pytest.mark.parametrize("types", TYPES_MODULES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("body", [b"", b"{", b"<html>502 Bad Gateway</html>", b'{"a": 1} trailing'])
def test_invalid_json_raises_json_decode_error(types: ModuleType, body: bytes) -> None:
    """A body that is not JSON raises json.JSONDecodeError, as response.json() does."""
    with pytest.raises(json.JSONDecodeError):
        types.parse_json(body)


def test_orjson_is_used_when_installed() -> None:
    """In this environment (orjson installed, as the mock needs it) the fast decoder is orjson's."""
    assert straddle_client.types._fast_loads is orjson.loads


def test_endpoint_decodes_its_body_with_parse_json(monkeypatch: pytest.MonkeyPatch) -> None:
    """A generated endpoint's 200 is decoded through parse_json, not response.json()."""
    seen: list[bytes] = []
    real = straddle_client.types.parse_json

    def spy(content: bytes) -> Any:
        seen.append(content)
        return real(content)

    monkeypatch.setattr(list_customers, "parse_json", spy)
    body = FIXTURE.read_bytes()  # a real Straddle page (the vendor's example)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    client = straddle_client.AuthenticatedClient(base_url="http://test", token="t")
    client.set_httpx_client(httpx.Client(base_url="http://test", transport=transport))
    response = list_customers.sync_detailed(client=client)
    assert seen == [body]
    assert response.parsed == CustomerSummaryPagedV1.from_dict(json.loads(body))
