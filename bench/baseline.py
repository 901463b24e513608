"""The mock of another git revision, served beside this one: before/after figures from one run.

``python -m bench --baseline REF`` (``make bench ARGS="--baseline main"``) extracts ``packages/customers-mock/src``
of ``REF`` with ``git archive`` into a temporary folder and runs that mock with this checkout's virtualenv,
its source first on ``PYTHONPATH``; the load section then measures it as one more server, cell by cell.
A revision whose mock needs packages this virtualenv lacks fails to start, and the section says so.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bench.machine import ROOT

MOCK_SOURCE = "packages/customers-mock/src"
GIT = shutil.which("git") or "git"


def describe(ref: str) -> str:
    """``REF`` as the short commit it names (what the report shows), or an error for an unknown revision."""
    out = subprocess.run(
        [GIT, "-C", str(ROOT), "rev-parse", "--short", "--verify", f"{ref}^{{commit}}"],
        capture_output=True, text=True, check=False, timeout=30,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"bench: --baseline {ref!r} names no commit of this repository")
    return out.stdout.strip()


@contextlib.contextmanager
def mock_source(ref: str) -> Iterator[Path]:
    """The folder holding ``customers_mock`` as it is at ``ref`` (removed afterwards)."""
    archive = subprocess.run(
        [GIT, "-C", str(ROOT), "archive", "--format=tar", ref, MOCK_SOURCE],
        capture_output=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-baseline-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp) / MOCK_SOURCE
