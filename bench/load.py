"""Load generation with Debian's wrk from a separate process: requests/s and latency percentiles."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_LUA = Path(__file__).with_name("wrk_report.lua")


@dataclass(frozen=True)
class LoadResult:
    """What one bounded wrk run measured against one URL."""

    connections: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    bytes_per_response: float


def available() -> bool:
    """True when wrk is on PATH (scripts/bench installs it from Debian's packages)."""
    return shutil.which("wrk") is not None


def run(url: str, headers: dict[str, str], *, connections: int, seconds: float) -> LoadResult:
    """Load ``url`` with ``connections`` keep-alive connections for ``seconds``, from one wrk thread.

    One thread: the machine has two cores, one for the server under test and one for the load generator.
    Non-2xx answers count as errors, so a wrong credential shows up instead of inflating requests/s.
    """
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s", "-s", str(_LUA)]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=False, timeout=seconds + 60)
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
