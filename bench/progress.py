"""Progress lines while the bench runs: each section and each measured cell says what it did as it goes.

A line is ``[  mm:ss] section: what`` (time since the run started), flushed at once, so a long run never looks hung.
"""

from __future__ import annotations

import sys
import time

_started = time.perf_counter()


def restart() -> None:
    """Count the elapsed time from now (the start of a run)."""
    global _started
    _started = time.perf_counter()


def say(section: str, text: str) -> None:
    """Print one progress line."""
    elapsed = int(time.perf_counter() - _started)
    print(f"[{elapsed // 60:3d}:{elapsed % 60:02d}] {section}: {text}", file=sys.stdout, flush=True)
