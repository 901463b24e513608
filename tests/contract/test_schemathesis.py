"""Schemathesis in process: both specs against the mock's ASGI app, every check, every phase.

Configured by `schemathesis.toml` (seed, phases, example counts, credentials per API) and its
custom checks (`tests/contract/checks.py`); credentials come from that config, never per call,
so negative cases that drop or spoil them reach the server as generated. Straddle runs twice
(see `schemathesis_support`): as configured, and with the account header pinned to the key's own
account so every query parameter's cases reach validation.
"""

from __future__ import annotations

from typing import Any

from schemathesis.specs.openapi.schemas import OpenApiSchema

from customers_mock.app import create_app
from customers_mock.settings import MockSettings
from tests.contract import schemathesis_support

# Small enough to build in a fraction of a second, large enough for several pages in each account.
SETTINGS = MockSettings(customers=250, seed=5)
# Built at import, not in a fixture: `schemathesis.pytest.from_fixture` 4.32.5 reads the removed
# `Function._nodeid` of pytest 9 and fails. The app holds fixed data, so sharing it is safe.
MOCK = create_app(SETTINGS)


def _schema(api: str, *, own_account_header: bool = False) -> OpenApiSchema:
    schema = schemathesis_support.load(api, own_account_header=own_account_header)
    schema.app = MOCK
    return schema


sequence = _schema("sequence")
straddle = _schema("straddle")
straddle_own_account = _schema("straddle", own_account_header=True)


@sequence.parametrize()
def test_sequence_mock_honours_the_spec(case: Any) -> None:
    """Every generated Sequence request gets an answer that passes every check."""
    case.call_and_validate()


@straddle.parametrize()
def test_straddle_mock_honours_the_spec(case: Any) -> None:
    """Every generated Straddle request gets an answer that passes every check."""
    case.call_and_validate()


@straddle_own_account.parametrize()
def test_straddle_mock_validates_every_parameter(case: Any) -> None:
    """With the key's own account named, every Straddle parameter case passes every check."""
    case.call_and_validate()
