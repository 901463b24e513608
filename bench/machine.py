"""What the figures were measured on: hardware, OS, runtimes and the versions of the things compared."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The packages whose versions change the figures (servers, clients, decoders).
_PACKAGES = (
    "uvicorn", "starlette", "uvloop", "httptools", "orjson", "httpx", "attrs", "pydantic", "straddle", "granian",
)  # fmt: skip


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _command_version(*cmd: str) -> str | None:
    if shutil.which(cmd[0]) is None:
        return None
    out = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=30)
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else None


def _package_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _git_revision() -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    out = subprocess.run([git, "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True)
    return out.stdout.strip() or None


def describe(prism_version: str | None, steady_version: str | None = None) -> dict[str, object]:
    """A JSON-able description of this machine and of the software under measurement."""
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "node": _command_version("node", "--version"),
        "wrk": _command_version("wrk", "--version"),
        "prism": prism_version,
        "steady": steady_version,
        "packages": {name: _package_version(name) for name in _PACKAGES},
        "git": _git_revision(),
    }


def summary_line(machine: dict[str, object]) -> str:
    """One line for the README: CPU, cores, memory, OS, Python."""
    return (
        f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, {machine['os']}, "
        f"Python {machine['python']}, Node {machine['node']}"
    )
