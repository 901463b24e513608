"""A copy of the repository in a temporary folder, where a test edits a spec and watches what follows.

Everything runs in the copy, as a user would there: its own ``scripts/regen.py`` (``make generate``),
mypy over a user's snippet against the copy's regenerated packages, and the copy's own tests. The
virtualenv is this one; ``PYTHONPATH`` puts the copy's packages before the editable installs of this
checkout, so the copy's code is what gets imported (the mock server's subprocess inherits it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import yaml

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("openapi", "generated", "packages", "scripts", "tests", "CHANGELOG.md", "pyproject.toml")
PACKAGE_DIRS = (
    "packages/customers-sdk/src",
    "packages/customers-mock/src",
    "packages/customers-contract/src",
    "generated/sequence-client",
    "generated/straddle-client",
)
_IGNORED = shutil.ignore_patterns("__pycache__", ".mypy_cache", ".pytest_cache", "*.pyc")


@dataclass(frozen=True)
class Run:
    """A finished command: exit code and what it printed (stdout then stderr)."""

    returncode: int
    output: str


@dataclass(frozen=True)
class Project:
    """The copy: ``root``, and a mypy cache shared by every copy of the session (the third-party part is the same)."""

    root: Path
    mypy_cache: Path

    @classmethod
    def copy(cls, into: Path, mypy_cache: Path) -> Project:
        root = into / "project"
        for name in COPIED:
            source, target = ROOT / name, root / name
            if source.is_dir():
                shutil.copytree(source, target, ignore=_IGNORED)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        return cls(root, mypy_cache)

    def _env(self) -> dict[str, str]:
        paths = [str(self.root / p) for p in PACKAGE_DIRS]
        return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "PYTHONDONTWRITEBYTECODE": "1"}

    def _run(self, *args: str) -> Run:
        result = subprocess.run(
            [sys.executable, *args], cwd=self.root, env=self._env(), capture_output=True, text=True, check=False
        )
        return Run(result.returncode, result.stdout + result.stderr)

    def edit_spec(self, api: str, change: Callable[[dict[str, Any]], None]) -> None:
        """Apply ``change`` to the parsed ``openapi/<api>.yaml`` and write it back."""
        path = self.root / "openapi" / f"{api}.yaml"
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")

    def regenerate(self, *options: str) -> Run:
        """``make generate`` in the copy (``scripts/regen.py``), with ``options`` such as --fail-on-breaking."""
        return self._run("scripts/regen.py", *options)

    def python(self, code: str) -> Run:
        """Run ``code`` with the copy's Python packages (a mock it starts is the copy's too)."""
        return self._run("-c", textwrap.dedent(code))

    def changed_under(self, folder: str) -> list[str]:
        """Files under ``folder`` that differ between the copy and this checkout (added, removed or changed)."""
        ours, theirs = ROOT / folder, self.root / folder
        names = {
            str(path.relative_to(base))
            for base in (ours, theirs)
            for path in base.rglob("*")
            if path.is_file() and not _IGNORED(str(base), list(path.relative_to(base).parts))
        }
        return sorted(
            f"{folder}/{name}"
            for name in names
            if not ((ours / name).is_file() and (theirs / name).is_file())
            or (ours / name).read_bytes() != (theirs / name).read_bytes()
        )

    def mypy(self, code: str) -> list[str]:
        """mypy --strict (the project's configuration) over ``code`` as a user's module: its error lines."""
        snippet = self.root / "user_code.py"
        snippet.write_text(textwrap.dedent(code), encoding="utf-8")
        run = self._run("-m", "mypy", "--cache-dir", str(self.mypy_cache), "--no-error-summary", snippet.name)
        return [line for line in run.output.splitlines() if ": error:" in line]

    def pytest(self, *node_ids: str) -> SuiteRun:
        """Run the copy's tests ``node_ids`` (each must exist): the tests that passed, and each failure's message."""
        report = self.root / "pytest-report.xml"
        run = self._run("-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junit-xml={report}", *node_ids)
        if run.returncode not in (0, 1):  # 0: all passed, 1: some failed; anything else: not run as asked
            raise AssertionError(f"pytest exited {run.returncode}:\n{run.output[-3000:]}")
        passed, failures = [], {}
        # The report is pytest's own, written just now in our temporary folder: not untrusted XML.
        for case in ElementTree.parse(report).getroot().iter("testcase"):  # noqa: S314
            problem = case.find("failure")
            if problem is None:
                problem = case.find("error")
            if problem is None:
                passed.append(case.get("name", ""))
            else:
                failures[case.get("name", "")] = problem.get("message", "")
        return SuiteRun(passed, failures, run.output)


@dataclass(frozen=True)
class SuiteRun:
    """What the copy's test suite said: which tests passed, and each failed test's message."""

    passed: list[str]  # test names, e.g. "test_every_spec_parameter_has_a_case[sequence-cases0]"
    failures: dict[str, str]  # test name -> the failure's message
    output: str
