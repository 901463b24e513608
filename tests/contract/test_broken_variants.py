"""The contract suite fails against every deliberately broken mock, naming the check that caught it.

Each variant in `tests/contract/broken/` is the real mock with one defect. The suite here is the
one `st run` runs: Schemathesis's engine with `schemathesis.toml` (every check, every phase, the
custom checks), in process against the variant's ASGI app.
"""

from __future__ import annotations

import pytest
from starlette.types import ASGIApp

from customers_mock.app import create_app
from customers_mock.settings import MockSettings
from tests.contract import schemathesis_support
from tests.contract.broken import VARIANTS, Variant

SETTINGS = MockSettings(customers=60, seed=3)
EXAMPLES = 100  # fuzzing examples per variant run; the coverage phase alone catches most defects


def _failing_checks(api: str, app: ASGIApp, *, until: str | None = None) -> set[str]:
    """The checks that fail in any pass of the contract suite for ``api`` against ``app`` (see ``until`` there).

    Without the stateful phase: the other phases catch every defect; `st run` walks the links.
    """
    return schemathesis_support.failing_checks_of_passes(api, app, max_examples=EXAMPLES, stateful=False, until=until)


@pytest.mark.parametrize("api", ["sequence", "straddle"])
def test_the_real_mock_passes_the_same_run(api: str) -> None:
    """Control: the unbroken mock passes every check of the run used below, so a failure there is the defect."""
    assert _failing_checks(api, create_app(SETTINGS)) == set()


def test_every_defect_kind_is_covered() -> None:
    """The variants cover the defects the issue names, each caught by a different kind of check."""
    names = {v.name for v in VARIANTS}
    assert {"wrong_field_type", "auth_ignored", "undeclared_status", "missing_required_field", "account_leak"} <= names
    assert len({v.caught_by for v in VARIANTS}) >= 10


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_contract_suite_catches_the_defect(variant: Variant) -> None:
    """The run fails against the broken variant, and the check meant for its defect is among the failures."""
    failed = _failing_checks(variant.api, variant.wrap(create_app(SETTINGS)), until=variant.caught_by)
    assert variant.caught_by in failed, f"{variant.name} ({variant.defect}): failing checks {sorted(failed)}"
