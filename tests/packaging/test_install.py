"""Each distribution, built and installed as a user installs it, works outside the repository."""

from __future__ import annotations

import re
import subprocess
import sys
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


def test_lists_every_straddle_customer(mock_server):
    with Straddle(api_key=mock_server.straddle_api_key, base_url=mock_server.base_url) as client:
        ids = [customer.id for customer in client.customers.list(page_size=7)]
    assert len(ids) == len(set(ids)) == 30


def test_lists_every_sequence_customer(mock_server):
    with Sequence(
        client_id=mock_server.sequence_client_id,
        client_secret=mock_server.sequence_client_secret,
        base_url=mock_server.base_url,
    ) as client:
        ids = [customer.id for customer in client.customers.list(limit=7, include_archived=True)]
    assert len(ids) == len(set(ids)) == 30
"""


def test_a_user_suite_uses_the_mock_server_fixture(dist: Dist, venv: Venv) -> None:
    """In a user's project with customers-sdk, customers-mock and pytest installed, the mock_server fixture works."""
    pytest_pin = f"pytest=={pytest.__version__}"
    venv.install(dist.wheel("customers-sdk"), dist.wheel("customers-mock"), pytest_pin, find_links=dist.folder)
    (venv.workdir / "pytest.ini").write_text("[pytest]\ncustomers_mock_customers = 30\n")
    (venv.workdir / "test_user.py").write_text(USER_TESTS)

    result = run([venv.python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=venv.workdir, timeout=180)

    assert "3 passed" in result.stdout, result.stdout


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
