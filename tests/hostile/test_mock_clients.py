"""Findings 6-11, and the barrage the mock already passed: the mock (a real process) against bad clients.

Raw sockets, each with its own timeout: no test here can hang. Before the fixes: idle and half-sent
connections stayed open, any header size was parsed, deep JSON on /_mock/faults was a 500, a drop
fault with a pipelined request logged an ASGI error and an unretrieved task exception, a garbage
method got Straddle's envelope on a Sequence path, and two Authorization headers were accepted.
"""

from __future__ import annotations

import contextlib
import json
import socket
import time

import httpx
import pytest

from customers_mock import accounts
from tests.hostile.conftest import HEADER_TIMEOUT, KEEP_ALIVE_TIMEOUT, LimitedMock

STRADDLE_AUTH = f"Authorization: Bearer {accounts.STRADDLE_API_KEY}\r\n".encode()


def _connect(mock: LimitedMock, timeout: float = 10.0) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", mock.port), timeout=timeout)
    sock.settimeout(timeout)
    return sock


def _read_all(sock: socket.socket) -> bytes:
    """Everything until the server closes the connection (the socket's timeout bounds each read)."""
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except ConnectionResetError:
        pass
    return data


def _exchange(mock: LimitedMock, data: bytes) -> bytes:
    with _connect(mock) as sock:
        sock.sendall(data)
        return _read_all(sock)


def _status_and_json(raw: bytes) -> tuple[int, dict[str, object]]:
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), json.loads(body)


def _is_sequence_envelope(body: dict[str, object]) -> bool:
    return set(body) == {"error"} and isinstance(body["error"], dict) and "message" in body["error"]


def _is_straddle_envelope(body: dict[str, object]) -> bool:
    return body.get("response_type") == "error" and "meta" in body


def _valid_answer(mock: LimitedMock) -> int:
    return httpx.get(f"{mock.base_url}/v1/customers", headers={"Authorization": f"Bearer {accounts.STRADDLE_API_KEY}"},
                     timeout=10).status_code  # fmt: skip


# 6. Idle, half-sent and slow connections


def test_idle_and_half_sent_connections_are_closed(limited_mock: LimitedMock) -> None:
    """50 silent connections are closed without an answer, 50 half-sent heads get a 408; a valid client is served."""
    silent = [_connect(limited_mock) for _ in range(50)]
    half = [_connect(limited_mock) for _ in range(50)]
    for sock in half:
        sock.sendall(b"GET /v1/customers HTTP/1.1\r\nHost: x\r\n")
    assert _valid_answer(limited_mock) == 200
    started = time.monotonic()
    assert all(_read_all(sock) == b"" for sock in silent)
    answers = [_read_all(sock) for sock in half]
    assert all(answer.startswith(b"HTTP/1.1 408 ") for answer in answers)
    assert _is_straddle_envelope(_status_and_json(answers[0])[1])
    assert time.monotonic() - started < HEADER_TIMEOUT + 5  # the sweep looks once a second
    for sock in silent + half:
        sock.close()


def test_a_slowloris_head_is_cut_off(limited_mock: LimitedMock) -> None:
    """A head dripped a byte every 0.1 s (each byte in time) has HEADER_TIMEOUT in all: 408, Sequence's envelope."""
    head = b"GET /api/customers HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: " + b"a" * 200
    with _connect(limited_mock) as sock:
        sent = 0
        try:
            for byte in head:
                sock.sendall(bytes([byte]))
                sent += 1
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = _read_all(sock)
    assert sent < len(head)  # cut off well before the head was done (it needs 24 s)
    status, body = _status_and_json(answer)
    assert status == 408
    assert _is_sequence_envelope(body)


def test_an_idle_keep_alive_connection_is_closed(limited_mock: LimitedMock) -> None:
    """After a response, a connection that sends nothing more is closed after the keep-alive timeout."""
    with _connect(limited_mock) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        first = sock.recv(65536)
        while not first.endswith(b'{"status":"ok"}'):
            first += sock.recv(65536)
        started = time.monotonic()
        rest = _read_all(sock)
    assert first.startswith(b"HTTP/1.1 200 ")
    assert rest == b""
    assert time.monotonic() - started < KEEP_ALIVE_TIMEOUT + 5


# 7. Header size


@pytest.mark.parametrize(("path", "sequence"), [("/api/customers", True), ("/v1/customers", False)])
def test_oversized_headers_are_431_in_the_paths_envelope(limited_mock: LimitedMock, path: str, sequence: bool) -> None:
    """Headers past --max-header-size (64 KiB here; 2 MiB sent): 431 in the envelope of the path's API."""
    with _connect(limited_mock) as sock:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the server stopped reading: answered
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nX-Big: ".encode() + b"a" * (2 * 1024 * 1024))
        answer = _read_all(sock)
    status, body = _status_and_json(answer)
    assert status == 431
    assert (_is_sequence_envelope if sequence else _is_straddle_envelope)(body)
    assert _valid_answer(limited_mock) == 200


# 8. Admin bodies


@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"fault": ' * 50_000, b"\xff\xfe not json", b'{"fault": "drop"'])
def test_unparseable_admin_bodies_are_400(limited_mock: LimitedMock, body: bytes) -> None:
    """Deeply nested, not UTF-8 or cut JSON on POST /_mock/faults: 400 in the admin format, nothing in the log."""
    response = httpx.post(f"{limited_mock.base_url}/_mock/faults", content=body, timeout=10)
    assert response.status_code == 400
    assert set(response.json()) == {"error"}
    assert "RecursionError" not in limited_mock.log()
    assert "Traceback" not in limited_mock.log()


# 9. A drop fault with a request pipelined behind it


def test_a_drop_with_a_pipelined_request_leaves_no_error_in_the_log(limited_mock: LimitedMock) -> None:
    """The connection is closed without an answer to either request; the server logs no ASGI error or task exception."""
    dropped = b"GET /v1/customers HTTP/1.1\r\nHost: x\r\n" + STRADDLE_AUTH + b"X-Mock-Fault: drop\r\n\r\n"
    behind = b"GET /v1/customers HTTP/1.1\r\nHost: x\r\n" + STRADDLE_AUTH + b"\r\n"
    assert _exchange(limited_mock, dropped + behind) == b""
    time.sleep(1.0)  # uvicorn logged its error some 0.1 s after the drop, the task exception when the task went
    assert _valid_answer(limited_mock) == 200
    log = limited_mock.log()
    assert "ASGI callable returned without starting response" not in log
    assert "Task exception was never retrieved" not in log


# 10. Request lines the parser refuses


@pytest.mark.parametrize(
    "request_line",
    [b"FOO\x01 {path} HTTP/1.1", "GET {path}/\u00e9 HTTP/1.1".encode(), b"G\xc3\xa9T {path} HTTP/1.1"],
    ids=["garbage-method", "non-ascii-path", "non-ascii-method"],
)
@pytest.mark.parametrize(("path", "sequence"), [("/api/customers", True), ("/v1/customers", False)])
def test_an_unparseable_request_line_gets_the_paths_envelope(
    limited_mock: LimitedMock, request_line: bytes, path: str, sequence: bool
) -> None:
    """A garbage method or raw non-ASCII bytes: 400 in the envelope of the API whose path the line names."""
    line = request_line.replace(b"{path}", path.encode())
    status, body = _status_and_json(_exchange(limited_mock, line + b"\r\nHost: x\r\n\r\n"))
    assert status == 400
    assert (_is_sequence_envelope if sequence else _is_straddle_envelope)(body)


# 11. Two Authorization headers


@pytest.mark.parametrize(("path", "sequence"), [("/api/customers", True), ("/v1/customers", False)])
def test_two_authorization_headers_are_refused(limited_mock: LimitedMock, path: str, sequence: bool) -> None:
    """A valid credential followed by another: 400 in the API's envelope (before: the first one won, 200)."""
    valid = (
        httpx.BasicAuth(accounts.SEQUENCE_CLIENT_ID, accounts.SEQUENCE_CLIENT_SECRET)._auth_header
        if sequence
        else f"Bearer {accounts.STRADDLE_API_KEY}"
    )
    headers = [("Authorization", valid), ("Authorization", "Bearer other")]
    response = httpx.get(f"{limited_mock.base_url}{path}", headers=headers, timeout=10)
    assert response.status_code == 400
    assert (_is_sequence_envelope if sequence else _is_straddle_envelope)(response.json())
    assert "more than one Authorization header" in response.text


# The barrage the mock already passed: keep it passed.

POST = b"POST /_mock/faults HTTP/1.1\r\nHost: x\r\n"
SMUGGLING = {
    "content-length-and-chunked": POST + b"Content-Length: 4\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /v1/customers HTTP/1.1\r\nHost: x\r\n\r\n",
    "two-content-lengths": POST + b"Content-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
    "obfuscated-transfer-encoding": POST + b"Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
    "chunked-not-last": POST + b"Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
    "negative-content-length": POST + b"Content-Length: -1\r\n\r\n",
    "chunk-size-overflow": POST + b"Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n",
    "space-before-colon": b"GET /v1/customers HTTP/1.1\r\nHost: x\r\nAuthorization : Bearer sk_test_demo\r\n\r\n",
    "obsolete-line-folding": b"GET /v1/customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n sk_test_demo\r\n\r\n",
    "nul-in-a-header": b"GET /v1/customers HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n",
    "bare-lf-line-ends": b"GET /v1/customers HTTP/1.1\nHost: x\n\n",
    "unknown-http-version": b"GET /v1/customers HTTP/9.9\r\nHost: x\r\n\r\n",
}


@pytest.mark.parametrize("data", SMUGGLING.values(), ids=SMUGGLING.keys())
def test_ambiguous_framing_and_malformed_headers_are_one_400(limited_mock: LimitedMock, data: bytes) -> None:
    """Smuggling shapes and malformed headers: exactly one answer, a 400 envelope, then the connection closes."""
    logged = len(limited_mock.log())
    answer = _exchange(limited_mock, data)
    assert answer.count(b"HTTP/1.1 ") == 1  # nothing smuggled behind it was answered
    status, body = _status_and_json(answer)
    assert status == 400
    assert _is_straddle_envelope(body) or _is_sequence_envelope(body)
    time.sleep(0.2)  # what the server logs about it (a body it stopped reading: ClientDisconnect in the app)
    assert "Traceback" not in limited_mock.log()[logged:]
