"""The contract suite as a user's CI runs it: `st run` on both specs, then coverage and drift reports.

    python scripts/contract_live.py                    # against the mock, started here (the CI run; scripts/test)
    python scripts/contract_live.py --deep             # many more examples, a fresh seed (scripts/fuzz)
    python scripts/contract_live.py --url URL          # against a mock that is already running
    python scripts/contract_live.py --live             # against the real vendors named by the environment
    python scripts/contract_live.py --live --record customers.json   # ... and record what they listed
    python scripts/contract_live.py -- --max-examples 50             # anything after `--` goes to every `st run`

Mock run: starts the mock on a free port, runs `st run` per spec with `schemathesis.toml`,
prints the cases per check, measures each spec's coverage (TraceCov) and enforces
`tests/contract/coverage.THRESHOLDS`, and fails on any breaking drift.

Live run (`--live`, also `make contract-live` / `scripts/test --live`): each API whose credentials
are set (see `tests/contract/targets.py`; none set: exit 2 before any request) gets the same
suite made polite by `schemathesis-live.toml` (GET only, no credential fuzzing), then
`tests/contract/test_vendor.py` (pagination walks, filters, bad input, a handful of negative auth
cases), within one request budget, rate and time bound for the whole run (`--budget`, `--rate`,
`--max-minutes`; `tests/contract/polite.py`). Coverage is reported, not enforced; breaking drift
fails the run.

Reports in reports/: `schemathesis-<pass>.xml` (JUnit), `.ndjson` (every exchange; a live run's hold
the vendor's data: keep them out of public artifacts), `schemathesis-html/<pass>/index.html`,
`coverage-<api>.{html,json,md}`, `drift.{md,json}`, and for a live run `vendor-contract.xml`.
Exit status: 0 when every step passed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests.contract modules, when run as a script

from customers_mock import accounts  # noqa: E402
from customers_mock.testing import free_port, start_mock_server  # noqa: E402
from tests.contract import coverage, drift, polite, record, targets  # noqa: E402
from tests.contract.interactions import read  # noqa: E402

REPORTS = ROOT / "reports"  # --reports DIR changes it (the tests' runs write into their own folders)
SPECS = {"sequence": ROOT / "openapi" / "sequence.yaml", "straddle": ROOT / "openapi" / "straddle.yaml"}
MOCK_CONFIG = ROOT / "schemathesis.toml"
LIVE_CONFIG = ROOT / "schemathesis-live.toml"
CI_DATA = {"customers": 250, "seed": 5}
DEEP_DATA = {"customers": 2000, "seed": 11}
DEEP_MAX_EXAMPLES = 5000
LOG_TAIL = 150
RECORD_MAX = 1000  # customers per API a recording lists at most
REFUSED_SHOWN = 10


@dataclass(frozen=True)
class Pass:
    """One `st run`: its report name, API and extra arguments."""

    name: str
    api: str
    extra: tuple[str, ...] = ()


def _mock_passes() -> list[Pass]:
    # The second Straddle pass names the demo key's own account in every request, so Schemathesis's
    # coverage cases reach parameter validation instead of stopping at the 403 of a generated
    # account id (see tests/contract/schemathesis_support.py).
    own = ("--header", f"Straddle-Account-Id: {accounts.STRADDLE_ACCOUNT_ID}")
    return [Pass("sequence", "sequence"), Pass("straddle", "straddle"), Pass("straddle-own-account", "straddle", own)]


def _live_passes(target: targets.Target) -> list[Pass]:
    passes = [Pass(api, api) for api in target.apis]
    straddle = target.apis.get("straddle")
    if straddle is not None and straddle.account_id:  # the user named the key's own account
        passes.append(
            Pass("straddle-own-account", "straddle", ("--header", f"Straddle-Account-Id: {straddle.account_id}"))
        )
    return passes


# ---- running st ---------------------------------------------------------------------------------

_SECTION = re.compile(r"^=+ (.+?) =+$")


def _echo_st(stream: IO[str]) -> None:
    """Print st's output, folding its informational "Failed to extract data from response" section.

    The stateful phase notes every link parameter it could not fill from the source request: the
    pagination links carry the listing's filters, and a request that sent none has none to carry.
    These are notes, not failures (failures have their own section), so one line stands for them.
    """
    held: str | None = None
    folding = 0
    for line in stream:
        text = line.rstrip("\n")
        section = _SECTION.match(text.strip())
        if held is not None:
            if not text.strip():
                continue
            if text.strip().startswith("Failed to extract data from response"):
                folding, held = 1, None
                continue
            print(held)
            held = None
        if folding:
            if section:
                print(f"(stateful phase: {folding - 1} notes on link parameters absent from their source request)")
                folding = 0
            else:
                folding += text.strip().startswith("GET ")
                continue
        if section and section.group(1) == "Stateful tests":
            held = text
            continue
        print(text, flush=True)


def _st(p: Pass, base_url: str, config: Path, env: dict[str, str], extra: list[str], timeout: float | None) -> bool:
    junit, ndjson = REPORTS / f"schemathesis-{p.name}.xml", REPORTS / f"schemathesis-{p.name}.ndjson"
    cmd = [
        str(Path(sys.executable).parent / "st"), "--config-file", str(config.relative_to(ROOT)),
        "run", str(SPECS[p.api].relative_to(ROOT)),
        "--url", base_url,
        "--report", "junit,ndjson,html",
        "--report-junit-path", str(junit),
        "--report-ndjson-path", str(ndjson),
        "--report-html-path", str(REPORTS / "schemathesis-html" / p.name),
        *p.extra, *extra,
    ]  # fmt: skip
    print(f"== st run ({p.name}): {' '.join(cmd[2:])}", flush=True)
    started = time.monotonic()
    # From the repo root, so st finds the hooks modules (tests.contract.*).
    with subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc:
        assert proc.stdout is not None
        try:
            _echo_st(proc.stdout)
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            print(f"{p.name}: stopped after {timeout:.0f} s (the run's time bound)")
            code = -1
    print(f"{p.name}: exit {code} in {time.monotonic() - started:.1f} s; JUnit report {junit}")
    _print_tally(p.name, ndjson)
    return code == 0


def _print_tally(name: str, ndjson: Path) -> None:
    """Per check: cases passed and failed; per HTTP status: responses (from the NDJSON report)."""
    counts: Counter[tuple[str, str]] = Counter()
    statuses: Counter[int] = Counter()
    if ndjson.exists():
        for line in ndjson.read_text().splitlines():
            finished = json.loads(line).get("ScenarioFinished")
            if finished:
                for nodes in finished["recorder"]["checks"].values():
                    for node in nodes:
                        counts[(node["name"], node["status"])] += 1
                for interaction in finished["recorder"]["interactions"].values():
                    if interaction.get("response"):
                        statuses[interaction["response"]["status_code"]] += 1
    print(f"{name}: responses by status: " + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())))
    print(f"{name}: cases per check")
    for check in sorted({check for check, _ in counts}):
        passed, failed = counts[(check, "success")], counts[(check, "failure")]
        others = sum(n for (c, status), n in counts.items() if c == check and status not in ("success", "failure"))
        print(f"  {check:<30} {passed:>6} passed {failed:>4} failed" + (f", {others} other" if others else ""))


# ---- reports ------------------------------------------------------------------------------------


def _interactions(api: str, passes: list[Pass]) -> list[Any]:
    return [i for p in passes if p.api == api for i in read(REPORTS / f"schemathesis-{p.name}.ndjson")]


def _coverage(apis: list[str], passes: list[Pass], enforce: bool) -> bool:
    ok = True
    for api in apis:
        cov = coverage.measure(api, _interactions(api, passes))
        paths = cov.write(REPORTS)
        print(f"== spec coverage ({api}, TraceCov): {paths[0]}")
        print(cov.text())
        if enforce:
            violations = cov.violations(coverage.THRESHOLDS[api])
            for line in violations:
                print(f"COVERAGE BELOW THRESHOLD ({api}): {line}")
            ok = ok and not violations
    return ok


def _drift(apis: list[str], passes: list[Pass], target: str) -> bool:
    reports = {api: drift.analyze(api, _interactions(api, passes)) for api in apis}
    markdown, _ = drift.write(reports, target, REPORTS)
    print(f"== drift ({markdown})")
    for api, report in reports.items():
        kinds = Counter(f.kind for f in report.findings.values())
        found = ", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items())) or "none"
        print(f"{api}: {report.responses} responses; {len(report.breaking)} breaking findings; by kind: {found}")
        for finding in report.breaking:
            print(f"  BREAKING {finding.kind}: {finding.where} ({finding.count}x, e.g. {finding.example_request_id})")
    return not any(report.breaking for report in reports.values())


# ---- the mock run -------------------------------------------------------------------------------


@contextmanager
def _mock(url: str | None, deep: bool) -> Iterator[tuple[str, Path | None]]:
    """(base URL, log path) of the mock under test: the given one, or one started for the run."""
    if url:
        yield url.rstrip("/"), None
        return
    data = DEEP_DATA if deep else CI_DATA
    with start_mock_server(customers=data["customers"], seed=data["seed"]) as server:
        print(f"mock server on {server.base_url} ({data['customers']} customers per account, seed {data['seed']})")
        yield server.base_url, server.log_path


def run_mock(args: argparse.Namespace) -> list[tuple[str, bool]]:
    extra = list(args.st_args)
    if args.deep:  # more examples and a fresh seed (printed by st, so a failure can be replayed)
        extra += ["--max-examples", str(DEEP_MAX_EXAMPLES), "--seed", str(random.randrange(2**31))]  # noqa: S311
    passes = [p for p in _mock_passes() if args.api is None or p.api in args.api]
    apis = sorted({p.api for p in passes})
    results: list[tuple[str, bool]] = []
    with _mock(args.url, args.deep) as (base_url, log_path):
        for p in passes:
            results.append((f"st run {p.name}", _st(p, base_url, MOCK_CONFIG, dict(os.environ), extra, None)))
        if not all(ok for _, ok in results) and log_path:
            lines = log_path.read_text(errors="replace").splitlines()
            print(f"== mock server log (last {LOG_TAIL} lines of {log_path})")
            print("\n".join(lines[-LOG_TAIL:]))
    results.append(("coverage thresholds", _coverage(apis, passes, enforce=not args.deep)))
    results.append(("no breaking drift", _drift(apis, passes, f"mock at {base_url}")))
    return results


# ---- the live run -------------------------------------------------------------------------------


def _record(target: targets.Target, ledger: polite.Ledger, path: Path, limit: int) -> bool:
    """List up to ``limit`` customers per API and write them, scrubbed, as a data file for the mock."""
    recording = record.Recording(account=accounts.ACME)
    for api, t in target.apis.items():
        listed: list[dict[str, Any]] = []
        with polite.polite_client(t.base_url, ledger, headers=t.auth_headers) as client:
            if api == "sequence":
                params: dict[str, Any] = {"includeArchived": "true", "limit": 100}
                while len(listed) < limit:
                    body = client.get(t.path, params=params).raise_for_status().json()
                    listed += body["items"]
                    if not body["pagination"].get("after") or not body["items"]:
                        break
                    params["after"] = body["pagination"]["after"]
            else:
                for number in range(1, limit + 1):
                    body = (
                        client.get(t.path, params={"page_size": 1000, "page_number": number}).raise_for_status().json()
                    )
                    listed += body["data"]
                    if len(listed) >= limit or number >= body["meta"]["total_pages"] or not body["data"]:
                        break
        recording.add(api, listed[:limit])
    try:
        recording.write(path)
    except ValueError as exc:  # DataFileError: should not happen after the per-record checks
        print(f"record: the mock refuses {path}: {exc}")
        return False
    for api, customers in recording.customers.items():
        dropped = ", ".join(sorted(recording.dropped_fields.get(api, ()))) or "none"
        print(f"record: {api}: {len(customers)} customers (scrubbed) into {path}; undeclared fields dropped: {dropped}")
    for line in recording.refused[:REFUSED_SHOWN]:
        print(f"record: left out (breaks the spec): {line}")
    if len(recording.refused) > REFUSED_SHOWN:
        print(f"record: ... and {len(recording.refused) - REFUSED_SHOWN} more records left out")
    print(f"record: serve them with `scripts/mock --data {path}` (account {accounts.ACME})")
    return not recording.refused


STAND_INS = {  # a vendor stand-in on 127.0.0.1: (module, its own seed and data)
    "mock": ["customers_mock", "--customers", "300", "--seed", "31"],
    "drifted": ["tests.contract.drifted_vendor", "--seed", "37"],
}


@contextmanager
def _stand_in(kind: str) -> Iterator[dict[str, str]]:
    """Start a separate server process posing as both vendors; yield the environment a user would set."""
    port = free_port()
    module, *options = STAND_INS[kind]
    log = REPORTS / f"stand-in-{kind}.log"
    with log.open("wb") as out:
        cmd = [sys.executable, "-m", module, "--port", str(port), *options]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _healthy(base_url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the {kind} stand-in did not start; its log:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)
        print(f"{kind} stand-in vendor: {' '.join(STAND_INS[kind])} on {base_url} (pid {proc.pid})")
        yield {
            "SEQUENCE_BASE_URL": base_url,
            "SEQUENCE_CLIENT_ID": accounts.SEQUENCE_CLIENT_ID,
            "SEQUENCE_CLIENT_SECRET": accounts.SEQUENCE_CLIENT_SECRET,
            "STRADDLE_BASE_URL": base_url,
            "STRADDLE_API_KEY": accounts.STRADDLE_API_KEY,
            "STRADDLE_ACCOUNT_ID": accounts.STRADDLE_ACCOUNT_ID,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _healthy(base_url: str) -> bool:
    try:
        return httpx.get(f"{base_url}/health", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


def run_live(args: argparse.Namespace, environ: dict[str, str]) -> list[tuple[str, bool]] | None:
    target = targets.from_env(environ)
    if args.api:
        target = targets.Target(True, {a: t for a, t in target.apis.items() if a in args.api})
    if not target.apis:
        print("contract_live --live: no credentials in the environment, nothing sent. Set:")
        for api, names in targets.missing_credentials(target).items():
            print(f"  {api}: {', '.join(names)} (and {targets.BASE_URL_VARS[api]}, default {targets.SANDBOXES[api]})")
        return None
    limits = polite.Limits(budget=args.budget, rate=args.rate, max_seconds=args.max_minutes * 60)
    ledger = polite.Ledger.create(REPORTS / "live-ledger.json", limits)
    print(f"live contract run: {target.describe()}; {limits.describe()}")
    env = {**environ, polite.LEDGER_ENV: str(ledger.path), targets.LIVE_ENV: "1"}
    for api in targets.APIS:  # schemathesis-live.toml names every API's variables; unused ones need a value
        for name in targets.CREDENTIAL_VARS[api]:
            env.setdefault(name, "unused")
    started = time.monotonic()
    passes = _live_passes(target)
    results: list[tuple[str, bool]] = []
    for p in passes:
        remaining = ledger.state()["deadline"] - time.time()
        base_url = target.apis[p.api].base_url
        results.append((f"st run {p.name}", _st(p, base_url, LIVE_CONFIG, env, list(args.st_args), remaining + 30)))
    pytest_cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/contract/test_vendor.py",
                  f"--junitxml={REPORTS / 'vendor-contract.xml'}"]  # fmt: skip
    print(f"== vendor contract (pytest): {' '.join(pytest_cmd[1:])}", flush=True)
    results.append(("vendor contract", subprocess.run(pytest_cmd, cwd=ROOT, env=env, check=False).returncode == 0))
    if args.record:
        results.append(("record", _record(target, ledger, Path(args.record), args.record_max)))
    apis = list(target.apis)
    results.append(("coverage (reported)", _coverage(apis, passes, enforce=False)))
    results.append(("no breaking drift", _drift(apis, passes, target.describe())))
    state = ledger.state()
    print(
        f"live run: {state['sent']} of {state['budget']} requests, at most {state['rate']:g}/s, "
        f"in {time.monotonic() - started:.1f} s (bound {state['max_seconds']:g} s)"
    )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deep", action="store_true", help=f"{DEEP_MAX_EXAMPLES} examples per phase, random seed")
    parser.add_argument("--url", help="test this running mock instead of starting one")
    parser.add_argument("--api", choices=sorted(SPECS), action="append", help="only this API (repeatable)")
    live = parser.add_argument_group("live run (against the real vendor; see tests/contract/targets.py)")
    live.add_argument("--live", action="store_true", help="test the vendors whose credentials are in the environment")
    defaults = polite.Limits()
    live.add_argument("--budget", type=int, default=defaults.budget, help="requests in the whole run (%(default)s)")
    live.add_argument("--rate", type=float, default=defaults.rate, help="requests per second at most (%(default)s)")
    live.add_argument(
        "--max-minutes", type=float, default=defaults.max_seconds / 60, help="time bound of the run (%(default)s)"
    )
    live.add_argument("--record", metavar="FILE", help="write the customers listed, scrubbed, as a mock data file")
    live.add_argument("--record-max", type=int, default=RECORD_MAX, help="customers per API to record (%(default)s)")
    live.add_argument(
        "--stand-in",
        choices=sorted(STAND_INS),
        help="start a separate server process posing as both vendors and run live against it (no network)",
    )
    parser.add_argument("--reports", type=Path, help="folder for every report (default: reports/)")
    parser.add_argument("st_args", nargs="*", help="extra `st run` arguments (after --)")
    args = parser.parse_args()
    global REPORTS  # one folder for the whole run, set once here
    REPORTS = (args.reports or REPORTS).resolve()
    REPORTS.mkdir(parents=True, exist_ok=True)
    if args.stand_in:
        with _stand_in(args.stand_in) as stand_in_env:
            results = run_live(args, {**os.environ, **stand_in_env})
    else:
        results = run_live(args, dict(os.environ)) if args.live else run_mock(args)
    if results is None:
        return 2
    for step, ok in results:
        print(f"{'ok  ' if ok else 'FAIL'} {step}")
    passed = sum(ok for _, ok in results)
    print(f"contract: {passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
