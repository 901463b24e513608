"""What the request journal costs on the load figures: the same mock with the journal on (its default) and off.

Both servers run side by side in one run, taking turns round after round like the load section's peers, on
the load section's cells (default page, wrk one thread, 1/8/64 keep-alive connections). On a shared machine
only the ratio within the run means something; CPU per request is the steadier figure.
"""

from __future__ import annotations

from typing import Any

import httpx

from bench import accounts, load, servers
from bench.report import Table
from customers_mock.journal import DEFAULT_SIZE

VARIANTS = {"journal on": (), "journal off": ("--journal-size", "0")}


def measure(customers: int, connections: tuple[int, ...], seconds: float, rounds: int) -> tuple[Table, list[Any]]:
    """Requests/s, p99 and server CPU per request with the journal on and off, cell by cell."""
    table = Table(
        f"Request journal overhead: default page, wrk 1 thread, best of {rounds} x {seconds:.0f} s a cell",
        ["API", "conns", "on req/s", "off req/s", "on/off req/s", "on p99 ms", "off p99 ms", "on CPU us",
         "off CPU us", "on/off CPU"],
    )  # fmt: skip
    raw: list[Any] = []
    with (
        servers.mock_server(customers) as on,
        servers.mock_server(customers, extra_args=VARIANTS["journal off"]) as off,
    ):
        running = {"journal on": on, "journal off": off}
        for api in ("sequence", "straddle"):
            headers = accounts.HEADERS[api]()
            urls = {name: server.base_url + accounts.PATHS[api] for name, server in running.items()}
            for url in urls.values():
                httpx.get(url, headers=headers, timeout=30).raise_for_status()
                load.run(url, headers, connections=8, seconds=1)  # warm up
            for conns in connections:
                results: dict[str, list[load.LoadResult]] = {name: [] for name in running}
                for _ in range(rounds):
                    for name, server in running.items():
                        pid = server.process.pid
                        results[name].append(load.run_on(pid, urls[name], headers, connections=conns, seconds=seconds))
                best = {name: max(rs, key=lambda r: r.requests_per_s) for name, rs in results.items()}
                a, b = best["journal on"], best["journal off"]
                cpu_ratio = a.server_cpu_us / b.server_cpu_us if a.server_cpu_us and b.server_cpu_us else None
                table.rows.append([
                    api, conns, a.requests_per_s, b.requests_per_s, f"{a.requests_per_s / b.requests_per_s:.3f}x",
                    a.p99_ms, b.p99_ms, a.server_cpu_us, b.server_cpu_us,
                    f"{cpu_ratio:.3f}x" if cpu_ratio else None,
                ])  # fmt: skip
                raw.append({"api": api, "connections": conns} | {k: vars(v) for k, v in best.items()})
    table.notes += [
        f"journal on: the default (--journal-size {DEFAULT_SIZE}: a tuple appended to a bounded deque per answered "
        "request, on the inline path too); off: --journal-size 0. Same data, same port settings, one run.",
        "The issue 22 target: the journal within 5% of the load figures (on/off req/s >= 0.95).",
    ]
    return table, raw
