"""The fallback load generator when Debian's wrk cannot be installed: one Locust user per connection.

Run by ``bench.load`` as ``locust -f bench/locustfile.py --headless ...`` with the request in environment
variables (BENCH_PATH, BENCH_HEADERS as JSON). Each user sends the same GET back to back, no think time.
"""

from __future__ import annotations

import json
import os

from locust import FastHttpUser, constant, task  # type: ignore[import-not-found]  # in its own venv


class PageUser(FastHttpUser):  # type: ignore[misc]  # untyped here (locust is not in .venv)
    """GET one page over and over on a keep-alive connection."""

    wait_time = constant(0)
    path = os.environ.get("BENCH_PATH", "/")
    headers: dict[str, str] = json.loads(os.environ.get("BENCH_HEADERS", "{}"))

    @task  # type: ignore[untyped-decorator]
    def page(self) -> None:
        self.client.get(self.path, headers=self.headers)
