"""How serving cost grows with data: first/middle/last page latency and full listing time, per data size."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

import httpx

from bench import accounts, progress

# Full listings use each API's largest page; latency probes use a 100-item page of each (Sequence's maximum,
# Straddle's default) so that a cost that grows with the data set is not hidden behind serialising 1,000 items.
LIST_PARAMS = {"sequence": {"limit": 100}, "straddle": {"page_size": 1000}}
PROBE_SIZE = 100


@dataclass
class ApiScaling:
    """One API at one data size."""

    api: str
    customers: int
    total: int = 0
    pages: int = 0
    listing_s: float = 0.0
    page_ms: dict[str, float] = field(default_factory=dict)  # first/middle/last -> median ms
    probe_params: dict[str, dict[str, str | int]] = field(default_factory=dict)  # first/middle/last -> query

    @property
    def us_per_customer(self) -> float:
        return self.listing_s / max(1, self.total) * 1e6


def _get(client: httpx.Client, api: str, params: dict[str, str | int]) -> dict[str, object]:
    resp = client.get(accounts.PATHS[api], params=params, headers=accounts.HEADERS[api]())
    if resp.status_code != 200:
        raise RuntimeError(f"{api} {params}: HTTP {resp.status_code} {resp.text[:200]}")
    body: dict[str, object] = resp.json()
    return body


def _list_sequence(client: httpx.Client, result: ApiScaling) -> dict[str, dict[str, str | int]]:
    """Walk every Sequence page; return the probe requests for the first, middle and last 100-item page."""
    cursors: list[str | None] = [None]  # cursor leading to page i (None: the first page)
    start = time.perf_counter()
    after: str | None = None
    while True:
        params: dict[str, str | int] = dict(LIST_PARAMS["sequence"])
        if after:
            params["after"] = after
        body = _get(client, "sequence", params)
        items = body["items"]
        assert isinstance(items, list)
        result.total += len(items)
        result.pages += 1
        pagination = body["pagination"]
        assert isinstance(pagination, dict)
        after = pagination.get("after")
        if not after:
            break
        cursors.append(after)
    result.listing_s = time.perf_counter() - start
    probes: dict[str, dict[str, str | int]] = {}
    # The last page is often short; probe the last full one so that every probe serves the same 100 items.
    last_full = max(0, result.total // PROBE_SIZE - 1)
    for name, index in (("first", 0), ("middle", last_full // 2), ("last", last_full)):
        cursor = cursors[index]
        probes[name] = {"limit": PROBE_SIZE, **({"after": cursor} if cursor else {})}
    return probes


def _list_straddle(client: httpx.Client, result: ApiScaling) -> dict[str, dict[str, str | int]]:
    """Walk every Straddle page until an empty one; return probe requests for first, middle and last page."""
    start = time.perf_counter()
    page = 1
    while True:
        body = _get(client, "straddle", {**LIST_PARAMS["straddle"], "page_number": page})
        data = body["data"]
        assert isinstance(data, list)
        if not data:
            break
        result.total += len(data)
        result.pages += 1
        page += 1
    result.listing_s = time.perf_counter() - start
    last = max(1, result.total // PROBE_SIZE)  # the last full page (see _list_sequence)
    return {
        name: {"page_size": PROBE_SIZE, "page_number": number}
        for name, number in (("first", 1), ("middle", max(1, last // 2)), ("last", last))
    }


def measure(base_url: str, customers: int, probes: int) -> list[ApiScaling]:
    """List everything through each API, then time ``probes`` requests for each of three pages (median)."""
    results = []
    with httpx.Client(base_url=base_url, timeout=120) as client:
        for api, walk in (("sequence", _list_sequence), ("straddle", _list_straddle)):
            result = ApiScaling(api, customers)
            result.probe_params = walk(client, result)
            listed = f"{result.total:,} in {result.listing_s:.1f} s"
            progress.say("scaling", f"{customers:,} customers: {api} listed, {listed}")
            for params in result.probe_params.values():
                _get(client, api, params)  # warm, and check the answer once
            headers = accounts.HEADERS[api]()
            samples: dict[str, list[float]] = {name: [] for name in result.probe_params}
            # The three pages in turn, so a pause of the shared machine slows each of them alike, not one.
            for probe in range(probes):
                for name, params in result.probe_params.items():
                    # Time the HTTP round trip and body read only: the client's JSON decode is not the server's.
                    # A header of its own per probe: the mock computes the page (it remembers answers per request).
                    t0 = time.perf_counter()
                    resp = client.get(
                        accounts.PATHS[api], params=params, headers={**headers, "X-Bench-Request": str(probe)}
                    )
                    samples[name].append((time.perf_counter() - t0) * 1000)
                    resp.raise_for_status()
            result.page_ms = {name: statistics.median(times) for name, times in samples.items()}
            shown = ", ".join(f"{name} {ms:.2f} ms" for name, ms in result.page_ms.items())
            progress.say("scaling", f"{customers:,} customers: {api} pages (median of {probes}): {shown}")
            results.append(result)
    return results
