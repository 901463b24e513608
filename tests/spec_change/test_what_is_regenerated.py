"""make generate generates a client again only when something it is made from changed.

A client is skipped when its spec, config, templates and the tools are those of its last generation
and its files are those its version was given with; a hand edit under generated/ is undone by
generating (tests/spec_change/test_versions.py), and a spec edit by the tests of test_spec_changes.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec_change.project import Project

CLIENTS = ("sequence-client", "straddle-client")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the repository."""
    return Project.copy(tmp_path, tmp_path / "mypy-cache")


def test_nothing_changed_nothing_is_written(project: Project) -> None:
    """On an untouched copy both clients are up to date and nothing in the copy changes.

    A guard on the skip's path (it still saves versions.json and provenance.json): it held before the skip too,
    whose own effect, no generator run, shows only in time (`make bench`, regeneration: 1.59 -> 0.15 s).
    """
    run = project.regenerate()

    assert run.returncode == 0, run.output
    for client in CLIENTS:
        assert f"{client}: up to date" in run.output
    for folder in ("generated", "openapi", "packages"):
        assert project.changed_under(folder) == []


def test_a_template_edit_regenerates_both_clients_though_no_spec_changed(project: Project) -> None:
    """A line added to a custom template reaches both clients, each with a new version; the check then passes."""
    template = project.root / "openapi" / "templates" / "README.md.jinja"
    template.write_text(template.read_text() + "\nEdited template line.\n")

    run = project.regenerate()

    assert run.returncode == 0, run.output
    for client in CLIENTS:
        api = client.removesuffix("-client")
        assert f"{client}: regenerated from openapi/{api}.yaml" in run.output
        assert "Edited template line." in (project.root / "generated" / client / "README.md").read_text()
        assert f"{client}: version " in run.output
    assert project.regenerate("--check").returncode == 0
