"""A reverse proxy in front of the mock that can hold or fail API requests from the Nth on.

It shows what a command does between pages: hold the second page and the first one must already
be on stdout; fail it and the rows before must be flushed.
"""

from __future__ import annotations

import asyncio
import threading

import httpx
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send


class Gate:
    """Forwards every request to ``upstream``; from request ``hold_from`` (1-based) on, waits for ``release()``.

    ``fault_from`` adds the mock's ``X-Mock-Fault: <fault>`` header to those requests instead, so the
    mock answers with its own error envelope.
    """

    def __init__(self, upstream: str, *, hold_from: int | None = None, fault_from: tuple[int, str] | None = None):
        self.upstream = upstream
        self.hold_from = hold_from
        self.fault_from = fault_from
        self.received = 0
        self.answered = 0
        self._released = threading.Event()
        self.holding = threading.Event()  # set once a request is waiting at the gate
        self.url = ""  # where the gate listens, once served

    def release(self) -> None:
        """Let held requests (and every later one) through."""
        self._released.set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        response = await self._forward(Request(scope, receive))
        await response(scope, receive, send)

    async def _forward(self, request: Request) -> Response:
        self.received += 1
        number = self.received
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
        if self.hold_from is not None and number >= self.hold_from:
            self.holding.set()
            await asyncio.to_thread(self._released.wait)  # released from the test's thread
        if self.fault_from is not None and number >= self.fault_from[0]:
            headers["X-Mock-Fault"] = self.fault_from[1]
        async with httpx.AsyncClient(base_url=self.upstream, timeout=30) as client:
            query = f"?{request.url.query}" if request.url.query else ""
            upstream = await client.get(request.url.path + query, headers=headers)
        self.answered += 1
        drop = {"content-length", "content-encoding", "transfer-encoding", "connection"}
        kept = {k: v for k, v in upstream.headers.items() if k.lower() not in drop}
        return Response(upstream.content, status_code=upstream.status_code, headers=kept)
