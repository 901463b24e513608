"""What users wait for in their own test runs: the ``mock_server`` fixture's start, and the contract tests.

The fixture start is timed the way the fixture starts the mock (``customers_mock.testing.start_mock_server`` with
the fixture's default data): from launching the process until ``/health`` answers 200. The contract part of
``make test`` is timed as ``scripts/test`` runs it: ``pytest tests/contract`` (Schemathesis in process, the broken
variants, the client contracts, Spectral), then ``customers-contract run --against mock`` (``st run`` against a
live mock; in ``make test`` it runs from the installed wheel inside the packaging tier).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

import httpx

from bench.machine import ROOT
from bench.report import Table
from customers_mock.testing import start_mock_server

FIXTURE_CUSTOMERS = 200  # the mock_server fixture's default (ini option customers_mock_customers)
CONTRACT_STEPS = (
    ("pytest tests/contract", [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/contract"]),
    (
        "customers-contract run (st run, live mock)",
        [sys.executable, "-m", "customers_contract", "run", "--against", "mock", "--reports", "reports"],
    ),
)


def fixture_start_s(repeats: int) -> list[float]:
    """Seconds from starting the mock process to a 200 from ``/health``, ``repeats`` times."""
    times: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        with start_mock_server(customers=FIXTURE_CUSTOMERS, seed=1):
            times.append(time.perf_counter() - started)
    return times


RESET_DATA = {
    "sequence": {
        "acme": [
            {"id": f"cus-{i}", "createdAt": "2024-01-01T00:00:00Z", "legalName": f"Loaded {i}", "taxStatus": "TAXED",
             "address": {"line1": "1 Main St", "town": "Austin", "state": "TX", "postcode": "78701", "country": "US"}}
            for i in range(3)
        ]
    }
}  # fmt: skip


def reset_s(repeats: int) -> list[float]:
    """Seconds of ``MockServer.reset()`` (what ``fresh_mock_server`` does per test) after a test changed the state.

    Each time: load three customers, add a fault, make a request (so data, faults and journal all need
    resetting), then time the reset call alone, as the fixture makes it (HTTP to the running process).
    """
    times: list[float] = []
    with start_mock_server(customers=FIXTURE_CUSTOMERS, seed=1) as server:
        for _ in range(repeats):
            server.load_data(RESET_DATA)
            server.add_fault("status=503; times=1; api=straddle")
            httpx.get(server.sequence_url, auth=server.sequence_auth, timeout=10)
            started = time.perf_counter()
            server.reset()
            times.append(time.perf_counter() - started)
    return times


def contract_wall_s() -> list[tuple[str, float, int]]:
    """(step, wall seconds, exit status) of each contract step of ``make test``."""
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    results: list[tuple[str, float, int]] = []
    for name, cmd in CONTRACT_STEPS:
        started = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False, timeout=900)
        results.append((name, time.perf_counter() - started, done.returncode))
    return results


def measure(repeats: int, contract: bool) -> tuple[Table, dict[str, object]]:
    """The fixture's start-up time (median and best of ``repeats``) and, if asked, the contract steps' wall time."""
    starts = fixture_start_s(repeats)
    table = Table("What users wait for: mock_server fixture start, contract tests", ["what", "seconds", "note"])
    table.rows.append([
        f"mock_server fixture start ({FIXTURE_CUSTOMERS} customers per account)", statistics.median(starts),
        f"median of {repeats}; best {min(starts):.2f} s",
    ])  # fmt: skip
    resets = reset_s(max(20, repeats * 10))
    table.rows.append([
        "fresh_mock_server: reset of that server after a test loaded data and a fault", statistics.median(resets),
        f"median of {len(resets)}; {statistics.median(starts) / statistics.median(resets):.0f}x faster than a start",
    ])  # fmt: skip
    figures: dict[str, object] = {"fixture_start_s": starts, "reset_s": resets}
    if contract:
        steps = contract_wall_s()
        for name, seconds, status in steps:
            table.rows.append([name, seconds, "passed" if status == 0 else f"exit status {status}"])
        table.rows.append(["contract part of `make test`, in all", sum(s for _, s, _ in steps), None])
        figures["contract"] = [{"step": n, "seconds": s, "exit_status": c} for n, s, c in steps]
    table.notes.append(
        "Wall time on this shared machine, with the same commands `scripts/test` runs; the fixture start covers "
        "Python start-up, imports, data generation, uvicorn binding and the first /health answer."
    )
    return table, figures
