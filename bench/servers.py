"""Start and stop the servers under measurement as real processes on 127.0.0.1: our mock, Prism and Steady."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.machine import ROOT
from customers_mock.testing import free_port

PRISM = ROOT / "bench" / "node_modules" / ".bin" / "prism"
# Stainless' mock server: its npm shim starts the native binary of this platform's package (same process group).
STEADY = ROOT / "bench" / "node_modules" / ".bin" / "steady"
STEADY_PACKAGE = ROOT / "bench" / "node_modules" / "@stdy" / "cli" / "package.json"
SPECS = {"sequence": ROOT / "openapi" / "sequence.yaml", "straddle": ROOT / "openapi" / "straddle.yaml"}


def _status_kib(pid: int, key: str) -> int | None:
    """A ``/proc/<pid>/status`` memory figure (``VmRSS``, ``VmHWM``) in KiB, or None when unavailable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def peak_rss_mib(pid: int) -> float | None:
    """Peak resident memory (VmHWM) of a live process, in MiB."""
    kib = _status_kib(pid, "VmHWM")
    return None if kib is None else kib / 1024


def rss_mib(pid: int) -> float | None:
    """Current resident memory (VmRSS) of a live process, in MiB."""
    kib = _status_kib(pid, "VmRSS")
    return None if kib is None else kib / 1024


_TICKS_PER_S = os.sysconf("SC_CLK_TCK")


def _family(pid: int) -> list[int]:
    """``pid`` and every process descended from it (Steady's native binary runs under its Node shim)."""
    found = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                found += _family(int(child))
    except OSError:
        pass
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, every thread) used so far by ``pid`` and its descendants; 0 where unreadable."""
    ticks = 0
    for member in _family(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return ticks / _TICKS_PER_S


@dataclass
class Server:
    """A server process we started, its base URL and its log file."""

    name: str
    base_url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process we started (and its own process group), politely first."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextlib.contextmanager
def _process(
    name: str, cmd: Sequence[str], port: int, ready_path: str, timeout: float, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Run ``cmd`` in its own process group; yield once ``ready_path`` answers any HTTP status below 500."""
    with tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log", delete=False) as log_file:
        log = Path(log_file.name)
        process = subprocess.Popen(
            list(cmd), stdout=log_file, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True, env=env
        )
    server = Server(name, f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + timeout
        with httpx.Client(base_url=server.base_url, timeout=2) as client:
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}:\n{server.log_tail()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} not ready on {server.base_url} after {timeout:.0f} s")
                with contextlib.suppress(httpx.TransportError):
                    if client.get(ready_path).status_code < 500:
                        break
                time.sleep(0.2)
        yield server
    finally:
        _stop(process)
        log.unlink(missing_ok=True)


@contextlib.contextmanager
def mock_server(
    customers: int, *, extra_args: Sequence[str] = (), seed: int = 1, source: Path | None = None
) -> Iterator[Server]:
    """Our mock (``python -m customers_mock``) with ``customers`` customers, ready once /health answers.

    ``source``: a folder holding another ``customers_mock`` to run instead (``bench.baseline``).
    """
    port = free_port()
    cmd = [sys.executable, "-m", "customers_mock", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--customers", str(customers), "--seed", str(seed), *extra_args]
    env = None
    if source is not None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(source), os.environ.get("PYTHONPATH", "")])}
    # Building the data set is the slow part of starting: allow for it (about 1 s per 10k is generous).
    timeout = 30 + customers / 10_000
    with _process(f"mock-{customers}", cmd, port, "/health", timeout, env) as server:
        # /health may answer before the data is loaded (503); wait for 200.
        with httpx.Client(base_url=server.base_url, timeout=5) as client:
            deadline = time.monotonic() + timeout
            while client.get("/health").status_code != 200:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"mock /health not 200 after {timeout:.0f} s")
                time.sleep(0.2)
        yield server


def prism_version() -> str | None:
    """The installed Prism's version, or None if it is not installed."""
    if not PRISM.exists():
        return None
    out = subprocess.run([str(PRISM), "--version"], capture_output=True, text=True, check=False, timeout=60)
    return out.stdout.strip() or None


@contextlib.contextmanager
def prism_server(api: str) -> Iterator[Server]:
    """Prism serving one spec (it serves one document per process), static examples, logging silenced."""
    port = free_port()
    cmd = [str(PRISM), "mock", "--host", "127.0.0.1", "--port", str(port), "--verboseLevel", "silent", str(SPECS[api])]
    with _process(f"prism-{api}", cmd, port, "/", timeout=60) as server:
        yield server


def steady_version() -> str | None:
    """The installed Steady's version (from its npm package), or None if it is not installed."""
    try:
        version: str = json.loads(STEADY_PACKAGE.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None
    return version


@contextlib.contextmanager
def steady_server(api: str) -> Iterator[Server]:
    """Steady serving one spec's examples, request logging off (``-q``)."""
    port = free_port()
    cmd = [str(STEADY), "-p", str(port), "--host", "127.0.0.1", "-q", "--no-color", str(SPECS[api])]
    with _process(f"steady-{api}", cmd, port, "/", timeout=60) as server:
        yield server


@contextlib.contextmanager
def ceiling_server(body: bytes, server: str = "inline", workers: int = 1) -> Iterator[Server]:
    """``bench.ceiling_app`` serving ``body`` (see its docstring) on a server core, with a worker count."""
    port = free_port()
    with tempfile.NamedTemporaryFile(prefix="bench-ceiling-", suffix=".json", delete=False) as f:
        f.write(body)
    try:
        cmd = [sys.executable, "-m", "bench.ceiling_app", str(port), f.name, server, str(workers)]
        with _process(f"ceiling-{server}", cmd, port, "/health", timeout=30) as started:
            yield started
    finally:
        Path(f.name).unlink(missing_ok=True)
