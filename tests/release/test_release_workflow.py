"""The release workflow (.github/workflows/release.yml) runs the local release check and keeps to least privilege."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
CHECK = [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]


def _workflow() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text())
    return data


def _steps() -> list[tuple[str, dict[str, Any]]]:
    return [(job, step) for job, spec in _workflow()["jobs"].items() for step in spec["steps"]]


def test_runs_on_a_version_tag_and_builds_with_make_release_check() -> None:
    """Triggered by a v* tag only; the build is `make release-check` with that tag, the command developers run."""
    workflow = _workflow()
    assert workflow[True] == {"push": {"tags": ["v*"]}}  # type: ignore[index]  # YAML 1.1 reads `on` as True
    runs = [step["run"] for _, step in _steps() if "run" in step]
    assert runs[0] == 'make release-check ARGS="--tag $TAG --dist dist --notes release-notes.md"'
    assert runs[1].startswith('gh release create "$TAG" dist/* ')
    assert "--notes-file release-notes.md" in runs[1]


def test_each_job_has_only_the_permissions_it_needs() -> None:
    """None at the top; read to build, write contents only to make the release, id-token only to publish."""
    workflow = _workflow()
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["github-release"]["permissions"] == {"contents": "write"}
    assert jobs["pypi"]["permissions"] == {"id-token": "write"}


def test_publishing_is_trusted_publishing_and_only_when_the_repository_enables_it() -> None:
    """The PyPI job runs only with the variable PYPI_PUBLISH set, in the `pypi` environment, with no token input."""
    pypi = _workflow()["jobs"]["pypi"]
    assert pypi["if"] == "vars.PYPI_PUBLISH == 'true'"
    assert pypi["environment"]["name"] == "pypi"
    [publish] = [s for s in pypi["steps"] if s.get("uses", "").startswith("pypa/gh-action-pypi-publish@")]
    assert set(publish.get("with", {})) == {"packages-dir"}


def test_actions_are_pinned_to_commits_and_checkouts_keep_no_credentials() -> None:
    """Every action is pinned to a full commit SHA with its version in a comment; no checkout persists its token."""
    text = WORKFLOW.read_text()
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"  # v\d+(\.\d+)*", comment), (action, comment)
    for _, step in _steps():
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_no_expression_is_expanded_inside_a_shell_command() -> None:
    """Values reach shell commands through env (no `${{ }}` inside `run`), so a tag name cannot inject code."""
    for _, step in _steps():
        assert "${{" not in step.get("run", "")


def test_workflow_passes_the_schema_check() -> None:
    """SchemaStore's GitHub Actions schema (check-jsonschema), as scripts/lint runs it on every workflow."""
    result = subprocess.run([*CHECK, str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
