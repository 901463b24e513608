"""The reference point for server throughput: a server answering every GET with constant bytes.

Run as ``python -m bench.ceiling_app PORT BODY_FILE [SERVER [WORKERS]]``. ``SERVER`` is the server core:

- ``inline`` (default): the mock's own stack, uvicorn (uvloop, httptools) with ``customers_mock.protocol``
  answering in place; the ceiling in the throughput table;
- ``httptools`` / ``h11``: plain uvicorn with that HTTP parser, the constant answered by a Starlette app through
  the ASGI cycle (the mock's stack before ``customers_mock.protocol``);
- ``granian``: granian's Rust HTTP server with the same Starlette app over ASGI.

The app does no auth, no filtering, no serialisation: its requests/s is the most any handler on that stack could
reach for a body of that size on this machine, so it shows how much of a gap is the handler's own work.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Scope

from customers_mock.app import Answer
from customers_mock.journal import Journal
from customers_mock.protocol import protocol_for

SERVERS = ("inline", "httptools", "h11", "granian")


class ConstantApp(Starlette):
    """Answers ``GET /{anything}`` with ``body`` as JSON; names that answer to the inline protocol too.

    Its request journal keeps nothing (``--journal-size 0``): the protocol records every inline answer in the app's
    journal, and keeping requests is the mock's work, not the server core's.
    """

    def __init__(self, body: bytes) -> None:
        async def constant(request: Request) -> Response:
            return self.answer(request)

        super().__init__(routes=[Route("/{path:path}", constant)])
        self.body = body
        self.journal = Journal(0)

    def answer(self, request: Request) -> Response:
        return Response(self.body, media_type="application/json")

    def hot_answer(self, scope: Scope) -> Answer | None:
        if scope["method"] != "GET":
            return None
        scope["app"] = self  # as MockApp.hot_answer: the protocol records the answer in scope["app"].journal
        return self.answer


def create_app(body: bytes) -> ConstantApp:
    """An app that answers ``GET /{anything}`` with ``body`` as JSON."""
    return ConstantApp(body)


def _app_from_env() -> ConstantApp:
    """Factory for ``workers > 1`` and granian (they import the app in each worker)."""
    return create_app(Path(os.environ["BENCH_CEILING_BODY"]).read_bytes())


def main(argv: list[str]) -> None:
    """``PORT BODY_FILE [SERVER [WORKERS]]``; defaults are the mock's own settings (inline, 1 worker)."""
    port, body_file = int(argv[0]), argv[1]
    server = argv[2] if len(argv) > 2 else "inline"
    workers = int(argv[3]) if len(argv) > 3 else 1
    os.environ["BENCH_CEILING_BODY"] = body_file
    if server == "granian":
        from granian.constants import Interfaces, Loops  # only this variant needs granian
        from granian.server import Server

        Server(
            "bench.ceiling_app:_app_from_env", address="127.0.0.1", port=port, interface=Interfaces.ASGI,
            workers=workers, loop=Loops.uvloop, factory=True, websockets=False, log_access=False,
        ).serve()  # fmt: skip
        return
    if server == "inline":
        app = _app_from_env()
        uvicorn.run(
            app, host="127.0.0.1", port=port, loop="uvloop", http=protocol_for(app),
            log_level="warning", access_log=False, lifespan="off",
        )  # fmt: skip
        return
    uvicorn.run(
        "bench.ceiling_app:_app_from_env", factory=True, host="127.0.0.1", port=port, loop="uvloop", http=server,
        workers=workers, log_level="warning", access_log=False, lifespan="off",
    )  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
