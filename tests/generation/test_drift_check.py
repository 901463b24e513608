"""The drift check passes on the committed tree and names the stale client when a spec changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for folder in ("openapi", "generated", "packages/customers-mock/src/customers_mock/specs"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    # The workspace's distributions and their versions (the check compares content and version records).
    for pyproject in [ROOT / "pyproject.toml", *ROOT.glob("packages/*/pyproject.toml")]:
        (root / pyproject.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(pyproject, root / pyproject.relative_to(ROOT))
    return root


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGEN_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regen.py"), "--check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_fails_naming_the_stale_client_after_a_spec_edit(tmp_path: Path) -> None:
    """Editing only a description in the Straddle spec makes the check fail on the Straddle outputs alone."""
    root = _copy_project(tmp_path)
    spec = root / "openapi" / "straddle.yaml"
    text = spec.read_text()
    assert "General search term to filter customers." in text
    spec.write_text(text.replace("General search term to filter customers.", "Search across fields."))

    result = _check(root)

    assert result.returncode == 1
    stale = [line for line in result.stderr.splitlines() if line.startswith("STALE:")]
    assert len(stale) == 2, result.stderr
    assert stale[0].startswith("STALE: generated/straddle-client does not match openapi/straddle.yaml")
    assert stale[1].startswith(
        "STALE: packages/customers-mock/src/customers_mock/specs/straddle.yaml is not a copy of openapi/straddle.yaml"
    )


def test_check_passes_on_an_unchanged_copy(tmp_path: Path) -> None:
    """The same check on an untouched copy passes, so the failure above is caused by the edit."""
    result = _check(_copy_project(tmp_path))
    assert result.returncode == 0, result.stderr
