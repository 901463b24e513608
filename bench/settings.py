"""Evidence for the mock's server settings: HTTP parser, worker count and JSON encoder, measured here.

The parser and worker rows load ``bench.ceiling_app`` (constant body, so only the stack differs) at 64
connections; the encoder rows serialise one real Straddle page (1,000 customers) with orjson and with json.
"""

from __future__ import annotations

import json
import timeit

import orjson

from bench import accounts, load, servers
from bench.report import Table

VARIANTS = (("httptools", 1), ("h11", 1), ("httptools", 2))


def measure(page_body: bytes, big_page: bytes, seconds: float) -> tuple[Table, dict[str, float]]:
    """Requests/s of the ceiling app per (parser, workers), and ms to encode a 1,000-customer page."""
    figures: dict[str, float] = {}
    table = Table(
        "Server settings: uvicorn HTTP parser and workers (ceiling app, 64 conns), JSON encoder",
        ["setting", "value", "figure", "unit"],
    )
    for http, workers in VARIANTS:
        with servers.ceiling_server(page_body, http=http, workers=workers) as server:
            url = server.base_url + accounts.STRADDLE_PATH
            load.run(url, {}, connections=8, seconds=1)  # warm up
            rps = load.run(url, {}, connections=64, seconds=seconds).requests_per_s
        figures[f"{http}, {workers} worker(s)"] = rps
        table.rows.append(["uvicorn http / workers", f"{http}, {workers}", rps, "req/s"])
    data = json.loads(big_page)
    for name, encode in (("orjson.dumps", lambda: orjson.dumps(data)), ("json.dumps", lambda: json.dumps(data))):
        number = 20
        ms = min(timeit.repeat(encode, number=number, repeat=5)) / number * 1000
        figures[name] = ms
        table.rows.append(["JSON encoder, 1,000-customer page", name, ms, "ms"])
    table.notes.append(
        "wrk and the server share the 2 cores: a second worker competes with the load generator, as it would with "
        "a user's test suite."
    )
    return table, figures
