"""Run every benchmark section and write the report: ``python -m bench [--quick] [--only SECTION ...]``."""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from bench import (
    accounts,
    cli_export,
    decode,
    journal_load,
    load,
    machine,
    profile,
    progress,
    regeneration,
    report,
    scaling,
    servers,
    settings,
    waits,
)
from bench import baseline as bench_baseline
from bench.report import Report, Table, Verdict


@dataclass(frozen=True)
class Plan:
    """How much to measure: the default run (< 10 minutes) or a quick smoke run (< 2 minutes)."""

    name: str
    load_seconds: float
    load_rounds: int  # each throughput cell: every server this many times in turn, best kept
    connections: tuple[int, ...]
    load_customers: int
    scaling_sizes: tuple[int, ...]
    probes: int
    listing_customers: int
    listing_repeats: int
    decode_budget_s: float
    regen_repeats: int
    profile_seconds: int  # py-spy sampling of the mock under load, per API (0: none)
    fixture_starts: int
    settings_connections: tuple[int, ...]  # the server-settings rows
    settings_variants: int  # how many of bench.settings.VARIANTS (the first is the mock's own server core)
    contract: bool = False  # time the contract part of `make test` (--contract: minutes)


FULL = Plan(
    "default", load_seconds=3, load_rounds=2, connections=(1, 8, 64), load_customers=10_000,
    scaling_sizes=(1_000, 100_000, 1_000_000), probes=100, listing_customers=100_000, listing_repeats=1,
    decode_budget_s=2.0, regen_repeats=2, profile_seconds=2, fixture_starts=5, settings_connections=(1, 64),
    settings_variants=len(settings.VARIANTS),
)  # fmt: skip
QUICK = Plan(
    "quick", load_seconds=1, load_rounds=1, connections=(1, 64), load_customers=2_000, scaling_sizes=(1_000, 10_000),
    probes=5, listing_customers=5_000, listing_repeats=1, decode_budget_s=0.3, regen_repeats=1, profile_seconds=0,
    fixture_starts=2, settings_connections=(64,), settings_variants=2,
)  # fmt: skip
SECTIONS = ("load", "journal", "settings", "decode", "clients", "cli", "scaling", "waits", "regeneration")
PAGE_SIZE = {"sequence": 100, "straddle": 1000}  # each API's largest page, for every client alike


PEERS = ("steady", "prism", "ceiling")
UNCACHED = "mock, every answer computed"
LABELS = {"mock": "mock", "steady": "Steady", "prism": "Prism", "ceiling": "ceiling", UNCACHED: "mock uncached"}


def _servers(plan: Plan, baseline: str | None, stack: contextlib.ExitStack) -> dict[str, dict[str, servers.Server]]:
    """Every server of the load section, per API: the mock (and the baseline's), Steady, Prism; started once."""
    mock = stack.enter_context(servers.mock_server(plan.load_customers))
    progress.say("load", f"mock started ({plan.load_customers:,} customers per account)")
    old = None
    if baseline is not None:
        source = stack.enter_context(bench_baseline.mock_source(baseline))
        old = stack.enter_context(servers.mock_server(plan.load_customers, source=source))
        progress.say("load", f"baseline mock of {baseline} started")
    running: dict[str, dict[str, servers.Server]] = {}
    for api in ("sequence", "straddle"):
        running[api] = {"mock": mock, **({f"mock {baseline}": old} if old is not None else {})}
        running[api]["steady"] = stack.enter_context(servers.steady_server(api))
        running[api]["prism"] = stack.enter_context(servers.prism_server(api))
    progress.say("load", "Steady and Prism started (one process per spec each)")
    return running


def section_load(plan: Plan, rep: Report) -> None:
    """Requests/s, latency and server CPU of a default page: mock vs Steady vs Prism (and the ceiling), 1/8/64 conns.

    The mock remembers its pages per request (``customers_mock.answers``); the "mock uncached" cells send a header
    unique to each request, so every answer is computed: the cost of a request the mock has not seen.
    """
    baseline = rep.baseline
    names = ["mock", *([f"mock {baseline}"] if baseline else []), UNCACHED, *PEERS]
    table = Table(
        f"Server throughput: default page, wrk 1 thread, best of {plan.load_rounds} x {plan.load_seconds:.0f} s a cell",
        ["API", "conns", *(f"{LABELS.get(n, n)} req/s" for n in names), "mock p99 ms", "Steady p99 ms",
         "Prism p99 ms", "mock/Steady", "mock/Prism", "mock/ceiling", "uncached/Steady",
         *([f"mock/{baseline}"] if baseline else [])],
    )  # fmt: skip
    cpu = Table(
        "Server CPU per request (us, user + system, all threads and child processes), same cells",
        ["API", "conns", *(LABELS.get(n, n) for n in names), "mock/ceiling", "uncached/ceiling"],
    )
    raw: list[dict[str, Any]] = []
    ratios: dict[str, list[tuple[int, float]]] = {"steady": [], "prism": [], "cpu": []}
    profiles: list[Table] = []
    with contextlib.ExitStack() as stack:
        started = _servers(plan, baseline, stack)
        for api in ("sequence", "straddle"):
            headers = accounts.HEADERS[api]()
            mock = started[api]["mock"]
            page = httpx.get(mock.base_url + accounts.PATHS[api], headers=headers, timeout=30).raise_for_status()
            with servers.ceiling_server(page.content) as ceiling:
                running = {**started[api], "ceiling": ceiling}
                running[UNCACHED] = mock
                running = {name: running[name] for name in names}
                urls = {name: server.base_url + accounts.PATHS[api] for name, server in running.items()}
                secs = plan.load_seconds
                for name, url in urls.items():  # warm up (Node's JIT, Python's caches)
                    load.run(url, headers, connections=8, seconds=1, distinct=name == UNCACHED)
                progress.say("load", f"{api}: every server warmed up")
                for conns in plan.connections:
                    # Servers take turns, round after round, so drift on the shared machine hits them alike;
                    # each keeps its best round (the one least disturbed by whatever else ran).
                    rounds: dict[str, list[load.LoadResult]] = {name: [] for name in running}
                    for number in range(plan.load_rounds):
                        for name, server in running.items():
                            result = load.run_on(
                                server.process.pid, urls[name], headers, connections=conns, seconds=secs,
                                distinct=name == UNCACHED,
                            )  # fmt: skip
                            rounds[name].append(result)
                            progress.say(
                                "load",
                                f"{api} c={conns} {LABELS.get(name, name)} (round {number + 1}/{plan.load_rounds}): "
                                f"{result.requests_per_s:,.0f} req/s, p99 {result.p99_ms:.1f} ms, "
                                f"{result.server_cpu_us or 0:.1f} us CPU/request"
                                + (f", {result.errors} errors" if result.errors else ""),
                            )
                    cell = {name: max(results, key=lambda r: r.requests_per_s) for name, results in rounds.items()}
                    rps = {name: result.requests_per_s for name, result in cell.items()}
                    ours = rps["mock"]
                    for peer in ("steady", "prism"):
                        ratios[peer].append((conns, ours / rps[peer]))
                    cpu_ratio = _ratio(cell["mock"].server_cpu_us, cell["ceiling"].server_cpu_us)
                    ratios["cpu"].append((conns, cpu_ratio))
                    table.rows.append([
                        api, conns, *(rps[n] for n in names), cell["mock"].p99_ms, cell["steady"].p99_ms,
                        cell["prism"].p99_ms, f"{ours / rps['steady']:.2f}x", f"{ours / rps['prism']:.2f}x",
                        f"{ours / rps['ceiling']:.2f}x", f"{rps[UNCACHED] / rps['steady']:.2f}x",
                        *([f"{ours / rps[f'mock {baseline}']:.2f}x"] if baseline else []),
                    ])  # fmt: skip
                    cpu.rows.append([
                        api, conns, *(cell[name].server_cpu_us for name in names), f"{cpu_ratio:.2f}x",
                        f"{_ratio(cell[UNCACHED].server_cpu_us, cell['ceiling'].server_cpu_us):.2f}x",
                    ])  # fmt: skip
                    raw.append({"api": api, "connections": conns} | {k: vars(v) for k, v in cell.items()})
                    for name, result in cell.items():
                        if result.errors:
                            table.notes.append(f"{name} {api} c={conns}: {result.errors} errors/non-2xx answers")
                    progress.say(
                        "load",
                        f"{api} c={conns}: mock {ours:,.0f} req/s = {ours / rps['steady']:.2f}x Steady, "
                        f"{ours / rps['prism']:.2f}x Prism; CPU {cpu_ratio:.2f}x the ceiling's",
                    )
            if plan.profile_seconds:
                url = mock.base_url + accounts.PATHS[api]
                for distinct in (False, True):
                    name = f"{api}-uncached" if distinct else api
                    hot = profile.profile_under_load(
                        mock.process.pid, url, headers, seconds=plan.profile_seconds, out_dir=rep.out_dir, name=name,
                        distinct=distinct,
                    )  # fmt: skip
                    profiles.append(hot)
                    progress.say("load", f"{api}: py-spy profile{' (every answer computed)' if distinct else ''} done")
    for row in raw[:: len(plan.connections)]:  # one line per API
        table.notes.append(
            f"{row['api']}: bytes per response (with headers): mock {row['mock']['bytes_per_response']:,.0f}, a real "
            f"default page of {plan.load_customers:,} customers per account; Steady "
            f"{row['steady']['bytes_per_response']:,.0f} and Prism {row['prism']['bytes_per_response']:,.0f}, "
            "the spec's canned example."
        )
    table.notes += [
        f"Steady {servers.steady_version()} (`steady -q`, request validation on, its default), one process per spec; "
        f"Prism {servers.prism_version()} static mode, `--verboseLevel silent`, one process per spec.",
        "mock: the same request over and over, as a load test sends it: the mock serves the page it remembered "
        "for that request (customers_mock.answers). mock uncached: the same process, but every request carries "
        "its own X-Bench-Request header, so every answer is authenticated, parsed, selected, paged and encoded.",
        "ceiling: the mock's own server core (uvicorn + customers_mock.protocol) answering the mock's page bytes as a "
        "constant (bench/ceiling_app.py): the most any handler on this stack can reach here.",
        "Requests/s move with whatever else the shared machine runs; the ratios are within one run, cell by cell. "
        "CPU per request (next table) is the steadier measure of cost.",
    ]
    if baseline:
        table.notes.append(
            f"mock {baseline}: the mock of git {baseline} (`--baseline`), run from its source with this virtualenv."
        )
    rep.tables += [table, cpu]
    rep.tables += profiles
    rep.raw["load"] = raw

    def verdict(target: str, kind: str, conns: set[int], floor: float, at_most: bool = False) -> Verdict:
        picked = [r for c, r in ratios[kind] if c in conns]
        if not picked:
            return Verdict(target, "not measured", None)
        worst = max(picked) if at_most else min(picked)
        met = worst <= floor if at_most else worst >= floor
        other = min(picked) if at_most else max(picked)
        shown = f"{'max' if at_most else 'min'} {worst:.2f}x ({'min' if at_most else 'max'} {other:.2f}x)"
        return Verdict(target, shown, met)

    many = {c for c in plan.connections if c > 1}
    rep.verdicts += [
        verdict("mock >= 2x Steady requests/s at 8 and 64 connections (both APIs)", "steady", many, 2),
        verdict("mock >= 1.5x Steady requests/s at 1 connection (both APIs)", "steady", {1}, 1.5),
        verdict("mock >= 3x Prism requests/s (every API and concurrency)", "prism", set(plan.connections), 3),
        verdict("mock CPU per request <= 1.5x the ceiling's at 8 and 64 connections", "cpu", many, 1.5, at_most=True),
    ]


def section_journal(plan: Plan, rep: Report) -> None:
    """The request journal's cost on the load figures: the mock with it on and off, side by side."""
    # The cells with more than one connection: where the journal's cost would show (and under 10 minutes in all).
    cells = tuple(c for c in plan.connections if c > 1) or plan.connections
    table, raw = journal_load.measure(plan.load_customers, cells, plan.load_seconds, plan.load_rounds)
    rep.tables.append(table)
    rep.raw["journal"] = raw
    ratios = [float(str(row[4]).rstrip("x")) for row in table.rows]
    share = raw[-1]["share_of_cpu_per_request"]
    shown = (
        f"one record {raw[-1]['record_us']:.2f} us = {100 * share:.2f} % of CPU per request; "
        f"wrk on/off req/s {min(ratios):.3f}x-{max(ratios):.3f}x (noise of the shared machine)"
        if share is not None and ratios
        else "not measured"
    )
    met = share <= 0.05 if share is not None else None
    rep.verdicts.append(Verdict("request journal within 5% of the load figures", shown, met))


def _ratio(ours: float | None, theirs: float | None) -> float:
    return ours / theirs if ours and theirs else float("nan")


def section_decode(plan: Plan, rep: Report) -> None:
    """Decode cost of one full page per API: generated models vs json.loads vs pydantic v2 (vs vendor SDK)."""
    with servers.mock_server(max(plan.load_customers, 2_000)) as mock:
        payloads = decode.fetch_payloads(mock.base_url)
    table, figures = decode.measure(payloads, plan.decode_budget_s)
    rep.tables.append(table)
    rep.raw["decode"] = figures
    ratios = {
        api: f["generated: parse_json + from_dict"] / f["pydantic v2: model_validate_json"]
        for api, f in figures.items()
    }
    shown = ", ".join(f"{api} {r:.2f}x" for api, r in ratios.items())
    rep.verdicts.append(Verdict("decode within 2x of pydantic v2 (goal: near 1.0x)", shown, max(ratios.values()) <= 2))


def _listing(client: str, api: str, base_url: str) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.listing", client, api, base_url, str(PAGE_SIZE[api])]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=600, cwd=machine.ROOT)
    if out.returncode != 0:
        raise RuntimeError(f"{client} {api} listing failed: {out.stderr[-800:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def section_clients(plan: Plan, rep: Report) -> None:
    """End-to-end customers/s listing a whole account: our auto-pagination vs the generated client vs the vendor."""
    runs = [("ours", "straddle"), ("vendor", "straddle"), ("generated", "straddle"),
            ("ours", "sequence"), ("generated", "sequence")]  # fmt: skip
    best: dict[tuple[str, str], dict[str, Any]] = {}
    failures: list[str] = []
    with servers.mock_server(plan.listing_customers) as mock:
        for _ in range(plan.listing_repeats):
            for client, api in runs:
                try:
                    result = _listing(client, api, mock.base_url)
                except RuntimeError as exc:
                    failures.append(str(exc).splitlines()[0] + " " + str(exc).splitlines()[-1])
                    continue
                done = f"{result['customers']:,} customers in {result['seconds']:.1f} s"
                progress.say("clients", f"{client} {api}: {done}")
                key = (client, api)
                if key not in best or result["seconds"] < best[key]["seconds"]:
                    best[key] = result
    names = {"ours": "customers_sdk (ours)", "vendor": "straddle 1.0.5 (vendor SDK)", "generated": "generated client"}
    table = Table(
        f"End to end: list a whole account of the {plan.listing_customers:,}-customer mock "
        f"(page size {PAGE_SIZE['sequence']} Sequence / {PAGE_SIZE['straddle']} Straddle, "
        f"best of {plan.listing_repeats})",
        ["API", "client", "customers", "seconds", "customers/s", "RSS 1st page MiB", "RSS last page MiB",
         "peak RSS MiB"],
    )  # fmt: skip
    for (client, api), r in sorted(best.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        table.rows.append([api, names[client], r["customers"], r["seconds"], r["customers_per_s"],
                           r["rss_first_page_mib"], r["rss_last_page_mib"], r["peak_rss_mib"]])  # fmt: skip
    table.notes += [f"failed: {f}" for f in failures]
    table.notes.append("Each client runs in its own process; every customer is decoded into its models, then dropped.")
    rep.tables.append(table)
    rep.raw["clients"] = [best[k] for k in sorted(best)]
    ours, vendor = best.get(("ours", "straddle")), best.get(("vendor", "straddle"))
    target = "our client at least as fast as the vendor SDK end to end (Straddle customers/s)"
    if ours and vendor:
        ratio = ours["customers_per_s"] / vendor["customers_per_s"]
        rep.verdicts.append(Verdict(target, f"{ratio:.2f}x the vendor's", ratio >= 1))
    else:
        rep.verdicts.append(Verdict(target, "not measured", None))
    growth = [r["rss_last_page_mib"] - r["rss_first_page_mib"] for (c, _), r in best.items() if c == "ours"]
    if growth:
        rep.verdicts.append(
            Verdict(
                "client memory flat while listing (RSS growth first -> last page < 10 MiB)",
                f"max growth {max(growth):.1f} MiB",
                max(growth) < 10,
            )
        )


def section_cli(plan: Plan, rep: Report) -> None:
    """The `customers` command exporting a whole account: memory flat over the export, customers/s."""
    table, results = cli_export.measure(plan.listing_customers)
    rep.tables.append(table)
    rep.raw["cli"] = [vars(r) for r in results]
    growth = max(r.growth_mib for r in results)
    rep.verdicts.append(
        Verdict(
            f"command line memory flat exporting {plan.listing_customers:,} customers "
            f"(RSS growth over the second half of the output < {cli_export.GROWTH_TARGET_MIB:.0f} MiB)",
            f"max growth {growth:.1f} MiB, peak {max(r.peak_rss_mib for r in results):.0f} MiB",
            growth < cli_export.GROWTH_TARGET_MIB,
        )
    )


def section_scaling(plan: Plan, rep: Report) -> None:
    """Page latency (first/middle/last) and full listing time at each data size; mock peak RSS."""
    results: list[scaling.ApiScaling] = []
    profiles: list[Table] = []
    memory = Table("Mock server memory and start-up by data size", ["customers", "start-up s", "peak RSS MiB"])
    for size in plan.scaling_sizes:
        start = time.perf_counter()
        with servers.mock_server(size) as mock:
            startup = time.perf_counter() - start
            progress.say("scaling", f"mock of {size:,} customers per account started in {startup:.1f} s")
            measured = scaling.measure(mock.base_url, size, plan.probes)
            results += measured
            memory.rows.append([size, startup, servers.peak_rss_mib(mock.process.pid)])
            if plan.profile_seconds and size == plan.scaling_sizes[-1]:
                # What a deep page costs at the largest size: the part of page latency that grows with data.
                for r in measured:
                    url = f"{mock.base_url}{accounts.PATHS[r.api]}?{urlencode(r.probe_params['last'])}"
                    hot = profile.profile_under_load(
                        mock.process.pid, url, accounts.HEADERS[r.api](),
                        seconds=plan.profile_seconds, out_dir=rep.out_dir, name=f"{r.api}-last-page-{size}",
                    )  # fmt: skip
                    profiles.append(hot)
                    progress.say("scaling", f"{r.api}: py-spy profile of the last page done")
    memory.notes.append("Peak RSS is VmHWM of the mock process after the listings and probes below.")
    table = Table(
        f"Scaling with data: page latency (median of {plan.probes}, {scaling.PROBE_SIZE}-item page) and full listing",
        ["API", "customers", "visible", "pages", "first ms", "middle ms", "last ms", "list all s", "us/customer"],
    )
    for r in results:
        table.rows.append([r.api, r.customers, r.total, r.pages, r.page_ms["first"], r.page_ms["middle"],
                           r.page_ms["last"], r.listing_s, r.us_per_customer])  # fmt: skip
    table.notes.append(
        f"Listing pages: Sequence limit={scaling.LIST_PARAMS['sequence']['limit']}, Straddle "
        f"page_size={scaling.LIST_PARAMS['straddle']['page_size']}; one keep-alive httpx client, JSON decoded."
    )
    rep.tables += [table, memory, *profiles]
    rep.raw["scaling"] = [vars(r) for r in results]
    for api in ("sequence", "straddle"):
        mine = [r for r in results if r.api == api]
        latencies = [ms for r in mine for ms in r.page_ms.values()]
        spread = max(latencies) / min(latencies)
        rep.verdicts.append(
            Verdict(
                f"{api}: page latency flat over size and depth (max/min <= 1.5)",
                f"{spread:.2f}x ({min(latencies):.2f}-{max(latencies):.2f} ms)",
                spread <= 1.5,
            )
        )
        if len(mine) >= 2:
            growth = mine[-1].us_per_customer / mine[-2].us_per_customer
            rep.verdicts.append(
                Verdict(
                    f"{api}: full listing linear (us/customer at {mine[-1].customers:,} vs {mine[-2].customers:,})",
                    f"{growth:.2f}x",
                    growth <= 1.5,
                )
            )


def section_settings(plan: Plan, rep: Report) -> None:
    """Why the mock runs uvicorn with httptools, one worker and orjson: the alternatives, measured."""
    with servers.mock_server(max(plan.load_customers, 2_000)) as mock:
        small = httpx.get(mock.base_url + accounts.STRADDLE_PATH, headers=accounts.straddle_headers(), timeout=30)
        big = httpx.get(
            mock.base_url + accounts.STRADDLE_PATH,
            params={"page_size": 1000},
            headers=accounts.straddle_headers(),
            timeout=30,
        )
    table, figures = settings.measure(
        small.raise_for_status().content,
        big.raise_for_status().content,
        plan.load_seconds,
        plan.settings_connections,
        settings.VARIANTS[: plan.settings_variants],
    )
    rep.tables.append(table)
    rep.raw["settings"] = figures


def section_waits(plan: Plan, rep: Report) -> None:
    """What users wait for: the mock_server fixture's start and the contract part of `make test`."""
    table, figures = waits.measure(plan.fixture_starts, plan.contract)
    rep.tables.append(table)
    rep.raw["waits"] = figures


def section_regeneration(plan: Plan, rep: Report) -> None:
    """Wall time of regenerating both clients and of the drift check."""
    table, figures = regeneration.measure(plan.regen_repeats)
    rep.tables.append(table)
    rep.raw["regeneration"] = figures


RUNNERS: dict[str, Callable[[Plan, Report], None]] = {
    "load": section_load,
    "journal": section_journal,
    "settings": section_settings,
    "decode": section_decode,
    "clients": section_clients,
    "cli": section_cli,
    "scaling": section_scaling,
    "waits": section_waits,
    "regeneration": section_regeneration,
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke run: small data, 1 s loads (under 2 minutes)")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS), help="sections to run")
    parser.add_argument("--out", type=Path, default=machine.ROOT / "bench-results", help="report folder")
    parser.add_argument(
        "--baseline",
        metavar="REF",
        help="also measure the mock of git revision REF in the load section, cell by cell (before/after in one run)",
    )
    parser.add_argument(
        "--contract", action="store_true", help="waits: also time the contract part of `make test` (minutes)"
    )
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    if args.contract:
        plan = replace(plan, contract=True)
    if {"load", "journal"} & set(args.only) and load.tool() is None:
        raise SystemExit("bench: no load generator: neither wrk nor bench/.locust-venv (scripts/bench installs one)")
    rep = Report(
        mode=plan.name,
        machine=machine.describe(servers.prism_version(), servers.steady_version()),
        out_dir=args.out,
        baseline=bench_baseline.describe(args.baseline) if args.baseline else None,
    )
    progress.restart()
    started = time.perf_counter()
    for number, name in enumerate(args.only, 1):
        what = (RUNNERS[name].__doc__ or "").splitlines()[0]
        progress.say(name, f"section {number} of {len(args.only)}: {what}")
        t0 = time.perf_counter()
        try:
            RUNNERS[name](plan, rep)
        except Exception as exc:  # one failed section must not lose the others
            traceback.print_exc()
            rep.errors.append(f"{name}: {type(exc).__name__}: {exc}")
            progress.say(name, f"FAILED: {type(exc).__name__}: {exc}")
        progress.say(name, f"done in {time.perf_counter() - t0:.0f} s")
    rep.seconds = time.perf_counter() - started
    if set(args.only) == set(SECTIONS):
        limit = 600 if plan is FULL else 120
        rep.verdicts.append(
            Verdict(f"`make bench{'' if plan is FULL else ' --quick'}` under {limit // 60} minutes",
                    f"{rep.seconds:.0f} s", rep.seconds < limit)
        )  # fmt: skip
    markdown, data = report.write(rep, args.out)
    print(report.to_markdown(rep))
    print(f"bench: report in {markdown} and {data}")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
