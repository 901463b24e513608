"""Where a server spends its time under load: py-spy samples the process while wrk drives it.

The collapsed stacks and an SVG flame graph go to the report folder; the report gets the functions with the most
samples, by self time and by inclusive time, so that a missed target comes with what bounds it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from bench import load
from bench.report import Table

PY_SPY = Path(sys.executable).parent / "py-spy"
_FRAME = re.compile(r"^(?P<func>.+?) \((?P<file>[^:]+)(?::\d+)?\)$")


def _short(frame: str) -> str:
    """``func (path/to/module.py:12)`` -> ``module.py:func``."""
    m = _FRAME.match(frame.strip())
    return f"{Path(m['file']).name}:{m['func']}" if m else frame.strip()


def _record(pid: int, seconds: int, out: Path, fmt: str) -> None:
    cmd = [str(PY_SPY), "record", "--pid", str(pid), "--duration", str(seconds), "--rate", "250", "--nonblocking"]
    subprocess.run([*cmd, "--format", fmt, "--output", str(out)], capture_output=True, check=True, timeout=seconds + 60)


def profile_under_load(
    pid: int,
    url: str,
    headers: dict[str, str],
    *,
    seconds: int,
    out_dir: Path,
    name: str,
    top: int = 12,
    distinct: bool = False,
) -> Table:
    """Sample ``pid`` for ``seconds`` while 8 connections load ``url``; summarise the hottest functions.

    ``distinct``: every request carries its own header (``load.run``), so the mock computes every answer.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    raw, svg = out_dir / f"profile-{name}.txt", out_dir / f"profile-{name}.svg"
    driving = {"connections": 8, "seconds": seconds + 2, "distinct": distinct}
    driver = threading.Thread(target=load.run, args=(url, headers), kwargs=driving)
    driver.start()
    try:
        _record(pid, seconds, raw, "raw")
    finally:
        driver.join()
    self_time: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    ours: set[str] = set()  # the mock's own functions: their inclusive time says which step costs what
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        raw_frames = stack.split(";")
        frames = [_short(f) for f in raw_frames]
        total += count
        self_time[frames[-1]] += count
        for frame in set(frames):
            inclusive[frame] += count
        ours.update(_short(f) for f in raw_frames if "customers_mock" in f)
    # The SVG is for people; render it from a second, shorter sample so the figures above stay undisturbed.
    driver = threading.Thread(target=load.run, args=(url, headers), kwargs={**driving, "seconds": 4})
    driver.start()
    try:
        _record(pid, 2, svg, "flamegraph")
    finally:
        driver.join()
    table = Table(
        f"Profile of the mock under load: {name} (py-spy, {total:,} samples; flame graph in {svg.name})",
        ["function", "self %", "inclusive %"],
    )
    names = [f for f, _ in self_time.most_common(top)]
    names += [f for f, _ in inclusive.most_common() if f in ours and f not in names][:top]
    for func in names:
        table.rows.append([func, 100 * self_time[func] / max(1, total), 100 * inclusive[func] / max(1, total)])
    return table
