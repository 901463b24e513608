"""The report: tables of figures, target verdicts, and the machine, written as Markdown and JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.machine import summary_line

Cell = str | int | float | None


@dataclass
class Table:
    """One section of figures: a titled table, with notes on how it was measured."""

    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Verdict:
    """A target from the issue and whether this run met it (None: not measured)."""

    target: str
    measured: str
    met: bool | None


@dataclass
class Report:
    """Everything one `make bench` run measured."""

    mode: str
    machine: dict[str, object]
    out_dir: Path
    tables: list[Table] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    baseline: str | None = None  # the git revision whose mock the load section measures beside this one


def _cell(value: Cell) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if value >= 100:
            return f"{value:,.0f}"
        if value >= 10:
            return f"{value:.1f}"
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return value


def to_markdown(report: Report) -> str:
    """The report as Markdown: the verdicts first, then one table per section."""
    lines = [
        f"Machine: {summary_line(report.machine)}; {report.machine['date']}, git {report.machine['git']}, "
        f"mode `{report.mode}`, {report.seconds:.0f} s in all"
        + (f", baseline mock git {report.baseline}." if report.baseline else "."),
        "",
    ]
    if report.verdicts:
        lines += ["| target | measured | met |", "|---|---|---|"]
        for v in report.verdicts:
            met = "n/a" if v.met is None else ("yes" if v.met else "**no**")
            lines.append(f"| {v.target} | {v.measured} | {met} |")
        lines.append("")
    for table in report.tables:
        lines += [f"#### {table.title}", ""]
        lines.append("| " + " | ".join(table.columns) + " |")
        lines.append("|" + "---|" * len(table.columns))
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
        lines += [""] + [f"- {note}" for note in table.notes] + ([""] if table.notes else [])
    if report.errors:
        lines += ["#### Sections that failed", ""] + [f"- {e}" for e in report.errors] + [""]
    return "\n".join(lines)


def write(report: Report, out_dir: Path) -> tuple[Path, Path]:
    """Write ``bench-<time>.md/.json`` and ``latest.md/.json`` into ``out_dir``; return the latest pair."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    markdown = to_markdown(report)
    data = json.dumps(asdict(report), indent=2, default=str) + "\n"
    for stem in (f"bench-{stamp}", "latest"):
        (out_dir / f"{stem}.md").write_text(markdown)
        (out_dir / f"{stem}.json").write_text(data)
    return out_dir / "latest.md", out_dir / "latest.json"
