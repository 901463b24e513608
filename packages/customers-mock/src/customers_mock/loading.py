"""What the server answers while it loads its data: ``/health`` 503 "loading", the APIs 503 in their envelope.

The command line binds its port first, then builds the mock's state on a thread while this app
answers: a large data file takes a while, and a client (or ``start_mock_server``) polling
``/health`` then sees ``503 {"status": "loading", "detail": <progress>}`` with ``Retry-After``
instead of a refused connection. Once the state is built every request goes to the real app.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from customers_mock import errors

RETRY_AFTER = "1"  # seconds


class LoadingApp:
    """An ASGI app that answers 503 until ``ready(app)``, then hands every request to ``app``."""

    def __init__(self) -> None:
        self.app: ASGIApp | None = None
        self.detail = "starting"

    def ready(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        app = self.app
        if app is not None:
            await app(scope, receive, send)
            return
        if scope["type"] != "http":
            return
        retry = {"Retry-After": RETRY_AFTER}
        if scope["path"] == "/health":
            body = {"status": "loading", "detail": self.detail}
            response: errors.JSONResponse = errors.JSONResponse(body, status_code=503, headers=retry)
        else:
            message = "The mock server is loading its data; retry shortly."
            response = errors.error_for_path(scope["path"], 503, message, Headers(scope=scope), retry)
        await response(scope, receive, send)
