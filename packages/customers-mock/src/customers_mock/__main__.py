"""``python -m customers_mock``: serve both APIs on one port (``scripts/mock`` / ``make mock``)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import uvicorn

from customers_mock import accounts
from customers_mock.app import create_app
from customers_mock.datafile import DataFileError
from customers_mock.faults import FaultSpecError
from customers_mock.settings import MockSettings
from customers_mock.tolerance import ToleranceSpecError


def _parser() -> argparse.ArgumentParser:
    defaults = MockSettings()
    parser = argparse.ArgumentParser(
        prog="python -m customers_mock",
        description="A mock of the Sequence (/api/customers) and Straddle (/v1/customers) List customers APIs.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8080, help="port to bind (default: %(default)s)")
    parser.add_argument(
        "--customers",
        type=int,
        default=defaults.customers,
        help="generated customers per account and API (default: %(default)s)",
    )
    parser.add_argument(
        "--seed", type=int, default=defaults.seed, help="seed of the generated data (default: %(default)s)"
    )
    parser.add_argument("--data", type=Path, help="load customers from this JSON file instead of generating them")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SPEC",
        help='server-wide fault, repeatable, e.g. "status=503; probability=0.1" (see README)',
    )
    parser.add_argument(
        "--tolerance",
        metavar="SPEC",
        help='answer with what the contract allows but clients choke on: "all" or e.g. "sparse, unknown-enums"',
    )
    parser.add_argument(
        "--validate-responses", action="store_true", help="check every response against the spec (debugging)"
    )
    parser.add_argument(
        "--prebuild",
        action="store_true",
        help="build the common sort/filter indexes in the background at start (health does not wait)",
    )
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.customers < 0:
        print("error: --customers must be >= 0", file=sys.stderr)
        return 2
    settings = MockSettings(
        customers=args.customers,
        seed=args.seed,
        data_file=args.data,
        faults=tuple(args.fault),
        tolerance=args.tolerance,
        validate_responses=args.validate_responses,
        prebuild=args.prebuild,
    )
    started = time.perf_counter()
    try:
        app = create_app(settings)
    except (DataFileError, FaultSpecError, ToleranceSpecError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    source = f"data from {args.data}" if args.data else f"{args.customers} customers per account (seed {args.seed})"
    print(f"customers_mock: {source}, ready in {time.perf_counter() - started:.2f} s", flush=True)
    print(accounts.banner(), flush=True)
    base = f"http://{args.host}:{args.port}"
    print(f"Sequence: {base}/api/customers   Straddle: {base}/v1/customers   Health: {base}/health", flush=True)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        loop="uvloop" if sys.platform != "win32" else "asyncio",
        http="httptools",
        log_level=args.log_level,
        access_log=False,
        lifespan="off",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
