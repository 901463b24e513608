"""Regenerate the clients in generated/ from the specs in openapi/, or check they are current.

    python scripts/regen.py                      # regenerate both clients (idempotent), print the change report
    python scripts/regen.py --fail-on-breaking   # the same, exit 1 when a change breaks client code
    python scripts/regen.py --check              # regenerate into a temporary folder and compare

Each client is a distribution of its own (``generated/<api>-client/``: pyproject.toml, README.md and the
package with py.typed, from the generator's ``--meta uv``). It is generated into a fresh temporary folder
and then swapped in whole, so a model removed from a spec disappears from generated/ too (the
generator's --overwrite keeps stray files).

The mock server reads the specs at run time, so it carries a copy of each inside its package
(``customers_mock/specs/``); this script writes those copies too and the check compares them. Each
generated client ships its spec as package data (``<package>/openapi.yaml``, read by customers-contract).

When a spec or a client changed, it prints the change report (``change_report.py``: each change
breaking or non-breaking for client code, rules in docs/spec-changes.md) and adds it to CHANGELOG.md.
The templates get the spec's own descriptions through ``descriptions.py``.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import json
import os
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

# REGEN_ROOT lets the tests run the check on a copy of the project.
ROOT = Path(os.environ.get("REGEN_ROOT") or Path(__file__).resolve().parent.parent)
OPENAPI = ROOT / "openapi"
GENERATED = ROOT / "generated"
SHIPPED_SPEC = "openapi.yaml"  # the spec inside each generated client package
MOCK_SPECS = ROOT / "packages" / "customers-mock" / "src" / "customers_mock" / "specs"
TEMPLATES = OPENAPI / "templates"
PROVENANCE = GENERATED / "provenance.json"


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


def _templates(target: Target, folder: Path) -> Path:
    """``openapi/templates/`` plus the spec's own descriptions (``spec_descriptions.jinja``), in ``folder``."""
    shutil.copytree(TEMPLATES, folder, ignore=shutil.ignore_patterns("__pycache__"))
    spec = yaml.safe_load(target.spec.read_text(encoding="utf-8"))
    (folder / descriptions.TEMPLATE_NAME).write_text(descriptions.template(spec), encoding="utf-8")
    return folder


def _generate(target: Target, out_dir: Path) -> None:
    """Run openapi-python-client for one target into ``out_dir`` (which must not exist)."""
    templates = _templates(target, out_dir.parent / f"templates-{target.api}")
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ)
    # Post-hooks call `ruff`; a hook whose program is missing is skipped with only a warning.
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    cmd = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path", str(target.spec),
        "--config", str(target.config),
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


def regenerate(*, fail_on_breaking: bool = False) -> int:
    """Regenerate every client in place and report what changed; running it twice changes nothing.

    The change report compares the spec the previous generation was made from (the mock package's
    copy) and the previous generated package with the new ones; it is printed and added to
    CHANGELOG.md. With ``fail_on_breaking``, a breaking change makes the exit code 1 (after writing).
    """
    reports: list[change_report.Report] = []
    with tempfile.TemporaryDirectory(prefix="regen-") as tmp:
        for target in TARGETS:
            fresh = Path(tmp) / target.distribution
            _generate(target, fresh)
            dest = GENERATED / target.distribution
            previous = target.mock_spec.read_text(encoding="utf-8") if target.mock_spec.exists() else None
            current = target.spec.read_text(encoding="utf-8")
            code_changed = not dest.exists() or bool(_tree_differences(fresh, dest))
            if code_changed or previous != current:
                versions = "last generation -> now"
                reports.append(change_report.api_report(target.api, versions, previous, current, [dest], [fresh]))
            _copy_spec(target)
            if not code_changed:
                print(f"{target.distribution}: up to date")
                continue
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(fresh, dest)
            print(f"{target.distribution}: regenerated from {target.spec.relative_to(ROOT)}")
    PROVENANCE.write_text(json.dumps(_provenance(), indent=2) + "\n")
    for report in reports:
        print(report.text())
    if change_report.add_to_changelog(ROOT / "CHANGELOG.md", reports):
        print('CHANGELOG.md: the report added under "Unreleased"')
    breaking = sum(len(report.breaking) for report in reports)
    if fail_on_breaking and breaking:
        print(f"regen: {breaking} breaking change(s) for client code (--fail-on-breaking)", file=sys.stderr)
        return 1
    return 0


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
    """
    stale: list[str] = []
    recorded = json.loads(PROVENANCE.read_text()) if PROVENANCE.exists() else {}
    current = _provenance()
    with tempfile.TemporaryDirectory(prefix="regen-check-") as tmp:
        for target in TARGETS:
            fresh = Path(tmp) / target.distribution
            _generate(target, fresh)
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
    if not stale and recorded != current:
        stale.append("STALE: generated/provenance.json names other tool versions; run `make generate` and commit")
    for line in stale:
        print(line, file=sys.stderr)
    if not stale:
        print("generated/ is up to date with openapi/")
    return 1 if stale else 0


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
