"""Fixtures of the packaging tier: the distributions built once, and virtualenvs outside the repository.

Everything here runs the real tools a user runs: ``uv build`` makes the sdists and wheels, ``uv venv``
makes a fresh virtualenv in a temporary folder, ``uv pip install`` installs the wheels (and their
dependencies from the package index) into it, and the checks run that virtualenv's own Python with
the temporary folder as the working directory - the source tree is never on its path.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UV = Path(sys.executable).parent / "uv"
# Distribution name -> its folder in the workspace.
DISTRIBUTIONS = {
    "sequence-client": ROOT / "generated" / "sequence-client",
    "straddle-client": ROOT / "generated" / "straddle-client",
    "customers-sdk": ROOT / "packages" / "customers-sdk",
    "customers-cli": ROOT / "packages" / "customers-cli",
    "customers-mock": ROOT / "packages" / "customers-mock",
    "customers-contract": ROOT / "packages" / "customers-contract",
}


def run(
    cmd: list[str | Path], cwd: Path, timeout: float = 300, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` in ``cwd`` with a clean environment (no PYTHONPATH, no active virtualenv, plus ``env``);
    fail with its output."""
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT")}
    env = {**clean, **(env or {}), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        pytest.fail(f"{' '.join(map(str, cmd))} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


@dataclass(frozen=True)
class Dist:
    """The built files of the workspace's distributions."""

    folder: Path

    def wheel(self, name: str) -> Path:
        (path,) = self.folder.glob(f"{name.replace('-', '_')}-*.whl")
        return path


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name`` in the run's shared temporary folder, made by ``build(folder)`` once per run.

    Under pytest-xdist each worker has its own session (and temporary folder, under the run's); the first worker
    to get here builds while holding a lock, the others wait for it and use the same folder.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's folder, above each worker's
    out, built = shared / name, shared / f"{name}.complete"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not built.exists():
            shutil.rmtree(out, ignore_errors=True)  # what a failed build left behind
            build(out)
            built.touch()
    return out


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """Every distribution built once per run (sdist, then the wheel from the sdist), shared by the xdist workers."""

    def build(out: Path) -> None:
        run([UV, "build", "--all-packages", "--out-dir", out, "--quiet"], cwd=ROOT)

    return Dist(built_once(tmp_path_factory, "dist", build))


@dataclass(frozen=True)
class Venv:
    """A virtualenv in a temporary folder outside the repository; ``workdir`` is where commands run."""

    path: Path
    workdir: Path

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"

    def install(
        self, *requirements: str | Path, find_links: Path | None = None, compile_bytecode: bool = False
    ) -> None:
        """``uv pip install`` into this virtualenv; ``compile_bytecode`` for one that many processes will start from.

        The tests run these virtualenvs' Pythons without writing bytecode, so each process compiles what it
        imports; compiling once at install time is cheaper as soon as a few processes import the same packages.
        """
        cmd: list[str | Path] = [UV, "pip", "install", "--quiet", "--python", self.python]
        if find_links is not None:  # sibling wheels (customers-sdk needs the two clients) come from here
            cmd += ["--find-links", find_links]
        if compile_bytecode:
            cmd.append("--compile-bytecode")
        run([*cmd, *requirements], cwd=self.workdir)

    def packages(self) -> dict[str, str]:
        """Installed distributions, normalised name -> version."""
        out = run([UV, "pip", "freeze", "--python", self.python], cwd=self.workdir).stdout
        pairs = (line.split("==", 1) for line in out.splitlines() if "==" in line)
        return {name.lower().replace("_", "-"): version for name, version in pairs}

    def python_run(self, code: str, *args: str, timeout: float = 120) -> str:
        return run([self.python, "-c", code, *args], cwd=self.workdir, timeout=timeout).stdout


@pytest.fixture
def venv(tmp_path: Path) -> Venv:
    """A fresh, empty virtualenv (the same Python as this run) outside the repository."""
    workdir = tmp_path / "user-project"
    workdir.mkdir()
    path = tmp_path / "venv"
    run([UV, "venv", "--quiet", "--python", sys.executable, path], cwd=workdir)
    return Venv(path=path, workdir=workdir)


def lowest_versions(distribution: str, names: tuple[str, ...]) -> list[str]:
    """``name==lowest`` for ``names`` among ``distribution``'s dependencies: the floor of each declared range."""
    project = tomllib.loads((DISTRIBUTIONS[distribution] / "pyproject.toml").read_text())["project"]
    pins = []
    for requirement in project["dependencies"]:
        name, _, rest = requirement.partition(">=")
        if name.strip() in names:
            pins.append(f"{name.strip()}=={rest.split(',')[0].split(';')[0].strip()}")
    assert len(pins) == len(names), f"{distribution} declares no lower bound for some of {names}: {pins}"
    return pins
