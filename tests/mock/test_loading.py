"""While the mock loads its data it already answers: /health 503 "loading", the APIs 503 in their envelope."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from customers_mock.app import create_app
from customers_mock.loading import LoadingApp
from customers_mock.settings import MockSettings
from customers_mock.testing import start_mock_server
from tests.mock.bodies import checked
from tests.support.servers import serve_in_thread

CUSTOMER = {
    "id": "e309e948-088e-4d77-b654-cd85498f1555",
    "createdAt": "2021-01-02T10:55:00Z",
    "legalName": "Acme",
    "address": {"line1": "1 Main St", "town": "Austin", "state": "TX", "postcode": "78701", "country": "US"},
    "taxStatus": "TAXED",
}
CONTENT = orjson.dumps({"sequence": {"acme": [CUSTOMER]}})


def test_loading_app_answers_503_until_ready() -> None:
    """Before ready(): /health is 503 loading with Retry-After, each API 503 in its envelope; after: the real app."""
    loading = LoadingApp()
    loading.detail = "validated 5 of 10 records (50%)"
    with serve_in_thread(loading) as url, httpx.Client(base_url=url) as client:
        health = client.get("/health")
        assert health.status_code == 503
        assert health.headers["retry-after"] == "1"
        assert health.json() == {"status": "loading", "detail": "validated 5 of 10 records (50%)"}
        sequence = client.get("/api/customers")
        assert sequence.status_code == 503
        assert sequence.headers["retry-after"] == "1"
        assert sequence.headers["sequence-version"] == "2024-07-30"
        assert sequence.json()["error"]["type"] == "ServiceUnavailable"
        straddle = client.get("/v1/customers", headers={"Request-Id": "r-1"})
        assert straddle.status_code == 503
        assert straddle.headers["request-id"] == "r-1"
        assert straddle.json()["error"]["status"] == 503
        loading.ready(create_app(MockSettings(customers=3)))
        assert client.get("/health").json() == {"status": "ok"}
        checked("sequence", client.get("/api/customers", auth=("seq_demo_client", "seq_demo_secret")))


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A named pipe as the data file: loading blocks on it until the test writes the content."""
    path = tmp_path / "customers.json"
    os.mkfifo(path)
    return path


@pytest.fixture
def loading_server(fifo: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """The mock started on a data file that is not written yet, and its base URL."""
    command = [sys.executable, "-m", "customers_mock", "--port", "0", "--data", str(fifo)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert process.stdout is not None
    try:
        found = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline())
        assert found is not None
        yield found.group(0), process
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def test_server_answers_loading_then_serves_the_file(
    fifo: Path, loading_server: tuple[str, subprocess.Popen[str]]
) -> None:
    """A real server whose data is still loading answers /health 503 loading, then 200 and the file's customers."""
    url, process = loading_server
    with httpx.Client(base_url=url, timeout=10) as client:
        health = client.get("/health")
        assert health.status_code == 503
        assert health.json()["status"] == "loading"
        assert health.headers["retry-after"] == "1"
        assert client.get("/api/customers", auth=("seq_demo_client", "seq_demo_secret")).status_code == 503
        fifo.write_bytes(CONTENT)
        deadline = time.monotonic() + 30
        while client.get("/health").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        page = checked("sequence", client.get("/api/customers", auth=("seq_demo_client", "seq_demo_secret")))
    assert [c["id"] for c in page["items"]] == [CUSTOMER["id"]]
    assert process.poll() is None


def test_start_mock_server_waits_while_loading(fifo: Path) -> None:
    """start_mock_server returns only once loading is over, and the log shows the progress."""
    written = threading.Event()

    def write_later() -> None:
        time.sleep(1.0)
        fifo.write_bytes(CONTENT)  # blocks until the server opens the pipe
        written.set()

    writer = threading.Thread(target=write_later, daemon=True)
    writer.start()
    with start_mock_server(data=fifo) as server:
        assert written.is_set()
        assert httpx.get(f"{server.base_url}/health").status_code == 200
        log = server.log()
    writer.join(timeout=10)
    assert log.index("listening on") < log.index("validated 1 of 1 records") < log.index("ready in")


def test_bad_data_file_stops_the_server_with_status_2(tmp_path: Path) -> None:
    """A data file that does not validate: the loading server exits 2 naming the record, never serving a page."""
    path = tmp_path / "bad.json"
    path.write_bytes(orjson.dumps({"sequence": {"acme": [{"id": 7}]}}))
    result = subprocess.run(
        [sys.executable, "-m", "customers_mock", "--data", str(path), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "sequence.acme[0].id" in result.stderr
    assert "ready in" not in result.stdout
