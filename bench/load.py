"""Load generation from a separate process: requests/s and latency percentiles.

Debian's wrk when it is installed; otherwise Locust (headless, FastHttpUser) from its own virtualenv
``bench/.locust-venv``, which ``scripts/bench`` creates only when wrk cannot be installed.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from bench.servers import cpu_seconds

_HERE = Path(__file__).parent
_LUA = _HERE / "wrk_report.lua"
LOCUST = _HERE / ".locust-venv" / "bin" / "locust"


@dataclass(frozen=True)
class LoadResult:
    """What one bounded wrk run measured against one URL."""

    connections: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    bytes_per_response: float
    server_cpu_us: float | None = None  # CPU time the server used per request (see run_on)


def tool() -> str | None:
    """The load generator this run uses: "wrk", else "locust", else None."""
    if os.environ.get("BENCH_LOAD_TOOL") in (None, "", "wrk") and shutil.which("wrk"):
        return "wrk"
    return "locust" if LOCUST.exists() else None


def run(url: str, headers: dict[str, str], *, connections: int, seconds: float, distinct: bool = False) -> LoadResult:
    """Load ``url`` with ``connections`` concurrent keep-alive connections for ``seconds``.

    ``distinct``: every request carries its own ``X-Bench-Request`` header, so the mock computes every answer
    instead of serving a remembered page (``customers_mock.answers`` keys on every header).
    """
    env = {k: v for k, v in os.environ.items() if k != "BENCH_DISTINCT"} | ({"BENCH_DISTINCT": "1"} if distinct else {})
    if tool() == "wrk":
        return _wrk(url, headers, connections=connections, seconds=seconds, env=env)
    return _locust(url, headers, connections=connections, seconds=seconds, env=env)


def run_on(
    pid: int, url: str, headers: dict[str, str], *, connections: int, seconds: float, distinct: bool = False
) -> LoadResult:
    """``run``, plus the CPU time server process ``pid`` (and its children) used per request meanwhile.

    Requests/s on a shared 2-core machine move with whatever else runs; CPU per request barely does, so it is
    the steadier measure of what a server costs.
    """
    before = cpu_seconds(pid)
    result = run(url, headers, connections=connections, seconds=seconds, distinct=distinct)
    used = cpu_seconds(pid) - before
    requests = result.requests_per_s * max(1, round(seconds))
    return replace(result, server_cpu_us=used / requests * 1e6 if requests else None)


def _wrk(url: str, headers: dict[str, str], *, connections: int, seconds: float, env: dict[str, str]) -> LoadResult:
    """Load ``url`` with ``connections`` keep-alive connections for ``seconds``, from one wrk thread.

    One thread: the machine has two cores, one for the server under test and one for the load generator.
    Non-2xx answers count as errors, so a wrong credential shows up instead of inflating requests/s.
    """
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s", "-s", str(_LUA)]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=False, timeout=seconds + 60, env=env)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if out.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({out.returncode}): {out.stdout[-500:]}{out.stderr[-500:]}")
    data = json.loads(line.removeprefix("WRK_JSON "))
    errors = sum(data[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    return LoadResult(
        connections=connections,
        requests_per_s=data["requests"] / (data["duration_us"] / 1e6),
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors=errors,
        bytes_per_response=data["bytes"] / max(1, data["requests"]),
    )


def _locust(url: str, headers: dict[str, str], *, connections: int, seconds: float, env: dict[str, str]) -> LoadResult:
    """The same measurement with Locust: one user per connection, all started at once, no think time."""
    parts = urlsplit(url)
    env = {**env, "BENCH_PATH": parts.path, "BENCH_HEADERS": json.dumps(headers)}
    with tempfile.TemporaryDirectory(prefix="bench-locust-") as tmp:
        prefix = Path(tmp) / "run"
        cmd = [str(LOCUST), "-f", str(_HERE / "locustfile.py"), "--headless", "--only-summary", "--loglevel", "ERROR"]
        cmd += [
            "--users",
            str(connections),
            "--spawn-rate",
            str(connections),
            "--run-time",
            f"{max(1, round(seconds))}s",
        ]
        cmd += ["--host", f"{parts.scheme}://{parts.netloc}", "--csv", str(prefix)]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=seconds + 60)
        stats = Path(f"{prefix}_stats.csv")
        if not stats.exists():
            raise RuntimeError(f"locust failed ({out.returncode}): {out.stderr[-800:]}")
        with stats.open() as f:
            row = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")
    return LoadResult(
        connections=connections,
        requests_per_s=float(row["Requests/s"]),
        p50_ms=float(row["50%"]),
        p99_ms=float(row["99%"]),
        errors=int(row["Failure Count"]),
        bytes_per_response=float(row["Average Content Size"]),
    )
