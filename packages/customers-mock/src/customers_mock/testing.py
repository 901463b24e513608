"""Start the mock as a real server process on a free loopback port, for tests.

Example::

    from customers_mock.testing import start_mock_server

    with start_mock_server(customers=50, faults=["status=503; probability=0.1"]) as server:
        httpx.get(f"{server.base_url}/v1/customers", headers=server.straddle_headers)
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from customers_mock import accounts


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class MockServer:
    """A running mock: where it listens, the demo credentials, and its log."""

    base_url: str
    log_path: Path
    process: subprocess.Popen[bytes] = field(repr=False)
    sequence_client_id: str = accounts.SEQUENCE_CLIENT_ID
    sequence_client_secret: str = accounts.SEQUENCE_CLIENT_SECRET
    sequence_other_client_id: str = accounts.SEQUENCE_OTHER_CLIENT_ID
    sequence_other_client_secret: str = accounts.SEQUENCE_OTHER_CLIENT_SECRET
    sequence_restricted_client_id: str = accounts.SEQUENCE_RESTRICTED_CLIENT_ID
    sequence_restricted_client_secret: str = accounts.SEQUENCE_RESTRICTED_CLIENT_SECRET
    straddle_api_key: str = accounts.STRADDLE_API_KEY
    straddle_other_api_key: str = accounts.STRADDLE_OTHER_API_KEY
    straddle_platform_key: str = accounts.STRADDLE_PLATFORM_KEY
    straddle_account_id: str = accounts.STRADDLE_ACCOUNT_ID
    straddle_other_account_id: str = accounts.STRADDLE_OTHER_ACCOUNT_ID

    @property
    def sequence_url(self) -> str:
        return f"{self.base_url}/api/customers"

    @property
    def straddle_url(self) -> str:
        return f"{self.base_url}/v1/customers"

    @property
    def sequence_auth(self) -> httpx.BasicAuth:
        """Basic credentials of the demo Sequence account."""
        return httpx.BasicAuth(self.sequence_client_id, self.sequence_client_secret)

    @property
    def straddle_headers(self) -> dict[str, str]:
        """The Authorization header of the demo Straddle account."""
        return {"Authorization": f"Bearer {self.straddle_api_key}"}

    def log(self) -> str:
        """Everything the server printed so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def _command(
    port: int,
    customers: int | None,
    seed: int | None,
    data: Path | str | None,
    faults: Sequence[str],
    tolerance: str | None,
    validate_responses: bool,
) -> list[str]:
    cmd = [sys.executable, "-m", "customers_mock", "--host", "127.0.0.1", "--port", str(port)]
    if customers is not None:
        cmd += ["--customers", str(customers)]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    if data is not None:
        cmd += ["--data", str(data)]
    for fault in faults:
        cmd += ["--fault", fault]
    if tolerance is not None:
        cmd += ["--tolerance", tolerance]
    if validate_responses:
        cmd.append("--validate-responses")
    return cmd


def wait_healthy(process: subprocess.Popen[bytes], base_url: str, timeout: float) -> bool:
    """True once ``/health`` answers 200; False if the process exits first or time runs out.

    The server binds its port before loading its data and answers ``503 {"status": "loading"}``
    meanwhile: that is waited through like a refused connection.
    """
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=1.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            try:
                if client.get(f"{base_url}/health").status_code == 200:
                    return True
            except httpx.TransportError:
                pass
            time.sleep(0.05)
    return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def start_mock_server(
    *,
    customers: int | None = None,
    seed: int | None = None,
    data: Path | str | None = None,
    faults: Sequence[str] = (),
    tolerance: str | None = None,
    validate_responses: bool = False,
    startup_timeout: float = 60.0,
) -> Iterator[MockServer]:
    """Run ``python -m customers_mock`` on a free 127.0.0.1 port until the block ends.

    Waits (at most ``startup_timeout`` seconds) until ``/health`` is 200, through its "loading"
    state; raises ``RuntimeError`` with the server's log if it does not come up (a data file that
    does not validate stops it). Options are those of the command line.
    """
    log_dir = Path(tempfile.mkdtemp(prefix="customers-mock-"))
    for attempt in range(3):  # another process may take the free port before the server binds it
        port = free_port()
        log_path = log_dir / f"server-{port}.log"
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(
                _command(port, customers, seed, data, faults, tolerance, validate_responses),
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        base_url = f"http://127.0.0.1:{port}"
        server = MockServer(base_url=base_url, log_path=log_path, process=process)
        if wait_healthy(process, base_url, startup_timeout):
            break
        _stop(process)
        if attempt == 2 or "address already in use" not in server.log().lower():
            raise RuntimeError(f"the mock server did not become healthy on {base_url}; its log:\n{server.log()}")
    try:
        yield server
    finally:
        _stop(process)
