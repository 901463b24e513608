"""The ASGI application: both APIs at their real paths, health, the operator's routes, error envelopes."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from customers_mock import admin, coverage, errors, faults, filters, sequence, spec, store, straddle, tolerance
from customers_mock.datafile import Progress
from customers_mock.settings import MockSettings
from customers_mock.state import SEQUENCE_DATES, STRADDLE_DATES, MockState

log = logging.getLogger("customers_mock")


Handler = Callable[[Request], Awaitable[Response]]
# A list endpoint's synchronous answer; raises ``store.NotReady`` when it must first wait for an index.
Answer = Callable[[Request], Response]
# Request headers that ask the mock for something else than a plain answer (as in an ASGI scope).
_CONTROL_HEADERS = frozenset({faults.HEADER_BYTES, tolerance.HEADER_BYTES})


class MockApp(Starlette):
    """Starlette, remembering the server's own ``send`` so a fault can drop the connection.

    The list endpoints are the hot path (every page a client or a load test asks for). A plain
    ``GET`` of one that asks for no fault and no tolerance (none in its headers, none set
    server-wide) goes straight to its handler (``hot_answer``): Starlette's middleware stack and
    router would do nothing for it but cost about as much as the handler's own work. Under
    ``python -m customers_mock`` such requests are answered inside the HTTP protocol
    (``customers_mock.protocol``), without an ASGI cycle at all. Everything else takes the full stack.
    """

    def __init__(self, *, state: MockState, hot: Mapping[str, Answer], tolerant: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state.mock = state
        self.journal = state.journal
        self._faults = state.faults
        self._hot = hot
        self._tolerant = tolerant

    def hot_answer(self, scope: Scope) -> Answer | None:
        """The answer of a plain ``GET`` of a list endpoint asking for no fault or tolerance; None for the full stack.

        Sets ``scope["app"]`` for the answer (its handler reads ``request.app``), as Starlette would.
        """
        answer = self._hot.get(scope["path"])
        if (
            answer is None
            or scope["method"] != "GET"
            or scope.get("root_path")
            or self._faults.faults
            or self._tolerant
            or any(name in _CONTROL_HEADERS for name, _ in scope["headers"])
        ):
            return None
        scope["app"] = self
        return answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        answer = self.hot_answer(scope)
        if answer is not None:
            served = 500  # what _serve sends when the handler raises
            try:
                served = await _serve(answer, scope, receive, send)
            finally:
                self.journal.record(scope, served)
            return
        scope[faults.RAW_SEND] = send
        path: str = scope["path"]
        if path.startswith(admin.PREFIX):
            refusal = admin.refused(scope["headers"])
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        if path.startswith(admin.PREFIX) or path == "/health":  # the operator's, not the application's
            await super().__call__(scope, receive, send)
            return
        status: int | None = None

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await super().__call__(scope, receive, send_noting_status)
        finally:
            self.journal.record(scope, status)


async def answer_when_ready(answer: Answer, request: Request) -> Response:
    """``answer(request)``, first waiting (off the event loop) for any index it needs."""
    while True:
        try:
            return answer(request)
        except store.NotReady as pending:
            await pending.wait()


def _endpoint(answer: Answer) -> Handler:
    """A Starlette endpoint for a synchronous answer."""

    async def endpoint(request: Request) -> Response:
        return await answer_when_ready(answer, request)

    return endpoint


async def _serve(answer: Answer, scope: Scope, receive: Receive, send: Send) -> int:
    """What the full stack does for a handler: its response, or (if it raises) a 500 envelope, then re-raise.

    Returns the status sent.
    """
    request = Request(scope, receive)
    try:
        response = await answer_when_ready(answer, request)
    except Exception as exc:
        response = await server_error(request, exc)
        await response(scope, receive, send)
        raise
    await response(scope, receive, send)
    return response.status_code


async def health(request: Request) -> Response:
    return errors.JSONResponse({"status": "ok"})


async def list_faults(request: Request) -> Response:
    state: MockState = request.app.state.mock
    return errors.JSONResponse({"faults": [fault.text for fault in state.faults.faults]})


async def add_fault(request: Request) -> Response:
    """``POST /_mock/faults {"fault": "<spec>"}``: add a server-wide fault."""
    state: MockState = request.app.state.mock
    try:
        body = await request.body()
    except ClientDisconnect:  # the client went away (or sent a body uvicorn refused): nobody to answer
        return Response(status_code=400)
    try:
        payload = orjson.loads(body)  # a JSONDecodeError (a ValueError) past 1,024 levels of nesting
        fault = faults.parse(payload["fault"]) if isinstance(payload, dict) else None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return errors.JSONResponse({"error": f'expected {{"fault": "<spec>"}}: {exc}'}, status_code=400)
    if fault is None:
        return errors.JSONResponse({"error": 'expected {"fault": "<spec>"}'}, status_code=400)
    state.faults.faults.append(fault)
    return errors.JSONResponse({"faults": [f.text for f in state.faults.faults]}, status_code=201)


async def clear_faults(request: Request) -> Response:
    """``DELETE /_mock/faults``: remove every server-wide fault and reset the ``times`` counters."""
    state: MockState = request.app.state.mock
    state.faults.clear()
    return errors.JSONResponse({"faults": []})


async def http_error(request: Request, exc: Exception) -> Response:
    """404 / 405 (with ``Allow``) from routing, in the envelope of the API the path belongs to."""
    assert isinstance(exc, HTTPException)
    messages = {404: f"No such resource: {request.url.path[:200]}", 405: f"Method {request.method} not allowed."}
    message = messages.get(exc.status_code, exc.detail)
    return errors.error_for_path(request.url.path, exc.status_code, message, request.headers, exc.headers)


async def server_error(request: Request, exc: Exception) -> Response:
    """Last resort: a 500 in the API's envelope (the exception is logged by the server)."""
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return errors.error_for_path(request.url.path, 500, "An unexpected error occurred.", request.headers)


def create_app(settings: MockSettings | None = None, progress: Progress | None = None) -> MockApp:
    """Build the mock: generate or load its data (raises on a bad data file, fault or tolerance spec).

    ``progress`` is called with a line of text at each stage of loading a large data file.
    """
    settings = settings or MockSettings()
    server_tolerance = tolerance.parse(settings.tolerance) if settings.tolerance is not None else tolerance.NONE
    filters.check(sequence.API, SEQUENCE_DATES)  # a declaration it cannot honour stops the mock here
    filters.check(straddle.API, STRADDLE_DATES)
    state = MockState.build(settings, progress)
    implemented = {sequence.API: sequence.PARAMETERS, straddle.API: straddle.PARAMETERS}
    coverage.report_at_start(implemented)
    list_sequence = coverage.reporting(sequence.API, sequence.list_customers, sequence.PARAMETERS)
    list_straddle = coverage.reporting(straddle.API, straddle.list_customers, straddle.PARAMETERS)
    hot = {spec.PATHS[sequence.API]: list_sequence, spec.PATHS[straddle.API]: list_straddle}
    routes = [
        Route("/health", health, methods=["GET"]),
        Route(spec.PATHS[sequence.API], _endpoint(list_sequence), methods=["GET"]),
        Route(spec.PATHS[straddle.API], _endpoint(list_straddle), methods=["GET"]),
        Route("/_mock/faults", list_faults, methods=["GET"]),
        Route("/_mock/faults", add_fault, methods=["POST"]),
        Route("/_mock/faults", clear_faults, methods=["DELETE"]),
        Route("/_mock/requests", admin.list_requests, methods=["GET"]),
        Route("/_mock/requests", admin.clear_requests, methods=["DELETE"]),
        Route("/_mock/data", admin.put_data, methods=["PUT"]),
        Route("/_mock/reset", admin.reset, methods=["POST"]),
    ]
    app = MockApp(
        state=state,
        hot=hot,
        tolerant=bool(server_tolerance),
        routes=routes,
        middleware=[
            Middleware(faults.FaultMiddleware, state=state.faults),  # outermost: a fault can cut a varied page
            Middleware(tolerance.ToleranceMiddleware, server=server_tolerance),
        ],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    # No 307 to the path with(out) its trailing slash: Starlette builds that Location from the Host
    # header. Such a path is a 404 in its API's envelope like any other unknown path.
    app.router.redirect_slashes = False
    return app
