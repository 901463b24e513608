"""Fixtures for the command-line tier: the installed ``customers`` script, run against a live mock."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from customers_mock.testing import MockServer, start_mock_server

CUSTOMERS = 10_000  # per account and API: the export the issue asks to check
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def customers_script() -> Path:
    """The installed console script (``.venv/bin/customers``), as a user runs it."""
    script = Path(sys.executable).with_name("customers")
    assert script.exists(), f"{script} is missing: the project is not installed (scripts/bootstrap)"
    return script


@pytest.fixture(scope="session")
def big_mock() -> Iterator[MockServer]:
    """A mock with 10,000 customers per account, as a real process on a free port."""
    with start_mock_server(customers=CUSTOMERS) as server:
        yield server


def cli_env(server: MockServer, **extra: str) -> dict[str, str]:
    """The environment of a run: the demo credentials as the SDK's variables, nothing else of ours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEQUENCE_", "STRADDLE_", "CUSTOMERS_"))}
    env |= {
        "SEQUENCE_CLIENT_ID": server.sequence_client_id,
        "SEQUENCE_CLIENT_SECRET": server.sequence_client_secret,
        "STRADDLE_API_KEY": server.straddle_api_key,
    }
    return env | extra


@pytest.fixture
def run(customers_script: Path) -> Run:
    """``run(server, *args, env=..., input=...)``: the script as a subprocess, stdin/stdout/stderr captured."""

    def _run(
        server: MockServer | None, *args: str, env: dict[str, str] | None = None, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        environment = env if env is not None else cli_env(server) if server else dict(os.environ)
        return subprocess.run(
            [str(customers_script), *args],
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=environment,
            timeout=300,
            check=False,
        )

    return _run
