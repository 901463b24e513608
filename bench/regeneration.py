"""How long regeneration takes: `make generate` with nothing changed and the drift check, on a copy of the project.

`make generate` skips a client whose inputs and files are those of its last generation, so with nothing changed
it generates nothing; the drift check always generates both clients, so its row is the cost of generating them.

A copy, because `make generate` writes into generated/ and other people may be editing the specs in this tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import ROOT
from bench.report import Table

_COPIED = ("openapi", "generated", "packages/customers-mock/src/customers_mock/specs", "scripts")


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=600)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[1:])} exited {out.returncode}: {out.stdout[-300:]}{out.stderr[-300:]}")
    return seconds


def measure(repeats: int) -> tuple[Table, dict[str, float]]:
    """Best-of-``repeats`` wall time of `make generate` with nothing changed and of the drift check."""
    with tempfile.TemporaryDirectory(prefix="bench-regen-") as tmp:
        root = Path(tmp)
        for rel in _COPIED:
            src, dst = ROOT / rel, root / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(src, dst)
        env = {**os.environ, "REGEN_ROOT": str(root)}
        regen = [sys.executable, str(root / "scripts" / "regen.py")]
        bootstrap = [str(ROOT / "scripts" / "bootstrap")]
        figures = {
            "scripts/bootstrap (no-op, part of every make target)": min(
                _timed(bootstrap, dict(os.environ)) for _ in range(repeats)
            ),
            "make generate (nothing changed: both clients skipped)": min(_timed(regen, env) for _ in range(repeats)),
            "make check-generated (drift check)": min(_timed([*regen, "--check"], env) for _ in range(repeats)),
        }
    table = Table(f"Regeneration (s, best of {repeats})", ["command", "seconds"])
    table.rows = [[name, seconds] for name, seconds in figures.items()]
    table.notes.append("Run on a copy of openapi/, generated/ and scripts/ (REGEN_ROOT), not in the tree.")
    return table, figures
