"""The `customers-contract` command: one command for every target.

    customers-contract run                            # against the embedded mock (started and stopped here)
    customers-contract run --against live             # the vendors whose credentials are in the environment
    customers-contract run --against http://127.0.0.1:8080   # a server of yours that accepts the demo accounts
    customers-contract run --against live --record customers.json   # ... and record what they listed
    customers-contract run --spec sequence=my/sequence.yaml          # your own spec instead of the shipped one
    customers-contract standin --port 9100            # a drifted stand-in vendor to try it on
    customers-contract run -- --max-examples 50       # anything after `--` goes to every `st run`

Exit codes: 0 conforms; 1 contract failure or breaking drift; 2 usage error or missing credentials
(nothing sent); 3 the vendor refused the credentials; 4 the vendor did not answer (3 and 4 name
the API; the other API is still tested; 4 wins over 3).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

from customers_contract import __version__, polite, record, runner, specs, standin, targets
from customers_contract.outcome import Exit, UsageError
from customers_contract.reports import Reports
from customers_mock.testing import free_port

STAND_INS = {  # a vendor stand-in process on 127.0.0.1: its module and options (own seed and data)
    "mock": ["customers_mock", "--customers", "300", "--seed", "31"],
    "drifted": ["customers_contract", "standin", "--seed", "37"],
}
STAND_IN_START = 60.0  # seconds


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="customers-contract", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser(
        "run", help="run the contract suite", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    run.add_argument(
        "--against", default="mock", metavar="mock|live|URL", help="what to test (default: the embedded mock)"
    )
    run.add_argument("--api", choices=targets.APIS, action="append", help="only this API (repeatable)")
    run.add_argument(
        "--spec", action="append", default=[], metavar="API=PATH", help="test API against your own spec file"
    )
    run.add_argument("--reports", type=Path, default=Path("reports"), help="folder for every report, emptied first")
    run.add_argument("--deep", action="store_true", help=f"{runner.DEEP_MAX_EXAMPLES} examples per phase, random seed")
    progress = run.add_mutually_exclusive_group()
    progress.add_argument("--verbose", action="store_true", default=None, help="stream st's output (default on a TTY)")
    progress.add_argument("--quiet", dest="verbose", action="store_false", help="one line per step (default in CI)")
    live = run.add_argument_group("live runs (--against live)")
    defaults = polite.Limits()
    live.add_argument("--budget", type=int, default=defaults.budget, help="requests in the whole run (%(default)s)")
    live.add_argument("--rate", type=float, default=defaults.rate, help="requests per second at most (%(default)s)")
    live.add_argument(
        "--max-minutes", type=float, default=defaults.max_seconds / 60, help="time bound of the run (%(default)s)"
    )
    live.add_argument("--record", type=Path, metavar="FILE", help="write the customers listed, scrubbed, as mock data")
    live.add_argument("--record-max", type=int, default=record.RECORD_MAX, help="customers per API (%(default)s)")
    live.add_argument(
        "--stand-in",
        choices=sorted(STAND_INS),
        help="start a process posing as both vendors and run live against it (try the tool without a vendor)",
    )
    run.add_argument("st_args", nargs="*", help="extra `st run` arguments (after --)")

    stand = commands.add_parser("standin", help="serve a drifted stand-in vendor on 127.0.0.1")
    standin.add_arguments(stand)
    return parser


def _step_summary(text: str) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a") as handle:
            handle.write(text + "\n")


def _usage(message: str) -> int:
    print(f"customers-contract: {message}", file=sys.stderr)
    _step_summary(f"## Contract run: usage error (exit 2)\n\n{message}")
    return int(Exit.USAGE)


def _healthy(base_url: str) -> bool:
    try:
        return httpx.get(f"{base_url}/health", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


@contextmanager
def _stand_in(kind: str, folder: Path) -> Iterator[dict[str, str]]:
    """Start a separate server process posing as both vendors; yield the environment a user would set."""
    port = free_port()
    module, *options = STAND_INS[kind]
    log = folder / f"stand-in-{kind}.log"
    with log.open("wb") as out:
        cmd = [sys.executable, "-m", module, *options, "--port", str(port)]
        proc = subprocess.Popen(cmd, cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STAND_IN_START
        while not _healthy(base_url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the {kind} stand-in did not start; its log:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)
        print(f"{kind} stand-in vendor on {base_url} (pid {proc.pid})")
        yield standin.environment(base_url)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _run(args: argparse.Namespace) -> int:
    for choice in args.spec:
        api, sep, path = choice.partition("=")
        if not sep:
            return _usage(f"--spec {choice}: expected API=PATH, e.g. sequence=openapi/sequence.yaml")
        try:
            specs.use(api, Path(path))
        except specs.SpecError as exc:
            return _usage(f"--spec: {exc}")
    against = args.against
    if against not in ("mock", "live") and not against.startswith(("http://", "https://")):
        return _usage(f"--against {against}: one of mock, live or an http(s):// URL")
    if args.stand_in and against != "live":
        return _usage("--stand-in poses as the vendors: use it with --against live")
    if args.record and against != "live":
        return _usage("--record lists the vendors' customers: use it with --against live")
    apis = tuple(args.api or targets.APIS)
    if against == "live" and not args.stand_in:
        target = targets.from_env(only=apis)
        if not target.apis:
            lines = ["--against live: no credentials in the environment, nothing sent. Set:"]
            for api, names in targets.missing_credentials(target).items():
                if api in apis:
                    default = targets.SANDBOXES[api]
                    lines.append(f"  {api}: {', '.join(names)} (and {targets.BASE_URL_VARS[api]}, default {default})")
            return _usage("\n".join(lines))
    for api in apis:
        try:
            specs.load(api)
        except (OSError, ValueError) as exc:
            return _usage(f"{api}: the spec {specs.path(api)} cannot be read ({exc}); pass --spec {api}=PATH")
    reports = Reports(args.reports.resolve())
    try:
        reports.prepare()
    except UsageError as exc:
        return _usage(str(exc))
    verbose = sys.stdout.isatty() if args.verbose is None else args.verbose
    limits = polite.Limits(budget=args.budget, rate=args.rate, max_seconds=args.max_minutes * 60)
    run = runner.Run(
        against=against, reports=reports, apis=apis, limits=limits, record=args.record, record_max=args.record_max,
        deep=args.deep, verbose=verbose, st_args=tuple(args.st_args),
    )  # fmt: skip
    print(
        f"customers-contract {__version__}; specs: "
        + ", ".join(f"{a} {specs.version(a)} ({specs.path(a)})" for a in apis)
    )
    if args.stand_in:
        with _stand_in(args.stand_in, reports.folder) as environ:
            run.environ = {**run.environ, **environ}
            result = runner.execute(run)
    else:
        result = runner.execute(run)
    for step in result.steps:
        print(f"{'ok  ' if step.ok else 'FAIL'} {step.name}")
    for api, (_, reason) in result.untested.items():
        print(f"NOT TESTED {api}: {reason}")
    summary = reports.write_summary(result)
    passed = sum(step.ok for step in result.steps)
    print(f"contract: {passed} passed, {len(result.steps) - passed} failed; exit {int(result.exit)}; summary {summary}")
    return int(result.exit)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "standin":
        return standin.serve(args)
    return _run(args)
