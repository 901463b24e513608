"""The reference point for server throughput: uvicorn + Starlette answering every GET with constant bytes.

Run as ``python -m bench.ceiling_app PORT BODY_FILE``, with the mock's own uvicorn settings (uvloop, httptools,
no access log). It does no auth, no filtering, no serialisation: its requests/s is the most any handler on this
stack could reach for a body of that size on this machine, so it shows how much of a gap is the handler's work.
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


def create_app(body: bytes) -> Starlette:
    """An app that answers ``GET /{anything}`` with ``body`` as JSON."""

    async def constant(request: Request) -> Response:
        return Response(body, media_type="application/json")

    return Starlette(routes=[Route("/{path:path}", constant)])


def _app_from_env() -> Starlette:
    """Factory for ``workers > 1`` (uvicorn then imports the app in each worker)."""
    return create_app(Path(os.environ["BENCH_CEILING_BODY"]).read_bytes())


def main(argv: list[str]) -> None:
    """``PORT BODY_FILE [HTTP_PARSER [WORKERS]]``; defaults are the mock's own settings (httptools, 1)."""
    port, body_file = int(argv[0]), argv[1]
    http = argv[2] if len(argv) > 2 else "httptools"
    workers = int(argv[3]) if len(argv) > 3 else 1
    os.environ["BENCH_CEILING_BODY"] = body_file
    uvicorn.run(
        "bench.ceiling_app:_app_from_env",
        factory=True,
        host="127.0.0.1",
        port=port,
        loop="uvloop",
        http=http,
        workers=workers,
        log_level="warning",
        access_log=False,
        lifespan="off",
    )


if __name__ == "__main__":
    main(sys.argv[1:])
