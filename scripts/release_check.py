"""``make release-check``: what a release must pass, locally and in ``.github/workflows/release.yml``.

    python scripts/release_check.py                      # every check below, built into a temporary folder
    python scripts/release_check.py --versions-only      # check 1 only (fast; make test runs it)
    python scripts/release_check.py --since REF          # compare with REF instead of the last release tag
    python scripts/release_check.py --tag v0.3.0 --dist dist --notes notes.md   # the release workflow

1. Versions: every distribution of the uv workspace whose files changed since the last release (the
   nearest ``v*`` tag) has a higher version than it had there (README "Versions and upgrades" says how
   much higher). The generated clients and the mock's spec copies get theirs from ``make generate``,
   and ``scripts/regen.py --check`` (run here too) holds them to it; the hand-written distributions
   are raised by hand, and this is where forgetting it fails.
2. Build: ``uv build --all-packages``, an sdist and a wheel (built from the sdist) per distribution.
3. Metadata and README rendering: ``twine check --strict`` (as PyPI renders the long description).
4. Clean installs: each wheel in a fresh virtualenv of its own (its dependencies from the index, the
   workspace's own from the built wheels), its packages imported, ``__version__`` equal to the wheel's.
With ``--tag``: the tag is ``v`` + the release's version (the root ``pyproject.toml``), and CHANGELOG.md
has its section, which ``--notes`` writes out for the GitHub release.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

from packaging.utils import parse_wheel_filename
from packaging.version import Version

import versioning

# REGEN_ROOT lets the tests run the check on a copy of the project (as scripts/regen.py does).
ROOT = Path(os.environ.get("REGEN_ROOT") or Path(__file__).resolve().parent.parent)
BIN = Path(sys.executable).parent
IMPORT_CHECK = """
import importlib, importlib.metadata, sys
dist, version, *modules = sys.argv[1:]
assert importlib.metadata.version(dist) == version, (importlib.metadata.version(dist), version)
for name in modules:
    module = importlib.import_module(name)
    assert "site-packages" in (module.__file__ or ""), module.__file__
    found = getattr(module, "__version__", version)
    assert found == version, f"{name}.__version__ is {found}, the wheel is {version}"
print(dist, version, "imports", ", ".join(modules))
"""


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    git = shutil.which("git") or "git"
    return subprocess.run([git, "-C", str(ROOT), *args], capture_output=True, text=True, check=False)


def last_release() -> str | None:
    """The nearest release tag (``v*``) reachable from HEAD, or None before the first."""
    result = _git("describe", "--tags", "--abbrev=0", "--match", "v*", "HEAD")
    return result.stdout.strip() if result.returncode == 0 else None


def unraised_versions(since: str) -> list[str]:
    """One line per workspace distribution whose files changed since ``since`` without a higher version."""
    problems = []
    for name, folder in versioning.workspace_members(ROOT).items():
        where = folder.relative_to(ROOT).as_posix()
        then = _git("show", f"{since}:{where}/pyproject.toml")
        if then.returncode != 0:
            continue  # a distribution that did not exist then: new, any version
        old, new = (
            Version(tomllib.loads(then.stdout)["project"]["version"]),
            Version(versioning.project_version(folder)),
        )
        changed = sorted(
            set(_git("diff", "--name-only", since, "--", where).stdout.split())
            | set(_git("ls-files", "--others", "--exclude-standard", "--", where).stdout.split())
        )
        if new < old:
            problems.append(f"{name}: version {new} is lower than {old} at {since}; versions only increase")
        elif changed and new == old:
            shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
            problems.append(
                f"{name}: {len(changed)} file(s) changed since {since} ({shown}) but the version is still {old};"
                f" raise it in {where}/pyproject.toml (README 'Versions and upgrades') and say why in CHANGELOG.md"
            )
    return problems


def _run(cmd: list[str | Path], cwd: Path) -> str:
    """Run ``cmd`` without this checkout's virtualenv or PYTHONPATH; exit with its output if it fails."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"release-check: {' '.join(map(str, cmd))} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def build(out: Path) -> list[Path]:
    """An sdist and a wheel of every workspace distribution in ``out``; fails unless each has both."""
    _run([BIN / "uv", "build", "--all-packages", "--out-dir", out, "--quiet"], cwd=ROOT)
    files = sorted(p for p in out.iterdir() if p.suffix == ".whl" or p.name.endswith(".tar.gz"))
    for name in versioning.workspace_members(ROOT):
        stem = name.replace("-", "_")
        if not any(p.name.startswith(f"{stem}-") and p.suffix == ".whl" for p in files):
            raise SystemExit(f"release-check: no wheel of {name} in {out}")
        if not any(p.name.startswith(f"{stem}-") and p.name.endswith(".tar.gz") for p in files):
            raise SystemExit(f"release-check: no sdist of {name} in {out}")
    return files


def check_metadata(files: list[Path]) -> str:
    """``twine check --strict``: the metadata is valid and the README renders as PyPI renders it."""
    return _run([BIN / "twine", "--no-color", "check", "--strict", *files], cwd=ROOT)


def top_level_modules(wheel: Path) -> list[str]:
    """The importable top-level names a wheel installs (packages and modules), from its file list."""
    names = set()
    with zipfile.ZipFile(wheel) as archive:
        for entry in archive.namelist():
            first = entry.split("/")[0]
            if first.endswith((".dist-info", ".data")):
                continue
            if "/" in entry or first.endswith(".py"):
                names.add(first.removesuffix(".py"))
    return sorted(names)


def check_installs(wheels: list[Path], work: Path) -> list[str]:
    """Each wheel alone in a fresh virtualenv: it installs, imports, and says its own version."""
    lines = []
    for wheel in wheels:
        name, version, _, _ = parse_wheel_filename(wheel.name)
        venv = work / f"venv-{name}"
        _run([BIN / "uv", "venv", "--quiet", "--python", sys.executable, venv], cwd=work)
        python = venv / "bin" / "python"
        _run([BIN / "uv", "pip", "install", "--quiet", "--python", python, "--find-links", wheel.parent, wheel], work)
        lines.append(_run([python, "-c", IMPORT_CHECK, name, str(version), *top_level_modules(wheel)], work).strip())
        shutil.rmtree(venv)
    return lines


def release_notes(version: str) -> str:
    """The CHANGELOG.md section ``## <version> - <date>`` (without its heading)."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(version)}(?: - [^\n]*)?\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if match is None:
        raise SystemExit(f"release-check: CHANGELOG.md has no section '## {version} - <date>' for this release")
    return match[1].strip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--versions-only", action="store_true", help="only check 1 (versions raised)")
    parser.add_argument("--since", help="git ref of the last release (default: the nearest v* tag)")
    parser.add_argument("--dist", type=Path, help="build into this folder (default: a temporary one)")
    parser.add_argument("--tag", help="the release tag being built: must be v<version of the root pyproject.toml>")
    parser.add_argument("--notes", type=Path, help="with --tag: write the release's CHANGELOG.md section here")
    args = parser.parse_args(argv)

    if args.tag is not None:
        release = str(versioning.project(ROOT)["version"])
        if args.tag != f"v{release}":
            print(f"FAIL tag {args.tag} is not v{release}, the version in pyproject.toml", file=sys.stderr)
            return 1
        notes = release_notes(release)
        if args.notes is not None:
            args.notes.write_text(notes, encoding="utf-8")
    since = args.since or last_release()
    if since is None:
        print("versions: no release tag (v*) yet, so every distribution is new")
    else:
        problems = unraised_versions(since)
        for line in problems:
            print(f"FAIL {line}", file=sys.stderr)
        if problems:
            return 1
        print(f"versions: every distribution that changed since {since} has a higher version")
    if args.versions_only:
        return 0

    regen = subprocess.run([sys.executable, str(Path(__file__).with_name("regen.py")), "--check"], check=False)
    if regen.returncode != 0:
        return 1
    with tempfile.TemporaryDirectory(prefix="release-check-") as tmp:
        out = (args.dist or Path(tmp) / "dist").resolve()
        if out.exists() and any(out.iterdir()):
            print(f"FAIL --dist {args.dist}: must be empty or absent (old files would be checked too)", file=sys.stderr)
            return 1
        out.mkdir(parents=True, exist_ok=True)
        files = build(out)
        print(f"build: {len(files)} files in {out}")
        print(check_metadata(files).strip())
        for line in check_installs([p for p in files if p.suffix == ".whl"], Path(tmp)):
            print(f"clean install: {line}")
    print("release-check: passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
