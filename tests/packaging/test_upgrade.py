"""The issue's user story: a spec gains an optional filter; the regenerated client reaches an application by
``pip install --upgrade`` of its wheel, because make generate gave it a higher version (and the mock too)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from packaging.version import Version

import versioning
from tests.packaging.conftest import UV, Dist, run
from tests.spec_change.project import Project

SHOW = """
import inspect, sequence_client
from sequence_client.api.customers import list_customers
print(json.dumps({
    "version": sequence_client.__version__,
    "spec": sequence_client.__spec_version__,
    "api": sequence_client.__api_version__,
    "parameters": list(inspect.signature(list_customers.sync).parameters),
}))
"""


def add_region(document: dict[str, Any]) -> None:
    document["paths"]["/api/customers"]["get"]["parameters"].append(
        {
            "name": "region",
            "in": "query",
            "required": False,
            "description": "Filter by the customer's billing region.",
            "schema": {"type": "string", "enum": ["EU", "UK", "US"]},
        }
    )


def test_an_added_optional_parameter_arrives_by_pip_install_upgrade(dist: Dist, tmp_path: Path) -> None:
    """Regenerated: client and mock versions higher (non-breaking step); the new wheel upgrades the installed one."""
    project = Project.copy(tmp_path, tmp_path / "mypy-cache")
    members = versioning.workspace_members(project.root)
    before = {name: Version(versioning.project_version(folder)) for name, folder in members.items()}

    project.edit_spec("sequence", add_region)
    regenerated = project.regenerate()

    assert regenerated.returncode == 0, regenerated.output
    after = {name: Version(versioning.project_version(folder)) for name, folder in members.items()}
    assert after["sequence-client"] == Version(versioning.next_version(str(before["sequence-client"]), breaking=False))
    assert after["customers-mock"] > before["customers-mock"]
    assert after["straddle-client"] == before["straddle-client"]

    # A user's environment with the released client, upgraded with pip to the wheel of the regenerated one.
    wheels = tmp_path / "new-wheels"
    run([UV, "build", "--wheel", "--quiet", "--out-dir", wheels, members["sequence-client"]], cwd=project.root)
    (new_wheel,) = wheels.glob("sequence_client-*.whl")
    workdir, venv = tmp_path / "application", tmp_path / "venv"
    workdir.mkdir()
    run([UV, "venv", "--quiet", "--seed", "--python", sys.executable, venv], cwd=workdir)
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", dist.wheel("sequence-client")], cwd=workdir)
    installed = json.loads(run([python, "-c", "import json" + SHOW], cwd=workdir).stdout)
    assert installed["version"] == str(before["sequence-client"])
    assert "region" not in installed["parameters"]

    run([python, "-m", "pip", "install", "--quiet", "--upgrade", new_wheel], cwd=workdir)

    upgraded = json.loads(run([python, "-c", "import json" + SHOW], cwd=workdir).stdout)
    assert upgraded["version"] == str(after["sequence-client"])
    assert "region" in upgraded["parameters"]
    spec = versioning.spec_version((project.root / "openapi" / "sequence.yaml").read_text())
    assert upgraded["spec"] == spec != installed["spec"]
    assert upgraded["api"] == installed["api"] == "2024-07-30"
