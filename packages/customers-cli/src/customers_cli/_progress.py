"""The progress bar of ``--all`` on stderr (rich): count of total, rate, elapsed time and ETA."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Customers per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "-/s", style="progress.data.speed")


class Bar:
    """Advances a rich progress bar, or does nothing when there is no bar.

    ``console`` is the bar's own console when stdout shares its terminal (print through it, above
    the bar), else None.
    """

    def __init__(self, progress: Progress | None = None, *, shared: bool = False) -> None:
        self._progress = progress
        self.console = progress.console if progress is not None and shared else None

    def advance(self, count: int) -> None:
        if self._progress is not None:
            self._progress.advance(self._progress.task_ids[0], count)


def same_terminal() -> bool:
    """Whether stdout and stderr are one terminal (then output is printed above the bar, not through it)."""
    try:
        return sys.stdout.isatty() and sys.stderr.isatty() and os.path.samestat(os.fstat(1), os.fstat(2))
    except (OSError, ValueError):
        return False


@contextmanager
def progress_bar(enabled: bool, total: int, label: str) -> Iterator[Bar]:
    """A bar on stderr while the block runs (a no-op ``Bar`` when not ``enabled``).

    When stdout is the same terminal, rich takes over ``sys.stdout`` for the duration, so rows
    written there appear above the bar instead of tearing it.
    """
    if not enabled:
        yield Bar()
        return
    shared = same_terminal()
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        redirect_stdout=shared,
        redirect_stderr=False,
    )
    progress.add_task(label, total=total)
    with progress:
        yield Bar(progress, shared=shared)
