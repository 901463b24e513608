"""What the distributions claim in their metadata holds: Python versions (classifiers == CI matrix == requires-python,
up to the newest CPython) and metadata that PyPI accepts and renders (twine check, as make release-check runs it)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet

import release_check
import versioning
from tests.packaging.conftest import ROOT, UV, Dist, run

# The newest CPython released: 3.15.0 came out in October 2026 (PEP 790); 3.16 is due in October 2027.
NEWEST_CPYTHON_MINOR = 15
WORKFLOW = ROOT / ".github" / "workflows" / "contract.yml"


def _admitted(requires_python: str) -> list[str]:
    """The minor versions of CPython 3, up to the newest released, that ``requires_python`` admits."""
    return [f"3.{m}" for m in range(NEWEST_CPYTHON_MINOR + 1) if SpecifierSet(requires_python).contains(f"3.{m}")]


def test_classifiers_the_ci_matrix_and_requires_python_name_the_same_versions() -> None:
    """Every distribution's version classifiers are exactly what requires-python admits, and CI tests exactly those."""
    matrix = yaml.safe_load(WORKFLOW.read_text())["jobs"]["test"]["strategy"]["matrix"]["python"]
    for name, folder in versioning.workspace_members(ROOT).items():
        project = tomllib.loads((folder / "pyproject.toml").read_text())["project"]
        admitted = _admitted(project["requires-python"])
        classified = [
            m[1]
            for c in project["classifiers"]
            if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))
        ]
        assert classified == admitted, name
        assert "Programming Language :: Python :: 3 :: Only" in project["classifiers"], name
        assert matrix == admitted, f"{WORKFLOW.name} tests {matrix}; {name} claims {admitted}"


def test_every_built_distribution_passes_twine_check(dist: Dist) -> None:
    """The session's sdists and wheels: valid metadata, README rendered as PyPI renders it (twine check --strict)."""
    files = sorted(p for p in dist.folder.iterdir() if p.suffix == ".whl" or p.name.endswith(".tar.gz"))
    assert len(files) == 2 * len(versioning.workspace_members(ROOT))
    output = release_check.check_metadata(files)
    assert output.count("PASSED") == len(files)


def test_twine_check_fails_on_a_readme_pypi_cannot_render(tmp_path: Path) -> None:
    """A distribution whose reStructuredText README does not render fails the same check, naming the problem."""
    (tmp_path / "src" / "toy").mkdir(parents=True)
    (tmp_path / "src" / "toy" / "__init__.py").write_text("")
    (tmp_path / "README.rst").write_text("Toy\n===\n\nAn `unclosed reference\n")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "toy"\nversion = "1.0.0"\nreadme = "README.rst"\n'
        '[build-system]\nrequires = ["uv_build>=0.13.0,<0.14"]\nbuild-backend = "uv_build"\n'
    )
    run([UV, "build", "--wheel", "--quiet", "--out-dir", tmp_path / "dist", tmp_path], cwd=tmp_path)

    with pytest.raises(SystemExit, match=r"(?s)FAILED.*long_description"):
        release_check.check_metadata(list((tmp_path / "dist").glob("*.whl")))
