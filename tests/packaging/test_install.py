"""Each distribution, built and installed as a user installs it, works outside the repository."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import httpx
import pytest

from customers_mock.testing import MockServer, free_port, wait_healthy
from tests.packaging.conftest import Dist, Venv, lowest_versions, run

# What installing a generated client alone may bring: httpx and attrs, and what httpx needs.
CLIENT_DEPENDENCIES = {"httpx", "attrs", "anyio", "certifi", "httpcore", "idna", "h11", "sniffio", "typing-extensions"}
MOCK_STACK = {"customers-mock", "starlette", "uvicorn", "uvloop", "httptools", "orjson", "pyyaml", "jsonschema"}

LIST_SEQUENCE = """
import sys, httpx, sequence_client
from sequence_client import AuthenticatedClient
from sequence_client.api.customers import list_customers
auth = httpx.BasicAuth(sys.argv[2], sys.argv[3])
with AuthenticatedClient(base_url=sys.argv[1], token="", prefix="Basic", httpx_args={"auth": auth}) as client:
    page = list_customers.sync(client=client, limit=5)
print(sequence_client.__file__, sequence_client.__version__, len(page.items), page.pagination.total_result_size)
"""
LIST_STRADDLE = """
import sys, straddle_client
from straddle_client import AuthenticatedClient
from straddle_client.api.customers import list_customers
with AuthenticatedClient(base_url=sys.argv[1], token=sys.argv[2]) as client:
    page = list_customers.sync(client=client, page_size=5)
print(straddle_client.__file__, straddle_client.__version__, len(page.data), page.meta.total_items)
"""


@pytest.mark.parametrize("api", ["sequence", "straddle"])
def test_a_generated_client_installs_alone_and_lists_customers(
    api: str, dist: Dist, venv: Venv, mock_server: MockServer
) -> None:
    """A generated client's wheel brings only httpx and attrs (no mock stack) and lists a page from the mock."""
    venv.install(dist.wheel(f"{api}-client"))

    installed = set(venv.packages())
    assert installed - {f"{api}-client"} <= CLIENT_DEPENDENCIES
    assert not installed & MOCK_STACK

    if api == "sequence":
        args = [mock_server.base_url, mock_server.sequence_client_id, mock_server.sequence_client_secret]
        out = venv.python_run(LIST_SEQUENCE, *args)
    else:
        out = venv.python_run(LIST_STRADDLE, mock_server.base_url, mock_server.straddle_api_key)
    module_file, version, items, total = out.split()
    assert Path(module_file).is_relative_to(venv.path)  # the installed copy, not the source tree
    assert version == dist.wheel(f"{api}-client").name.split("-")[1]
    assert int(items) == 5
    assert int(total) > 5


def test_the_sdk_wheel_brings_no_terminal_ui_and_no_mock(dist: Dist, venv: Venv) -> None:
    """pip install customers-sdk: neither click nor rich, no mock stack, no `customers` script; the SDK imports."""
    venv.install(dist.wheel("customers-sdk"), find_links=dist.folder)

    installed = set(venv.packages())
    assert {"httpx", "httpx-retries", "sequence-client", "straddle-client"} <= installed
    assert not installed & {"click", "rich", "customers-cli"}
    assert not installed & MOCK_STACK
    assert not (venv.path / "bin" / "customers").exists()
    out = venv.python_run("import customers_sdk, sys; print(customers_sdk.__version__, 'click' in sys.modules)")
    assert out.split() == [dist.wheel("customers-sdk").name.split("-")[1], "False"]


SAMPLE_USER_MODULE = """
from customers_sdk.sequence import AsyncSequence, Sequence
from customers_sdk.straddle import Straddle


def sequence_names(client: Sequence) -> list[str]:
    page = client.customers.list(limit=10)
    reveal_type(page)
    names: list[str] = []
    for customer in page:
        reveal_type(customer)
        names.append(customer.legal_name)
    return names


async def async_sequence_ids(client: AsyncSequence) -> list[str]:
    return [str(customer.id) async for customer in client.customers.list(limit=10)]


def straddle_statuses(client: Straddle) -> set[str]:
    statuses: set[str] = set()
    for customer in client.customers.list(page_size=100):
        reveal_type(customer)
        reveal_type(customer.status)
        statuses.add(customer.status.value)
    return statuses
"""


def test_mypy_strict_sees_generated_models_through_the_sdk(dist: Dist, venv: Venv) -> None:
    """mypy --strict over a user's module: clean, and pages and customers have their generated types, never Any."""
    venv.install(dist.wheel("customers-sdk"), find_links=dist.folder)
    module = venv.workdir / "user_module.py"
    module.write_text(SAMPLE_USER_MODULE)
    mypy = Path(sys.executable).parent / "mypy"

    result = subprocess.run(
        [mypy, "--strict", "--no-incremental", "--python-executable", venv.python, module.name],
        cwd=venv.workdir,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    revealed = re.findall(r'Revealed type is "([^"]+)"', result.stdout)
    assert revealed == [
        "customers_sdk.sequence._pages.SyncCursorPage",
        "sequence_client.models.customer.Customer",
        "straddle_client.models.customer_summary_v1.CustomerSummaryV1",
        "straddle_client.models.customer_status.CustomerStatus",
    ], result.stdout
    assert not any("Any" in t for t in revealed)


USER_TESTS = """
import customers_mock
from customers_sdk.sequence import Sequence
from customers_sdk.straddle import Straddle


def test_the_fixture_runs_the_installed_mock(mock_server):
    assert "site-packages" in customers_mock.__file__
    assert mock_server.base_url.startswith("http://127.0.0.1:")


def test_lists_every_straddle_customer(fresh_mock_server):  # other tests load data: start from start-up
    mock_server = fresh_mock_server
    with Straddle(api_key=mock_server.straddle_api_key, base_url=mock_server.base_url) as client:
        ids = [customer.id for customer in client.customers.list(page_size=7)]
    assert len(ids) == len(set(ids)) == 30


def test_lists_every_sequence_customer(fresh_mock_server):
    mock_server = fresh_mock_server
    with Sequence(
        client_id=mock_server.sequence_client_id,
        client_secret=mock_server.sequence_client_secret,
        base_url=mock_server.base_url,
    ) as client:
        ids = [customer.id for customer in client.customers.list(limit=7, include_archived=True)]
    assert len(ids) == len(set(ids)) == 30
"""


# The mock as a test double, as a user's tests drive it: each test starts from the session server reset,
# asserts on the journal, loads its own data, scripts faults. Each test also notes which server it ran on.
USER_DOUBLE_TESTS = """
import os
import pathlib

import pytest
from customers_sdk.sequence import Sequence

ADDRESS = {"line1": "1 Main St", "town": "Austin", "state": "TX", "postcode": "78701", "country": "US"}


def client(server):
    return Sequence(client_id=server.sequence_client_id, client_secret=server.sequence_client_secret,
                    base_url=server.base_url)


def note(server):
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(pathlib.Path(os.environ["SERVERS_SEEN"]), "a") as seen:
        seen.write(f"{worker} {server.base_url} {server.process.pid} {server.log_path}\\n")


@pytest.mark.parametrize("n", range(6))
def test_own_data_per_test(fresh_mock_server, n):
    note(fresh_mock_server)
    with client(fresh_mock_server) as c:
        assert c.customers.list(limit=1).total_result_size == 25  # start-up data: 30 less the archived
        [sent] = fresh_mock_server.requests(api="sequence")
        assert (sent.method, sent.path, sent.status) == ("GET", "/api/customers", 200)
        assert sent.params == {"limit": ["1"], "includeArchived": ["false"]}  # what the SDK sent
        assert sent.header("authorization") == "Basic [redacted]"
        assert fresh_mock_server.sequence_client_secret not in repr(fresh_mock_server.requests())
        mine = {"id": f"cus-{n}", "createdAt": "2024-01-01T00:00:00Z", "legalName": f"Mine {n}",
                "address": ADDRESS, "taxStatus": "TAXED"}
        fresh_mock_server.load_data({"sequence": {"acme": [mine]}})
        assert [x.legal_name for x in c.customers.list()] == [f"Mine {n}"]


def test_two_503_then_normal(fresh_mock_server):
    note(fresh_mock_server)
    fresh_mock_server.add_fault("status=503; times=2; api=sequence")
    with client(fresh_mock_server) as c:
        assert len(c.customers.list(limit=3).items) == 3
    assert [r.status for r in fresh_mock_server.requests()] == [503, 503, 200]
"""


def test_a_user_suite_uses_the_mock_server_fixture(dist: Dist, venv: Venv, tmp_path: Path) -> None:
    """A user's project (wheels installed): mock_server works, and under xdist -n 2 each worker has its own mock.

    fresh_mock_server gives each test the start-up state (the data one test loads never reaches the next),
    the journal, PUT data and scripted faults work through the installed fixture and the SDK.
    """
    pins = [f"pytest=={pytest.__version__}", f"pytest-xdist=={version('pytest-xdist')}"]
    venv.install(dist.wheel("customers-sdk"), dist.wheel("customers-mock"), *pins, find_links=dist.folder)
    (venv.workdir / "pytest.ini").write_text("[pytest]\ncustomers_mock_customers = 30\n")
    (venv.workdir / "test_user.py").write_text(USER_TESTS)
    (venv.workdir / "test_double.py").write_text(USER_DOUBLE_TESTS)
    seen = tmp_path / "servers-seen.txt"

    command: list[str | Path] = [venv.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2"]
    result = run(command, cwd=venv.workdir, timeout=300, env={"SERVERS_SEEN": str(seen)})

    assert "10 passed" in result.stdout, result.stdout
    servers = {line.split()[0]: tuple(line.split()[1:]) for line in seen.read_text().splitlines()}
    assert sorted(servers) == ["gw0", "gw1"]  # both workers ran tests of the mock
    urls, pids, logs = zip(*servers.values(), strict=True)
    assert len(set(urls)) == len(set(pids)) == len(set(logs)) == 2  # one server each: ports, processes, logs
    assert len(set(seen.read_text().splitlines())) == 2  # each worker kept its one server


@pytest.mark.parametrize("entry", ["console script", "python -m"])
def test_the_installed_mock_serves_both_apis(entry: str, dist: Dist, venv: Venv) -> None:
    """customers-mock installed from its wheel starts (console script and -m) and answers 200 on both APIs."""
    venv.install(dist.wheel("customers-mock"))
    port = free_port()
    command = (
        [venv.path / "bin" / "customers-mock"] if entry == "console script" else [venv.python, "-m", "customers_mock"]
    )
    process = subprocess.Popen(
        [*map(str, command), "--host", "127.0.0.1", "--port", str(port), "--customers", "20"],
        cwd=venv.workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        assert wait_healthy(process, base_url, timeout=60), "the installed mock did not become healthy"
        sequence = httpx.get(
            f"{base_url}/api/customers?includeArchived=true", auth=("seq_demo_client", "seq_demo_secret")
        )
        straddle = httpx.get(f"{base_url}/v1/customers", headers={"Authorization": "Bearer sk_test_demo"})
    finally:
        process.terminate()
        process.wait(timeout=10)

    assert sequence.status_code == 200, sequence.text
    assert len(sequence.json()["items"]) == 20
    assert straddle.status_code == 200, straddle.text
    assert straddle.json()["meta"]["total_items"] == 20


LIST_THROUGH_SDK = """
import asyncio, sys
import attrs, httpx, httpx_retries
from customers_sdk.sequence import AsyncSequence, Sequence
from customers_sdk.straddle import AsyncStraddle, Straddle

base_url, seq_id, seq_secret, api_key = sys.argv[1:5]
with Sequence(client_id=seq_id, client_secret=seq_secret, base_url=base_url) as seq:
    sequence_ids = [c.id for c in seq.customers.list(limit=13)]
with Straddle(api_key=api_key, base_url=base_url) as strd:
    straddle_ids = [c.id for c in strd.customers.list(page_size=13)]

async def walk_async():
    async with AsyncSequence(client_id=seq_id, client_secret=seq_secret, base_url=base_url) as seq:
        a = [c.id async for c in seq.customers.list(limit=13)]
    async with AsyncStraddle(api_key=api_key, base_url=base_url) as strd:
        b = [c.id async for c in strd.customers.list(page_size=13)]
    return a, b

async_sequence_ids, async_straddle_ids = asyncio.run(walk_async())
assert async_sequence_ids == sequence_ids and async_straddle_ids == straddle_ids
print(httpx.__version__, attrs.__version__, len(set(sequence_ids)), len(set(straddle_ids)))
"""


def test_the_lowest_declared_dependency_versions_work(dist: Dist, venv: Venv, mock_server: MockServer) -> None:
    """With httpx, attrs and httpx-retries at the floor of their declared ranges, the SDK walks every page."""
    floors = lowest_versions("customers-sdk", ("httpx", "httpx-retries")) + lowest_versions(
        "sequence-client", ("attrs",)
    )
    venv.install(dist.wheel("customers-sdk"), *floors, find_links=dist.folder)
    installed = venv.packages()
    assert {f"{name}=={installed[name]}" for name in ("httpx", "httpx-retries", "attrs")} == set(floors)

    out = venv.python_run(
        LIST_THROUGH_SDK,
        mock_server.base_url,
        mock_server.sequence_client_id,
        mock_server.sequence_client_secret,
        mock_server.straddle_api_key,
    )

    httpx_version, attrs_version, sequence_count, straddle_count = out.split()
    assert f"httpx=={httpx_version}" in floors
    assert f"attrs=={attrs_version}" in floors
    sequence = httpx.get(mock_server.sequence_url, auth=mock_server.sequence_auth).json()
    straddle = httpx.get(mock_server.straddle_url, headers=mock_server.straddle_headers).json()
    assert int(sequence_count) == sequence["pagination"]["totalResultSize"]
    assert int(straddle_count) == straddle["meta"]["total_items"]
