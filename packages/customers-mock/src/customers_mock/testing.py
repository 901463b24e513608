"""Start the mock as a real server process on a free loopback port, for tests, and drive it.

Example::

    from customers_mock.testing import start_mock_server

    with start_mock_server(customers=50, faults=["status=503; probability=0.1"]) as server:
        httpx.get(f"{server.base_url}/v1/customers", headers=server.straddle_headers)
        [request] = server.requests(api="straddle")      # what the mock received (credentials redacted)
        server.add_fault("status=503; times=2; api=sequence")  # the next two Sequence requests fail
        server.load_data({"sequence": {"acme": [...]}})   # exactly these customers for account acme
        server.reset()                                    # back to start-up, in milliseconds

Each process has its own port, log file and state, so several (one per pytest-xdist worker) run side by side.
"""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import httpx

from customers_mock import accounts


@cache
def _tls() -> ssl.SSLContext:
    """One SSL context for the process's clients of this module: httpx makes one per client otherwise (~20 ms
    of CPU loading the CA bundle), though the mock speaks plain HTTP and never uses it."""
    return httpx.create_ssl_context()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


ADMIN_TIMEOUT = 60.0  # seconds for an admin call (loading a large data document takes a while)


class MockAdminError(RuntimeError):
    """An admin call the mock refused (e.g. a data document that does not validate); the message is the mock's."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status


@dataclass(frozen=True)
class RecordedRequest:
    """One request the mock answered, as its journal recorded it (``MockServer.requests``).

    ``headers`` are (lower-case name, value) pairs in the order sent, every credential replaced by
    ``[redacted]`` (an ``Authorization`` value keeps its scheme: ``Basic [redacted]``). ``status`` is
    None when a ``drop`` fault closed the connection. ``fault`` is the spec of the fault applied, if
    any; ``ignored_parameters`` the parameters the mock validated but gives no meaning.
    """

    time: str
    api: str | None
    method: str
    path: str
    query: str
    params: Mapping[str, list[str]]
    headers: list[tuple[str, str]]
    status: int | None
    fault: str | None
    ignored_parameters: list[str]

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (any case), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key == wanted), None)

    @classmethod
    def from_json(cls, item: Mapping[str, Any]) -> RecordedRequest:
        return cls(
            time=item["time"],
            api=item["api"],
            method=item["method"],
            path=item["path"],
            query=item["query"],
            params=item["params"],
            headers=[(name, value) for name, value in item["headers"]],
            status=item["status"],
            fault=item["fault"],
            ignored_parameters=item["ignored_parameters"],
        )


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
    # One keep-alive client for the operator's calls: a new httpx client per call costs ~20 ms (its SSL
    # context), 30 times the reset it sends; the context itself is the process's one (``_tls``).
    _admin_client: httpx.Client = field(
        default_factory=lambda: httpx.Client(timeout=ADMIN_TIMEOUT, verify=_tls()), repr=False, compare=False
    )

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

    # -- the operator's routes (/_mock/...; no vendor credential) --------------------------------

    def _admin(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._admin_client.request(method, f"{self.base_url}{path}", **kwargs)
        if response.is_error:
            try:
                message = str(response.json().get("error", response.text))
            except ValueError:
                message = response.text
            raise MockAdminError(response.status_code, message[:4000])
        return response.json()

    def requests(
        self, *, api: str | None = None, method: str | None = None, path: str | None = None, status: int | None = None
    ) -> list[RecordedRequest]:
        """The requests the mock answered (oldest first), filtered by API ("sequence", "straddle"), method,
        path and status; at most the journal's size (``journal_size``, default 1000) of the latest."""
        filters = {"api": api, "method": method, "path": path, "status": status}
        params = {name: str(value) for name, value in filters.items() if value is not None}
        view = self._admin("GET", "/_mock/requests", params=params)
        return [RecordedRequest.from_json(item) for item in view["requests"]]

    def clear_requests(self) -> None:
        """Empty the journal."""
        self._admin("DELETE", "/_mock/requests")

    def load_data(self, data: Mapping[str, Any]) -> dict[str, dict[str, int]]:
        """Serve exactly these customers for the accounts ``data`` names (the ``--data`` document format).

        Validated like a data file (``MockAdminError`` naming each problem, nothing changed); other
        accounts keep theirs. Returns the number of customers loaded per API and account.
        """
        loaded: dict[str, dict[str, int]] = self._admin("PUT", "/_mock/data", json=data)["loaded"]
        return loaded

    def reset(self) -> None:
        """Back to start-up: data, faults and their counters, journal (milliseconds; no new process)."""
        self._admin("POST", "/_mock/reset")

    def add_fault(self, fault: str) -> None:
        """A server-wide fault, e.g. ``"status=503; times=2; api=sequence"`` (the next two Sequence requests)."""
        self._admin("POST", "/_mock/faults", json={"fault": fault})

    def clear_faults(self) -> None:
        """Remove every server-wide fault and reset the ``times`` counters."""
        self._admin("DELETE", "/_mock/faults")


def _command(
    port: int,
    customers: int | None,
    seed: int | None,
    data: Path | str | None,
    faults: Sequence[str],
    tolerance: str | None,
    validate_responses: bool,
    journal_size: int | None,
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
    if journal_size is not None:
        cmd += ["--journal-size", str(journal_size)]
    return cmd


def wait_healthy(process: subprocess.Popen[bytes], base_url: str, timeout: float) -> bool:
    """True once ``/health`` answers 200; False if the process exits first or time runs out.

    The server binds its port before loading its data and answers ``503 {"status": "loading"}``
    meanwhile: that is waited through like a refused connection.
    """
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=1.0, verify=_tls()) as client:
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
    journal_size: int | None = None,
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
                _command(port, customers, seed, data, faults, tolerance, validate_responses, journal_size),
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        base_url = f"http://127.0.0.1:{port}"
        server = MockServer(base_url=base_url, log_path=log_path, process=process)
        if wait_healthy(process, base_url, startup_timeout):
            break
        _stop(process)
        server._admin_client.close()
        if attempt == 2 or "address already in use" not in server.log().lower():
            raise RuntimeError(f"the mock server did not become healthy on {base_url}; its log:\n{server.log()}")
    try:
        yield server
    finally:
        server._admin_client.close()
        _stop(process)
