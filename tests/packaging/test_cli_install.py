"""The ``customers`` command line as a user gets it: the console script of the customers-cli wheel."""

from __future__ import annotations

import csv
import io

import httpx

from customers_mock.testing import MockServer
from tests.packaging.conftest import Dist, Venv, lowest_versions, run


def test_the_wheel_installs_a_working_customers_script_at_the_floor_versions(
    dist: Dist, venv: Venv, mock_server: MockServer
) -> None:
    """With click and rich at the floor of their ranges, the installed script exports every customer and a table."""
    floors = lowest_versions("customers-cli", ("click", "rich"))
    venv.install(dist.wheel("customers-cli"), *floors, find_links=dist.folder)
    installed = venv.packages()
    assert {f"{name}=={installed[name]}" for name in ("click", "rich")} == set(floors)
    assert {"customers-sdk", "customers-mock"} <= set(installed)  # the client layer, and the mock for --mock
    script = venv.path / "bin" / "customers"
    version = run([script, "--version"], cwd=venv.workdir).stdout
    cli_version = dist.wheel("customers-cli").name.split("-")[1]  # installed from a path: not in the freeze's pins
    assert version.startswith(f"customers {cli_version} (customers-sdk {installed['customers-sdk']},")
    env_args = [  # the demo credentials as the SDK's environment variables
        "env",
        f"STRADDLE_API_KEY={mock_server.straddle_api_key}",
        f"SEQUENCE_CLIENT_ID={mock_server.sequence_client_id}",
        f"SEQUENCE_CLIENT_SECRET={mock_server.sequence_client_secret}",
    ]

    exported = run([*env_args, script, "straddle", "list", "--base-url", mock_server.base_url, "--all",
                    "--page-size", "7", "--format", "csv"], cwd=venv.workdir)  # fmt: skip
    table = run([*env_args, script, "sequence", "list", "--base-url", mock_server.base_url, "--limit", "3",
                 "--format", "table"], cwd=venv.workdir)  # fmt: skip

    demo = run([script, "straddle", "list", "--mock", "--format", "jsonl", "--quiet"], cwd=venv.workdir)

    assert len(demo.stdout.splitlines()) > 0  # --mock runs the installed mock
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    straddle = httpx.get(mock_server.straddle_url, headers=mock_server.straddle_headers).json()
    assert len(rows) == straddle["meta"]["total_items"]
    assert len({row["id"] for row in rows}) == len(rows)
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["id", "legalName", "email", "label", "taxStatus", "createdAt"]
    assert len([line for line in lines[2:] if line.strip()]) == 3
