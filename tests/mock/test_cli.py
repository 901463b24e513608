"""The mock's command line: every option is validated before anything is printed or bound."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

COMMAND = [sys.executable, "-m", "customers_mock"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(
    "args",
    [
        ["--port", "99999"],
        ["--port", "-1"],
        ["--port", "\u00b2"],  # a Unicode digit int() would accept
        ["--port", "8_080"],
        ["--customers", "-5"],
        ["--customers", "\u0663"],
        ["--customers", "9" * 5000],
        ["--customers", "100000000000"],
        ["--seed", "1.5"],
        ["--seed", "9" * 5000],
        ["--fault", "status=999"],
        ["--fault", "status=500; times=\u00b2"],
        ["--tolerance", "everything"],
        ["--data", "/nonexistent/customers.json"],
        ["--host", "256.0.0.1"],
        ["--log-level", "loud"],
    ],
)
def test_bad_option_is_a_usage_error_before_any_output(args: list[str]) -> None:
    """A bad option exits 2 with a usage message on stderr, no traceback, and nothing on stdout."""
    result = _run(*args, "--port" if "--port" not in args else "--seed", "0" if "--port" not in args else "1")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("usage:"), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_port_in_use_is_a_usage_error_before_any_output() -> None:
    """A port another process listens on: exit 2 naming the address, before the banner."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run("--port", str(port), "--customers", "5")
    assert result.returncode == 2
    assert f"127.0.0.1:{port}" in result.stderr
    assert "address already in use" in result.stderr.lower()
    assert result.stdout == ""


@pytest.fixture
def port_zero() -> Iterator[tuple[subprocess.Popen[str], str]]:
    """The mock started with --port 0, and the first line it printed."""
    process = subprocess.Popen([*COMMAND, "--port", "0", "--customers", "5"], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    try:
        yield process, process.stdout.readline()
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def test_port_zero_listens_on_a_free_port_and_says_which(port_zero: tuple[subprocess.Popen[str], str]) -> None:
    """--port 0 binds a free port and the first line printed names the port it really listens on."""
    _, first_line = port_zero
    found = re.search(r"http://127\.0\.0\.1:(\d+)", first_line)
    assert found is not None, first_line
    assert found.group(1) != "0"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{found.group(0)}/health").status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline
        time.sleep(0.05)
