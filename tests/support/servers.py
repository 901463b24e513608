"""Run an ASGI app under a real uvicorn server on 127.0.0.1, in a background thread."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from starlette.types import ASGIApp

from customers_mock.testing import free_port


@contextmanager
def serve_in_thread(
    app: ASGIApp, *, http: type[asyncio.Protocol] | str = "auto", startup_timeout: float = 10.0, **options: Any
) -> Iterator[str]:
    """Serve ``app`` on a free loopback port; yield its base URL; stop it on exit.

    ``http`` is uvicorn's HTTP protocol (a name or a class, e.g. ``customers_mock.protocol.protocol_for(app)``);
    ``options`` go to ``uvicorn.Config``. No access log, as ``python -m customers_mock`` runs.
    """
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, http=http, log_level="warning", access_log=False, lifespan="off", **options
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
