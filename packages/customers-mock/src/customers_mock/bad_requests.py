"""Requests uvicorn cannot parse, answered in the API's own error envelope (an httptools protocol).

uvicorn answers a request its parser refuses with a ``400 text/plain`` of its own. The commonest
such request here is a URL longer than 65,535 bytes (the URL parser's limit), e.g. a cursor pasted
by hand: a client of either API expects that API's JSON error envelope (and ``Sequence-Version``),
so this protocol writes the same 400 in it, chosen by the request's path. The path is what the
parser read so far, or - when it refused the request line itself (a garbage method, a raw non-ASCII
byte in the path) - the second word of that line. (A protocol class that answers requests itself
can subclass this one to keep that behaviour; ``customers_mock.limits`` refuses with it too.)
"""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from customers_mock import errors

MAX_URL_BYTES = 65_535  # httptools' URL parser keeps offsets and lengths in 16 bits


class EnvelopeHttpToolsProtocol(HttpToolsProtocol):
    """``HttpToolsProtocol`` whose unparseable-request 400 is a JSON error in the envelope of the path's API."""

    _received: bytes = b""  # the last bytes received: where a refused request line can still be read

    def data_received(self, data: bytes) -> None:
        self._received = data
        super().data_received(data)

    def request_path(self) -> str:
        """The path of the request being read, as far as it can be told (for choosing an envelope)."""
        url: bytes = getattr(self, "url", b"") or b""
        if not url:  # the parser stopped before the URL: read it from the request line
            words = self._received.split(b"\r\n", 1)[0].split(b" ")
            url = words[1] if len(words) > 2 else b""
        return url.split(b"?", 1)[0].decode("latin-1")

    def send_400_response(self, msg: str) -> None:
        url: bytes = getattr(self, "url", b"") or b""
        if len(url) > MAX_URL_BYTES:
            message = f"Invalid request: the URL is longer than {MAX_URL_BYTES:,} bytes."
        else:
            message = "Invalid HTTP request."
        self.send_error_response(400, message)

    def send_error_response(self, status: int, message: str) -> None:
        """Answer ``status`` in the envelope of the request's API, then close the connection."""
        response = errors.error_for_path(self.request_path(), status, message, {})
        content = [STATUS_LINE[status]]
        for name, value in [*self.server_state.default_headers, *response.raw_headers, (b"connection", b"close")]:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend([b"\r\n", bytes(response.body)])
        self.transport.write(b"".join(content))
        self.transport.close()
