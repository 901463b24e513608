"""The CI recipe users copy (.github/workflows/contract.yml) runs exactly what `.ci/run` runs, and is linted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from customers_contract import targets
from tests.support import specs

WORKFLOW = specs.ROOT / ".github" / "workflows" / "contract.yml"
CHECK = [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]


def _workflow() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text())
    return data


def test_every_test_step_is_ci_run() -> None:
    """The only commands the workflow runs are .ci/run (push) and .ci/run live (schedule): no second definition."""
    runs = {job: [step["run"] for step in spec["steps"] if "run" in step] for job, spec in _workflow()["jobs"].items()}
    assert runs == {"test": ["bash .ci/run"], "live": ["bash .ci/run live"]}


def test_live_job_is_scheduled_and_takes_credentials_from_secrets() -> None:
    """The live job runs on a schedule (and by hand) with every credential variable from repository secrets."""
    workflow = _workflow()
    assert workflow[True]["schedule"]  # type: ignore[index]  # YAML 1.1 reads the key `on` as True
    env = workflow["jobs"]["live"]["env"]
    for names in targets.CREDENTIAL_VARS.values():
        for name in names:
            assert env[name] == f"${{{{ secrets.{name} }}}}"
    assert "schedule" in workflow["jobs"]["live"]["if"]


def test_push_job_uploads_junit_and_the_schemathesis_html_report() -> None:
    """The push job keeps the JUnit files and the Schemathesis HTML report as artifacts, even when it fails."""
    [upload] = [s for s in _workflow()["jobs"]["test"]["steps"] if s.get("uses", "").startswith("actions/upload")]
    assert upload["if"] == "always()"
    assert {"reports/*.xml", "reports/schemathesis-html/"} <= set(upload["with"]["path"].split())


def test_workflow_schema_check_passes_and_can_fail(tmp_path: Path) -> None:
    """The workflow passes the schema check scripts/lint runs, and a broken copy of it does not."""
    assert subprocess.run([*CHECK, str(WORKFLOW)], capture_output=True, check=False).returncode == 0
    broken = tmp_path / "broken.yml"
    shutil.copy(WORKFLOW, broken)
    broken.write_text(broken.read_text().replace("runs-on:", "runs_on:", 1))
    result = subprocess.run([*CHECK, str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "runs_on" in result.stdout + result.stderr or "runs-on" in result.stdout + result.stderr
