"""Settings of one mock server: its data set, its faults and debug switches."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class MockSettings:
    """How to build the mock's state.

    ``customers`` generated customers per account and API (ignored when ``data_file`` is given);
    ``seed`` makes the generated data reproducible; ``faults`` are server-wide fault specs (see
    ``customers_mock.faults``); ``tolerance`` a server-wide tolerance spec (see
    ``customers_mock.tolerance``; None for none); ``validate_responses`` checks every API response against the spec
    (a debugging aid: slower, and a violation becomes a 500); ``journal_size`` the requests the journal
    keeps (``GET /_mock/requests``; 0 keeps none).
    """

    customers: int = 1000
    seed: int = 1
    data_file: Path | None = None
    faults: tuple[str, ...] = field(default_factory=tuple)
    tolerance: str | None = None
    validate_responses: bool = False
    prebuild: bool = False
    journal_size: int = 1000
