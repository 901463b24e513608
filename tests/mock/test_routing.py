"""Paths and headers at the edge: every answer in the envelope of the API the path belongs to, no redirects."""

from __future__ import annotations

import socket

import httpx
import orjson
import pytest

from customers_mock import accounts
from customers_mock.testing import MockServer


def _raw_request(server: MockServer, request_line: bytes, *headers: bytes) -> tuple[bytes, dict[bytes, bytes], bytes]:
    """Send one request as written (no client library to tidy it up); its status line, headers and body."""
    host, port = server.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        host_header = [] if any(h.lower().startswith(b"host:") for h in headers) else [b"Host: x"]
        sock.sendall(b"\r\n".join([request_line, *host_header, *headers, b"Connection: close", b"", b""]))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status, *lines = head.split(b"\r\n")
    fields = {name.lower(): value.strip() for name, _, value in (line.partition(b":") for line in lines)}
    return status, fields, body


@pytest.mark.parametrize("path", [b"/api/customers/", b"//api/customers", b"/API/CUSTOMERS", b"/Api/Customers/"])
def test_sequence_paths_answer_in_the_sequence_envelope(mock_server: MockServer, path: bytes) -> None:
    """A trailing slash, doubled slash or other case under /api/ is a 404 in Sequence's envelope, never a redirect."""
    status, headers, body = _raw_request(mock_server, b"GET " + path + b" HTTP/1.1", b"Host: evil.example")
    assert status.startswith(b"HTTP/1.1 404")
    assert b"location" not in headers
    assert headers[b"sequence-version"] == b"2024-07-30"
    assert orjson.loads(body)["error"]["type"] == "NotFound"


@pytest.mark.parametrize("path", [b"/v1/customers/", b"//v1/customers", b"/V1/CUSTOMERS"])
def test_straddle_paths_answer_in_the_straddle_envelope(mock_server: MockServer, path: bytes) -> None:
    """The same under /v1/: a 404 in Straddle's envelope, no Location built from the Host header."""
    line = b"GET " + path + b" HTTP/1.1"
    status, headers, body = _raw_request(mock_server, line, b"Host: evil.example", b"Request-Id: r-7")
    assert status.startswith(b"HTTP/1.1 404")
    assert b"location" not in headers
    assert b"sequence-version" not in headers
    assert headers[b"request-id"] == b"r-7"
    assert orjson.loads(body)["error"]["type"] == "not_found"


def test_over_long_url_is_400_in_the_sequence_envelope(mock_server: MockServer) -> None:
    """A URL past the server's parser limit (a cursor pasted by hand) is a JSON 400 in Sequence's envelope."""
    line = b"GET /api/customers?after=" + b"A" * 70_000 + b" HTTP/1.1"
    status, headers, body = _raw_request(mock_server, line)
    assert status.startswith(b"HTTP/1.1 400")
    assert headers[b"content-type"] == b"application/json"
    assert headers[b"sequence-version"] == b"2024-07-30"
    assert orjson.loads(body)["error"]["type"] == "BadRequest"


def test_over_long_url_is_400_in_the_straddle_envelope(mock_server: MockServer) -> None:
    """The same for a Straddle path: a JSON 400 in Straddle's envelope."""
    status, headers, body = _raw_request(mock_server, b"GET /v1/customers?name=" + b"A" * 70_000 + b" HTTP/1.1")
    assert status.startswith(b"HTTP/1.1 400")
    assert headers[b"content-type"] == b"application/json"
    assert orjson.loads(body)["error"]["status"] == 400


def test_account_id_header_ignores_surrounding_whitespace(mock_server: MockServer) -> None:
    """Spaces around a header value are not part of it (HTTP): the key's own id, padded, lists its customers."""
    padded = b"Straddle-Account-Id:   " + accounts.STRADDLE_ACCOUNT_ID.encode() + b"  \t"
    auth = b"Authorization: Bearer " + accounts.STRADDLE_API_KEY.encode()
    status, _, body = _raw_request(mock_server, b"GET /v1/customers?page_size=1 HTTP/1.1", auth, padded)
    assert status.startswith(b"HTTP/1.1 200"), body
    assert len(orjson.loads(body)["data"]) == 1


@pytest.mark.parametrize("value", ["not-a-uuid", accounts.STRADDLE_OTHER_ACCOUNT_ID, "6f1d8c2a 0c8e"])
def test_malformed_or_foreign_account_id_is_403(raw: httpx.Client, mock_server: MockServer, value: str) -> None:
    """As the README says: an account id the key may not act on (malformed or another account's) is 403."""
    headers = {**mock_server.straddle_headers, "Straddle-Account-Id": value}
    response = raw.get("/v1/customers", headers=headers)
    assert response.status_code == 403
    assert response.json()["error"]["items"][0]["reference"] == "Straddle-Account-Id"
