"""Fixtures of the hostile tier: a hostile server process of the tests' own, and SDK walks in processes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The hard bound of every process a test here starts: a fix that regresses fails the test, never hangs it.
HARD_TIMEOUT = 60.0


@contextmanager
def hostile_server(mode: str) -> Iterator[str]:
    """``tests.hostile.server`` in ``mode``, in its own process; yields its base URL."""
    with subprocess.Popen(
        [sys.executable, "-m", "tests.hostile.server", mode], cwd=ROOT, stdout=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None
            port = int(process.stdout.readline())
            yield f"http://127.0.0.1:{port}"
        finally:
            process.kill()
            process.wait(timeout=10)


Walk = Callable[..., dict[str, Any]]


@pytest.fixture
def walk() -> Walk:
    """``walk(api, mode, base_url, **client_options)``: one SDK walk in a process of its own, its outcome."""

    def run(api: str, mode: str, base_url: str, **options: Any) -> dict[str, Any]:
        done = subprocess.run(
            [sys.executable, "-m", "tests.hostile.walk", api, mode, base_url, json.dumps(options)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=HARD_TIMEOUT,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outcome: dict[str, Any] = json.loads(done.stdout)
        return outcome

    return run
