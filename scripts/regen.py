"""Regenerate the clients in generated/ from the specs in openapi/, or check they are current.

    python scripts/regen.py                      # regenerate both clients (idempotent), print the change report
    python scripts/regen.py --fail-on-breaking   # the same, exit 1 when a change breaks client code
    python scripts/regen.py --check              # regenerate into a temporary folder and compare

Each client is a distribution of its own (``generated/<api>-client/``: pyproject.toml, README.md and the
package with py.typed, from the generator's ``--meta uv``). It is generated into a fresh temporary folder
and then swapped in whole, so a model removed from a spec disappears from generated/ too (the
generator's --overwrite keeps stray files). A client whose spec, config, templates and tools are those of
its last generation, and whose files are those its version was given with, is not generated again;
``--check`` always generates.

The mock server reads the specs at run time, so it carries a copy of each inside its package
(``customers_mock/specs/``); this script writes those copies too and the check compares them. Each
generated client ships its spec as package data (``<package>/openapi.yaml``, read by customers-contract).

When a spec or a client changed, it prints the change report (``change_report.py``: each change
breaking or non-breaking for client code, rules in docs/spec-changes.md) and adds it to CHANGELOG.md.
The templates get the spec's own descriptions through ``descriptions.py``.

Versions (``versioning.py``, README "Versions and upgrades"): a spec that changed since the last
generation gets its ``info.version`` revision raised (unless it was raised by hand), and every
distribution whose content this script writes (a generated client; the mock, for its spec copies)
gets a new version when that content changed: major for a change the report calls breaking, minor
otherwise. ``generated/versions.json`` records each version and the fingerprint of that content, so
the check fails when the content changed since its version was given (a hand edit included).
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

import change_report
import descriptions
import versioning
import yaml_text

# REGEN_ROOT lets the tests run the check on a copy of the project.
ROOT = Path(os.environ.get("REGEN_ROOT") or Path(__file__).resolve().parent.parent)
OPENAPI = ROOT / "openapi"
GENERATED = ROOT / "generated"
SHIPPED_SPEC = "openapi.yaml"  # the spec inside each generated client package
MOCK_SPECS = ROOT / "packages" / "customers-mock" / "src" / "customers_mock" / "specs"
TEMPLATES = OPENAPI / "templates"
PROVENANCE = GENERATED / "provenance.json"
RECORD = GENERATED / "versions.json"
_PLAIN = re.compile(r"^(~=|==)?[A-Za-z0-9][A-Za-z0-9._!-]*$")  # what a template may write into a string literal


@dataclass(frozen=True)
class Target:
    """One API: its spec, its generator config and the package it becomes."""

    api: str

    @property
    def spec(self) -> Path:
        return OPENAPI / f"{self.api}.yaml"

    @property
    def config(self) -> Path:
        return OPENAPI / f"{self.api}.config.yaml"

    @property
    def package(self) -> str:
        return f"{self.api}_client"

    @property
    def distribution(self) -> str:
        """The folder under generated/ (and the distribution's name): ``sequence-client``."""
        return f"{self.api}-client"

    @property
    def mock_spec(self) -> Path:
        return MOCK_SPECS / f"{self.api}.yaml"


TARGETS = (Target("sequence"), Target("straddle"))


def _versions_template(spec: dict[str, Any], where: Path, version: str) -> str:
    """``versions.jinja``: the spec's ``info.version``, the vendor API version it describes (``x-api-version``)
    and the compatible range of the distribution's ``version``, for the templates."""
    info = spec.get("info") or {}
    values = {
        "spec_version": info.get("version"),
        "api_version": info.get("x-api-version"),
        "compatible": versioning.compatible_range(version),
    }
    for name, value in values.items():
        if not isinstance(value, str) or not _PLAIN.match(value):
            raise SystemExit(f"{where.relative_to(ROOT)}: {name} {value!r} must be letters, digits and . _ - !")
    return "".join(f'{{% set {name} = "{value}" %}}\n' for name, value in values.items())


def _templates(target: Target, folder: Path, version: str) -> Path:
    """``openapi/templates/`` plus the spec's own descriptions and the versions (``versions.jinja``), in ``folder``."""
    shutil.rmtree(folder, ignore_errors=True)  # a second generation of the same target, as a new version
    shutil.copytree(TEMPLATES, folder, ignore=shutil.ignore_patterns("__pycache__"))
    spec = yaml_text.parse(target.spec.read_text(encoding="utf-8"))
    (folder / descriptions.TEMPLATE_NAME).write_text(descriptions.template(spec), encoding="utf-8")
    (folder / "versions.jinja").write_text(_versions_template(spec, target.spec, version), encoding="utf-8")
    return folder


def _generate(target: Target, out_dir: Path, version: str) -> None:
    """Run openapi-python-client for one target into ``out_dir`` (which must not exist), as version ``version``."""
    templates = _templates(target, out_dir.parent / f"templates-{out_dir.name}", version)
    # The distribution's version is ours (generated/versions.json), not the spec's info.version.
    config = yaml_text.parse(target.config.read_text(encoding="utf-8"))
    config["package_version_override"] = version
    config_file = out_dir.parent / f"{out_dir.name}.config.yaml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ)
    # Post-hooks call `ruff`; a hook whose program is missing is skipped with only a warning.
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    cmd = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path", str(target.spec),
        "--config", str(config_file),
        "--custom-template-path", str(templates),
        "--meta", "uv",
        "--output-path", str(out_dir),
        "--overwrite",
        "--fail-on-warning",
    ]  # fmt: skip
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"openapi-python-client failed for {target.spec.relative_to(ROOT)}")
    # The spec ships inside the client as package data (`<package>/openapi.yaml`), so whoever installs
    # a client version can read the contract it was generated from (customers-contract tests it).
    shutil.copyfile(target.spec, out_dir / target.package / SHIPPED_SPEC)


def _digest(*paths: Path) -> str:
    """sha256 over the given files (and every file below the given folders), in a stable order."""
    h = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            h.update(file.relative_to(ROOT).as_posix().encode())
            h.update(file.read_bytes())
    return h.hexdigest()


def _recorded_provenance() -> dict[str, Any]:
    """provenance.json as the last generation wrote it (empty before the first)."""
    recorded: dict[str, Any] = json.loads(PROVENANCE.read_text()) if PROVENANCE.exists() else {}
    return recorded


def _provenance() -> dict[str, Any]:
    """What generated/ was made from: inputs' hashes and tool versions."""
    return {
        "generator": f"openapi-python-client {version('openapi-python-client')}",
        "ruff": version("ruff"),
        "clients": {
            t.package: {
                "spec": t.spec.relative_to(ROOT).as_posix(),
                "inputs_sha256": _digest(t.spec, t.config, TEMPLATES),
            }
            for t in TARGETS
        },
    }


def _tree_differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two folders (added, removed or changed)."""
    cmp = filecmp.dircmp(left, right, ignore=["__pycache__"])
    diffs: list[str] = []

    def walk(c: filecmp.dircmp[str], prefix: str) -> None:
        diffs.extend(prefix + name for name in c.left_only + c.right_only + c.funny_files)
        # dircmp compares by stat signature only; compare contents for certainty.
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        diffs.extend(prefix + name for name in mismatch + errors)
        for name, sub in sorted(c.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(cmp, "")
    return sorted(diffs)


def _versioned() -> dict[str, list[Path]]:
    """Each workspace distribution this script writes into -> what it writes there (whole folder or spec copies)."""
    written = [GENERATED / t.distribution for t in TARGETS] + [t.mock_spec for t in TARGETS]
    members = {name: folder.resolve() for name, folder in versioning.workspace_members(ROOT).items()}
    found: dict[str, list[Path]] = {}
    for path in written:
        for name, folder in members.items():
            if path.resolve().is_relative_to(folder):
                found.setdefault(name, []).append(path)
    return found


def _version_of_record(record: versioning.Record, target: Target) -> str | None:
    """The version ``target``'s client was last given (before versions.json: its generated pyproject.toml's)."""
    entry = record.entries.get(target.distribution)
    dest = GENERATED / target.distribution
    if entry is not None:
        return entry.version
    return versioning.project_version(dest) if (dest / "pyproject.toml").exists() else None


def _raise_spec_revision(target: Target, previous: str | None) -> None:
    """Raise ``info.version``'s revision when the spec changed since the last generation and it was not raised."""
    current = target.spec.read_text(encoding="utf-8")
    if previous is None or previous == current:
        return
    old, new = yaml_text.parse(previous), yaml_text.parse(current)
    old_version, new_version = (
        (old.get("info") or {}).pop("version", None),
        (new.get("info") or {}).pop("version", None),
    )
    if old == new or old_version != new_version:  # only comments changed, or raised by hand already
        return
    target.spec.write_text(versioning.raise_spec_revision(current), encoding="utf-8")
    raised = versioning.spec_version(target.spec.read_text(encoding="utf-8"))
    print(f"{target.spec.relative_to(ROOT)}: info.version {new_version} -> {raised} (the spec changed)")


def _version_note(old: str | None, new: str, breaking: bool) -> str:
    """``version 1.2.0 -> 1.3.0 (no breaking change)``, and why when it left another scheme."""
    why = "a breaking change" if breaking else "no breaking change"
    if old is not None and not versioning.is_semantic(old):
        why += "; semantic from now on, its major above the calendar-like version so that pip sees an upgrade"
    return f"version {old} -> {new} ({why})" if old else f"version {new} (new)"


def _raise_client_version(
    record: versioning.Record, target: Target, fresh: Path, version: str | None, report: change_report.Report | None
) -> str:
    """Generate ``fresh`` again as the next version (major when ``report`` has a breaking change); record it."""
    breaks = bool(report and report.breaking)
    new_version = versioning.next_version(version, breaking=breaks)
    shutil.rmtree(fresh)
    _generate(target, fresh, new_version)
    paths = ((GENERATED / target.distribution).relative_to(ROOT).as_posix(),)
    record.entries[target.distribution] = versioning.Entry(new_version, paths, versioning.fingerprint([fresh], fresh))
    note = _version_note(version, new_version, breaks)
    print(f"{target.distribution}: {note}")
    if report is not None:
        report.version = note
    return new_version


def regenerate(*, fail_on_breaking: bool = False) -> int:
    """Regenerate every client in place and report what changed; running it twice changes nothing.

    The change report compares the spec the previous generation was made from (the mock package's
    copy) and the previous generated package with the new ones; it is printed and added to
    CHANGELOG.md. A distribution whose content changed gets its next version (``versioning.py``),
    said in the report. With ``fail_on_breaking``, a breaking change makes the exit code 1 (after writing).
    """
    record = versioning.Record(RECORD)
    recorded, now = _recorded_provenance(), _provenance()  # before any spec revision is raised below
    reports: list[change_report.Report] = []
    raised: dict[str, tuple[str | None, str]] = {}
    with tempfile.TemporaryDirectory(prefix="regen-") as tmp:
        for target in TARGETS:
            previous = target.mock_spec.read_text(encoding="utf-8") if target.mock_spec.exists() else None
            if _unchanged(target, record, recorded, now, previous):
                print(f"{target.distribution}: up to date")  # not generated: nothing it depends on changed
                continue
            _raise_spec_revision(target, previous)
            current = target.spec.read_text(encoding="utf-8")
            version = _version_of_record(record, target)
            fresh = Path(tmp) / target.distribution
            _generate(target, fresh, version or "0.0.0")
            dest = GENERATED / target.distribution
            code_changed = not dest.exists() or bool(_tree_differences(fresh, dest))
            report = None
            if code_changed or previous != current:
                versions = "last generation -> now"
                report = change_report.api_report(target.api, versions, previous, current, [dest], [fresh])
                reports.append(report)
            entry = record.entries.get(target.distribution)
            if entry is None or versioning.fingerprint([fresh], fresh) != entry.sha256:
                raised[target.distribution] = (version, _raise_client_version(record, target, fresh, version, report))
            _copy_spec(target)
            if dest.exists() and not _tree_differences(fresh, dest):
                print(f"{target.distribution}: up to date")
                continue
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(fresh, dest)
            print(f"{target.distribution}: regenerated from {target.spec.relative_to(ROOT)}")
    copies = _raise_copy_versions(record, reports, raised)
    record.save()
    PROVENANCE.write_text(json.dumps(_provenance(), indent=2) + "\n")
    for report in reports:
        print(report.text())
    if change_report.add_to_changelog(ROOT / "CHANGELOG.md", reports + copies):
        print('CHANGELOG.md: the report added under "Unreleased"')
    _lock(raised)
    breaking = sum(len(report.breaking) for report in reports)
    if fail_on_breaking and breaking:
        print(f"regen: {breaking} breaking change(s) for client code (--fail-on-breaking)", file=sys.stderr)
        return 1
    return 0


def _unchanged(
    target: Target, record: versioning.Record, recorded: dict[str, Any], now: dict[str, Any], previous: str | None
) -> bool:
    """Whether generating ``target`` again would only give what generated/ holds, so it can be skipped.

    True when the spec equals the copy of the last generation, the inputs' hashes and the tools' versions
    (``now``) equal those in provenance.json (``recorded``), and the client's files still have the fingerprint
    its version was given with (a hand edit under generated/ is undone by generating). ``--check`` never
    skips: it always generates, so a generator that stopped being byte-stable is caught there.
    """
    entry = record.entries.get(target.distribution)
    dest = GENERATED / target.distribution
    if entry is None or not dest.is_dir() or previous != target.spec.read_text(encoding="utf-8"):
        return False
    if any(recorded.get(key) != now[key] for key in ("generator", "ruff")):
        return False
    if recorded.get("clients", {}).get(target.package) != now["clients"][target.package]:
        return False
    return versioning.fingerprint([dest], dest) == entry.sha256


def _raise_copy_versions(
    record: versioning.Record, reports: list[change_report.Report], raised: dict[str, tuple[str | None, str]]
) -> list[change_report.Report]:
    """New versions for the hand-written distributions whose spec copies changed (the mock): one report each."""
    spec_breaking = any(c.breaking and c.area != "python api" for r in reports for c in r.changes)
    members = versioning.workspace_members(ROOT)
    added = []
    for name, paths in _versioned().items():
        if name in raised or any(p == GENERATED / name for p in paths):
            continue
        sha = versioning.fingerprint(paths, ROOT)
        entry = record.entries.get(name)
        if entry is not None and entry.sha256 == sha:
            continue
        old = versioning.project_version(members[name])
        new = versioning.next_version(old, breaking=spec_breaking)
        versioning.set_project_version(members[name], new)
        record.entries[name] = versioning.Entry(new, tuple(p.relative_to(ROOT).as_posix() for p in paths), sha)
        raised[name] = (old, new)
        note = _version_note(old, new, spec_breaking)
        print(f"{name}: {note}, for its copies of the specs")
        added.append(change_report.Report(name, name, "last generation -> now", version=f"{note}: its specs changed"))
    return added


def _lock(raised: dict[str, tuple[str | None, str]]) -> None:
    """Update uv.lock to the new versions, unless a workspace distribution's requirement excludes one."""
    excluded = [
        line for name, (_, new) in raised.items() for line in versioning.excluded_by_dependents(ROOT, name, new)
    ]
    for line in excluded:
        print(
            f"NOTE: {line}, which excludes the new version: check it works with that version, widen the range"
            " in its pyproject.toml, then run `scripts/bootstrap --lock`",
            file=sys.stderr,
        )
    if not raised or excluded or not (ROOT / "uv.lock").exists():
        return
    uv = Path(sys.executable).parent / "uv"
    result = subprocess.run([str(uv), "lock", "--quiet"], cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit("uv lock failed after raising versions; run `scripts/bootstrap --lock`")
    print("uv.lock: updated to the new versions")


def _copy_spec(target: Target) -> None:
    """Give the mock package its copy of the spec (byte for byte)."""
    MOCK_SPECS.mkdir(parents=True, exist_ok=True)
    if not target.mock_spec.exists() or target.mock_spec.read_bytes() != target.spec.read_bytes():
        shutil.copyfile(target.spec, target.mock_spec)
        print(f"{target.mock_spec.relative_to(ROOT)}: copied from {target.spec.relative_to(ROOT)}")


def check() -> int:
    """Exit non-zero, with one line per stale client, when generated/ does not match the specs.

    A client is stale when regenerating it gives different files, or when its inputs (spec,
    config, templates) changed since generation even if the code did not (a description edit).
    A distribution is stale, too, when what make generate writes into it changed since its version
    was given (``generated/versions.json``): its version must be raised with the change.
    """
    stale: list[str] = []
    record = versioning.Record(RECORD)
    recorded, current = _recorded_provenance(), _provenance()
    with tempfile.TemporaryDirectory(prefix="regen-check-") as tmp:
        for target in TARGETS:
            fresh = Path(tmp) / target.distribution
            _generate(target, fresh, _version_of_record(record, target) or "0.0.0")
            dest = GENERATED / target.distribution
            diffs = _tree_differences(fresh, dest) if dest.exists() else ["(missing)"]
            if not diffs and recorded.get("clients", {}).get(target.package) != current["clients"][target.package]:
                diffs = ["provenance.json: inputs changed since generation"]
            if diffs:
                shown = ", ".join(diffs[:3]) + (f" and {len(diffs) - 3} more" if len(diffs) > 3 else "")
                stale.append(
                    f"STALE: generated/{target.distribution} does not match {target.spec.relative_to(ROOT)}"
                    f" ({shown}); run `make generate` and commit the result"
                )
            if not target.mock_spec.exists() or target.mock_spec.read_bytes() != target.spec.read_bytes():
                stale.append(
                    f"STALE: {target.mock_spec.relative_to(ROOT)} is not a copy of {target.spec.relative_to(ROOT)};"
                    " run `make generate` and commit the result"
                )
    if not stale:
        stale += _unversioned_changes(record)
    if not stale and recorded != current:
        stale.append("STALE: generated/provenance.json names other tool versions; run `make generate` and commit")
    for line in stale:
        print(line, file=sys.stderr)
    if not stale:
        print("generated/ is up to date with openapi/, and every version with its content")
    return 1 if stale else 0


def _unversioned_changes(record: versioning.Record) -> list[str]:
    """One STALE line per distribution whose machine-written content differs from its version's record."""
    lines = []
    for name, paths in _versioned().items():
        entry = record.entries.get(name)
        generated = [p for p in paths if p == GENERATED / name]
        sha = versioning.fingerprint(generated, generated[0]) if generated else versioning.fingerprint(paths, ROOT)
        if entry is None or entry.sha256 != sha:
            since = f"since version {entry.version} was given" if entry else "and has no version record"
            where = ", ".join(p.relative_to(ROOT).as_posix() for p in paths)
            lines.append(
                f"STALE: {name}: its content ({where}) changed {since} in {RECORD.relative_to(ROOT)};"
                " run `make generate`, which raises the version, and commit the result"
            )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if generated/ is stale; change nothing")
    parser.add_argument(
        "--fail-on-breaking", action="store_true", help="exit 1 if the change report has a breaking change"
    )
    args = parser.parse_args()
    if args.check:
        return check()
    return regenerate(fail_on_breaking=args.fail_on_breaking)


if __name__ == "__main__":
    raise SystemExit(main())
