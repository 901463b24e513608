"""uvicorn's httptools protocol, answering the mock's hot requests where they are parsed.

For every request uvicorn builds an ASGI cycle: a task, an ``asyncio.Event``, a request/response
object, two ``send`` messages and two socket writes (head, then body). For a mock whose page is
already cached JSON that machinery costs about as much CPU as the handler's own work (``make bench``,
server settings: uvicorn + Starlette answering constant bytes uses about twice the CPU per request
of this protocol). So a plain ``GET`` of a list endpoint that asks for no fault or tolerance
(``MockApp.hot_answer``) is answered right here, synchronously: the handler runs, and status line,
headers and the body's pieces go out in one ``writev``, without being joined first.

Everything else takes uvicorn's own path, unchanged: other paths and methods, faults (the ``drop``
fault needs the ASGI cycle's transport), tolerance, HTTP/1.0 or ``Connection: close``, a request with
a body, a request pipelined behind one still being served, a handler that must wait for an index to
be built (``store.NotReady``) or that fails, and every request while the data loads. The bytes of a
response are the same either way; the tests compare them.

A request repeated byte for byte on one connection (a poller, a load generator, a test asking for the
same page twice) is not parsed again: parsing identical bytes from the same parser state gives the same
request, so its parsed scope is kept per connection and copied. Only a request that arrived alone - its
bytes one whole read of at most 4 KiB, begun between requests - is kept, and only while nothing else
arrives; the app is asked again each time (``hot_answer``: a fault or tolerance set since is seen) and
the answer is fresh (``customers_mock.answers``: a new Straddle request id, the data as it is now). Any
other bytes forget it.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol, cast

import httptools
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope
from uvicorn.protocols.http.httptools_impl import HEADER_VALUE_RE, STATUS_LINE
from uvicorn.protocols.utils import get_client_addr, get_path_with_query_string

from customers_mock import answers
from customers_mock.app import Answer
from customers_mock.bad_requests import EnvelopeHttpToolsProtocol
from customers_mock.render import EncodedJSONResponse

_BODY_HEADERS = frozenset((b"content-length", b"transfer-encoding", b"expect"))
# A repeated request longer than this is parsed again, so what a connection keeps stays small; the bound of the
# page cache's keys: a request too long to have its page remembered is not worth remembering parsed either.
REPEATABLE_BYTES = answers.KEY_BYTES_CACHED


class HotAnswers(Protocol):
    """An ASGI app that can name a synchronous answer for a request (``MockApp``, ``LoadingApp`` once ready).

    ``hot_answer`` also sets ``scope["app"]`` to the app the answer reads (``request.app``).
    """

    def hot_answer(self, scope: Scope) -> Answer | None: ...


class UnsendableResponseError(ValueError):
    """A response this protocol does not write itself (uvicorn's path then handles it as it always does)."""


class InlineHttpProtocol(EnvelopeHttpToolsProtocol):
    """uvicorn's httptools protocol (with the mock's envelope 400s) answering ``hot_answer`` requests inline."""

    app_answers: ClassVar[HotAnswers]  # set by ``protocol_for``
    _inline: Answer | None = None
    # The request answered again without parsing (the module's last paragraph): its bytes and parsed scope.
    _repeatable: tuple[bytes, dict[str, Any]] | None = None
    _between = True  # the parser is between requests: nothing of the next one read yet
    _begun = 0  # requests begun in the bytes being parsed
    _parsed: dict[str, Any] | None = None  # the scope of the request being parsed, if it is answered inline

    def data_received(self, data: bytes) -> None:
        repeatable = self._repeatable
        if repeatable is not None and data == repeatable[0] and self._idle() and self._answer_again(repeatable[1]):
            return
        self._repeatable = None
        between, self._begun = self._between, 0
        super().data_received(data)
        if (
            between
            and self._begun == 1
            and self._between
            and self._parsed is not None
            and len(data) <= REPEATABLE_BYTES
        ):
            self._repeatable = (data, self._parsed)  # one whole request, answered inline, parser between requests

    def _answer_again(self, parsed: dict[str, Any]) -> bool:
        """Answer a repeated request from its parsed scope, as on_headers_complete would; False if the app declines."""
        scope = parsed.copy()
        scope["state"] = self.app_state.copy()  # new for each request, as uvicorn's on_message_begin makes it
        answer = self.app_answers.hot_answer(scope)
        if answer is None:  # e.g. a fault was set since: the parser reads the bytes as usual
            return False
        self._unset_keepalive_if_required()  # as uvicorn's data_received does first
        self.scope = scope  # type: ignore[assignment]  # uvicorn's TypedDict
        self._inline = answer
        self.on_message_complete()
        return True

    def on_message_begin(self) -> None:
        self._between, self._parsed = False, None
        self._begun += 1
        super().on_message_begin()

    def on_headers_complete(self) -> None:
        self._inline = None
        if self._plain_get():
            parsed = httptools.parse_url(self.url)
            raw_path: bytes = parsed.path
            if b"%" not in raw_path:  # quoted paths: let uvicorn unquote them
                scope = cast(dict[str, Any], self.scope)  # uvicorn's TypedDict, filled as uvicorn fills it
                scope["method"] = "GET"
                scope["path"] = self.root_path + raw_path.decode("ascii")
                scope["raw_path"] = self.root_path.encode("ascii") + raw_path
                scope["query_string"] = parsed.query or b""
                parsed_scope = scope.copy()  # before the app adds to it
                self._inline = self.app_answers.hot_answer(scope)
                if self._inline is not None:
                    self._parsed = parsed_scope
                    return
        super().on_headers_complete()

    def _plain_get(self) -> bool:
        """A keep-alive HTTP/1.1 GET without a body, nothing in flight before it, no reason to go slow."""
        parser = self.parser
        if (
            parser.get_method() != b"GET"
            or parser.get_http_version() != "1.1"
            or not parser.should_keep_alive()
            or parser.should_upgrade()
            or not self._idle()
            or self.limit_concurrency is not None
        ):
            return False
        return not any(name in _BODY_HEADERS for name, _ in self.headers)

    def _idle(self) -> bool:
        """Nothing in flight on this connection: no request queued or being answered, no write backed up."""
        return not self.pipeline and (self.cycle is None or self.cycle.response_complete) and not self.flow.write_paused

    def on_body(self, body: bytes) -> None:
        if self._inline is None:  # an inline request has no body (see _plain_get)
            super().on_body(body)

    def on_message_complete(self) -> None:
        self._between = True
        answer = self._inline
        if answer is None:
            super().on_message_complete()
            return
        self._inline = None
        try:
            response = answer(Request(cast(dict[str, Any], self.scope)))
            head = self._head(response)
        except Exception:  # NotReady, a failing handler or an unsendable header: uvicorn's path
            self._parsed = None  # not kept: the next such request is parsed and tried inline again
            self._fall_back()
            return
        if self.access_log:  # as uvicorn's cycle logs it
            client, target = get_client_addr(self.scope), get_path_with_query_string(self.scope)
            self.access_logger.info('%s - "GET %s HTTP/1.1" %d', client, target, response.status_code)
        parts = getattr(response, "parts", None)  # render.EncodedJSONResponse: the page in pieces, not joined
        self.transport.writelines((head, *parts) if parts is not None else (head, response.body))
        self.scope["app"].journal.record(self.scope, response.status_code)  # type: ignore[typeddict-item]
        self.on_response_complete()

    def _fall_back(self) -> None:
        """Serve the request through uvicorn's ASGI cycle after all (it runs the handler again)."""
        super().on_headers_complete()  # sees self._inline unset: uvicorn's own cycle and task
        super().on_message_complete()

    def _head(self, response: Response) -> bytes:
        """Status line and headers as uvicorn writes them: its default headers (date, server), then the response's.

        A page (``render.EncodedJSONResponse``) keeps its own header lines encoded: served again, it is not encoded
        again.
        """
        own: bytes | None = getattr(response, "head", None)
        if own is None:
            own = _encoded_headers(response)
            if isinstance(response, EncodedJSONResponse):
                response.head = own
        return b"%s%s%s" % (STATUS_LINE[response.status_code], self._default_head(), own)

    def _default_head(self) -> bytes:
        """uvicorn's default header lines, encoded once per list (uvicorn replaces the list when the date changes)."""
        defaults = self.server_state.default_headers
        cached = _DEFAULT_HEAD[0]
        if cached[0] is not defaults:
            lines: list[bytes] = []
            for name, value in defaults:
                if HEADER_VALUE_RE.search(value):
                    raise UnsendableResponseError("invalid header value")
                lines += (name, b": ", value, b"\r\n")
            cached = _DEFAULT_HEAD[0] = (defaults, b"".join(lines))  # keeps the list alive: `is` stays exact
        return cached[1]


def _encoded_headers(response: Response) -> bytes:
    """A response's header lines and the blank line after them, or UnsendableResponseError."""
    if response.background is not None or not (hasattr(response, "parts") or isinstance(response.body, bytes)):
        raise UnsendableResponseError("not a complete, plain response")
    parts: list[bytes] = []
    for name, value in response.raw_headers:
        # Names are the mock's own; values may echo a request's header, and uvicorn refuses control characters.
        if HEADER_VALUE_RE.search(value):
            raise UnsendableResponseError("invalid header value")
        parts += (name, b": ", value, b"\r\n")
    parts.append(b"\r\n")
    return b"".join(parts)


# The last default-headers list ``_head`` encoded, and its bytes (shared: one server state per process).
_DEFAULT_HEAD: list[tuple[object, bytes]] = [(object(), b"")]


def protocol_for(app: HotAnswers) -> type[InlineHttpProtocol]:
    """The protocol class to give ``uvicorn.run(http=...)`` for ``app``."""
    return type("InlineHttpProtocol", (InlineHttpProtocol,), {"app_answers": app})
