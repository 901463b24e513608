"""Index builds off the event loop: each build runs on its own daemon thread, at most two at once.

A build at 1,000,000 customers takes seconds of CPU. Run on the event loop it would stall every
client; on a thread the loop keeps serving (the GIL switches every few milliseconds). The slots
bound the CPU and the temporary memory of builds running together; daemon threads never hold up
the process when it is told to stop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")

# Builds running at once (process-wide). A thread waiting for a slot holds no memory yet.
SLOTS = threading.BoundedSemaphore(2)


def start(work: Callable[[], T], name: str) -> Future[T]:
    """Run ``work`` on a new daemon thread; its future cannot be cancelled by a waiter giving up."""
    future: Future[T] = Future()
    future.set_running_or_notify_cancel()  # a running future ignores cancel(): one waiter leaving stops nothing

    def run() -> None:
        try:
            result = work()
        except BaseException as exc:  # handed to whoever waits for the build
            future.set_exception(exc)
        else:
            future.set_result(result)

    threading.Thread(target=run, name=name, daemon=True).start()
    return future
