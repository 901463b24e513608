"""The mock's tolerance mode against the contract suite: in-spec variations pass it, the others are caught.

The run is the one `test_broken_variants.py` uses (`schemathesis.toml`: every check, every phase,
the custom checks), in process against a mock started with a server-wide tolerance. Variations
documented as within the spec must pass every check; the two documented as beyond it must fail
the check that describes how (so the boundary the README draws is the one Schemathesis sees).
"""

from __future__ import annotations

import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from customers_mock import tolerance
from customers_mock.app import create_app
from customers_mock.settings import MockSettings
from tests.contract import schemathesis_support

EXAMPLES = 60  # fuzzing examples per pass: the examples and coverage phases already reach every variation


class _CountingPages:
    """The app, counting the 200 answers it gives (the pages the checks then look at)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.pages = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def counting(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                self.pages += 1
            await send(message)

        await self.app(scope, receive, counting)


def _failing_checks(api: str, spec: str, *, until: str | None = None) -> tuple[set[str], int]:
    """The checks failing in any pass of the contract suite against a mock with tolerance ``spec``; pages served."""
    app = _CountingPages(create_app(MockSettings(customers=60, seed=3, tolerance=spec)))
    return schemathesis_support.failing_checks_of_passes(api, app, max_examples=EXAMPLES, until=until), app.pages


@pytest.mark.parametrize("api", ["sequence", "straddle"])
def test_in_spec_variations_pass_every_check(api: str) -> None:
    """Every variation documented as within the spec, all at once, passes every check of the contract suite."""
    failed, pages = _failing_checks(api, ", ".join(tolerance.IN_SPEC))
    assert failed == set()
    assert pages >= 50, "too few varied pages were checked for the run to mean anything"


@pytest.mark.parametrize("api", ["sequence", "straddle"])
@pytest.mark.parametrize(
    ("spec", "caught_by"),
    [("unknown-enums", "response_schema_conformance"), ("undocumented-status=520", "status_code_conformance")],
)
def test_beyond_spec_variations_are_caught(api: str, spec: str, caught_by: str) -> None:
    """A variation documented as beyond the spec fails the check that describes how."""
    assert caught_by in _failing_checks(api, spec, until=caught_by)[0]
