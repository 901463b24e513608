"""The suite's tiers by cost: the ``slow`` marker, and the slow tests handed out first when pytest-xdist runs them.

``make test`` runs every test on every core (``pytest -n auto``); ``make test-fast`` leaves out the tests marked
``slow`` here: the tiers that build wheels and virtualenvs, copy and regenerate the project, or run whole
Schemathesis suites (each takes seconds to a minute; together about two thirds of the suite's CPU time).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
SLOW = (  # folders and modules, relative to tests/, the costliest first (the order xdist hands them out)
    "packaging/test_contract_install.py",
    "spec_change/",
    "contract/test_tolerance_contract.py",
    "contract/test_broken_variants.py",
    "packaging/",
    "contract/test_schemathesis.py",
    "generation/test_drift_check.py",
    "cli/test_regenerated.py",
)


def _rank(item: pytest.Item) -> int:
    """The item's place in ``SLOW`` (``len(SLOW)`` for the rest)."""
    where = item.path.relative_to(TESTS).as_posix() if item.path.is_relative_to(TESTS) else ""
    return next((i for i, prefix in enumerate(SLOW) if where.startswith(prefix)), len(SLOW))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow tiers; under xdist, hand them out first, the costliest first (stable: modules keep their order).

    A worker that draws a minute-long test near the end would leave the other core idle; longest first packs the
    cores.
    """
    for item in items:
        if _rank(item) < len(SLOW):
            item.add_marker(pytest.mark.slow)
    if os.environ.get("PYTEST_XDIST_WORKER"):  # every worker collects, and orders, the same list
        items.sort(key=_rank)
