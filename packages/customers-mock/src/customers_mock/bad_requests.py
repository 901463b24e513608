"""Requests uvicorn cannot parse, answered in the API's own error envelope (an httptools protocol).

uvicorn answers a request its parser refuses with a ``400 text/plain`` of its own. The commonest
such request here is a URL longer than 65,535 bytes (the URL parser's limit), e.g. a cursor pasted
by hand: a client of either API expects that API's JSON error envelope (and ``Sequence-Version``),
so this protocol writes the same 400 in it, chosen by the path it read so far. (A protocol class
that answers requests itself can subclass this one to keep that behaviour.)
"""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from customers_mock import errors

MAX_URL_BYTES = 65_535  # httptools' URL parser keeps offsets and lengths in 16 bits


class EnvelopeHttpToolsProtocol(HttpToolsProtocol):
    """``HttpToolsProtocol`` whose unparseable-request 400 is a JSON error in the envelope of the path's API."""

    def send_400_response(self, msg: str) -> None:
        url: bytes = getattr(self, "url", b"") or b""
        path = url.split(b"?", 1)[0].decode("latin-1")
        if len(url) > MAX_URL_BYTES:
            message = f"Invalid request: the URL is longer than {MAX_URL_BYTES:,} bytes."
        else:
            message = "Invalid HTTP request."
        response = errors.error_for_path(path, 400, message, {})
        content = [STATUS_LINE[400]]
        for name, value in [*self.server_state.default_headers, *response.raw_headers, (b"connection", b"close")]:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend([b"\r\n", bytes(response.body)])
        self.transport.write(b"".join(content))
        self.transport.close()
