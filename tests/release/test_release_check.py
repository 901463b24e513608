"""make release-check's version rule on a copy of the repository with a release tag: it passes while every
changed distribution has a new version, and fails naming the one whose code changed without one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import release_check
import versioning

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("pyproject.toml", "generated", "packages", "CHANGELOG.md")
SDK_CLIENT = Path("packages/customers-sdk/src/customers_sdk/__init__.py")


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=release-test", "-c", "user.email=release-test@example.invalid"]
    git = shutil.which("git") or "git"
    subprocess.run([git, *identity, *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the workspace's distributions as a git repository whose HEAD is tagged as the release v0.2.0."""
    root = tmp_path / "repo"
    root.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache")
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, root / name)
    _git(root, "init", "--quiet")
    _git(root, "add", "--all")
    _git(root, "commit", "--quiet", "--message", "release 0.2.0")
    _git(root, "tag", "v0.2.0")
    return root


def _check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = ROOT / "scripts" / "release_check.py"
    env = {**os.environ, "REGEN_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, str(script), "--versions-only", *args], env=env, capture_output=True, text=True, check=False
    )


def _set_sdk_version(root: Path, version: str) -> None:
    versioning.set_project_version(root / "packages" / "customers-sdk", version)


def _sdk_version(root: Path) -> str:
    return versioning.project_version(root / "packages" / "customers-sdk")


def test_passes_at_the_release_and_fails_on_changed_code_without_a_new_version(repo: Path) -> None:
    """Unchanged since v0.2.0: passes. SDK code changed and committed, version kept: fails naming the SDK."""
    assert _check(repo).returncode == 0

    source = repo / SDK_CLIENT
    source.write_text(source.read_text() + "\n# a change\n")
    _git(repo, "commit", "--quiet", "--all", "--message", "change the SDK")
    result = _check(repo)

    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("FAIL customers-sdk: 1 file(s) changed since v0.2.0 (packages/customers-sdk/src/")
    assert f"the version is still {_sdk_version(repo)}; raise it in packages/customers-sdk/pyproject.toml" in line


def test_a_raised_version_passes_and_a_lowered_one_fails(repo: Path) -> None:
    """The same change with the SDK's next version passes; a version below the released one fails."""
    released = _sdk_version(repo)
    (repo / SDK_CLIENT).write_text((repo / SDK_CLIENT).read_text() + "\n# a change\n")
    _set_sdk_version(repo, versioning.next_version(released, breaking=False))
    assert _check(repo).returncode == 0, _check(repo).stderr

    _set_sdk_version(repo, "0.0.1")
    result = _check(repo)
    assert result.returncode == 1
    assert f"customers-sdk: version 0.0.1 is lower than {released} at v0.2.0" in result.stderr


def test_new_untracked_files_count_as_a_change(repo: Path) -> None:
    """A new module not yet added to git is part of the next release too."""
    (repo / "packages" / "customers-mock" / "src" / "customers_mock" / "extra.py").write_text("X = 1\n")
    result = _check(repo)
    assert result.returncode == 1
    assert "customers-mock: 1 file(s) changed since v0.2.0 (packages/customers-mock/src/customers_mock/extra.py)" in (
        result.stderr
    )


def test_release_notes_are_the_changelog_section_of_the_version() -> None:
    """The GitHub release's text is CHANGELOG.md's `## <version> - <date>` section, without the next one."""
    notes = release_check.release_notes("0.2.0")
    assert notes.startswith("### All distributions\n")
    assert "## 0.1.0" not in notes
    with pytest.raises(SystemExit, match=r"no section '## 9\.9\.9 - <date>'"):
        release_check.release_notes("9.9.9")


def test_a_tag_that_is_not_the_release_version_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """The release workflow's tag must be v + the root pyproject.toml's version; another fails before anything else."""
    release = versioning.project(ROOT)["version"]
    assert release_check.main(["--tag", "v9.9.9"]) == 1
    assert f"FAIL tag v9.9.9 is not v{release}, the version in pyproject.toml" in capsys.readouterr().err
