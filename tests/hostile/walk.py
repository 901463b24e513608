"""``python -m tests.hostile.walk API MODE BASE_URL [OPTIONS_JSON]``: one SDK walk, its outcome as one JSON line.

Runs in its own process so that a walk that never ends can be killed, and so that its peak memory
is its own. MODE is ``sync`` or ``async``; OPTIONS_JSON are client keyword arguments.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from customers_sdk import APIError
from customers_sdk.sequence import AsyncSequence, Sequence
from customers_sdk.straddle import AsyncStraddle, Straddle

SEQUENCE_SECRET = "sequence-secret-0123456789"
STRADDLE_KEY = "sk_test_hostile_0123456789abcdef"


def _client(api: str, mode: str, base_url: str, options: dict[str, Any]) -> Any:
    if api == "sequence":
        cls: Any = Sequence if mode == "sync" else AsyncSequence
        return cls(client_id="acme-client", client_secret=SEQUENCE_SECRET, base_url=base_url, **options)
    cls = Straddle if mode == "sync" else AsyncStraddle
    return cls(api_key=STRADDLE_KEY, base_url=base_url, **options)


def walk(api: str, mode: str, base_url: str, options: dict[str, Any]) -> dict[str, Any]:
    """Walk every page; the outcome: items seen, or the exception raised."""
    items = 0
    started = time.monotonic()
    client = _client(api, mode, base_url, options)
    try:
        if mode == "sync":
            with client:
                for _ in client.customers.list():
                    items += 1
        else:

            async def run() -> None:
                nonlocal items
                async with client:
                    async for _ in client.customers.list():
                        items += 1

            asyncio.run(run())
        outcome: dict[str, Any] = {"error": None}
    except APIError as exc:
        outcome = {"error": type(exc).__name__, "module": type(exc).__module__, "message": exc.message}
        outcome["repr"] = repr(exc)
        outcome["str"] = str(exc)
        outcome["page"] = getattr(exc, "page", None)
    outcome["items"] = items
    outcome["seconds"] = round(time.monotonic() - started, 3)
    outcome["peak_mib"] = _peak_mib()
    return outcome


def _peak_mib() -> float:
    """This process's peak resident memory, MiB.

    ``VmHWM``, not ``ru_maxrss``: Linux carries ``ru_maxrss`` over from the parent at fork (a walk
    started by a big pytest process would report the parent's size).
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    (line,) = [line for line in status.splitlines() if line.startswith("VmHWM:")]
    return round(int(line.split()[1]) / 1024, 1)


if __name__ == "__main__":
    extra = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
    print(json.dumps(walk(sys.argv[1], sys.argv[2], sys.argv[3], extra)))
