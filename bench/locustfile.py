"""The fallback load generator when Debian's wrk cannot be installed: one Locust user per connection.

Run by ``bench.load`` as ``locust -f bench/locustfile.py --headless ...`` with the request in environment
variables (BENCH_PATH, BENCH_HEADERS as JSON). Each user sends the same GET back to back, no think time; with
BENCH_DISTINCT set, each request carries its own ``X-Bench-Request`` header (as ``bench/wrk_report.lua`` does).
"""

from __future__ import annotations

import itertools
import json
import os

from locust import FastHttpUser, constant, task  # type: ignore[import-not-found]  # in its own venv


class PageUser(FastHttpUser):  # type: ignore[misc]  # untyped here (locust is not in .venv)
    """GET one page over and over on a keep-alive connection."""

    wait_time = constant(0)
    path = os.environ.get("BENCH_PATH", "/")
    headers: dict[str, str] = json.loads(os.environ.get("BENCH_HEADERS", "{}"))
    distinct = itertools.count() if os.environ.get("BENCH_DISTINCT") else None

    @task  # type: ignore[untyped-decorator]
    def page(self) -> None:
        extra = {} if self.distinct is None else {"X-Bench-Request": str(next(self.distinct))}
        self.client.get(self.path, headers={**self.headers, **extra})
