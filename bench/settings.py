"""Evidence for the mock's server settings: server core, HTTP parser, worker count and JSON encoder, measured here.

The server rows load ``bench.ceiling_app`` (constant body, so only the stack differs) at 1 and 64 connections:
the mock's own core (uvicorn with ``customers_mock.protocol``), plain uvicorn + Starlette with either parser,
granian + Starlette, and two uvicorn workers. The encoder rows serialise one real Straddle page (1,000
customers) with orjson and with json.
"""

from __future__ import annotations

import json
import timeit

import orjson

from bench import accounts, load, progress, servers
from bench.report import Table

# (ceiling_app server, workers, what it is)
VARIANTS = (
    ("inline", 1, "uvicorn + customers_mock.protocol (the mock's)"),
    ("httptools", 1, "uvicorn (httptools) + Starlette, ASGI"),
    ("h11", 1, "uvicorn (h11) + Starlette, ASGI"),
    ("granian", 1, "granian 2.8.7 + Starlette, ASGI"),
    ("httptools", 2, "uvicorn (httptools) + Starlette, 2 workers"),
)
CONNECTIONS = (1, 64)


def measure(
    page_body: bytes,
    big_page: bytes,
    seconds: float,
    connections: tuple[int, ...] = CONNECTIONS,
    variants: tuple[tuple[str, int, str], ...] = VARIANTS,
) -> tuple[Table, dict[str, float]]:
    """Requests/s and CPU per request of the ceiling app per server core, and ms to encode a 1,000-customer page."""
    figures: dict[str, float] = {}
    table = Table(
        "Server settings: server core (ceiling app, constant default Straddle page), JSON encoder",
        ["setting", "value", "1 conn req/s", "64 conns req/s", "CPU us/req (64)", "vs the mock's core (64)"],
    )
    rows: list[tuple[str, dict[int, load.LoadResult]]] = []
    for server, workers, label in variants:
        with servers.ceiling_server(page_body, server=server, workers=workers) as running:
            url = running.base_url + accounts.STRADDLE_PATH
            load.run(url, {}, connections=8, seconds=1)  # warm up
            cells = {
                conns: load.run_on(running.process.pid, url, {}, connections=conns, seconds=seconds)
                for conns in connections
            }
        rows.append((label, cells))
        shown = ", ".join(f"{c} conns {r.requests_per_s:,.0f} req/s" for c, r in cells.items())
        progress.say("settings", f"{label}: {shown}")
        for conns, result in cells.items():
            figures[f"{label}, {conns} conns"] = result.requests_per_s
    top_conns = max(connections)
    base = rows[0][1][top_conns].requests_per_s
    for label, cells in rows:
        top = cells[top_conns]
        one = cells[1].requests_per_s if 1 in cells else None
        table.rows.append(["server core", label, one, top.requests_per_s, top.server_cpu_us,
                           f"{top.requests_per_s / base:.2f}x"])  # fmt: skip
    data = json.loads(big_page)
    for name, encode in (("orjson.dumps", lambda: orjson.dumps(data)), ("json.dumps", lambda: json.dumps(data))):
        number = 20
        ms = min(timeit.repeat(encode, number=number, repeat=5)) / number * 1000
        figures[name] = ms
        table.rows.append(["JSON encoder, 1,000-customer page", name, f"{ms:.2f} ms", None, None, None])
    table.notes += [
        "wrk and the server share the 2 cores: a second worker competes with the load generator, as it would with "
        "a user's test suite; its CPU figure covers every worker.",
        "The mock stays at one uvicorn process on purpose: its run-time state (fault `times` counters, faults set "
        "with POST /_mock/faults, customers added at run time) lives in that process.",
    ]
    return table, figures
