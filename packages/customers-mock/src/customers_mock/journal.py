"""The request journal: what the mock answered, for tests to assert on (``GET /_mock/requests``).

Every request the mock answers (the vendors' paths, and 404s and 405s on any other path) is
recorded once answered: on the inline hot path (``customers_mock.protocol``) and on the
ASGI path alike. Recording must cost next to nothing there (``make bench``'s load section measures
it), so an entry is a tuple of what the server already holds - the scope's values (its header list
included, not copied) and the status - appended to a ``deque`` whose ``maxlen`` is the journal size
(the oldest entries drop out). Not the scope itself: keeping 1,000 scope dicts alive measured about
three times the cost (the garbage collector keeps walking them), ~0.6 us a request instead of ~0.2.
The JSON view, with every credential redacted, is built only when someone reads the journal.

Not recorded: ``/health``, the ``/_mock/...`` admin routes (the operator's, not the application's),
requests answered while the data still loads, and requests the HTTP parser refuses before any
route sees them.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl

from customers_mock import errors

DEFAULT_SIZE = 1000
MAX_SIZE = 1_000_000
# Scope keys the fault middleware and the handlers set, read back when a request is recorded.
FAULT = "customers_mock.fault"
IGNORED = "customers_mock.ignored"
REDACTED = "[redacted]"
# Header names whose value is a credential, and words that make any header name one.
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_SECRET_WORDS = ("auth", "token", "secret", "password", "api-key", "apikey", "session", "signature")
FILTERS = ("api", "method", "path", "status")

# (unix time, method, path, query string, the scope's header list, status or None, fault text, ignored names)
Entry = tuple[float, str, str, bytes, Sequence[tuple[bytes, bytes]], "int | None", "str | None", "str | None"]


class Journal:
    """A bounded ring of answered requests (``size`` 0: nothing is kept)."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self.entries: deque[Entry] = deque(maxlen=size)
        self.recorded = 0  # since start or the last clear, including entries that dropped out

    def record(self, scope: Mapping[str, Any], status: int | None) -> None:
        """Record one answered request (``status`` None: the connection was dropped without an answer)."""
        if self.size:
            self.recorded += 1
            self.entries.append(
                (
                    time.time(),
                    scope["method"],
                    scope["path"],
                    scope["query_string"],
                    scope["headers"],
                    status,
                    scope.get(FAULT),
                    scope.get(IGNORED),
                )
            )

    def clear(self) -> None:
        self.entries.clear()
        self.recorded = 0

    def view(
        self, api: str | None = None, method: str | None = None, path: str | None = None, status: int | None = None
    ) -> dict[str, Any]:
        """The JSON document of ``GET /_mock/requests``: matching entries, oldest first."""
        shown = [
            _entry_json(entry)
            for entry in list(self.entries)
            if (api is None or errors.api_of(entry[2]) == api)
            and (method is None or entry[1] == method)
            and (path is None or entry[2] == path)
            and (status is None or entry[5] == status)
        ]
        return {"requests": shown, "recorded": self.recorded, "size": self.size}


def is_secret(name: str) -> bool:
    """Whether a header of this (lower-case) name carries a credential."""
    return name in _SECRET_HEADERS or any(word in name for word in _SECRET_WORDS)


def redact(headers: Iterable[tuple[bytes, bytes]]) -> list[list[str]]:
    """Headers as ``[name, value]`` pairs (names lower-case), credentials replaced.

    An ``Authorization`` value keeps its scheme (``Basic [redacted]``): which kind of credential was
    sent is worth asserting on, the credential itself never appears.
    """
    shown = []
    for raw_name, raw_value in headers:
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        if is_secret(name):
            scheme, _, rest = value.strip().partition(" ")
            value = f"{scheme} {REDACTED}" if rest and scheme.isalpha() and len(scheme) <= 20 else REDACTED
        shown.append([name, value])
    return shown


def _entry_json(entry: Entry) -> dict[str, Any]:
    at, method, path, query, headers, status, fault, ignored = entry
    query_text = query.decode("latin-1")
    params: dict[str, list[str]] = {}
    for name, value in parse_qsl(query_text, keep_blank_values=True):
        params.setdefault(name, []).append(value)
    return {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(at)) + f".{int(at * 1000) % 1000:03d}Z",
        "api": errors.api_of(path),
        "method": method,
        "path": path,
        "query": query_text,
        "params": params,
        "headers": redact(headers),
        "status": status,
        "fault": fault,
        "ignored_parameters": ignored.split(", ") if ignored else [],
    }
