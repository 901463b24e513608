"""The installed script on a terminal (a pseudo-terminal): table by default, a progress bar on stderr for --all."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios
from pathlib import Path

from customers_mock.testing import MockServer
from tests.cli.conftest import CUSTOMERS, cli_env
from tests.support.terminal import drain


def _on_terminal(script: Path, server: MockServer, out_file: Path, *args: str, stdout_tty: bool) -> str:
    """Run with stderr (and with ``stdout_tty`` stdout too) on a 120-column pseudo-terminal; its text, no escapes."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    with out_file.open("wb") as out:
        process = subprocess.Popen(
            [str(script), *args, "--base-url", server.base_url],
            stdin=subprocess.DEVNULL,
            stdout=terminal if stdout_tty else out,
            stderr=terminal,
            env=cli_env(server, TERM="xterm-256color"),
        )
    os.close(terminal)
    shown = drain(controller)
    assert process.wait(timeout=120) == 0
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode(errors="replace"))  # colours and cursor moves


def test_progress_bar_on_a_terminal_stderr(customers_script: Path, big_mock: MockServer, tmp_path: Path) -> None:
    """--all with stderr on a terminal: a bar with the known total, rate and ETA; stdout stays clean CSV."""
    out = tmp_path / "out.csv"
    shown = _on_terminal(
        customers_script, big_mock, out, "straddle", "list", "--all", "--page-size", "1000", stdout_tty=False
    )
    assert "Straddle customers" in shown
    assert f"{CUSTOMERS}/{CUSTOMERS}" in shown
    assert "/s" in shown
    assert "eta" in shown
    lines = out.read_text().splitlines()
    assert len(lines) == CUSTOMERS + 1  # csv, the default when stdout is not a terminal
    assert lines[0].startswith("id,created_at,")


def test_quiet_shows_nothing_on_the_terminal(customers_script: Path, big_mock: MockServer, tmp_path: Path) -> None:
    """--quiet: no bar, no note; the output is the same."""
    out = tmp_path / "out.csv"
    shown = _on_terminal(
        customers_script, big_mock, out, "straddle", "list", "--all", "--page-size", "1000", "-q", stdout_tty=False
    )
    assert shown == ""
    assert len(out.read_text().splitlines()) == CUSTOMERS + 1


def test_table_by_default_on_a_terminal(customers_script: Path, big_mock: MockServer, tmp_path: Path) -> None:
    """stdout on a terminal: an aligned table of key columns, then a note that more pages exist."""
    shown = _on_terminal(
        customers_script, big_mock, tmp_path / "unused", "sequence", "list", "--limit", "5", stdout_tty=True
    )
    lines = [line for line in shown.splitlines() if line.strip()]
    assert lines[0].split() == ["id", "legalName", "email", "label", "taxStatus", "createdAt"]
    assert "," not in lines[2]
    assert lines[-1].startswith("customers: 5 of ")
    assert lines[-1].endswith("customers shown; --all lists every page")
