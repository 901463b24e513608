"""The change report: what a spec change means for code that uses the clients, per API.

Two views, each change classified breaking / non-breaking (rules: docs/spec-changes.md):
- the spec view (``spec_diff``): operations, parameters, request headers, response fields, enum
  values, error statuses and envelopes, auth;
- the Python API view (``api_diff``, griffe): breaking changes of the generated package and of the
  client layer ``customers_sdk``.

``make generate`` prints it for each client it regenerated (the spec the previous generation was made
from, kept in the mock's package, against the current one) and adds it to CHANGELOG.md under
"Unreleased". ``scripts/spec-diff`` prints it for any two versions from git (``main`` below).
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import api_diff
import spec_diff
import yaml_text
from spec_diff import Change

ROOT = Path(__file__).resolve().parent.parent
APIS = ("sequence", "straddle")
SDK = "customers_sdk"
# Where each package lives, in this layout and the one before packaging (for reports against old refs).
SEARCH_PATHS = {
    "sequence_client": ("generated/sequence-client", "generated", "src"),
    "straddle_client": ("generated/straddle-client", "generated", "src"),
    SDK: ("packages/customers-sdk/src", "src"),
}


@dataclass
class Report:
    """The changes of one API's spec and packages (or of the client layer, ``api == "customers-sdk"``)."""

    api: str
    title: str  # e.g. "sequence-client (openapi/sequence.yaml)"
    versions: str  # e.g. "HEAD -> working tree"
    changes: list[Change] = field(default_factory=list)
    version: str = ""  # the version step make generate took for it, e.g. "version 1.2.0 -> 1.3.0 (...)"

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]

    def text(self) -> str:
        """The report as printed: a header line with the counts, then one line per change."""
        if not self.changes:
            return f"{self.title}, {self.versions}: no changes for client code"
        spec = [c for c in self.changes if c.area != "python api"]
        counts = (
            f"{sum(c.breaking for c in spec)} breaking, {sum(not c.breaking for c in spec)} non-breaking in the spec"
        )
        if len(spec) < len(self.changes):
            counts += f"; {len(self.changes) - len(spec)} breaking in the Python API"
        return "\n".join([f"{self.title}, {self.versions}: {counts}", *(f"  {c.line()}" for c in self.changes)])

    def markdown(self) -> str:
        """The bullets of a CHANGELOG.md entry (the version step first, when there is one)."""
        bullets = [f"- {self.version[0].upper()}{self.version[1:]}"] if self.version else []
        bullets += [
            f"- {'**Breaking**' if c.breaking else 'Non-breaking'}: {c.area} {c.subject}: {c.detail}"
            for c in self.changes
        ]
        return "\n".join(bullets)


def _spec(text: str | None) -> dict[str, Any] | None:
    data = yaml_text.parse(text) if text else None
    return data if isinstance(data, dict) else None


def api_report(
    api: str, versions: str, old_spec: str | None, new_spec: str, old_paths: list[Path], new_paths: list[Path]
) -> Report:
    """One API: its spec's changes, then the breaking changes of its generated package (found in ``*_paths``)."""
    new = _spec(new_spec)
    if new is None:
        raise SystemExit(f"openapi/{api}.yaml is not a YAML mapping")
    report = Report(api, f"{api}-client (openapi/{api}.yaml)", versions, spec_diff.diff(api, _spec(old_spec), new))
    report.changes += api_diff.breaking_changes(api, f"{api}_client", old_paths, new_paths)
    return report


def _paths(root: Path, package: str) -> list[Path]:
    return [root / p for p in SEARCH_PATHS[package]]


# ---- CHANGELOG.md --------------------------------------------------------------------------------


def add_to_changelog(changelog: Path, reports: list[Report]) -> bool:
    """Add each report with changes under "## Unreleased" (its own "### <title>" section); True if written."""
    reports = [r for r in reports if r.changes or r.version]
    if not reports or not changelog.exists():
        return False
    lines = changelog.read_text(encoding="utf-8").splitlines()
    if "## Unreleased" not in lines:
        first = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
        lines[first:first] = ["## Unreleased", ""]
    for report in reports:
        start = lines.index("## Unreleased") + 1
        end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
        heading = f"### {report.title}"
        if heading in lines[start:end]:
            at = lines.index(heading, start)
            stop = next((i for i in range(at + 1, end) if lines[i].startswith("#")), end)
            while stop > at + 1 and not lines[stop - 1].strip():
                stop -= 1
            lines[stop:stop] = report.markdown().splitlines()
        else:
            while end > start and not lines[end - 1].strip():
                end -= 1
            lines[end:end] = ["", heading, *report.markdown().splitlines(), ""]
    text = "\n".join(lines) + "\n"
    changelog.write_text(re.sub(r"\n{3,}", "\n\n", text), encoding="utf-8")
    return True


# ---- scripts/spec-diff: any two versions from git ------------------------------------------------


def _checkout(ref: str, into: Path) -> Path:
    """The files of ``ref`` (a commit, branch or tag) in the folder ``into``."""
    git = shutil.which("git") or "git"
    result = subprocess.run([git, "-C", str(ROOT), "archive", "--format=tar", ref], capture_output=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"spec-diff: cannot read {ref!r} from git: {result.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def _read(root: Path, relative: str) -> str | None:
    path = root / relative
    return path.read_text(encoding="utf-8") if path.exists() else None


def compare(base: Path, head: Path, versions: str) -> list[Report]:
    """Reports for both APIs and the client layer between two copies of the repository."""
    reports = []
    for api in APIS:
        new_spec = _read(head, f"openapi/{api}.yaml")
        if new_spec is not None:
            old_spec = _read(base, f"openapi/{api}.yaml")
            package = f"{api}_client"
            reports.append(api_report(api, versions, old_spec, new_spec, _paths(base, package), _paths(head, package)))
    sdk = Report("customers-sdk", "customers-sdk (packages/customers-sdk)", versions)
    sdk.changes = api_diff.breaking_changes("customers-sdk", SDK, _paths(base, SDK), _paths(head, SDK))
    reports.append(sdk)
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/spec-diff",
        description="What changed in the specs and the Python API between two versions, classified breaking /"
        " non-breaking for client code (rules: docs/spec-changes.md).",
    )
    parser.add_argument("base", nargs="?", default="HEAD", help="git ref to compare from (default: HEAD)")
    parser.add_argument("head", nargs="?", help="git ref to compare to (default: the working tree)")
    parser.add_argument("--fail-on-breaking", action="store_true", help="exit 1 when a change is breaking (CI)")
    parser.add_argument("--markdown", action="store_true", help="print CHANGELOG.md bullets instead")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="spec-diff-") as tmp:
        base = _checkout(args.base, Path(tmp) / "base")
        head = _checkout(args.head, Path(tmp) / "head") if args.head else ROOT
        reports = compare(base, head, f"{args.base} -> {args.head or 'working tree'}")
    for report in reports:
        if args.markdown:
            if report.changes:
                print(f"### {report.title}\n{report.markdown()}\n")
        else:
            print(report.text())
    breaking = sum(len(r.breaking) for r in reports)
    if args.fail_on_breaking and breaking:
        print(f"spec-diff: {breaking} breaking change(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
