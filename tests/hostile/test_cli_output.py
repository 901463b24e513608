"""Finding 5, and 1-4 through the command line: hostile data never drives the terminal, hostile servers end listings.

The installed ``customers`` script against the tests' hostile server, on a real pseudo-terminal
(``pty``) where a terminal would read it; every process under a hard timeout.
"""

from __future__ import annotations

import base64
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.hostile.conftest import HARD_TIMEOUT, hostile_server
from tests.hostile.server import HOSTILE_TEXT
from tests.support.terminal import drain

SCRIPT = Path(sys.executable).with_name("customers")
ESC = "\x1b"
# What must never reach the terminal raw: an OSC (title, hyperlink), the clear-screen CSI, a C1 CSI, a CR rewrite.
RAW = [f"{ESC}]0;", f"{ESC}]8;", f"{ESC}[2J", f"{ESC}[31m", "\x9b", "\rRed"]


def _env(**credentials: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEQUENCE_", "STRADDLE_", "CUSTOMERS_"))}
    defaults = {"SEQUENCE_CLIENT_ID": "acme-client", "SEQUENCE_CLIENT_SECRET": "s3cr3t-value", "STRADDLE_API_KEY": "k"}
    return env | defaults | credentials | {"TERM": "xterm-256color", "COLUMNS": "200"}


def _on_terminal(args: list[str], env: dict[str, str], *, stdout_tty: bool = True) -> tuple[str, str, int]:
    """Run the script, stderr (and stdout) on a 200-column pseudo-terminal: (terminal text, piped stdout, status)."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
    process = subprocess.Popen(
        [str(SCRIPT), *args],
        stdin=subprocess.DEVNULL,
        stdout=terminal if stdout_tty else subprocess.PIPE,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    shown = drain(controller)
    piped = process.stdout.read().decode() if process.stdout is not None else ""
    if process.stdout is not None:
        process.stdout.close()
    return shown.decode(errors="replace"), piped, process.wait(timeout=HARD_TIMEOUT)


@pytest.mark.parametrize(("api", "column"), [("sequence", "legalName"), ("straddle", "name")])
@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_escape_sequences_in_customer_data_show_as_text_on_a_terminal(api: str, column: str, fmt: str) -> None:
    """A customer named with OSC/CSI/C1/CR sequences: the table (or csv) on a terminal shows them escaped."""
    with hostile_server("escapes") as url:
        shown, _, status = _on_terminal([api, "list", "--base-url", url, "--format", fmt], _env())
    assert status == 0, shown
    for raw in RAW:
        assert raw not in shown
    assert "\\x1b]0;pwned\\x07" in shown  # the window-title sequence, as text
    if fmt == "csv":
        assert "\\x1b[2J\\x1b[31mRed\\r\\x9b1mX" in shown  # csv cells are not cut: every escape is there


def test_csv_into_a_file_keeps_the_data_exact() -> None:
    """csv piped (not a terminal) is the data as the API sent it: escaping is for terminals only."""
    with hostile_server("escapes") as url:
        _, piped, status = _on_terminal(
            ["straddle", "list", "--base-url", url, "--format", "csv"], _env(), stdout_tty=False
        )
    assert status == 0
    assert HOSTILE_TEXT.replace("\r", "") in piped.replace("\r", "")  # csv quotes the field; the bytes are the same


def test_a_servers_error_text_and_notices_are_escaped_on_stderr() -> None:
    """A 401 whose text carries escape sequences: stderr shows them escaped; the mock's ignored-parameter notice too."""
    with hostile_server("escapes") as url:
        failed, _, status = _on_terminal(["straddle", "list", "--base-url", url], _env(STRADDLE_API_KEY="fail-key"))
        noted, _, ok = _on_terminal(["straddle", "list", "--base-url", url, "--format", "jsonl"], _env())
    assert status == 4
    for raw in RAW:
        assert raw not in failed
    assert "\\x1b]0;pwned" in failed
    assert ok == 0
    assert "note: the server ignored the parameter(s) region" in noted


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=HARD_TIMEOUT, check=False
    )


def test_a_repeated_cursor_ends_list_all() -> None:
    """customers sequence list --all against a server repeating its cursor: exit 7 naming the cursor, few rows."""
    with hostile_server("repeat") as url:
        done = _run(["sequence", "list", "--all", "--base-url", url, "--format", "csv"], _env())
    assert done.returncode == 7
    assert "'after=c1'" in done.stderr
    assert (
        len(done.stdout.splitlines()) == 3
    )  # header and the two pages before the repeat (before: 14,904 rows in 10 s)


def test_an_endless_body_ends_the_listing() -> None:
    """An endless chunked body: exit 7 (response too large), in bounded time."""
    with hostile_server("endless") as url:
        done = _run(["straddle", "list", "--base-url", url], _env())
    assert done.returncode == 7
    assert "max_response_size" in done.stderr


def test_timeout_bounds_the_whole_request_from_the_command_line() -> None:
    """--timeout 1 --max-retries 0 against a dripping server: exit 6 (no answer in time)."""
    with hostile_server("drip") as url:
        done = _run(["straddle", "list", "--base-url", url, "--timeout", "1", "--max-retries", "0"], _env())
    assert done.returncode == 6
    assert "timed out" in done.stderr


def test_an_echoed_secret_is_not_on_stderr() -> None:
    """A 401 quoting the Authorization header: stderr has neither the Sequence secret nor its Basic value."""
    with hostile_server("echo") as url:
        done = _run(["sequence", "list", "--base-url", url, "--max-retries", "0"], _env())
    assert done.returncode == 4
    basic = base64.b64encode(b"acme-client:s3cr3t-value").decode()
    assert "s3cr3t-value" not in done.stderr
    assert basic not in done.stderr
    assert "[REDACTED]" in done.stderr


def test_version_names_the_command_and_the_clients() -> None:
    """customers --version: the command's version and the SDK's and generated clients' it runs on."""
    from importlib.metadata import version

    done = _run(["--version"], _env())
    assert done.returncode == 0
    assert done.stdout.startswith(f"customers {version('customers-cli')} (customers-sdk {version('customers-sdk')},")
