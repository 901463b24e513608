"""Versions of the distributions: the versioning policy (README "Versions and upgrades"), in code.

Every distribution has a semantic version a user can pin with a compatible range (``~=X.Y``):

- a change the change report calls breaking raises the major version (``1.4.2 -> 2.0.0``); before
  1.0 it raises the minor (``0.2.1 -> 0.3.0``), so ``~=0.2.1`` is the compatible range there;
- any other change raises the minor version (``1.4.2 -> 1.5.0``), before 1.0 the patch (``0.2.1 -> 0.2.2``);
- versions only increase. A version without the shape ``MAJOR.MINOR[.PATCH]`` (``sequence-client``'s
  calendar-like ``2024.7.30.1``, from the time the client's version was its spec's ``info.version``)
  becomes the semantic version whose major is the next integer above its first number (``2025.0.0``),
  so that pip sees an upgrade; from there the major counts breaking changes (``2026.0.0`` is the next),
  it is not a date. The other way to sort above it, a PEP 440 epoch (``1!1.0.0``), was not taken: pins
  would have to spell it (``~=1!1.0``; without it they match nothing), and GitHub renames release
  files with a ``!`` in their name, which breaks the wheel's file name. The date that matters to a
  user, the vendor's API version, is carried apart, in ``__api_version__``.

``make generate`` (``regen.py``) raises the versions of the distributions it writes into, and
``release_check.py`` holds every other distribution to the same rule at release time.
The record of what each version contains is ``generated/versions.json`` (``Record``).
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

_SEMVER = re.compile(r"^(?:(?P<epoch>\d+)!)?(?P<major>\d+)\.(?P<minor>\d+)(?:\.(?P<patch>\d+))?$")
# Files that running or importing a package leaves behind; never part of its content.
_NOT_CONTENT = ("__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache")


def next_version(current: str | None, *, breaking: bool) -> str:
    """The version after ``current`` for a change that is ``breaking`` or not (``None``: a new distribution)."""
    if current is None:
        return "1.0.0"
    match = _SEMVER.match(current)
    if match is None:  # another scheme: the next major above its first number, so that pip sees an upgrade
        old = Version(current)
        return f"{f'{old.epoch}!' if old.epoch else ''}{old.release[0] + 1}.0.0"
    epoch = f"{match['epoch']}!" if match["epoch"] else ""
    major, minor, patch = int(match["major"]), int(match["minor"]), int(match["patch"] or 0)
    if major == 0:
        return f"{epoch}0.{minor + 1}.0" if breaking else f"{epoch}0.{minor}.{patch + 1}"
    return f"{epoch}{major + 1}.0.0" if breaking else f"{epoch}{major}.{minor + 1}.0"


def is_semantic(version: str) -> bool:
    """``MAJOR.MINOR[.PATCH]`` (with an optional epoch): the shape this policy gives versions."""
    return _SEMVER.match(version) is not None


def compatible_range(version: str) -> str:
    """The range a user pins to get every later version without a breaking change: ``~=1.4`` / ``~=0.2.1``."""
    match = _SEMVER.match(version)
    if match is None:
        return f"=={version}"
    epoch = f"{match['epoch']}!" if match["epoch"] else ""
    if match["major"] == "0":
        return f"~={epoch}0.{match['minor']}.{match['patch'] or 0}"
    return f"~={epoch}{match['major']}.{match['minor']}"


# ---- the spec's own revision ---------------------------------------------------------------------

_INFO_VERSION = re.compile(r"^(?P<head>info:\n(?:(?:[ \t]+.*|[ \t]*)\n)*?[ \t]+version:[ \t]*)(?P<value>.+)$", re.M)


def spec_version(text: str) -> str | None:
    """``info.version`` as written in a spec's YAML text (quotes removed)."""
    match = _INFO_VERSION.search(text)
    return match["value"].strip().strip("'\"") if match else None


def raise_spec_revision(text: str) -> str:
    """The spec's YAML text with the last number of ``info.version`` raised (``2024-07-30.1 -> 2024-07-30.2``).

    A line edit, so that the hand-written file keeps its comments and layout.
    """
    current = spec_version(text)
    numbers = re.match(r"^(.*?)(\d+)$", current or "")
    if current is None or numbers is None:
        raise SystemExit(f"info.version {current!r} does not end in a number that make generate could raise")
    raised = f"{numbers[1]}{int(numbers[2]) + 1}"
    return _INFO_VERSION.sub(lambda m: f'{m["head"]}"{raised}"', text, count=1)


# ---- content and its record ------------------------------------------------------------------------


def fingerprint(paths: list[Path], base: Path) -> str:
    """sha256 over the files at ``paths`` (folders: every file below), named relative to ``base``."""
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if any(part in _NOT_CONTENT for part in file.relative_to(base).parts) or file.suffix == ".pyc":
                continue
            digest.update(file.relative_to(base).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """A distribution's version and the fingerprint of its machine-written content when it was given."""

    version: str
    paths: tuple[str, ...]  # what make generate writes in it, relative to the repository
    sha256: str


class Record:
    """``generated/versions.json``: one ``Entry`` per distribution whose content ``make generate`` writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        raw = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        self.entries = {
            name: Entry(e["version"], tuple(e["paths"]), e["sha256"])
            for name, e in raw.get("distributions", {}).items()
        }

    def save(self) -> None:
        data = {
            "comment": "Written by make generate: each distribution's version and the sha256 of what make generate"
            " wrote into it when that version was given (README 'Versions and upgrades').",
            "distributions": {
                name: {"version": e.version, "paths": list(e.paths), "sha256": e.sha256}
                for name, e in sorted(self.entries.items())
            },
        }
        self.path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


# ---- the workspace ---------------------------------------------------------------------------------


def workspace_members(root: Path) -> dict[str, Path]:
    """Distribution name -> folder, for every member of the uv workspace (the root ``pyproject.toml``).

    A folder without one (a partial copy of the repository, as some tests make) has no members.
    """
    if not (root / "pyproject.toml").is_file():
        return {}
    workspace = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["uv"]["workspace"]
    members: dict[str, Path] = {}
    for pattern in workspace["members"]:
        for folder in sorted(root.glob(pattern)):
            if (folder / "pyproject.toml").is_file():
                members[str(project(folder)["name"])] = folder
    return members


def project(folder: Path) -> dict[str, object]:
    """The ``[project]`` table of ``folder/pyproject.toml``."""
    table: dict[str, object] = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return table


def project_version(folder: Path) -> str:
    return str(project(folder)["version"])


def set_project_version(folder: Path, version: str) -> None:
    """Rewrite the ``version = "..."`` line of a hand-written ``pyproject.toml`` (nothing else changes)."""
    path = folder / "pyproject.toml"
    text, count = re.subn(
        r'^version = ".*"$', f'version = "{version}"', path.read_text(encoding="utf-8"), count=1, flags=re.M
    )
    if count != 1:
        raise SystemExit(f'{path}: no `version = "..."` line to raise')
    path.write_text(text, encoding="utf-8")


def excluded_by_dependents(root: Path, name: str, version: str) -> list[str]:
    """``member requires <requirement>`` for each workspace member whose requirement on ``name`` excludes it."""
    found = []
    for member, folder in workspace_members(root).items():
        requirements = project(folder).get("dependencies") or []
        assert isinstance(requirements, list)
        for line in requirements:
            requirement = Requirement(str(line))
            if requirement.name == name and not requirement.specifier.contains(version, prereleases=True):
                found.append(f"{member} requires {requirement}")
    return found
