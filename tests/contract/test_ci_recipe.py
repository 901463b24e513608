"""The CI recipe users copy: the Action (action.yml) and this repository's workflow, which calls it and .ci/run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from customers_contract import targets
from tests.support import specs

ACTION = specs.ROOT / "action.yml"
WORKFLOW = specs.ROOT / ".github" / "workflows" / "contract.yml"
BIN = Path(sys.executable).parent
CHECK = {
    ACTION: [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-actions"],
    WORKFLOW: [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"],
}
ZIZMOR = [str(BIN / "zizmor"), "--offline", "--quiet"]


def _yaml(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text())
    return data


def test_push_job_runs_ci_run_and_live_job_calls_the_action_of_this_repository() -> None:
    """Push: `.ci/run` (make test) only; schedule: `uses: ./`, the recipe users copy, not a second definition."""
    jobs = _yaml(WORKFLOW)["jobs"]
    assert [step["run"] for step in jobs["test"]["steps"] if "run" in step] == ["bash .ci/run"]
    live = jobs["live"]["steps"]
    assert not [step for step in live if "run" in step]
    [action] = [step for step in live if step.get("uses") == "./"]
    assert action["with"]["against"] == "live"


def test_live_job_is_scheduled_and_takes_credentials_from_secrets() -> None:
    """The live job runs on a schedule (and by hand) with every credential variable from repository secrets."""
    workflow = _yaml(WORKFLOW)
    assert workflow[True]["schedule"]  # type: ignore[index]  # YAML 1.1 reads the key `on` as True
    [action] = [step for step in workflow["jobs"]["live"]["steps"] if step.get("uses") == "./"]
    for names in targets.CREDENTIAL_VARS.values():
        for name in names:
            assert action["env"][name] == f"${{{{ secrets.{name} }}}}"
    assert "schedule" in workflow["jobs"]["live"]["if"]


def test_the_action_never_uploads_the_raw_exchanges_of_a_live_run() -> None:
    """A live run's artifact holds the summary, drift and coverage reports only: no NDJSON, HTML, JUnit or logs."""
    steps = _yaml(ACTION)["runs"]["steps"]
    [live] = [s for s in steps if "uploads" not in s and "against == 'live'" in str(s.get("if", ""))]
    paths = {line.strip().split("/", 1)[1] for line in live["with"]["path"].splitlines() if line.strip()}
    assert paths == {"summary.md", "drift.*", "coverage-*.md", "coverage-*.json"}
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert all("always()" in s["if"] for s in uploads)
    assert {("against == 'live'" in s["if"]) for s in uploads} == {True, False}


def test_inputs_reach_the_command_through_the_environment_only() -> None:
    """No `${{ inputs.* }}` inside a shell script (template injection); the secrets are never inputs."""
    action = _yaml(ACTION)
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]
    assert not {name for name in action["inputs"] if "key" in name or "secret" in name}
    assert {"against", "apis", "budget", "rate", "max-minutes", "version", "spec"} <= set(action["inputs"])


def test_every_action_is_pinned_to_a_commit_and_checkouts_keep_no_credentials() -> None:
    """Every remote `uses:` names a 40-hex commit with its version in a comment; checkout persists nothing."""
    for path in (ACTION, WORKFLOW):
        for line in path.read_text().splitlines():
            if line.strip().startswith(("uses:", "- uses:")) and "./" not in line:
                commit, comment, version = line.split("@", 1)[1].split()
                assert re.fullmatch("[0-9a-f]{40}", commit), line
                assert (comment, version[0]) == ("#", "v"), line
    checkouts = [
        step for job in _yaml(WORKFLOW)["jobs"].values() for step in job["steps"]
        if step.get("uses", "").startswith("actions/checkout@")
    ]  # fmt: skip
    assert checkouts
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_schema_checks_pass_and_can_fail(tmp_path: Path) -> None:
    """The Action and the workflow pass the schema checks scripts/lint runs, and broken copies do not."""
    for path, check in CHECK.items():
        assert subprocess.run([*check, str(path)], capture_output=True, check=False).returncode == 0
        broken = tmp_path / path.name
        shutil.copy(path, broken)
        broken.write_text(broken.read_text().replace("runs-on:", "runs_on:").replace("using: composite", "usin: x"))
        result = subprocess.run([*check, str(broken)], capture_output=True, text=True, check=False)
        assert result.returncode != 0, path


def test_zizmor_is_clean_and_finds_an_unpinned_action(tmp_path: Path) -> None:
    """zizmor (offline) has no finding on the Action and workflow, and flags a tag-pinned, credential-keeping copy."""
    clean = subprocess.run([*ZIZMOR, str(ACTION), str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    unsafe = tmp_path / ".github" / "workflows" / "contract.yml"
    unsafe.parent.mkdir(parents=True)
    text = WORKFLOW.read_text().replace("@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "@v4")
    unsafe.write_text(text.replace("persist-credentials: false", "persist-credentials: true"))
    found = subprocess.run([*ZIZMOR, str(unsafe)], capture_output=True, text=True, check=False)
    assert found.returncode != 0
    assert "unpinned-uses" in found.stdout + found.stderr


def test_the_readme_workflow_for_a_users_repository_is_valid(tmp_path: Path) -> None:
    """The README's ~15-line workflow passes the workflow schema and calls this repository's Action with secrets."""
    section = (specs.ROOT / "README.md").read_text().split("## Contract testing in your CI", 1)[1]
    recipe = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert len(recipe.splitlines()) <= 20
    path = tmp_path / "contract.yml"
    path.write_text(recipe)
    result = subprocess.run([*CHECK[WORKFLOW], str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    [step] = yaml.safe_load(recipe)["jobs"]["live"]["steps"]
    assert step["uses"].split("@")[0].endswith("/customers-toolkit")
    assert set(step["with"]) <= set(_yaml(ACTION)["inputs"])
    assert {"SEQUENCE_CLIENT_ID", "SEQUENCE_CLIENT_SECRET", "STRADDLE_API_KEY"} <= set(step["env"])
