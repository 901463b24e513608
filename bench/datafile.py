"""What loading a large ``--data`` file costs: time until the mock answers, until it is ready, and peak memory.

Run: ``.venv/bin/python -m bench.datafile [--records 400000] [--keep FILE]`` (standalone; not part of
``make bench``).

Writes a data file of generated customers (the same ones ``--customers`` serves, so every record
is valid), split evenly over both APIs and both demo accounts (Sequence records carry aliases),
then starts ``python -m customers_mock --data FILE`` as a real process on a free port and polls
``/health`` every 50 ms. Reports the file size, the seconds until the port first answers
(``/health`` 503 "loading" or 200), the seconds until ``/health`` is 200, and the server's peak
resident memory (``VmHWM``) once ready.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import orjson

from customers_mock import accounts
from customers_mock.dataset import SequenceData, StraddleData
from customers_mock.testing import free_port

READY_TIMEOUT_S = 900.0


def write_file(path: Path, records: int, seed: int = 1) -> None:
    """``records`` generated customers as a data file, streamed out account by account."""
    per_part = records // 4
    with path.open("wb") as out:
        out.write(b"{")
        makers: tuple[tuple[str, type[SequenceData] | type[StraddleData]], ...] = (
            ("sequence", SequenceData),
            ("straddle", StraddleData),
        )
        for n, (api, maker) in enumerate(makers):
            out.write(b"," if n else b"")
            out.write(b'"%s":{' % api.encode())
            for m, account in enumerate(accounts.ACCOUNTS):
                data: SequenceData | StraddleData = maker(seed, account, per_part)
                out.write(b"," if m else b"")
                out.write(b'"%s":[' % account.encode())
                for i in range(per_part):
                    customer = data.customer(i)
                    if isinstance(data, SequenceData):
                        customer = {**customer, "aliases": list(data.aliases(i))}
                    out.write((b"," if i else b"") + orjson.dumps(customer))
                out.write(b"]")
            out.write(b"}")
        out.write(b"}")


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(path: Path) -> dict[str, float]:
    """Start the mock on ``path``; seconds to the first answer and to ready, peak RSS (MiB)."""
    port = free_port()
    command = [sys.executable, "-m", "customers_mock", "--port", str(port), "--data", str(path)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    first_answer = ready = float("nan")
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            with httpx.Client(timeout=5.0) as client:
                while time.perf_counter() - started < READY_TIMEOUT_S:
                    if process.poll() is not None:
                        log.seek(0)
                        output = log.read().decode()[-3000:]
                        raise RuntimeError(f"the mock exited with {process.returncode}:\n{output}")
                    try:
                        status = client.get(f"http://127.0.0.1:{port}/health").status_code
                    except httpx.TransportError:
                        status = 0
                    now = time.perf_counter() - started
                    if status and first_answer != first_answer:  # still nan
                        first_answer = now
                    if status == 200:
                        ready = now
                        break
                    time.sleep(0.05)
            rss = _peak_rss_mib(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
    return {"first_answer_s": first_answer, "ready_s": ready, "peak_rss_mib": rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=400_000)
    parser.add_argument("--keep", type=Path, help="write the data file here (and keep it); reused if it exists")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "customers.json"
        if not path.exists():
            write_file(path, args.records)
        size_mb = path.stat().st_size / 1e6
        result = measure(path)
    print(
        f"{args.records:,} records ({size_mb:.0f} MB): first answer {result['first_answer_s']:.1f} s,"
        f" ready {result['ready_s']:.1f} s, peak RSS {result['peak_rss_mib']:.0f} MiB"
    )


if __name__ == "__main__":
    main()
