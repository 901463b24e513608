"""What the request journal costs on the load figures: the same mock with the journal on (its default) and off.

Both servers run side by side in one run, taking turns round after round like the load section's peers, on
the load section's cells (default page, wrk one thread, 1/8/64 keep-alive connections). On a shared machine
only the ratio within the run means something; CPU per request is the steadier figure.
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from bench import accounts, load, servers
from bench.report import Table
from customers_mock.journal import DEFAULT_SIZE, Journal

VARIANTS = {"journal on": (), "journal off": ("--journal-size", "0")}


def _request_like(i: int) -> dict[str, Any]:
    """A scope as uvicorn builds one per request, and some of the garbage a request leaves behind."""
    headers = [
        (b"host", b"127.0.0.1:8080"),
        (b"user-agent", b"wrk"),
        (b"accept", b"*/*"),
        (b"authorization", b"Basic c2VxX2RlbW9fY2xpZW50OnNlcV9kZW1vX3NlY3JldA=="),
        (b"connection", b"keep-alive"),
    ]
    _garbage = [{"a": [i, 2, 3], "b": {"c": i}} for _ in range(20)]
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "server": ("127.0.0.1", 8080),
            "client": ("127.0.0.1", 5000 + i % 1000), "scheme": "http", "method": "GET", "root_path": "",
            "path": "/api/customers", "raw_path": b"/api/customers", "query_string": b"", "headers": headers,
            "state": {}}  # fmt: skip


def record_cost_us(calls: int = 50_000, rounds: int = 7) -> float:
    """Microseconds of CPU the journal adds per request: request-like allocations with it on and off, interleaved.

    Not a bare ``timeit`` of ``record``: what an entry keeps alive also costs the garbage collector, which
    only shows among allocations like a server's. Best of ``rounds`` each (process CPU time, not wall).
    """
    best = {"on": float("inf"), "off": float("inf")}
    for _ in range(rounds):
        for name, journal in (("on", Journal(DEFAULT_SIZE)), ("off", Journal(0))):
            started = time.process_time()
            for i in range(calls):
                journal.record(_request_like(i), 200)
            best[name] = min(best[name], time.process_time() - started)
    return max(0.0, best["on"] - best["off"]) / calls * 1e6


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
    record_us = record_cost_us()
    off_cpu = [row[8] for row in table.rows if isinstance(row[8], float)]
    share = record_us / min(off_cpu) if off_cpu else None
    raw.append({"record_us": record_us, "share_of_cpu_per_request": share})
    table.notes += [
        f"Steadier than requests/s on a shared machine: the journal adds {record_us:.2f} us of CPU per request in "
        f"process (request-like allocations, on vs off, best of 7 each), {100 * share:.2f} % of the cheapest CPU "
        "per request with the journal off"
        if share is not None
        else f"The journal adds {record_us:.2f} us of CPU per request in process.",
        f"journal on: the default (--journal-size {DEFAULT_SIZE}: a tuple appended to a bounded deque per answered "
        "request, on the inline path too); off: --journal-size 0. Same data, same port settings, one run.",
        "The issue 22 target: the journal within 5% of the load figures (on/off req/s >= 0.95).",
    ]
    return table, raw
