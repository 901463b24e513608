"""Schemathesis CLI (`st run`) on both specs against a live mock server process on 127.0.0.1.

    python scripts/contract_live.py                    # the bounded CI run (scripts/test)
    python scripts/contract_live.py --deep             # many more examples, a fresh seed (scripts/fuzz)
    python scripts/contract_live.py --url URL          # against a server that is already running
    python scripts/contract_live.py -- --max-time 600  # anything after `--` goes to every `st run`

Starts the mock on a free port (waiting on /health with a bound), runs `st run --checks all` for
each spec with `schemathesis.toml` (seed, phases, credentials, custom checks), writes JUnit and
NDJSON reports into reports/, prints the number of cases per check, always stops the server, and
prints the server's log when a run fails. Exit status: 0 when every run passed.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from customers_mock import accounts
from customers_mock.testing import start_mock_server

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
SPECS = {"sequence": ROOT / "openapi" / "sequence.yaml", "straddle": ROOT / "openapi" / "straddle.yaml"}
# (report name, api, extra st arguments). The second Straddle pass names the demo key's own account
# in every request, so Schemathesis's coverage cases reach parameter validation instead of stopping
# at the 403 of a generated account id (see tests/contract/schemathesis_support.py).
PASSES: tuple[tuple[str, str, list[str]], ...] = (
    ("sequence", "sequence", []),
    ("straddle", "straddle", []),
    ("straddle-own-account", "straddle", ["--header", f"Straddle-Account-Id: {accounts.STRADDLE_ACCOUNT_ID}"]),
)
CI_DATA = {"customers": 250, "seed": 5}
DEEP_DATA = {"customers": 2000, "seed": 11}
DEEP_MAX_EXAMPLES = 5000
LOG_TAIL = 150


@contextmanager
def _server(url: str | None, deep: bool) -> Iterator[tuple[str, str | None]]:
    """(base URL, log path) of the server under test: the given one, or a mock started for the run."""
    if url:
        yield url.rstrip("/"), None
        return
    data = DEEP_DATA if deep else CI_DATA
    with start_mock_server(customers=data["customers"], seed=data["seed"]) as server:
        print(f"mock server on {server.base_url} ({data['customers']} customers per account, seed {data['seed']})")
        yield server.base_url, str(server.log_path)


def _tally(ndjson: Path) -> tuple[Counter[tuple[str, str]], Counter[int]]:
    """From the NDJSON event report: (check, status) -> cases, and HTTP status -> responses."""
    counts: Counter[tuple[str, str]] = Counter()
    statuses: Counter[int] = Counter()
    if not ndjson.exists():
        return counts, statuses
    for line in ndjson.read_text().splitlines():
        finished = json.loads(line).get("ScenarioFinished")
        if finished:
            for nodes in finished["recorder"]["checks"].values():
                for node in nodes:
                    counts[(node["name"], node["status"])] += 1
            for interaction in finished["recorder"]["interactions"].values():
                if interaction.get("response"):
                    statuses[interaction["response"]["status_code"]] += 1
    return counts, statuses


def _print_tally(name: str, counts: Counter[tuple[str, str]], statuses: Counter[int]) -> None:
    print(f"{name}: responses by status: " + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())))
    names = sorted({check for check, _ in counts})
    print(f"{name}: cases per check")
    for name in names:
        passed, failed = counts[(name, "success")], counts[(name, "failure")]
        others = sum(
            n for (check, status), n in counts.items() if check == name and status not in ("success", "failure")
        )
        extra = f", {others} other" if others else ""
        print(f"  {name:<30} {passed:>6} passed {failed:>4} failed{extra}")


def _run(name: str, api: str, base_url: str, deep: bool, extra: list[str]) -> bool:
    junit, ndjson = REPORTS / f"schemathesis-{name}.xml", REPORTS / f"schemathesis-{name}.ndjson"
    cmd = [
        str(Path(sys.executable).parent / "st"), "run", str(SPECS[api].relative_to(ROOT)),
        "--url", base_url,
        "--checks", "all",
        "--report", "junit,ndjson",
        "--report-junit-path", str(junit.relative_to(ROOT)),
        "--report-ndjson-path", str(ndjson.relative_to(ROOT)),
    ]  # fmt: skip
    if deep:  # more examples and a fresh seed (printed by st, so a failure can be replayed)
        cmd += ["--max-examples", str(DEEP_MAX_EXAMPLES), "--seed", str(random.randrange(2**31))]  # noqa: S311
    cmd += extra
    print(f"== st run ({name}): {' '.join(cmd[2:])}", flush=True)
    started = time.monotonic()
    # From the repo root, so st finds schemathesis.toml and its hooks module (tests.contract.checks).
    result = subprocess.run(cmd, cwd=ROOT, check=False)
    elapsed = time.monotonic() - started
    print(f"{name}: exit {result.returncode} in {elapsed:.1f} s; JUnit report {junit.relative_to(ROOT)}")
    _print_tally(name, *_tally(ndjson))
    return result.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deep", action="store_true", help=f"{DEEP_MAX_EXAMPLES} examples per phase, random seed")
    parser.add_argument("--url", help="test this running server instead of starting the mock")
    parser.add_argument("--api", choices=sorted(SPECS), action="append", help="only this API (repeatable)")
    parser.add_argument("st_args", nargs="*", help="extra `st run` arguments (after --)")
    args = parser.parse_args()
    REPORTS.mkdir(exist_ok=True)
    results: list[bool] = []
    with _server(args.url, args.deep) as (base_url, log_path):
        for name, api, pass_args in PASSES:
            if args.api is None or api in args.api:
                results.append(_run(name, api, base_url, args.deep, [*pass_args, *args.st_args]))
        ok = all(results)
        if not ok and log_path:
            lines = Path(log_path).read_text(errors="replace").splitlines()
            print(f"== mock server log (last {LOG_TAIL} lines of {log_path})")
            print("\n".join(lines[-LOG_TAIL:]))
    print(f"schemathesis: {results.count(True)} passed, {results.count(False)} failed")  # one line per st run
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
