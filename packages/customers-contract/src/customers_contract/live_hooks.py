"""Schemathesis hooks of a live run (`schemathesis-live.toml` names this module).

The project's own checks (`customers_contract.checks`), plus a ``before_call`` hook that takes a slot
in the run's ledger (`customers_contract.polite`) before every request Schemathesis sends - generated
cases, checks' own requests and 429 retries alike - so a live run never exceeds its budget, rate
or time bound and sends GET only. A refused request fails its test case with the reason.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis import Case
from schemathesis.hooks import HookContext

import customers_contract.checks  # noqa: F401 - registers the project's checks
from customers_contract.polite import Ledger, PolitenessError

_LEDGER = Ledger.from_env()


@schemathesis.hook
def before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    """Wait for this request's slot in the live run's ledger, or refuse to send it."""
    if _LEDGER is None:
        raise PolitenessError(
            "a live run needs its ledger (CONTRACT_LEDGER); use customers-contract run --against live"
        )
    _LEDGER.acquire(case.method, case.operation.path)
