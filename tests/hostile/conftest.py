"""Fixtures of the hostile tier: a hostile server process of the tests' own, and SDK walks in processes."""

from __future__ import annotations

import json
import os
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


class LimitedMock:
    """``python -m customers_mock`` with short limits, its port, and what it logged."""

    def __init__(self, port: int, log: Path, process: subprocess.Popen[bytes]) -> None:
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = log
        self.process = process

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


# Short limits, so that a test waits for them in about a second (the defaults are 10 s and 5 s).
HEADER_TIMEOUT = 1.0
KEEP_ALIVE_TIMEOUT = 1


@pytest.fixture(scope="module")
def limited_mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LimitedMock]:
    """The mock as a real process, header timeout 1 s, keep-alive 1 s, headers at most 64 KiB."""
    from customers_mock.testing import free_port, wait_healthy

    port = free_port()
    log = tmp_path_factory.mktemp("limited-mock") / "server.log"
    command = [sys.executable, "-m", "customers_mock", "--port", str(port), "--customers", "20"]
    command += ["--header-timeout", str(HEADER_TIMEOUT), "--keep-alive-timeout", str(KEEP_ALIVE_TIMEOUT)]
    command += ["--max-header-size", str(64 * 1024)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out, subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env) as process:
        try:
            assert wait_healthy(process, f"http://127.0.0.1:{port}", 60), log.read_text()
            yield LimitedMock(port, log, process)
        finally:
            process.terminate()
            process.wait(timeout=10)
