"""ASGI wrappers that change one thing about how the real mock answers (test-only).

Each broken variant is the real mock app wrapped in one of these, so a variant has exactly one
defect and keeps every other behaviour of the mock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

# The buffered answer and its helpers are the drifted stand-in's (customers-contract).
from customers_contract.standin import write


def request_header(scope: Scope, name: str) -> str | None:
    """A request header of an HTTP scope, decoded."""
    key = name.lower().encode()
    return next((v.decode("latin-1") for k, v in scope["headers"] if k == key), None)


def with_request_header(scope: Scope, name: str, value: str | None) -> Scope:
    """A copy of ``scope`` with header ``name`` replaced (or removed, for None)."""
    key = name.lower().encode()
    headers = [(k, v) for k, v in scope["headers"] if k != key]
    if value is not None:
        headers.append((key, value.encode("latin-1")))
    return {**scope, "headers": headers}


Handler = Callable[[ASGIApp, Scope, Receive], Any]  # async (app, scope, receive) -> Answer


@dataclass
class Broken:
    """The mock ``app`` with ``handler`` deciding how each HTTP request under ``path`` is answered."""

    app: ASGIApp
    path: str
    handler: Handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        await write(await self.handler(self.app, scope, receive), send)
