"""Whole pages remembered per request: a repeated request is answered without selecting or encoding again.

A list endpoint's page is a pure function of the request's query string, its headers and the data: the
same request against the same data gets the same bytes, except Straddle's ``meta`` request id and
timestamp, which are fresh every time (``render.EncodedJSONResponse.again``). So the answer to a plain
``GET`` (the hot path: no fault, no tolerance) is kept per (query string, every request header) in a
bounded LRU, and served again while no collection has changed (``store.data_generation``: a customer
added, a collection made or put in place for an account, as new data and a reset do). The key holds
every header, not a list of those the handler reads, so no header can change an answer without
changing the key; a client that sends a header unique to each request (a request id) simply never
hits. Only pages are kept (``render.EncodedJSONResponse``): errors are rare, and some carry fresh ids.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

from customers_mock import render, store

Answer = Callable[[Request], Response]
Key = tuple[bytes, tuple[tuple[bytes, bytes], ...]]

PAGES_CACHED = 512  # per endpoint
PAGE_BYTES_CACHED = 8 * 1024 * 1024  # per endpoint, bodies' total size (their items share render's cache)
KEY_BYTES_CACHED = 4096  # a request whose query and headers are longer is answered without the cache


class RememberedAnswers:
    """``answer``, remembering each page it gives per request until the data changes (see the module)."""

    def __init__(self, answer: Answer) -> None:
        self.compute = answer  # the handler itself
        self._pages: OrderedDict[Key, tuple[int, render.EncodedJSONResponse]] = OrderedDict()
        self._bytes = 0
        self._generation = -1  # the data generation every kept page was made from
        self.hits = 0  # pages served again (for tests and benchmarks)

    def __call__(self, request: Request) -> Response:
        scope = request.scope
        key: Key = (scope["query_string"], tuple(scope["headers"]))
        generation = store.data_generation()
        if generation != self._generation:
            self.clear()
            self._generation = generation
        kept = self._pages.get(key)
        if kept is not None:
            self._pages.move_to_end(key)
            self.hits += 1
            return kept[1].again()
        response = self.compute(request)  # may raise store.NotReady: nothing kept
        if isinstance(response, render.EncodedJSONResponse) and store.data_generation() == generation:
            self._keep(key, response)
        return response

    def _keep(self, key: Key, response: render.EncodedJSONResponse) -> None:
        query, headers = key
        if len(query) + sum(len(name) + len(value) for name, value in headers) > KEY_BYTES_CACHED:
            return
        size = response.size
        if size > PAGE_BYTES_CACHED // 4:
            return
        self._pages[key] = (size, response)
        self._bytes += size
        while self._bytes > PAGE_BYTES_CACHED or len(self._pages) > PAGES_CACHED:
            self._bytes -= self._pages.popitem(last=False)[1][0]

    def clear(self) -> None:
        """Forget every kept page."""
        self._pages.clear()
        self._bytes = 0
