"""What a server says beside the data, told once on stderr: the mock's "parameter ignored" notice.

The mock validates every spec parameter, but gives some no meaning yet; a response to a request
that used one carries ``X-Mock-Ignored-Parameters: region``. A listing that filters by such a
parameter would otherwise look filtered when it is not, so the command says so, once per parameter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx

IGNORED_HEADER = "X-Mock-Ignored-Parameters"


def hush_sdk_warnings() -> None:
    """Keep ``customers_sdk``'s own warning of the same notice off stderr: the command tells it (and --quiet works).

    The SDK logs it once per parameter; with no logging configured Python would print it as well.
    """
    logging.getLogger("customers_sdk").addHandler(logging.NullHandler())


class NoticingTransport(httpx.HTTPTransport):
    """httpx's transport, reporting (once each) the parameters a response says the server ignored.

    An ``httpx.HTTPTransport`` itself, so the client layer bounds its sockets like its own default.
    """

    def __init__(self, header: str, *, quiet: bool, say: Callable[[str], None]) -> None:
        super().__init__()
        self._header = header
        self._quiet = quiet
        self._say = say
        self._told: set[str] = set()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        value = response.headers.get(self._header)
        if value and not self._quiet:
            new = [name for name in (part.strip() for part in value.split(",")) if name and name not in self._told]
            if new:
                self._told.update(new)
                names = ", ".join(new)
                self._say(
                    f"the server ignored the parameter(s) {names}: it gives them no meaning (rows not filtered by them)"
                )
        return response
