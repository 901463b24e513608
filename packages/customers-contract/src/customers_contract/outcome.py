"""Exit codes of `customers-contract` and the result of each step of a run."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Exit(IntEnum):
    """The command's exit codes (documented in the README and `customers-contract run --help`)."""

    CONFORM = 0  # every step passed, no breaking drift
    FAILED = 1  # a contract failure or breaking drift
    USAGE = 2  # bad arguments or missing credentials: nothing was sent
    REFUSED = 3  # the vendor refused the credentials (401/403) for an API
    UNREACHABLE = 4  # the vendor did not answer for an API (connection error or timeout)


@dataclass(frozen=True)
class Step:
    """One step of a run and whether it passed."""

    name: str
    ok: bool
    note: str = ""


class UsageError(Exception):
    """Bad arguments or environment, found before any request was sent (exit 2)."""
