"""ASGI wrappers that change one thing about how the real mock answers (test-only).

Each broken variant is the real mock app wrapped in one of these, so a variant has exactly one
defect and keeps every other behaviour of the mock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass
class Answer:
    """A buffered HTTP response that a rewrite may change."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def header(self, name: str) -> str | None:
        key = name.lower().encode()
        return next((v.decode("latin-1") for k, v in self.headers if k.lower() == key), None)

    def set_header(self, name: str, value: str | None) -> None:
        key = name.lower().encode()
        self.headers = [(k, v) for k, v in self.headers if k.lower() != key]
        if value is not None:
            self.headers.append((key, value.encode("latin-1")))

    @property
    def json(self) -> Any:
        return orjson.loads(self.body)

    @json.setter
    def json(self, value: Any) -> None:
        self.body = orjson.dumps(value)


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


async def call(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    """Run ``app`` on one request and buffer its whole response."""
    answer = Answer(500, [], b"")
    chunks: list[bytes] = []

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            answer.status = message["status"]
            answer.headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    answer.body = b"".join(chunks)
    return answer


async def write(answer: Answer, send: Send) -> None:
    """Send a buffered response, with its Content-Length corrected."""
    answer.set_header("content-length", str(len(answer.body)))
    await send({"type": "http.response.start", "status": answer.status, "headers": answer.headers})
    await send({"type": "http.response.body", "body": answer.body})


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
