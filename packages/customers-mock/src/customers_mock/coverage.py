"""Spec parameters the mock gives no meaning: never ignored silently.

Each handler module lists the spec parameters it implements, with the type it reads each as
(``PARAMETERS``). A parameter the spec
declares but the handler does not implement (the spec gained it; the mock has not caught up) is still
parsed and validated like any other, then has no effect. The mock says so instead of answering as if
it had applied it: one warning line per such parameter when the app is built, and an
``X-Mock-Ignored-Parameters`` header on every response to a request that uses one. A parameter the
handler implements but the spec no longer declares, or declares with another type, gets a warning line
too, and reads as absent.
tests/mock/test_spec_coverage.py fails until the two agree, naming the handler module to change;
tests/contract/test_clients.py asks for the contract case.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from starlette.requests import Request
from starlette.responses import Response

from customers_mock import journal, spec

log = logging.getLogger("customers_mock")

HEADER = "X-Mock-Ignored-Parameters"
# A list endpoint's synchronous answer (``customers_mock.app.Answer``).
Answer = Callable[[Request], Response]


def ignored(api: str, implemented: Mapping[str, str]) -> list[str]:
    """The spec's parameters (in spec order) that the handler does not implement, or reads as another type."""
    return [name for name, param in spec.operation(api).parameters.items() if implemented.get(name) != param.kind]


def stale(api: str, implemented: Mapping[str, str]) -> list[str]:
    """Parameters the handler implements that the spec no longer declares."""
    declared = spec.operation(api).parameters
    return sorted(name for name in implemented if name not in declared)


def warnings(api: str, implemented: Mapping[str, str]) -> list[str]:
    """One line per parameter the mock and the spec disagree on."""
    parameters = spec.operation(api).parameters
    lines = []
    for name in ignored(api, implemented):
        param = parameters[name]
        what = (
            "in the spec"
            if name not in implemented
            else f"of type {param.kind} in the spec (the mock reads {implemented[name]})"
        )
        lines.append(
            f"customers_mock WARNING: {api} parameter {name!r} ({param.location}) is {what} but has no meaning in this"
            f" mock: validated, then ignored (responses that use it carry {HEADER})"
        )
    lines += [
        f"customers_mock WARNING: {api} parameter {name!r} is implemented by the mock but no longer in the spec:"
        " it reads as absent"
        for name in stale(api, implemented)
    ]
    return lines


def reporting(api: str, handler: Answer, implemented: Mapping[str, str]) -> Answer:
    """``handler``, adding ``X-Mock-Ignored-Parameters`` to responses of requests that use an ignored parameter.

    When the handler implements every parameter (the usual case), ``handler`` itself: nothing is added
    to the hot path.
    """
    parameters = spec.operation(api).parameters
    names = [(name, parameters[name].location) for name in ignored(api, implemented)]
    if not names:
        return handler

    def reported(request: Request) -> Response:
        response = handler(request)
        used = [
            name
            for name, location in names
            if (name in request.query_params if location == "query" else name in request.headers)
        ]
        if used:
            response.headers[HEADER] = request.scope[journal.IGNORED] = ", ".join(used)
        return response

    return reported


def report_at_start(implemented: Mapping[str, Mapping[str, str]]) -> None:
    """Log the warning lines of every API (``{api: the parameters its handler implements, with their types}``).

    From now on, a parameter the spec no longer declares, or declares with another type, reads as absent
    (None) in its handler: no effect rather than a misread value.
    """
    for api, names in implemented.items():
        retyped = [name for name in ignored(api, names) if name in names]  # the handler would misread them
        spec.operation(api).read_as_absent([*stale(api, names), *retyped])
        for line in warnings(api, names):
            log.warning(line)
