"""Load the specs for Schemathesis with the project's `schemathesis.toml` (and so its custom checks).

Straddle runs in two passes. Schemathesis's coverage phase puts every optional parameter into its
base request, including a `Straddle-Account-Id` it cannot draw a usable value for, and a request
naming an account the key may not act on is 403 before any other parameter is looked at. So the
first pass (the plain config) covers auth, the account header and its 403s, but few query cases
reach validation; the second pass pins the header to the key's own account, so every query
parameter's positive and negative cases reach the validation and listing code.
"""

from __future__ import annotations

from collections import Counter
from importlib.resources import files
from pathlib import Path

import schemathesis
from schemathesis import engine
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events
from schemathesis.specs.openapi.schemas import OpenApiSchema
from starlette.types import ASGIApp

from customers_mock import accounts
from tests.support import specs

CONFIG_FILE = Path(str(files("customers_contract") / "schemathesis.toml"))  # the mock run's configuration
# The second Straddle pass: the demo key (acme) always names its own account.
OWN_ACCOUNT_HEADER = ("Straddle-Account-Id", accounts.STRADDLE_ACCOUNT_ID)
# (api, pin the account header) for every pass of the contract suite.
PASSES = (("sequence", False), ("straddle", False), ("straddle", True))


def config() -> SchemathesisConfig:
    """The project configuration: seed, phases, every check, credentials per project (API)."""
    return SchemathesisConfig.from_path(CONFIG_FILE)


def load(api: str, *, own_account_header: bool = False) -> OpenApiSchema:
    """The spec of ``api`` ("sequence" or "straddle"), configured from `schemathesis.toml`."""
    path: Path = specs.SPECS[api]
    schema = schemathesis.openapi.from_path(path, config=config())
    if own_account_header:
        name, value = OWN_ACCOUNT_HEADER
        schema.config.update(parameters={f"header.{name}": value})
    return schema


def check_results(schema: OpenApiSchema) -> Counter[tuple[str, str]]:
    """Run Schemathesis's engine (what `st run` runs) on ``schema``: (check, status) -> number of cases."""
    counts: Counter[tuple[str, str]] = Counter()
    for event in engine.from_schema(schema).execute():
        if isinstance(event, events.FatalError):
            raise RuntimeError(f"Schemathesis could not run: {event.exception!r}") from event.exception
        if isinstance(event, events.ScenarioFinished):
            for nodes in event.recorder.checks.values():
                for node in nodes:
                    counts[(node.name, node.status.value)] += 1
    return counts


def failing_checks(counts: Counter[tuple[str, str]]) -> set[str]:
    """The checks that failed at least once."""
    return {name for (name, status), n in counts.items() if status == "failure" and n}


def failing_checks_of_passes(
    api: str, app: ASGIApp, *, max_examples: int, stateful: bool = True, until: str | None = None
) -> set[str]:
    """The checks failing in any pass of the contract suite for ``api`` against the ASGI ``app``, in process.

    ``max_examples`` fuzzing examples per pass, unshrunk (one failure is enough). With ``until``, each pass stops at
    its first failing case (``st run --max-failures 1``) and the passes stop once ``until`` is among the failures:
    the defect is caught, and the rest of the run would not change that verdict.
    """
    failed: set[str] = set()
    for pass_api, own_account_header in PASSES:
        if pass_api != api:
            continue
        schema = load(api, own_account_header=own_account_header)
        schema.app = app
        schema.config.generation.update(max_examples=max_examples, no_shrink=True)
        schema.config.phases.stateful.enabled = stateful
        if until is not None:
            schema.config.max_failures = 1
        counts = check_results(schema)
        assert sum(counts.values()) > 0, "no check ran"
        failed |= failing_checks(counts)
        if until in failed:
            break
    return failed
