"""``python -m customers_mock``: serve both APIs on one port (``scripts/mock`` / ``make mock``).

Every option is checked, and the port bound, before anything is printed: a bad option exits 2 with
a usage message. The data is then generated or loaded on a thread while the server already answers
(``/health`` is 503 "loading" meanwhile, see ``loading``); a data file that does not validate
stops the server with exit status 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import uvicorn

from customers_mock import accounts, faults, journal, tolerance
from customers_mock.app import create_app
from customers_mock.datafile import DataFileError
from customers_mock.filters import SpecExtensionError
from customers_mock.limits import Limits, limited
from customers_mock.loading import LoadingApp
from customers_mock.protocol import protocol_for
from customers_mock.settings import MockSettings

log = logging.getLogger("customers_mock")

MAX_CUSTOMERS = 10_000_000  # per account and API; positions are 32-bit and indexes 4 bytes per customer
MAX_JOURNAL = journal.MAX_SIZE
_WHOLE = re.compile(r"-?[0-9]{1,20}")  # ASCII only: int() also reads "²", "٣" and "8_080"


def _whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number in [low, high], written in ASCII digits."""

    def parse(text: str) -> int:
        if not _WHOLE.fullmatch(text) or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low:,} to {high:,}, got {text[:40]!r}")
        return int(text)

    parse.__name__ = "whole number"
    return parse


def _seconds(text: str) -> float:
    """An argparse type: a positive number of seconds, at most a day."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 86_400:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0 and at most 86400, got {text[:40]!r}")
    return value


def _fault(text: str) -> str:
    """An argparse type: a fault spec that parses (see ``customers_mock.faults``)."""
    try:
        faults.parse(text)
    except faults.FaultSpecError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _tolerance(text: str) -> str:
    """An argparse type: a tolerance spec that parses (see ``customers_mock.tolerance``)."""
    try:
        tolerance.parse(text)
    except tolerance.ToleranceSpecError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _parser() -> argparse.ArgumentParser:
    defaults = MockSettings()
    parser = argparse.ArgumentParser(
        prog="python -m customers_mock",
        description="A mock of the Sequence (/api/customers) and Straddle (/v1/customers) List customers APIs.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    parser.add_argument(
        "--port", type=_whole(0, 65535), default=8080, help="port to bind, 0 for any free one (default: %(default)s)"
    )
    parser.add_argument(
        "--customers",
        type=_whole(0, MAX_CUSTOMERS),
        default=defaults.customers,
        help=f"generated customers per account and API, at most {MAX_CUSTOMERS:,} (default: %(default)s)",
    )
    parser.add_argument(
        "--seed",
        type=_whole(-(2**63), 2**64 - 1),
        default=defaults.seed,
        help="seed of the generated data (default: %(default)s)",
    )
    parser.add_argument("--data", type=Path, help="load customers from this JSON file instead of generating them")
    parser.add_argument(
        "--fault",
        type=_fault,
        action="append",
        default=[],
        metavar="SPEC",
        help='server-wide fault, repeatable, e.g. "status=503; probability=0.1" (see README)',
    )
    parser.add_argument(
        "--tolerance",
        type=_tolerance,
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
    parser.add_argument(
        "--journal-size",
        type=_whole(0, MAX_JOURNAL),
        default=defaults.journal_size,
        help="requests kept in the journal (GET /_mock/requests), 0 for none (default: %(default)s)",
    )
    limits = Limits()
    parser.add_argument(
        "--max-header-size",
        type=_whole(1024, 64 * 1024 * 1024),
        default=limits.max_head_bytes,
        metavar="BYTES",
        help="largest request line and headers; larger is 431 (default: %(default)s)",
    )
    parser.add_argument(
        "--header-timeout",
        type=_seconds,
        default=limits.header_timeout,
        metavar="SECONDS",
        help="time to send a request's headers; slower is 408 (default: %(default)s)",
    )
    parser.add_argument(
        "--keep-alive-timeout",
        type=_whole(1, 86_400),
        default=limits.keep_alive_timeout,
        metavar="SECONDS",
        help="idle time before a connection between requests is closed (default: %(default)s)",
    )
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    return parser


def _listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on (host, port), as uvicorn would bind it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.data is not None and not (args.data.exists() and os.access(args.data, os.R_OK)):
        parser.error(f"argument --data: cannot read {args.data}")  # (not opened: it may be a pipe)
    try:
        sock = _listen(args.host, args.port)
    except OSError as exc:
        parser.error(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
    port = sock.getsockname()[1]
    base = f"http://{f'[{args.host}]' if ':' in args.host else args.host}:{port}"
    source = f"data from {args.data}" if args.data else f"{args.customers} customers per account (seed {args.seed})"
    print(f"customers_mock: listening on {base}; loading {source}", flush=True)

    settings = MockSettings(
        customers=args.customers,
        seed=args.seed,
        data_file=args.data,
        faults=tuple(args.fault),
        tolerance=args.tolerance,
        validate_responses=args.validate_responses,
        prebuild=args.prebuild,
        journal_size=args.journal_size,
    )
    loading = LoadingApp()
    limits = Limits(
        max_head_bytes=args.max_header_size,
        header_timeout=args.header_timeout,
        keep_alive_timeout=args.keep_alive_timeout,
    )
    config = uvicorn.Config(
        loading,
        loop="uvloop" if sys.platform != "win32" else "asyncio",
        # httptools: plain list GETs answered inline, envelope 400s, limits on each connection
        http=limited(protocol_for(loading), limits),
        timeout_keep_alive=limits.keep_alive_timeout,
        log_level=args.log_level,
        access_log=False,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    exit_code = 0

    def progress(detail: str) -> None:
        loading.detail = detail
        print(f"customers_mock: {detail}", flush=True)

    def load() -> None:
        nonlocal exit_code
        started = time.perf_counter()
        try:
            app = create_app(settings, progress=progress)
        except (DataFileError, SpecExtensionError) as exc:
            print(f"error: {exc}", file=sys.stderr, flush=True)
            exit_code = 2
            server.should_exit = True
            return
        except Exception:
            log.exception("could not build the mock's state")
            exit_code = 1
            server.should_exit = True
            return
        loading.ready(app)
        print(f"customers_mock: {source}, ready in {time.perf_counter() - started:.2f} s", flush=True)
        print(accounts.banner(), flush=True)
        print(f"Sequence: {base}/api/customers   Straddle: {base}/v1/customers   Health: {base}/health", flush=True)

    threading.Thread(target=load, name="customers-mock-load", daemon=True).start()
    server.run(sockets=[sock])
    return exit_code


if __name__ == "__main__":
    raise SystemExit(main())
