"""Coverage of each spec by a contract run, measured by TraceCov from the run's own requests and responses.

TraceCov (``tracecov`` on PyPI, by the Schemathesis authors) maps every exchange onto the spec:
operations called, parameters sent (each present and absent), their schema keywords exercised
with valid and invalid values (enum, bounds, pattern, format...), example values used, response
statuses reached, and the response-schema keywords the bodies reached. We feed it the
exchanges of every `st run` pass of an API (Straddle has two), so there is one figure per API.

``THRESHOLDS`` are what the mock run must reach (``scripts/test`` enforces them); a live run
only reports, since what a vendor's sandbox holds is not ours to choose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tracecov

from tests.contract.interactions import Interaction
from tests.support import specs

# Percent, per API and dimension, for the mock run. The mock run reaches every operation,
# parameter, keyword and example; of the statuses, Sequence's 403/429/500 and Straddle's
# 404/422/500 need a restricted key, a rate limit or a fault, which the generated cases do not use.
_MOCK_RUN = {"operations": 100, "parameters": 100, "keywords": 100, "examples": 100, "responses": 50}
THRESHOLDS: dict[str, dict[str, float]] = {
    "sequence": {**_MOCK_RUN, "response_keywords": 55},
    "straddle": {**_MOCK_RUN, "response_keywords": 55},
}


@dataclass
class Coverage:
    """One API's coverage map and where its reports went."""

    api: str
    map: Any  # tracecov.CoverageMap (untyped in mypy's eyes: a compiled extension)

    def summary(self) -> dict[str, Any]:
        """Per dimension: covered, total, percent (TraceCov's JSON report summary)."""
        data: dict[str, Any] = self.map.build_json_report()["summary"]
        return data

    def text(self) -> str:
        """TraceCov's plain-text summary table."""
        return str(self.map.generate_text_summary(colored=False))

    def violations(self, thresholds: dict[str, float]) -> list[str]:
        """One line per dimension below its threshold."""
        below = self.map.check_thresholds(**thresholds)
        return [f"{v['dimension']} {v['actual']:.1f}% < {v['minimum']:.0f}%" for v in below]

    def write(self, folder: Path) -> list[Path]:
        """HTML, JSON and Markdown reports as ``coverage-<api>.*`` in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for fmt, suffix in (("html", "html"), ("json", "json"), ("markdown", "md")):
            path = folder / f"coverage-{self.api}.{suffix}"
            path.write_text(self.map.generate_report(format=fmt, title=f"{self.api} spec coverage"))
            paths.append(path)
        return paths


def measure(api: str, interactions: Iterable[Interaction]) -> Coverage:
    """The coverage of ``api``'s spec by ``interactions``."""
    cov = tracecov.CoverageMap.from_path(specs.SPECS[api])
    for i in interactions:
        request = tracecov.HttpRequest(i.method, i.url, None, i.request_headers)
        response = None if i.status is None else tracecov.HttpResponse(i.status, i.elapsed, i.body, i.headers)
        cov.record(request, response, i.timestamp)
    return Coverage(api, cov)
