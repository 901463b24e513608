"""The ``customers`` command exporting a whole account: memory over the export, and customers/s.

    python -m bench --only cli            # inside the full report
    python -m bench.cli_export [N]        # alone: N customers per account (default 100,000), prints a table

The installed console script runs as a subprocess (``--all --quiet``, largest page of each API) against
the mock, writing to a file as a user's ``> export.csv`` would. Its resident memory is sampled every
20 ms from /proc with the output's size so far: at the first byte of output (the first page
written), once half of the output is written, at the last sample, and its peak (VmHWM). Flat memory:
no growth over the second half. (RSS climbs a few MiB over the first pages while the allocator
settles, then stays put; Python's own allocations, traced with tracemalloc, stay at 2-5 MiB.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import accounts, progress
from bench.report import Table
from bench.servers import mock_server, peak_rss_mib, rss_mib

SCRIPT = Path(sys.executable).with_name("customers")
PAGE = {"sequence": ["--limit", "100"], "straddle": ["--page-size", "1000"]}
RUNS = (("sequence", "csv"), ("straddle", "csv"), ("straddle", "jsonl"))
GROWTH_TARGET_MIB = 5.0  # over the second half of the export


@dataclass
class Export:
    """One export: what, how long, and the process's memory at the first and last sample and at its peak."""

    api: str
    fmt: str
    customers: int
    seconds: float
    output_mib: float
    rss_first_output_mib: float
    rss_half_mib: float
    rss_last_mib: float
    peak_rss_mib: float

    @property
    def growth_mib(self) -> float:
        """RSS growth over the second half of the output."""
        return self.rss_last_mib - self.rss_half_mib


def export(base_url: str, api: str, fmt: str, out_dir: Path) -> Export:
    """Run one ``customers <api> list --all`` into a file, sampling its memory until it exits."""
    out_path = out_dir / f"{api}.{fmt}"
    env = {
        **os.environ,
        "SEQUENCE_CLIENT_ID": accounts.SEQUENCE_CLIENT_ID,
        "SEQUENCE_CLIENT_SECRET": accounts.SEQUENCE_CLIENT_SECRET,
        "STRADDLE_API_KEY": accounts.STRADDLE_API_KEY,
    }
    cmd = [str(SCRIPT), api, "list", "--base-url", base_url, "--all", *PAGE[api], "--format", fmt, "--quiet"]
    samples: list[tuple[int, float]] = []  # (bytes written so far, RSS MiB)
    peak = 0.0
    start = time.perf_counter()
    with out_path.open("wb") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
        while process.poll() is None:
            rss, hwm = rss_mib(process.pid), peak_rss_mib(process.pid)
            if rss is not None and hwm is not None:  # None once the process is gone
                samples.append((out_path.stat().st_size, rss))
                peak = hwm
            time.sleep(0.02)
    seconds = time.perf_counter() - start
    _, err = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"customers {api} list failed ({process.returncode}): {err.decode()[-500:]}")
    with out_path.open("rb") as produced:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: produced.read(1 << 20), b""))
    size = out_path.stat().st_size
    out_path.unlink()
    written = [(at, rss) for at, rss in samples if at > 0] or samples or [(0, 0.0)]
    half = next((rss for at, rss in written if at >= size / 2), written[-1][1])
    return Export(
        api=api,
        fmt=fmt,
        customers=lines - (1 if fmt == "csv" else 0),
        seconds=seconds,
        output_mib=size / 2**20,
        rss_first_output_mib=written[0][1],
        rss_half_mib=half,
        rss_last_mib=written[-1][1],
        peak_rss_mib=peak,
    )


def measure(customers: int) -> tuple[Table, list[Export]]:
    """Every export of ``RUNS`` against one mock of ``customers`` per account."""
    results = []
    with mock_server(customers) as mock, tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        for api, fmt in RUNS:
            done = export(mock.base_url, api, fmt, Path(tmp))
            results.append(done)
            progress.say("cli", f"{api} --format {fmt}: {done.customers:,} customers in {done.seconds:.1f} s, "
                                f"peak RSS {done.peak_rss_mib:.0f} MiB")  # fmt: skip
    table = Table(
        f"Command line: `customers <api> list --all` of a {customers:,}-customer account into a file",
        ["API", "format", "customers", "seconds", "customers/s", "output MiB", "RSS 1st page MiB",
         "RSS at 50% MiB", "RSS at end MiB", "growth 50% -> end MiB", "peak RSS MiB"],
    )  # fmt: skip
    for r in results:
        table.rows.append([r.api, r.fmt, r.customers, r.seconds, r.customers / r.seconds, r.output_mib,
                           r.rss_first_output_mib, r.rss_half_mib, r.rss_last_mib, r.growth_mib,
                           r.peak_rss_mib])  # fmt: skip
    table.notes += [
        "The installed console script as a subprocess, --quiet, largest page (Sequence 100, Straddle 1,000); "
        "RSS sampled from /proc every 20 ms; growth is RSS at the end minus RSS once half the output was written. "
        "Sequence lists its non-archived customers (~90%).",
        "--format table is for reading on a terminal (rich renders each page): it is not part of this export run.",
    ]
    return table, results


def main(argv: list[str]) -> int:
    customers = int(argv[0]) if argv else 100_000
    table, results = measure(customers)
    print(table.title)
    print(" | ".join(table.columns))
    for row in table.rows:
        print(" | ".join(f"{c:,.1f}" if isinstance(c, float) else str(c) for c in row))
    print({r.api + "/" + r.fmt: asdict(r) for r in results})
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
