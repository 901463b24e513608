"""`customers-contract` as a user gets it: the console script of the wheel, in a fresh virtualenv outside the repo.

One virtualenv for the run (the wheels of the workspace built once, ``dist``; both shared by the xdist workers), then
the command against each target a user has: (a) the embedded mock, (b) a mock process posing as
the vendor with the live settings, (c) the drifted stand-in, (d) live with no credentials.

The run against the embedded mock is also the contract pass of `make test`: `scripts/test` sets
``CONTRACT_REPORTS`` to the repository's `reports/`, so CI uploads the reports of the installed
command (otherwise they go to a temporary folder).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from customers_mock import accounts, datafile
from customers_mock.testing import free_port, wait_healthy
from tests.packaging.conftest import UV, Dist, Venv, built_once, run

CREDENTIALS = (
    "SEQUENCE_CLIENT_ID", "SEQUENCE_CLIENT_SECRET", "STRADDLE_API_KEY", "STRADDLE_ACCOUNT_ID",
    "SEQUENCE_BASE_URL", "STRADDLE_BASE_URL",
)  # fmt: skip
FAST = ["--rate", "200"]  # the stand-ins answer in a millisecond; the default 5/s is for real vendors


@pytest.fixture(scope="session")
def installed(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """customers-contract installed from its wheel (siblings from the built wheels) in a fresh virtualenv.

    One for the run, shared by the xdist workers (the tests only run its commands); each test works in a folder
    of its own beside it.
    """

    def build(root: Path) -> None:
        root.mkdir()
        run([UV, "venv", "--quiet", "--python", sys.executable, root / "venv"], cwd=root)
        # Compiled once here: every test of the module starts st, pytest and mock processes from this virtualenv.
        venv = Venv(path=root / "venv", workdir=root)
        venv.install(dist.wheel("customers-contract"), find_links=dist.folder, compile_bytecode=True)

    root = built_once(tmp_path_factory, "contract-user", build)
    workdir = tmp_path_factory.mktemp("user-project")
    return Venv(path=root / "venv", workdir=workdir)


def _env(**extra: str) -> dict[str, str]:
    """The user's environment: no credentials of this machine, no path into the repository."""
    drop = ("PYTHONPATH", "VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "GITHUB_STEP_SUMMARY", *CREDENTIALS)
    return {**{k: v for k, v in os.environ.items() if k not in drop}, "PYTHONDONTWRITEBYTECODE": "1", **extra}


def _contract(venv: Venv, *args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    cmd = [str(venv.path / "bin" / "customers-contract"), *map(str, args)]
    return subprocess.run(cmd, cwd=venv.workdir, env=env, capture_output=True, text=True, timeout=900, check=False)


def _stand_in_env(base_url: str) -> dict[str, str]:
    return _env(
        SEQUENCE_BASE_URL=base_url,
        SEQUENCE_CLIENT_ID=accounts.SEQUENCE_CLIENT_ID,
        SEQUENCE_CLIENT_SECRET=accounts.SEQUENCE_CLIENT_SECRET,
        STRADDLE_BASE_URL=base_url,
        STRADDLE_API_KEY=accounts.STRADDLE_API_KEY,
        STRADDLE_ACCOUNT_ID=accounts.STRADDLE_ACCOUNT_ID,
    )


def _serve(venv: Venv, script: str, *args: str) -> Iterator[str]:
    """Start an installed console script as a server process on a free port; yield its base URL; stop it."""
    port = free_port()
    log = venv.workdir / f"{script}-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(venv.path / "bin" / script), *args, "--port", str(port)], cwd=venv.workdir, env=_env(),
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        assert wait_healthy(process, base_url, timeout=60), log.read_text(errors="replace")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _drift(reports: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((reports / "drift.json").read_text())
    return data


def test_a_against_the_embedded_mock_passes_and_writes_every_report(installed: Venv, tmp_path: Path) -> None:
    """(a) The default target: exit 0, the specs inside the installed clients, every report of the run."""
    reports = Path(os.environ.get("CONTRACT_REPORTS") or tmp_path / "reports")
    result = _contract(installed, "run", "--against", "mock", "--reports", reports, env=_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"{installed.path}" in output.split("specs:")[1].splitlines()[0]  # the shipped specs, not the clone's
    passes = ("sequence", "straddle", "straddle-own-account")
    expected = {"summary.md", "drift.md", "drift.json"}
    expected |= {f"coverage-{api}.{ext}" for api in ("sequence", "straddle") for ext in ("html", "json", "md")}
    expected |= {f"schemathesis-{p}.{ext}" for p in passes for ext in ("xml", "ndjson")}
    expected |= {f"schemathesis-html/{p}/index.html" for p in passes}
    written = {str(path.relative_to(reports)) for path in reports.rglob("*") if path.is_file()}
    assert expected <= written
    assert _drift(reports)["breaking"] == 0
    assert "conforms to the spec (exit 0)" in (reports / "summary.md").read_text()


@pytest.fixture(scope="module")
def mock_vendor(installed: Venv) -> Iterator[str]:
    """The installed `customers-mock` as a separate process posing as both vendors."""
    yield from _serve(installed, "customers-mock", "--customers", "300", "--seed", "31")


def test_b_live_settings_against_a_mock_posing_as_the_vendor_pass(
    installed: Venv, mock_vendor: str, tmp_path: Path
) -> None:
    """(b) --against live with the vendor's variables pointing at a mock process: exit 0, a complete recording."""
    recorded = tmp_path / "customers.json"
    reports = tmp_path / "reports"
    args: list[str | Path] = ["run", "--against", "live", "--reports", reports, *FAST, "--record", recorded]
    result = _contract(installed, *args, env=_stand_in_env(mock_vendor))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "contract: 7 passed, 0 failed" in output  # 3 st passes, vendor contract, record, coverage, drift
    assert _drift(reports)["breaking"] == 0
    ledger = json.loads((reports / "live-ledger.json").read_text())
    assert 0 < ledger["sent"] <= ledger["budget"]
    loaded = datafile.load(recorded)
    assert len(loaded["sequence"]["acme"]) == 300
    assert len(loaded["straddle"]["acme"]) == 300


@pytest.fixture(scope="module")
def drifted_vendor(installed: Venv) -> Iterator[str]:
    """The installed `customers-contract standin`: the drifted stand-in vendor."""
    yield from _serve(installed, "customers-contract", "standin", "--seed", "37")


def test_c_the_drifted_stand_in_fails_and_every_drift_is_named(
    installed: Venv, drifted_vendor: str, tmp_path: Path
) -> None:
    """(c) Exit 1, and the drift report names each drifted field, with its severity, customer and request."""
    reports = tmp_path / "reports"
    args: list[str | Path] = ["run", "--against", "live", "--reports", reports, *FAST]
    result = _contract(installed, *args, env=_stand_in_env(drifted_vendor))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    apis = _drift(reports)["apis"]
    found = {api: {(f["kind"], f["where"]): f for f in apis[api]["findings"]} for api in apis}
    assert {
        ("undeclared_field", "items[].loyaltyTier"),
        ("new_enum_value", "items[].taxStatus = 'ZERO_RATED'"),  # an open enum: a spec update, not breaking
        ("missing_required_field", "items[].legalName"),
        ("missing_required_field", "error"),  # the changed error envelope
        ("undeclared_field", "message"),
        ("missing_pagination_field", "pagination.after"),  # the renamed cursor, named as breaking
        ("undeclared_field", "pagination.next"),
    } <= set(found["sequence"])
    assert {
        ("undeclared_field", "data[].risk_score"),
        ("new_enum_value", "data[].status = 'suspended'"),
        ("missing_required_field", "data[].phone"),
        ("missing_required_field", "meta"),  # the changed error envelope
    } <= set(found["straddle"])
    legal_name = found["sequence"][("missing_required_field", "items[].legalName")]
    assert legal_name["severity"] == "breaking"
    assert legal_name["seen"]["customer"]  # the customer's id
    assert legal_name["seen"]["request"].startswith(f"GET {drifted_vendor}/api/customers")
    assert found["sequence"][("new_enum_value", "items[].taxStatus = 'ZERO_RATED'")]["severity"] == "spec update"
    markdown = (reports / "drift.md").read_text()
    assert "Pagination fields missing (breaking)" in markdown
    assert "New values of an open enum (spec update needed" in markdown
    assert "BREAKING missing_pagination_field: pagination.after" in output


@pytest.fixture
def listener() -> Iterator[tuple[str, list[object]]]:
    """A TCP listener on 127.0.0.1 that counts the connections made to it (none should be)."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    accepted: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            accepted.append(conn)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    server.close()


def test_d_live_without_credentials_is_a_usage_error_and_sends_nothing(
    installed: Venv, listener: tuple[str, list[object]], tmp_path: Path
) -> None:
    """(d) Base URLs set, no credentials: exit 2 naming the variables, and not one connection to the server."""
    url, accepted = listener
    env = _env(SEQUENCE_BASE_URL=url, STRADDLE_BASE_URL=url)
    result = _contract(installed, "run", "--against", "live", "--reports", tmp_path / "reports", env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "SEQUENCE_CLIENT_ID" in result.stderr
    assert "STRADDLE_API_KEY" in result.stderr
    assert accepted == []
