"""Every change gets a new version: make generate raises the versions of what it writes, and the check holds them.

The added-parameter case, through to ``pip install --upgrade`` of a built wheel, is in
tests/packaging/test_upgrade.py; here: a removed parameter (the breaking step), and the check failing
on spec copies whose distribution kept its version and on a hand edit under generated/.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from packaging.version import Version

import versioning
from tests.spec_change.project import Project

STRADDLE_OP = ("paths", "/v1/customers", "get")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the repository."""
    return Project.copy(tmp_path, tmp_path / "mypy-cache")


def versions(project: Project) -> dict[str, Version]:
    """Each workspace distribution's version in the copy."""
    members = versioning.workspace_members(project.root)
    return {name: Version(versioning.project_version(folder)) for name, folder in members.items()}


def remove_search_text(document: dict[str, Any]) -> None:
    operation = document["paths"]["/v1/customers"]["get"]
    operation["parameters"] = [p for p in operation["parameters"] if p.get("name") != "search_text"]


def test_a_removed_parameter_raises_the_major_version(project: Project) -> None:
    """search_text removed: straddle-client's next major, the mock's breaking step; unraised copies fail the check."""
    before = versions(project)
    spec_before = versioning.spec_version((project.root / "openapi" / "straddle.yaml").read_text())
    record_path = project.root / "generated" / "versions.json"
    mock_pyproject = project.root / "packages" / "customers-mock" / "pyproject.toml"
    record_before, mock_pyproject_before = json.loads(record_path.read_text()), mock_pyproject.read_text()

    project.edit_spec("straddle", remove_search_text)
    run = project.regenerate()

    assert run.returncode == 0, run.output
    after = versions(project)
    assert after["straddle-client"] == Version(versioning.next_version(str(before["straddle-client"]), breaking=True))
    assert after["straddle-client"].major == before["straddle-client"].major + 1
    assert after["customers-mock"] == Version(versioning.next_version(str(before["customers-mock"]), breaking=True))
    assert after["sequence-client"] == before["sequence-client"]
    assert after["customers-sdk"] == before["customers-sdk"]  # hand-written: release-check's business
    # The spec's own revision, and the constants of the regenerated client.
    spec_after = versioning.spec_version((project.root / "openapi" / "straddle.yaml").read_text())
    assert spec_after is not None
    assert spec_after != spec_before
    init = (project.root / "generated" / "straddle-client" / "straddle_client" / "__init__.py").read_text()
    assert f'__version__ = "{after["straddle-client"]}"' in init
    assert f'__spec_version__ = "{spec_after}"' in init
    # Said in the report and the changelog; the SDK's range, which excludes the new major, is named.
    step = f"version {before['straddle-client']} -> {after['straddle-client']} (a breaking change)"
    assert f"straddle-client: {step}" in run.output
    assert f"- {step[0].upper()}{step[1:]}" in (project.root / "CHANGELOG.md").read_text()
    assert "NOTE: customers-sdk requires straddle-client<2,>=1.1, which excludes the new version" in run.output
    # The regenerated copy is consistent: the check passes.
    assert project.regenerate("--check").returncode == 0

    # The mock's spec copies changed, but its version and record are put back: the check fails, naming it.
    record = json.loads(record_path.read_text())
    record["distributions"]["customers-mock"] = record_before["distributions"]["customers-mock"]
    record_path.write_text(json.dumps(record))
    mock_pyproject.write_text(mock_pyproject_before)
    check = project.regenerate("--check")
    assert check.returncode == 1
    assert "STALE: customers-mock: its content (packages/customers-mock/src/customers_mock/specs/" in check.output
    assert f"changed since version {before['customers-mock']} was given in generated/versions.json" in check.output


def test_a_hand_edit_under_generated_fails_the_check(project: Project) -> None:
    """One line added by hand to a generated module: the check fails naming the client; make generate undoes it."""
    module = project.root / "generated" / "sequence-client" / "sequence_client" / "client.py"
    module.write_text(module.read_text() + "\nPATCHED = True\n")

    run = project.regenerate("--check")

    assert run.returncode == 1
    assert "STALE: generated/sequence-client does not match openapi/sequence.yaml (sequence_client/client.py)" in (
        run.output
    )
    assert project.regenerate().returncode == 0
    assert "PATCHED" not in module.read_text()
