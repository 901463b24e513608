"""Coverage of each spec by a contract run, measured by TraceCov from the run's own requests and responses.

TraceCov (``tracecov`` on PyPI, by the Schemathesis authors) maps every exchange onto the spec:
operations called, parameters sent (each present and absent), their schema keywords exercised
with valid and invalid values (enum, bounds, pattern, format...), example values used, response
statuses reached, and the response-schema keywords the bodies reached. We feed it the
exchanges of every `st run` pass of an API (Straddle has two), so there is one figure per API.
TraceCov does not say WHICH enum values and bounds were sent; ``values.py`` does, over the same
exchanges, as one more dimension (``values``) in the summary, the reports and the thresholds.

``THRESHOLDS`` are what the mock run must reach (``scripts/test`` enforces them); a live run
only reports, since what a vendor's sandbox holds is not ours to choose.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tracecov

from customers_contract import specs
from customers_contract import values as parameter_values
from customers_contract.interactions import Interaction

# Percent, per API and dimension, for the mock run. The mock run reaches every operation,
# parameter, keyword and example; of the statuses, Sequence's 403/429/500 and Straddle's
# 404/422/500 need a restricted key, a rate limit or a fault, which the generated cases do not use.
# ``values`` (ours, see values.py): every enum value, every bound and past it, absent and present.
_MOCK_RUN = {"operations": 100, "parameters": 100, "keywords": 100, "examples": 100, "responses": 50, "values": 100}
THRESHOLDS: dict[str, dict[str, float]] = {
    "sequence": {**_MOCK_RUN, "response_keywords": 55},
    "straddle": {**_MOCK_RUN, "response_keywords": 55},
}


@dataclass
class Coverage:
    """One API's coverage map and where its reports went."""

    api: str
    map: Any  # tracecov.CoverageMap (untyped in mypy's eyes: a compiled extension)
    values: parameter_values.ValueCoverage

    def summary(self) -> dict[str, Any]:
        """Per dimension: covered, total, percent (TraceCov's JSON report summary, plus ``values``)."""
        data: dict[str, Any] = self.map.build_json_report()["summary"]
        v = self.values
        return {**data, "values": {"covered": v.covered, "total": len(v.points), "percent": v.percent}}

    def text(self) -> str:
        """TraceCov's plain-text summary table and our values line."""
        return f"{self.map.generate_text_summary(colored=False)}\n{self.values.line()}"

    def violations(self, thresholds: dict[str, float]) -> list[str]:
        """One line per dimension below its threshold."""
        theirs = {k: v for k, v in thresholds.items() if k != "values"}
        below = [(v["dimension"], v["actual"], v["minimum"]) for v in self.map.check_thresholds(**theirs)]
        if "values" in thresholds and self.values.percent < thresholds["values"]:
            below.append(("values", self.values.percent, thresholds["values"]))
        return [f"{dimension} {actual:.1f}% < {minimum:.0f}%" for dimension, actual, minimum in below]

    def write(self, folder: Path) -> list[Path]:
        """HTML, JSON and Markdown reports as ``coverage-<api>.*`` in ``folder`` (values in JSON and Markdown)."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for fmt, suffix in (("html", "html"), ("json", "json"), ("markdown", "md")):
            path = folder / f"coverage-{self.api}.{suffix}"
            report = self.map.generate_report(format=fmt, title=f"{self.api} spec coverage")
            if fmt == "json":
                report = json.dumps({**json.loads(report), "parameter_values": self.values.as_json()}, indent=2)
            elif fmt == "markdown":
                report = f"{report.rstrip()}\n\n{self.values.markdown()}"
            path.write_text(report)
            paths.append(path)
        return paths


def measure(api: str, interactions: Iterable[Interaction]) -> Coverage:
    """The coverage of ``api``'s spec by ``interactions``."""
    cov = tracecov.CoverageMap.from_path(specs.path(api))
    interactions = list(interactions)
    for i in interactions:
        request = tracecov.HttpRequest(i.method, i.url, None, i.request_headers)
        response = None if i.status is None else tracecov.HttpResponse(i.status, i.elapsed, i.body, i.headers)
        cov.record(request, response, i.timestamp)
    return Coverage(api, cov, parameter_values.measure(specs.load(api), interactions))
