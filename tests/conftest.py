"""The suite's tiers by cost: the ``slow`` marker, and the slow tests handed out first when pytest-xdist runs them.

``make test`` runs every test on every core (``pytest -n auto``); ``make test-fast`` leaves out the tests marked
``slow`` here: the tiers that build wheels and virtualenvs, copy and regenerate the project, or run whole
Schemathesis suites (each takes seconds to a minute; together about two thirds of the suite's CPU time).
"""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent
SLOW = (  # folders and modules, relative to tests/
    "packaging/",
    "spec_change/",
    "generation/test_drift_check.py",
    "contract/test_live_mode.py",
    "contract/test_tolerance_contract.py",
    "contract/test_broken_variants.py",
    "contract/test_schemathesis.py",
    "cli/test_regenerated.py",
)


def _slow(item: pytest.Item) -> bool:
    where = item.path.relative_to(TESTS).as_posix() if item.path.is_relative_to(TESTS) else ""
    return where.startswith(SLOW)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow tiers; under xdist, move them to the front (stable: modules keep their order).

    A worker that draws a minute-long test near the end would leave the other core idle; longest first packs the
    cores (each worker still runs a module's tests in their order).
    """
    slow = pytest.mark.slow
    for item in items:
        if _slow(item):
            item.add_marker(slow)
    if config.pluginmanager.hasplugin("xdist") and getattr(config.option, "numprocesses", None):
        items.sort(key=lambda item: not _slow(item))
