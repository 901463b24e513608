"""Failures of the installed script: one line on stderr, the documented exit code, never a traceback."""

from __future__ import annotations

import csv
import io
import os
import select
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from customers_mock.testing import MockServer, free_port, start_mock_server
from tests.cli.conftest import Run, cli_env
from tests.cli.gate import Gate
from tests.support.servers import serve_in_thread


def one_line_error(stderr: str, *needles: str) -> None:
    """stderr is exactly one ``customers: error: ...`` line holding each needle, and no traceback."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("customers: error: "), stderr
    assert "Traceback" not in stderr
    for needle in needles:
        assert needle in lines[0], stderr


def test_refused_credentials_exit_4_with_status_and_request_id(run: Run, mock_server: MockServer) -> None:
    """A 401: exit 4, the status, the vendor's message and Straddle's request id on one line."""
    env = cli_env(mock_server, STRADDLE_API_KEY="sk_test_wrong")
    result = run(mock_server, "straddle", "list", "--base-url", mock_server.base_url, env=env)
    assert result.returncode == 4
    assert result.stdout == ""
    one_line_error(result.stderr, "401", "Missing or invalid API key", "request id ")


def test_a_key_without_permission_exits_4(run: Run, mock_server: MockServer) -> None:
    """Sequence's restricted key: 403 Forbidden in its envelope, exit 4."""
    env = cli_env(
        mock_server,
        SEQUENCE_CLIENT_ID=mock_server.sequence_restricted_client_id,
        SEQUENCE_CLIENT_SECRET=mock_server.sequence_restricted_client_secret,
    )
    result = run(mock_server, "sequence", "list", "--base-url", mock_server.base_url, env=env)
    assert result.returncode == 4
    one_line_error(result.stderr, "403", "may not list customers")


def test_a_parameter_the_api_refuses_exits_4_naming_it(run: Run, mock_server: MockServer) -> None:
    """A value out of the spec's bounds is the API's 400, naming the parameter."""
    result = run(mock_server, "sequence", "list", "--base-url", mock_server.base_url, "--limit", "1000")
    assert result.returncode == 4
    one_line_error(result.stderr, "400", "limit")


def test_server_errors_exit_5_after_retries(run: Run) -> None:
    """A 503 on every attempt: exit 5 with the status and the mock's message."""
    with start_mock_server(customers=5, faults=["status=503"]) as failing:
        result = run(failing, "straddle", "list", "--base-url", failing.base_url)
    assert result.returncode == 5
    one_line_error(result.stderr, "503", "Fault injected")


def test_no_answer_exits_6(run: Run, mock_server: MockServer) -> None:
    """Nothing listening: exit 6 after the retries, with the reason."""
    result = run(mock_server, "straddle", "list", "--base-url", f"http://127.0.0.1:{free_port()}")
    assert result.returncode == 6
    one_line_error(result.stderr, "Connection refused")


def test_an_answer_not_in_the_spec_exits_7(run: Run, mock_server: MockServer) -> None:
    """A 200 without the spec's envelope: exit 7, not a traceback and not an empty success."""
    app = Starlette(routes=[Route("/v1/customers", lambda request: JSONResponse({"unexpected": True}))])
    with serve_in_thread(app) as url:
        result = run(mock_server, "straddle", "list", "--base-url", url)
    assert result.returncode == 7
    one_line_error(result.stderr, "200", "does not match the spec")


def test_missing_credentials_exit_3_naming_the_variables(run: Run, mock_server: MockServer) -> None:
    """No credentials anywhere: exit 3, naming the environment variables and the way to try without."""
    env = {k: v for k, v in cli_env(mock_server).items() if not k.startswith("SEQUENCE_")}
    result = run(mock_server, "sequence", "list", "--base-url", mock_server.base_url, env=env)
    assert result.returncode == 3
    one_line_error(result.stderr, "$SEQUENCE_CLIENT_ID", "$SEQUENCE_CLIENT_SECRET", "--mock")


def test_secret_from_stdin_or_a_file_never_argv(run: Run, mock_server: MockServer, tmp_path: Path) -> None:
    """The API key comes from stdin ('-') or a file; there is no option taking it as an argument."""
    env = {k: v for k, v in cli_env(mock_server).items() if k != "STRADDLE_API_KEY"}
    base = ["straddle", "list", "--base-url", mock_server.base_url, "--format", "jsonl", "--page-size", "2"]
    from_stdin = run(mock_server, *base, "--api-key-file", "-", env=env, input=mock_server.straddle_api_key + "\n")
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert len(from_stdin.stdout.splitlines()) == 2
    key_file = tmp_path / "key"
    key_file.write_text(mock_server.straddle_api_key + "\n")
    assert run(mock_server, *base, "--api-key-file", str(key_file), env=env).returncode == 0
    unreadable = run(mock_server, *base, "--api-key-file", str(tmp_path / "missing"), env=env)
    assert unreadable.returncode == 3
    one_line_error(unreadable.stderr, "--api-key-file", "No such file")
    on_argv = run(mock_server, *base, "--api-key", mock_server.straddle_api_key, env=env)
    assert on_argv.returncode == 2


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--status", "bogus"], "'bogus' is not one of"),
        (["--created-from", "yesterday"], "not an ISO 8601 date-time"),
        (["--page-size", "many"], "'many' is not a valid integer"),
        (["--environment", "sandbox", "--base-url", "http://127.0.0.1:9"], "not both"),
        (["--mock", "--base-url", "http://127.0.0.1:9"], "--mock starts its own server"),
    ],
)
def test_usage_errors_exit_2_on_one_line(run: Run, mock_server: MockServer, args: list[str], needle: str) -> None:
    """A bad option value is caught before any request: exit 2, one line pointing at --help."""
    result = run(mock_server, "straddle", "list", *args)
    assert result.returncode == 2
    one_line_error(result.stderr, needle, "customers straddle list --help")


def test_mock_without_the_mock_distribution_exits_3(run: Run, tmp_path: Path) -> None:
    """--mock when customers_mock cannot be imported: a clear line saying what to install."""
    blocker = tmp_path / "customers_mock"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('customers_mock is not installed (simulated)')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = run(None, "straddle", "list", "--mock", env=env)
    assert result.returncode == 3
    one_line_error(result.stderr, "pip install customers-mock")


def test_mock_lists_demo_customers_without_an_account(run: Run) -> None:
    """--mock starts the embedded mock on a free port and lists its demo data; no credentials needed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEQUENCE_", "STRADDLE_"))}
    result = run(None, "sequence", "list", "--mock", "--format", "jsonl", "--limit", "3", env=env)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3


def test_piping_into_head_raises_no_broken_pipe(customers_script: Path, big_mock: MockServer) -> None:
    """`customers ... --all | head -n 3`: three lines, nothing on stderr, exit 141 like any Unix tool."""
    command = f"set -o pipefail; '{customers_script}' straddle list --base-url {big_mock.base_url} --all --format csv"
    result = subprocess.run(
        [shutil.which("bash") or "/bin/bash", "-c", command + " | head -n 3"],
        capture_output=True,
        text=True,
        env=cli_env(big_mock),
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert result.stdout.count("\n") == 3
    assert result.stderr == ""
    assert result.returncode == 141


@pytest.fixture
def held(big_mock: MockServer) -> Iterator[Gate]:
    """A proxy before the mock that holds the second request (the second page) until released."""
    gate = Gate(big_mock.base_url, hold_from=2)
    with serve_in_thread(gate) as gate.url:
        try:
            yield gate
        finally:
            gate.release()


# Starts the command with Ctrl-C's default action. A process started in the background by a shell without job
# control (`make test &` in a script, some CI runners) inherits SIGINT ignored, and Python keeps it ignored, as a
# command should: the test's SIGINT would then be lost and the command wait for its held page.
_WITH_DEFAULT_SIGINT = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"
)


def _start(customers_script: Path, server: MockServer, url: str, *args: str) -> subprocess.Popen[bytes]:
    command = [str(customers_script), "straddle", "list", "--base-url", url, "--all", "--page-size", "10", *args]
    return subprocess.Popen(
        [sys.executable, "-c", _WITH_DEFAULT_SIGINT, *command],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(server),
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the process if it still runs, and close its pipes."""
    if process.poll() is None:
        process.kill()
    process.communicate()


def _read_lines(process: subprocess.Popen[bytes], count: int, timeout: float = 30) -> list[bytes]:
    """``count`` lines of the process's stdout, or fail (without waiting forever) if they do not come."""
    assert process.stdout is not None
    buffer = b""
    fd = process.stdout.fileno()
    while (lines := buffer.count(b"\n")) < count:
        ready, _, _ = select.select([fd], [], [], timeout)
        assert ready, f"only {lines} of {count} lines came while the next page was held"
        chunk = os.read(fd, 65536)
        assert chunk, "stdout closed early"
        buffer += chunk
    return buffer.splitlines()


def test_first_page_is_out_before_the_second_is_fetched(
    customers_script: Path, big_mock: MockServer, held: Gate
) -> None:
    """While the second page is held at the proxy, the first page's rows are already on stdout."""
    process = _start(customers_script, big_mock, held.url, "--format", "jsonl")
    try:
        lines = _read_lines(process, 10)  # a command that waited for more pages would time out here
        assert len(lines) == 10
        assert held.holding.wait(timeout=30)  # then it asks for the second page, which is held
        assert held.answered == 1
        held.release()
        assert len(_read_lines(process, 20)) >= 20  # released, the second page follows
    finally:
        _stop(process)


def test_ctrl_c_flushes_what_was_written_and_exits_130(
    customers_script: Path, big_mock: MockServer, held: Gate
) -> None:
    """SIGINT while waiting for a page: the rows so far are complete CSV, one line on stderr, exit 130."""
    process = _start(customers_script, big_mock, held.url, "--format", "csv")
    try:
        first = _read_lines(process, 11)  # the header and the first page
        assert held.holding.wait(timeout=30)
        process.send_signal(signal.SIGINT)
        rest, err = process.communicate(timeout=30)
    finally:
        _stop(process)
    assert process.returncode == 130
    assert err.decode() == "customers: interrupted\n"
    rows = list(csv.reader(io.StringIO((b"\n".join(first) + b"\n" + rest).decode())))
    assert len(rows) == 11
    assert all(len(row) == len(rows[0]) for row in rows)


def test_a_failure_after_some_pages_keeps_the_rows_written(
    customers_script: Path, big_mock: MockServer, run: Run
) -> None:
    """A 500 on the third page (after retries): two pages are on stdout, then the error line, exit 5."""
    gate = Gate(big_mock.base_url, fault_from=(3, "status=500"))
    with serve_in_thread(gate) as url:
        result = run(big_mock, "straddle", "list", "--base-url", url, "--all", "--page-size", "10", "--format", "jsonl")
    assert result.returncode == 5
    assert len(result.stdout.splitlines()) == 20
    one_line_error(result.stderr, "500")


def test_no_command_shows_the_help(run: Run) -> None:
    """`customers` alone prints the help (the API commands and exit codes), not a one-line error."""
    result = run(None, env=dict(os.environ))
    shown = result.stdout + result.stderr
    assert "sequence  The Sequence API." in shown
    assert "Exit codes:" in shown
    assert "customers: error" not in shown
