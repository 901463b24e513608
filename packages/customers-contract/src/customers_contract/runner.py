"""One contract run: `st run` per spec and pass, the vendor contract cases, recording, coverage and drift.

The targets (``Run.against``):

- ``mock``: the embedded mock, started on a free 127.0.0.1 port and stopped by the run; the full
  suite (`schemathesis.toml`), coverage thresholds enforced (``coverage.THRESHOLDS``).
- ``live``: each API whose credentials are in the environment (`targets.py`), the suite made
  polite by `schemathesis-live.toml` within one request budget, rate and time bound
  (`polite.py`), then the vendor contract cases (`vendor_cases.py`); coverage is reported only.
- a URL: a server of your own speaking both APIs that accepts the mock's demo accounts (e.g. a
  `customers-mock` you started), the full suite; coverage reported only. (A server that needs other
  credentials is a live target: ``SEQUENCE_BASE_URL``/``STRADDLE_BASE_URL`` and the credentials.)

Before the suite, a live or URL run sends one request per API (a one-customer page): an API whose
server does not answer, or refuses the credentials, is not tested further and has its own outcome
(``Exit.UNREACHABLE``, ``Exit.REFUSED``); the other API is still tested.
"""

from __future__ import annotations

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
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path
from typing import IO, Any

import httpx

from customers_contract import coverage, drift, polite, specs, targets
from customers_contract import record as recorder
from customers_contract.interactions import read
from customers_contract.outcome import Exit, Step
from customers_contract.reports import Reports
from customers_mock import accounts
from customers_mock.testing import start_mock_server

CONFIGS = files("customers_contract")
MOCK_CONFIG = "schemathesis.toml"
LIVE_CONFIG = "schemathesis-live.toml"
CI_DATA = {"customers": 250, "seed": 5}
DEEP_DATA = {"customers": 2000, "seed": 11}
DEEP_MAX_EXAMPLES = 5000
LOG_TAIL = 150
PROBE_TIMEOUT = 30.0
PROBE_PARAMS = {"sequence": {"limit": 1}, "straddle": {"page_size": 1}}


@dataclass
class Run:
    """What to run: the target, the APIs, the bounds and where the reports go."""

    against: str  # "mock", "live" or a base URL
    reports: Reports
    apis: tuple[str, ...] = targets.APIS
    limits: polite.Limits = field(default_factory=polite.Limits)
    record: Path | None = None
    record_max: int = recorder.RECORD_MAX
    deep: bool = False
    verbose: bool = False  # stream `st run`'s output (the default on a terminal)
    st_args: tuple[str, ...] = ()
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))


@dataclass(frozen=True)
class Pass:
    """One `st run`: its report name, API and extra arguments."""

    name: str
    api: str
    extra: tuple[str, ...] = ()


@dataclass
class Result:
    """The steps of a run, the APIs not tested (api -> outcome, reason) and the exit code."""

    steps: list[Step] = field(default_factory=list)
    untested: dict[str, tuple[Exit, str]] = field(default_factory=dict)
    drift: dict[str, drift.Report] = field(default_factory=dict)
    target: str = ""

    @property
    def exit(self) -> Exit:
        if any(code is Exit.UNREACHABLE for code, _ in self.untested.values()):
            return Exit.UNREACHABLE
        if self.untested:
            return Exit.REFUSED
        return Exit.CONFORM if all(step.ok for step in self.steps) else Exit.FAILED


def _passes(target: targets.Target) -> list[Pass]:
    # The second Straddle pass names the key's own account in every request, so Schemathesis's coverage
    # cases reach parameter validation instead of stopping at the 403 of a generated account id.
    passes = [Pass(api, api) for api in target.apis]
    straddle = target.apis.get("straddle")
    if straddle is not None and straddle.account_id:
        passes.append(
            Pass("straddle-own-account", "straddle", ("--header", f"Straddle-Account-Id: {straddle.account_id}"))
        )
    return passes


# ---- running st ---------------------------------------------------------------------------------

_SECTION = re.compile(r"^=+ (.+?) =+$")


def _echo_st(stream: IO[str], out: IO[str], log: IO[str]) -> None:
    """Copy st's output to the log, and to ``out`` folding the informational "Failed to extract data" section.

    The stateful phase notes every link parameter it could not fill from the source request: the
    pagination links carry the listing's filters, and a request that sent none has none to carry.
    These are notes, not failures (failures have their own section), so one line stands for them.
    """
    held: str | None = None
    folding = 0
    for line in stream:
        log.write(line)
        text = line.rstrip("\n")
        section = _SECTION.match(text.strip())
        if held is not None:
            if not text.strip():
                continue
            if text.strip().startswith("Failed to extract data from response"):
                folding, held = 1, None
                continue
            print(held, file=out)
            held = None
        if folding:
            if section:
                print(
                    f"(stateful phase: {folding - 1} notes on link parameters absent from their source request)",
                    file=out,
                )
                folding = 0
            else:
                folding += text.strip().startswith("GET ")
                continue
        if section and section.group(1) == "Stateful tests":
            held = text
            continue
        print(text, file=out, flush=True)


class _Null:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def _st(run: Run, p: Pass, base_url: str, config: str, env: dict[str, str], timeout: float | None) -> bool:
    folder = run.reports.folder
    junit, ndjson = folder / f"schemathesis-{p.name}.xml", folder / f"schemathesis-{p.name}.ndjson"
    extra = list(run.st_args)
    if run.deep:  # more examples and a fresh seed (printed by st, so a failure can be replayed)
        extra += ["--max-examples", str(DEEP_MAX_EXAMPLES), "--seed", str(random.randrange(2**31))]  # noqa: S311
    with _config_path(config) as config_path:
        cmd = [
            str(Path(sys.executable).parent / "st"), "--config-file", str(config_path),
            "run", str(specs.path(p.api)),
            "--url", base_url,
            "--report", "junit,ndjson,html",
            "--report-junit-path", str(junit),
            "--report-ndjson-path", str(ndjson),
            "--report-html-path", str(folder / "schemathesis-html" / p.name),
            *p.extra, *extra,
        ]  # fmt: skip
        print(f"== st run ({p.name}) against {base_url}", flush=True)
        started = time.monotonic()
        log_path = folder / f"st-{p.name}.log"
        out: Any = sys.stdout if run.verbose else _Null()
        with (
            log_path.open("w") as log,
            subprocess.Popen(
                cmd, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            ) as proc,
        ):
            assert proc.stdout is not None
            try:
                _echo_st(proc.stdout, out, log)
                code = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                print(f"{p.name}: stopped after {timeout:.0f} s (the run's time bound)")
                code = -1
    if code != 0 and not run.verbose:  # the failures, for a CI log that shows no progress
        lines = log_path.read_text(errors="replace").splitlines()
        print(f"-- last {LOG_TAIL} lines of {log_path}")
        print("\n".join(lines[-LOG_TAIL:]))
    print(f"{p.name}: exit {code} in {time.monotonic() - started:.1f} s; JUnit report {junit}")
    _print_tally(p.name, ndjson)
    return code == 0


@contextmanager
def _config_path(name: str) -> Iterator[Path]:
    """A file of this package as a path on disk."""
    with as_file(CONFIGS / name) as path:
        yield path


def _print_tally(name: str, ndjson: Path) -> None:
    """Per check: cases passed and failed; per HTTP status: responses (from the NDJSON report)."""
    counts: Counter[tuple[str, str]] = Counter()
    statuses: Counter[int] = Counter()
    if ndjson.exists():
        for line in ndjson.read_text().splitlines():
            try:
                finished = json.loads(line).get("ScenarioFinished")
            except ValueError:
                continue
            recorder = finished.get("recorder", {}) if isinstance(finished, dict) else {}
            for nodes in recorder.get("checks", {}).values():
                for node in nodes:
                    counts[(node.get("name", "?"), node.get("status", "?"))] += 1
            for interaction in recorder.get("interactions", {}).values():
                if interaction.get("response"):
                    statuses[interaction["response"].get("status_code", 0)] += 1
    shown = ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())) or "none"
    print(f"{name}: responses by status: {shown}")
    for check in sorted({check for check, _ in counts}):
        passed, failed = counts[(check, "success")], counts[(check, "failure")]
        others = sum(n for (c, status), n in counts.items() if c == check and status not in ("success", "failure"))
        print(f"  {check:<30} {passed:>6} passed {failed:>4} failed" + (f", {others} other" if others else ""))


# ---- reports ------------------------------------------------------------------------------------


def _interactions(run: Run, api: str, passes: list[Pass]) -> list[Any]:
    return [i for p in passes if p.api == api for i in read(run.reports.folder / f"schemathesis-{p.name}.ndjson")]


def _coverage(run: Run, apis: list[str], passes: list[Pass], enforce: bool) -> bool:
    ok = True
    for api in apis:
        cov = coverage.measure(api, _interactions(run, api, passes))
        paths = cov.write(run.reports.folder)
        print(f"== spec coverage ({api}, TraceCov): {paths[0]}")
        print(cov.text())
        run.reports.coverage[api] = cov.summary()
        if enforce:
            violations = cov.violations(coverage.THRESHOLDS[api])
            for line in violations:
                print(f"COVERAGE BELOW THRESHOLD ({api}): {line}")
            ok = ok and not violations
    return ok


def _drift(run: Run, result: Result, passes: list[Pass]) -> bool:
    for api in run.apis:
        report = drift.analyze(api, _interactions(run, api, passes)) if api not in result.untested else None
        if report is None:
            report = drift.Report(api, untested=result.untested[api][1])
        result.drift[api] = report
    markdown, _ = drift.write(result.drift, result.target, run.reports.folder)
    print(f"== drift ({markdown})")
    for api, report in result.drift.items():
        if report.untested:
            print(f"{api}: not tested: {report.untested}")
            continue
        kinds = Counter(f.kind for f in report.findings.values())
        found = ", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items())) or "none"
        print(f"{api}: {report.responses} responses; {len(report.breaking)} breaking, "
              f"{len(report.spec_updates)} asking for a spec update; by kind: {found}")  # fmt: skip
        for finding in report.breaking:
            print(
                drift.printable(
                    f"  BREAKING {finding.kind}: {finding.where} ({finding.count}x, e.g. {finding.example()})"
                )
            )
        for finding in report.spec_updates:
            print(
                drift.printable(
                    f"  SPEC UPDATE {finding.kind}: {finding.where} ({finding.count}x, e.g. {finding.example()})"
                )
            )
    return not any(report.breaking for report in result.drift.values())


# ---- the probe ----------------------------------------------------------------------------------


def probe(api: targets.ApiTarget, ledger: polite.Ledger | None) -> tuple[Exit, str] | None:
    """One request for a one-customer page: None when the server answers and accepts the credentials."""
    try:
        with polite.polite_client(api.base_url, ledger, headers=api.auth_headers) as client:
            response = client.get(api.path, params=PROBE_PARAMS[api.api], timeout=PROBE_TIMEOUT)
    except httpx.TransportError as exc:
        return Exit.UNREACHABLE, f"{api.base_url} did not answer ({type(exc).__name__})"
    except polite.PolitenessError as exc:
        return Exit.UNREACHABLE, str(exc)
    if response.status_code in (401, 403):
        return Exit.REFUSED, (
            f"{api.base_url} refused the credentials ({response.status_code} to GET {api.path});"
            f" check {', '.join(targets.CREDENTIAL_VARS[api.api])}"
        )
    return None


def _probe_all(target: targets.Target, ledger: polite.Ledger | None, result: Result) -> targets.Target:
    """The target without the APIs that did not answer or refused the credentials (noted in ``result``)."""
    kept = {}
    for name, api in target.apis.items():
        failed = probe(api, ledger)
        if failed is None:
            kept[name] = api
            print(f"{name}: {api.base_url} answers and accepts the credentials")
        else:
            result.untested[name] = failed
            print(f"{name}: NOT TESTED: {drift.printable(failed[1])}")
    return targets.Target(target.live, kept)


# ---- the runs -----------------------------------------------------------------------------------


@contextmanager
def _embedded_mock(deep: bool) -> Iterator[tuple[str, Path]]:
    data = DEEP_DATA if deep else CI_DATA
    with start_mock_server(customers=data["customers"], seed=data["seed"]) as server:
        print(f"mock server on {server.base_url} ({data['customers']} customers per account, seed {data['seed']})")
        yield server.base_url, server.log_path


def _st_env(environ: dict[str, str], target: targets.Target) -> dict[str, str]:
    """The environment of `st run`: every API's credential variables set (the configs name them all)."""
    env = dict(environ)
    for name, api in target.apis.items():
        for variable, value in zip(targets.CREDENTIAL_VARS[name], api.credentials, strict=True):
            env[variable] = value
    for api_name in targets.APIS:
        for variable in targets.CREDENTIAL_VARS[api_name]:
            env.setdefault(variable, "unused")
    return env


def run_mock(run: Run) -> Result:
    """The full suite against the embedded mock, thresholds enforced."""
    result = Result()
    with _embedded_mock(run.deep) as (base_url, log_path):
        target = targets.demo_target(base_url, run.apis)
        result.target = f"the embedded mock (customers-mock) at {base_url}"
        passes = _passes(target)
        env = _st_env(run.environ, target)
        for p in passes:
            result.steps.append(Step(f"st run {p.name}", _st(run, p, base_url, MOCK_CONFIG, env, None)))
        if not all(step.ok for step in result.steps):
            lines = log_path.read_text(errors="replace").splitlines()
            print(f"== mock server log (last {LOG_TAIL} lines of {log_path})")
            print("\n".join(lines[-LOG_TAIL:]))
    result.steps.append(Step("coverage thresholds", _coverage(run, list(target.apis), passes, enforce=not run.deep)))
    result.steps.append(Step("no breaking drift", _drift(run, result, passes)))
    return result


def run_url(run: Run) -> Result:
    """The full suite against a server of your own at a URL; coverage reported."""
    result = Result()
    base_url = run.against.rstrip("/")
    target = targets.demo_target(base_url, run.apis)
    result.target = f"{base_url} ({', '.join(target.apis)})"
    target = _probe_all(target, None, result)
    passes = _passes(target)
    env = _st_env(run.environ, target)
    for p in passes:
        result.steps.append(Step(f"st run {p.name}", _st(run, p, base_url, MOCK_CONFIG, env, None)))
    result.steps.append(Step("coverage (reported)", _coverage(run, list(target.apis), passes, enforce=False)))
    result.steps.append(Step("no breaking drift", _drift(run, result, passes)))
    return result


def run_live(run: Run, target: targets.Target) -> Result:
    """The polite suite against the vendors in the environment (``target``: at least one API)."""
    result = Result(target=target.describe())
    ledger = polite.Ledger.create(run.reports.folder / "live-ledger.json", run.limits)
    print(f"live contract run: {target.describe()}; {run.limits.describe()}")
    started = time.monotonic()
    target = _probe_all(target, ledger, result)
    env = {**_st_env(run.environ, target), polite.LEDGER_ENV: str(ledger.path), targets.LIVE_ENV: "1"}
    passes = _passes(target)
    for p in passes:
        remaining = ledger.state()["deadline"] - time.time()
        base_url = target.apis[p.api].base_url
        result.steps.append(Step(f"st run {p.name}", _st(run, p, base_url, LIVE_CONFIG, env, remaining + 30)))
    if target.apis:
        result.steps.append(Step("vendor contract", _vendor_cases(run, target, env)))
    if run.record is not None:
        result.steps.append(Step("record", _record(target, ledger, run.record, run.record_max)))
    result.steps.append(Step("coverage (reported)", _coverage(run, list(target.apis), passes, enforce=False)))
    result.steps.append(Step("no breaking drift", _drift(run, result, passes)))
    state = ledger.state()
    print(
        f"live run: {state['sent']} of {state['budget']} requests, at most {state['rate']:g}/s, "
        f"in {time.monotonic() - started:.1f} s (bound {state['max_seconds']:g} s)"
    )
    return result


def _vendor_cases(run: Run, target: targets.Target, env: dict[str, str]) -> bool:
    """The vendor contract cases (a pytest module of this package) against the APIs of ``target``."""
    folder = run.reports.folder
    env = {**env, targets.APIS_ENV: ",".join(target.apis)}
    print("== vendor contract (pytest, customers_contract.vendor_cases)", flush=True)
    with _config_path("vendor_cases.py") as module:  # no conftest or configuration of the user's project
        cmd = [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", os.devnull,
            "--rootdir", str(folder), str(module), f"--junitxml={folder / 'vendor-contract.xml'}",
        ]  # fmt: skip
        return subprocess.run(cmd, cwd=folder, env=env, check=False).returncode == 0


def _record(target: targets.Target, ledger: polite.Ledger, path: Path, limit: int) -> bool:
    """List up to ``limit`` customers per API and write them, scrubbed, as a data file for the mock."""
    try:
        recording = recorder.record(target, ledger, path, limit)
    except recorder.RecordError as exc:
        print(f"record: FAILED, nothing written: {drift.printable(str(exc))}")
        return False
    for api, customers in recording.customers.items():
        dropped = ", ".join(sorted(recording.dropped_fields.get(api, ()))) or "none"
        print(f"record: {api}: {len(customers)} customers (scrubbed) into {path}; undeclared fields dropped: {dropped}")
    print(f"record: serve them with `customers-mock --data {path}` (account {accounts.ACME})")
    return True


def execute(run: Run) -> Result:
    """Run the suite against ``run.against`` (live: the caller checked that credentials are set)."""
    if run.against == "mock":
        return run_mock(run)
    if run.against == "live":
        return run_live(run, targets.from_env(run.environ, run.apis))
    return run_url(run)
