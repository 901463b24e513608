"""Spec parameters the mock gives no meaning: never ignored silently.

Each handler module lists the spec parameters it implements (``PARAMETERS``). A parameter the spec
declares but the handler does not implement (the spec gained it; the mock has not caught up) is still
parsed and validated like any other, then has no effect. The mock says so instead of answering as if
it had applied it: one warning line per such parameter when the app is built, and an
``X-Mock-Ignored-Parameters`` header on every response to a request that uses one.
tests/mock/test_spec_coverage.py fails until each has semantics in its handler module and a contract
case in tests/contract/test_clients.py.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection, Mapping

from starlette.requests import Request
from starlette.responses import Response

from customers_mock import spec

log = logging.getLogger("customers_mock")

HEADER = "X-Mock-Ignored-Parameters"
Handler = Callable[[Request], Awaitable[Response]]


def ignored(api: str, implemented: Collection[str]) -> list[str]:
    """The spec's parameters (in spec order) that the handler does not implement."""
    return [name for name in spec.operation(api).parameters if name not in implemented]


def stale(api: str, implemented: Collection[str]) -> list[str]:
    """Parameters the handler implements that the spec no longer declares."""
    declared = spec.operation(api).parameters
    return sorted(name for name in implemented if name not in declared)


def warnings(api: str, implemented: Collection[str]) -> list[str]:
    """One line per parameter the mock and the spec disagree on."""
    parameters = spec.operation(api).parameters
    lines = [
        f"customers_mock WARNING: {api} parameter {name!r} ({parameters[name].location}) is in the spec but has"
        f" no meaning in this mock: validated, then ignored (responses that use it carry {HEADER})"
        for name in ignored(api, implemented)
    ]
    lines += [
        f"customers_mock WARNING: {api} parameter {name!r} is implemented by the mock but no longer in the spec:"
        " it reads as absent"
        for name in stale(api, implemented)
    ]
    return lines


def reporting(api: str, handler: Handler, implemented: Collection[str]) -> Handler:
    """``handler``, adding ``X-Mock-Ignored-Parameters`` to responses of requests that use an ignored parameter.

    When the handler implements every parameter (the usual case), ``handler`` itself: nothing is added
    to the hot path.
    """
    parameters = spec.operation(api).parameters
    names = [(name, parameters[name].location) for name in ignored(api, implemented)]
    if not names:
        return handler

    async def reported(request: Request) -> Response:
        response = await handler(request)
        used = [
            name
            for name, location in names
            if (name in request.query_params if location == "query" else name in request.headers)
        ]
        if used:
            response.headers[HEADER] = ", ".join(used)
        return response

    return reported


def report_at_start(implemented: Mapping[str, Collection[str]]) -> None:
    """Log the warning lines of every API (``{api: the parameters its handler implements}``).

    A parameter the spec no longer declares reads as absent (None) in its handler from now on.
    """
    for api, names in implemented.items():
        spec.operation(api).read_as_absent(stale(api, names))
        for line in warnings(api, names):
            log.warning(line)
