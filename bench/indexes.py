"""What the mock's sort and filter indexes cost at scale, and whether building one stalls other clients.

Run: ``.venv/bin/python -m bench.indexes [--customers 1000000]`` (standalone; not part of ``make bench``).

Starts the mock as a real process, keeps a probe client asking for a (warm) first page every 20 ms,
and measures over loopback HTTP:

- first use of each lazily built index (a new sort field, an exact filter), and the probe's worst
  and median latency meanwhile (a build that blocks the event loop shows as a probe stall);
- repeated filtered requests (status, types, date range, combinations, deep pages, substrings):
  the first and the median of the next runs;
- the server's peak resident memory (VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench import accounts
from customers_mock.testing import start_mock_server

PROBE: tuple[str, dict[str, str | int]] = ("straddle", {"page_size": 100})
PROBE_INTERVAL_S = 0.02
REQUEST_TIMEOUT_S = 300.0
REPEATS = 3


@dataclass
class Case:
    """One request shape, measured over HTTP."""

    name: str
    api: str
    params: dict[str, str | int]
    first_ms: float = 0.0
    repeat_ms: list[float] = field(default_factory=list)
    probe_ms: list[float] = field(default_factory=list)  # probe latencies while the first request ran
    total: int = 0


def first_use_cases() -> list[Case]:
    """Requests whose first use builds an index (each asked here for the first time)."""
    return [
        Case("Straddle sort_by=name", "straddle", {"sort_by": "name", "page_size": 100}),
        Case("Sequence sortBy=legalName", "sequence", {"sortBy": "legalName", "limit": 100}),
        Case("Sequence sortBy=email", "sequence", {"sortBy": "email", "limit": 100}),
        Case("Sequence sortBy=customProperties.region", "sequence", {"sortBy": "customProperties.region"}),
        Case("Straddle email=<exact>", "straddle", {"email": "ada.lovelace.0@example.com"}),
        Case("Sequence email=<exact>", "sequence", {"email": "billing@acme-labs-0.example.com"}),
        Case("Sequence label=Enterprise", "sequence", {"label": "Enterprise", "limit": 100}),
    ]


def filter_cases(customers: int) -> list[Case]:
    """Filtered Straddle requests, measured repeatedly (the first run may build a structure)."""
    last_verified = max(1, customers // 5 // 100)  # ~1/5 of customers are verified: about the last page
    return [
        Case("status=verified", "straddle", {"status": "verified"}),
        Case("types=business", "straddle", {"types": "business"}),
        Case(
            "created 2021 (one year)",
            "straddle",
            {"created_from": "2021-01-01T00:00:00Z", "created_to": "2021-12-31T23:59:59Z"},
        ),
        Case(
            "status=verified,review&types=individual&created 2021",
            "straddle",
            {
                "status": "verified,review",
                "types": "individual",
                "created_from": "2021-01-01T00:00:00Z",
                "created_to": "2021-12-31T23:59:59Z",
            },
        ),
        Case("status=verified, ~last page", "straddle", {"status": "verified", "page_number": last_verified}),
        Case(
            "status=verified desc, page 2000",
            "straddle",
            {"status": "verified", "sort_order": "desc", "page_number": 2000},
        ),
        Case("sort_by=name&status=verified", "straddle", {"sort_by": "name", "status": "verified"}),
        Case(
            "sort_by=name&created 2021",
            "straddle",
            {"sort_by": "name", "created_from": "2021-01-01T00:00:00Z", "created_to": "2021-12-31T23:59:59Z"},
        ),
        Case("name=lovelace", "straddle", {"name": "lovelace"}),
        Case("search_text=ext_0001", "straddle", {"search_text": "ext_0001"}),
        Case("status=verified&name=lovelace", "straddle", {"status": "verified", "name": "lovelace"}),
    ]


async def _get(client: httpx.AsyncClient, api: str, params: dict[str, str | int]) -> tuple[float, int]:
    started = time.perf_counter()
    response = await client.get(accounts.PATHS[api], params=params, headers=accounts.HEADERS[api]())
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{api} {params}: HTTP {response.status_code} {response.text[:200]}")
    body = response.json()
    total = body["meta"]["total_items"] if api == "straddle" else body["pagination"]["totalResultSize"]
    return elapsed, int(total)


async def _probe(client: httpx.AsyncClient, samples: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        elapsed, _ = await _get(client, *PROBE)
        samples.append(elapsed)
        await asyncio.sleep(PROBE_INTERVAL_S)


async def _measure(base_url: str, customers: int) -> list[tuple[str, list[Case]]]:
    limits = httpx.Limits(max_connections=4)
    async with (
        httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT_S, limits=limits) as client,
        httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT_S) as prober,
    ):
        await _get(client, *PROBE)  # warm the default path
        firsts = first_use_cases()
        for case in firsts:
            stop = asyncio.Event()
            probe = asyncio.create_task(_probe(prober, case.probe_ms, stop))
            await asyncio.sleep(0.1)
            case.probe_ms.clear()
            case.first_ms, case.total = await _get(client, case.api, case.params)
            stop.set()
            await probe
            case.repeat_ms = [(await _get(client, case.api, case.params))[0] for _ in range(REPEATS)]
        filters = filter_cases(customers)
        for case in filters:
            case.first_ms, case.total = await _get(client, case.api, case.params)
            case.repeat_ms = [(await _get(client, case.api, case.params))[0] for _ in range(REPEATS)]
        crowd = await _crowd(base_url)
    return [("First use (builds an index)", firsts), ("Filters", filters), ("64 clients during a build", [crowd])]


async def _crowd(base_url: str) -> Case:
    """64 clients on their own connections asking for first pages while an index (url) is being built."""
    case = Case("64 x first page, during sortBy=url build", "sequence", {"sortBy": "url"})

    async def one(i: int) -> float:
        async with httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT_S) as own:
            api = "straddle" if i % 2 else "sequence"
            return (await _get(own, api, {}))[0]

    async with httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT_S) as builder:
        build = asyncio.create_task(_get(builder, case.api, case.params))
        await asyncio.sleep(0.2)
        case.probe_ms = list(await asyncio.gather(*(one(i) for i in range(64))))
        case.first_ms, case.total = await build
        case.repeat_ms = [case.first_ms]
    return case


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def report(customers: int, sections: list[tuple[str, list[Case]]], rss_mib: float, startup_s: float) -> str:
    lines = [f"# Mock indexes at {customers:,} customers per account", ""]
    lines.append(f"Start-up until /health: {startup_s:.1f} s; server peak RSS after all cases: {rss_mib:.0f} MiB.")
    for title, cases in sections:
        lines += ["", f"## {title}", "", "| request | total | first ms | then median ms | probe max / median ms |"]
        lines.append("|---|---:|---:|---:|---:|")
        for c in cases:
            probe = f"{max(c.probe_ms):.0f} / {statistics.median(c.probe_ms):.0f}" if c.probe_ms else "-"
            lines.append(
                f"| {c.name} | {c.total:,} | {c.first_ms:.0f} | {statistics.median(c.repeat_ms):.0f} | {probe} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.indexes", description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000, help="customers per account (default 1M)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with start_mock_server(customers=args.customers, startup_timeout=600) as server:
        startup_s = time.perf_counter() - started
        sections = asyncio.run(_measure(server.base_url, args.customers))
        rss = _peak_rss_mib(server.process.pid)
    print(report(args.customers, sections, rss, startup_s))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
