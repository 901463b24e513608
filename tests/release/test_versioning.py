"""The versioning policy in code (scripts/versioning.py): each step, and that pip orders the results as upgrades."""

from __future__ import annotations

from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

import versioning

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("current", "breaking", "expected"),
    [
        ("1.4.2", False, "1.5.0"),
        ("1.4.2", True, "2.0.0"),
        ("1.1", False, "1.2.0"),
        ("0.2.1", False, "0.2.2"),
        ("0.2.1", True, "0.3.0"),
        ("1!1.3.0", True, "1!2.0.0"),
        ("2024.7.30.1", False, "2025.0.0"),
        ("2024.7.30.1", True, "2025.0.0"),
        (None, False, "1.0.0"),
    ],
)
def test_next_version_steps(current: str | None, breaking: bool, expected: str) -> None:
    """Breaking: major (minor before 1.0); otherwise minor (patch before 1.0); another scheme: the next major."""
    assert versioning.next_version(current, breaking=breaking) == expected


@pytest.mark.parametrize("current", ["2024.7.30.1", "1.1", "1.4.2", "0.2.1", "1!1.3.0"])
def test_every_step_is_an_upgrade_and_only_a_breaking_one_leaves_the_compatible_range(current: str) -> None:
    """pip sees every next version as higher; the user's compatible range admits the next non-breaking version only."""
    after = versioning.next_version(current, breaking=False)
    broken = versioning.next_version(after, breaking=True)
    assert Version(current) < Version(after) < Version(broken)
    pin = SpecifierSet(versioning.compatible_range(after))
    assert after in pin
    assert versioning.next_version(after, breaking=False) in pin
    assert broken not in pin


def test_raising_the_spec_revision_keeps_the_rest_of_the_file() -> None:
    """Only info.version's last number changes; comments and a `version` key elsewhere stay as they were."""
    text = 'openapi: 3.1.0\ninfo:\n  title: T\n  # a comment\n  version: "2024-07-30.9"\npaths: {}\nx:\n  version: 3\n'
    raised = versioning.raise_spec_revision(text)
    assert raised == text.replace('"2024-07-30.9"', '"2024-07-30.10"')
    assert versioning.spec_version(raised) == "2024-07-30.10"


def test_a_spec_version_without_a_number_at_the_end_is_refused() -> None:
    """make generate cannot guess how to raise `info.version: beta`; it says so instead of writing nonsense."""
    with pytest.raises(SystemExit, match="does not end in a number"):
        versioning.raise_spec_revision("info:\n  version: beta\n")


def test_workspace_members_are_read_from_the_root_pyproject() -> None:
    """Every member the root pyproject.toml lists, by distribution name (new members need no code change)."""
    members = versioning.workspace_members(ROOT)
    assert {"sequence-client", "straddle-client", "customers-sdk", "customers-mock"} <= set(members)
    assert all((folder / "pyproject.toml").is_file() for folder in members.values())


def test_the_sdk_admits_the_clients_it_is_built_with_and_no_next_major() -> None:
    """customers-sdk's client ranges admit today's clients and exclude each client's next breaking version."""
    members = versioning.workspace_members(ROOT)
    for client in ("sequence-client", "straddle-client"):
        version = versioning.project_version(members[client])
        assert versioning.excluded_by_dependents(ROOT, client, version) == []
        breaking = versioning.next_version(version, breaking=True)
        assert "customers-sdk requires" in " ".join(versioning.excluded_by_dependents(ROOT, client, breaking))
