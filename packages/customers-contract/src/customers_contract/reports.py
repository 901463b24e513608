"""The reports folder of a run (cleared and written fresh every run) and the run's short summary.

Every run empties the folder first, so no report of an earlier run survives a crashed one. The
folder is only emptied when it is empty already or holds the marker file an earlier run left
(``.customers-contract``): pointing ``--reports`` at a folder of yours by mistake deletes nothing.

``summary.md`` is the run's Markdown summary, short enough for ``$GITHUB_STEP_SUMMARY`` (which it
is appended to when that variable is set): the outcome, each step, per API the drift counts and
the coverage figures, and what was not tested and why.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from customers_contract.outcome import Exit, UsageError

if TYPE_CHECKING:
    from customers_contract.runner import Result

MARKER = ".customers-contract"
OUTCOMES = {
    Exit.CONFORM: "conforms to the spec",
    Exit.FAILED: "contract failure or breaking drift",
    Exit.USAGE: "usage error",
    Exit.REFUSED: "the vendor refused the credentials",
    Exit.UNREACHABLE: "the vendor did not answer",
}


@dataclass
class Reports:
    """Where a run's reports go, and the coverage figures collected for the summary."""

    folder: Path
    coverage: dict[str, dict[str, Any]] = field(default_factory=dict)

    def prepare(self) -> None:
        """Empty the folder (see the module docstring) and mark it as ours; raises ``UsageError``."""
        folder = self.folder
        if folder.exists():
            if not folder.is_dir():
                raise UsageError(f"--reports {folder}: not a folder")
            entries = list(folder.iterdir())
            if entries and not (folder / MARKER).exists():
                raise UsageError(
                    f"--reports {folder}: not empty and not a reports folder of an earlier run"
                    f" (no {MARKER} file); name an empty or new folder"
                )
            for entry in entries:
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MARKER).write_text("customers-contract reports: emptied at the start of every run\n")

    def summary(self, result: Result) -> str:
        """The Markdown summary of ``result``."""
        code = result.exit
        lines = [f"## Contract run: {OUTCOMES[code]} (exit {int(code)})", "", f"Target: {result.target}", ""]
        lines += ["| step | result |", "|---|---|"]
        lines += [f"| {step.name} | {'passed' if step.ok else '**failed**'} |" for step in result.steps]
        lines.append("")
        for api, report in result.drift.items():
            if report.untested:
                lines.append(f"- **{api}: not tested**: {report.untested}")
                continue
            cov = self.coverage.get(api, {})
            figures = ", ".join(
                f"{name} {data['percent']:.0f}%"
                for name, data in cov.items()
                if isinstance(data, dict) and "percent" in data
            )
            lines.append(
                f"- **{api}**: {report.responses} responses; drift: {len(report.breaking)} breaking,"
                f" {len(report.spec_updates)} asking for a spec update" + (f"; coverage: {figures}" if figures else "")
            )
            lines += [f"  - BREAKING `{f.kind}` {f.where} (e.g. {f.example()})" for f in report.breaking[:10]]
        lines += ["", "Reports: `drift.md`, `coverage-<api>.md`, JUnit `*.xml`, `schemathesis-html/`."]
        return "\n".join(lines) + "\n"

    def write_summary(self, result: Result) -> Path:
        """``summary.md`` in the folder, also appended to ``$GITHUB_STEP_SUMMARY`` when set."""
        text = self.summary(result)
        path = self.folder / "summary.md"
        path.write_text(text)
        step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if step_summary:
            with open(step_summary, "a") as handle:
                handle.write(text)
        return path
