"""The inline HTTP protocol: plain list GETs answered without an ASGI cycle, byte for byte as the cycle answers.

Each test runs the app in this process under uvicorn with ``customers_mock.protocol`` (what ``python -m
customers_mock`` runs) and talks raw HTTP/1.1 over a socket, so status lines, header order, pipelining and
connection handling are seen exactly as a client sees them. ``X-Mock-Fault: latency=0`` sends a request through
the full ASGI stack without changing its answer: it is the reference.
"""

from __future__ import annotations

import base64
import re
import socket
import time
from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from customers_mock import faults
from customers_mock.app import MockApp, create_app
from customers_mock.loading import LoadingApp
from customers_mock.protocol import InlineHttpProtocol, protocol_for
from customers_mock.settings import MockSettings
from tests.support.servers import serve_in_thread

BASIC = base64.b64encode(b"seq_demo_client:seq_demo_secret").decode()
FULL_STACK = "X-Mock-Fault: latency=0\r\n"
RESPONSE_HEAD = re.compile(rb"HTTP/1\.[01] (\d{3}) [^\r]*\r\n(.*?)\r\n\r\n", re.DOTALL)


class _Counting:
    """A protocol class for ``app`` that counts the requests uvicorn hands to an ASGI task."""

    def __init__(self, app: MockApp | LoadingApp) -> None:
        self.asgi_tasks = 0
        counter = self

        class Counted(protocol_for(app)):  # type: ignore[misc]
            def _start_asgi_task(self, *args: Any) -> None:
                counter.asgi_tasks += 1
                super()._start_asgi_task(*args)

        self.protocol: type[InlineHttpProtocol] = Counted


@pytest.fixture
def served() -> Iterator[tuple[int, _Counting, MockApp]]:
    """A fresh mock (100 customers) under uvicorn with the inline protocol: (port, task counter, app)."""
    app = create_app(MockSettings(customers=100, seed=3))
    counting = _Counting(app)
    with serve_in_thread(app, http=counting.protocol, timeout_keep_alive=1) as url:
        yield int(url.rsplit(":", 1)[1]), counting, app


def _request(path: str, *, extra: str = "", version: str = "1.1") -> bytes:
    auth = f"Basic {BASIC}" if path.startswith("/api/") else "Bearer sk_test_demo"
    return f"GET {path} HTTP/{version}\r\nHost: test\r\nAuthorization: {auth}\r\n{extra}\r\n".encode()


def _read_responses(sock: socket.socket, count: int) -> list[tuple[int, list[bytes], bytes]]:
    """``count`` responses from ``sock``: (status, header lines in order, body); content-length framed."""
    buffer, answers = b"", list[tuple[int, list[bytes], bytes]]()
    deadline = time.monotonic() + 10
    while len(answers) < count:
        match = RESPONSE_HEAD.match(buffer)
        if match is not None:
            lines = match[2].split(b"\r\n")
            length = next(int(line.split(b":")[1]) for line in lines if line.lower().startswith(b"content-length:"))
            if len(buffer) >= match.end() + length:
                answers.append((int(match[1]), lines, buffer[match.end() : match.end() + length]))
                buffer = buffer[match.end() + length :]
                continue
        assert time.monotonic() < deadline, f"no complete response in {buffer[:300]!r}"
        chunk = sock.recv(65536)
        assert chunk, f"connection closed with {len(answers)} of {count} responses"
        buffer += chunk
    return answers


def _exchange(port: int, *requests: bytes) -> list[tuple[int, list[bytes], bytes]]:
    """Send ``requests`` in one write on one connection (pipelined when several); read their responses."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"".join(requests))
        return _read_responses(sock, len(requests))


def _comparable(answer: tuple[int, list[bytes], bytes]) -> tuple[int, list[bytes], Any]:
    """An answer less what differs between any two (the date header, Straddle's fresh meta ids)."""
    status, lines, body = answer
    data = orjson.loads(body)
    if isinstance(data, dict) and isinstance(data.get("meta"), dict):
        data["meta"].pop("api_request_id")
        data["meta"].pop("api_request_timestamp")
    return status, [line for line in lines if not line.startswith(b"date:")], data


@pytest.mark.parametrize(
    "path",
    [
        "/api/customers",
        "/api/customers?limit=3&sortBy=legalName&sortOrder=ASC",
        "/api/customers?limit=0",
        "/v1/customers",
        "/v1/customers?page_size=2&status=verified",
        "/v1/customers?page_size=5000",
    ],
)
def test_inline_answer_is_the_asgi_answer_byte_for_byte(served: tuple[int, _Counting, MockApp], path: str) -> None:
    """Status line, every header in order, and body match the full stack's answer (200s and 400s alike)."""
    port, counting, _ = served
    # The reference first: it also builds any index the query needs, so the inline request need not wait.
    [reference] = _exchange(port, _request(path, extra="Request-Id: r-7\r\n" + FULL_STACK))
    [inline] = _exchange(port, _request(path, extra="Request-Id: r-7\r\n"))
    assert _comparable(inline) == _comparable(reference)
    assert counting.asgi_tasks == 1  # only the reference took the ASGI cycle


def test_wrong_credentials_are_answered_inline_in_the_vendor_envelope(served: tuple[int, _Counting, MockApp]) -> None:
    """A 401 from the inline path carries the API's error envelope and headers, as the full stack's does."""
    port, counting, _ = served
    bad = b"GET /v1/customers HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer nope\r\n"
    [inline] = _exchange(port, bad + b"\r\n")
    [reference] = _exchange(port, bad + FULL_STACK.encode() + b"\r\n")
    assert inline[0] == 401
    assert orjson.loads(inline[2])["error"]["status"] == 401
    assert _comparable(inline) == _comparable(reference)
    assert counting.asgi_tasks == 1


def test_pipelined_requests_are_answered_in_order(served: tuple[int, _Counting, MockApp]) -> None:
    """A request pipelined behind one still being served waits its turn: answers come back in request order."""
    port, _, _ = served
    slow = "X-Mock-Fault: latency=0.2\r\n"
    answers = _exchange(
        port,
        _request("/v1/customers?page_size=1", extra="Request-Id: first\r\n"),
        _request("/v1/customers?page_size=1", extra="Request-Id: second\r\n" + slow),
        _request("/v1/customers?page_size=1", extra="Request-Id: third\r\n"),
    )
    ids = [next(line for line in lines if line.startswith(b"request-id:")) for _, lines, _ in answers]
    assert ids == [b"request-id: first", b"request-id: second", b"request-id: third"]
    assert [status for status, _, _ in answers] == [200, 200, 200]


@pytest.mark.parametrize(
    ("version", "extra"), [("1.0", ""), ("1.1", "Connection: close\r\n")], ids=["http-1.0", "connection-close"]
)
def test_a_closing_request_is_answered_then_the_connection_closes(
    served: tuple[int, _Counting, MockApp], version: str, extra: str
) -> None:
    """HTTP/1.0 and ``Connection: close`` get their page and then the server closes the connection."""
    port, _, _ = served
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(_request("/api/customers?limit=2", extra=extra, version=version))
        [(status, lines, body)] = _read_responses(sock, 1)
        assert sock.recv(1) == b""  # closed by the server
    assert status == 200
    assert b"connection: close" in lines
    assert len(orjson.loads(body)["items"]) == 2


def test_a_get_with_a_body_goes_through_the_asgi_cycle(served: tuple[int, _Counting, MockApp]) -> None:
    """A GET carrying a body is not answered inline (its body must be read), and is still answered."""
    port, counting, _ = served
    [(status, _, body)] = _exchange(port, _request("/api/customers?limit=1", extra="Content-Length: 4\r\n") + b"junk")
    assert status == 200
    assert len(orjson.loads(body)["items"]) == 1
    assert counting.asgi_tasks == 1


def test_a_request_waiting_for_an_index_is_answered_through_the_cycle(served: tuple[int, _Counting, MockApp]) -> None:
    """The first request for a sort whose index is not built waits in an ASGI task; once built, it is inline."""
    port, counting, _ = served
    path = "/api/customers?sortBy=legalName&sortOrder=ASC&limit=100"
    [(status, _, body)] = _exchange(port, _request(path))
    names = [c["legalName"] for c in orjson.loads(body)["items"]]
    assert status == 200
    assert names == sorted(names)
    assert counting.asgi_tasks == 1
    [(again, _, same)] = _exchange(port, _request(path))
    assert (again, same) == (status, body)
    assert counting.asgi_tasks == 1


def test_server_wide_faults_take_the_full_stack(served: tuple[int, _Counting, MockApp]) -> None:
    """With a fault set server-wide, a plain GET gets the fault (not an inline page)."""
    port, counting, app = served
    app.state.mock.faults.faults.append(faults.parse("status=503"))
    [(status, _, body)] = _exchange(port, _request("/v1/customers"))
    assert status == 503
    assert orjson.loads(body)["error"]["status"] == 503
    assert counting.asgi_tasks == 1


def test_an_idle_connection_is_closed_after_the_keep_alive_timeout(served: tuple[int, _Counting, MockApp]) -> None:
    """After an inline answer the keep-alive timer runs as after any answer: an idle connection is closed."""
    port, _, _ = served
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(_request("/api/customers?limit=1"))
        _read_responses(sock, 1)
        assert sock.recv(1) == b""  # the fixture's timeout_keep_alive is 1 s; recv waits at most 10 s


def test_while_loading_the_apis_answer_503_then_pages_inline_once_ready() -> None:
    """Under the loading app (what the command line serves first) nothing is inline until the state is ready."""
    loading = LoadingApp()
    counting = _Counting(loading)
    with serve_in_thread(loading, http=counting.protocol) as url:
        port = int(url.rsplit(":", 1)[1])
        [(status, _, body)] = _exchange(port, _request("/v1/customers"))
        assert (status, orjson.loads(body)["error"]["status"]) == (503, 503)
        assert counting.asgi_tasks == 1
        loading.ready(create_app(MockSettings(customers=20, seed=3)))
        [(status, _, body)] = _exchange(port, _request("/v1/customers?page_size=5"))
    assert status == 200
    assert len(orjson.loads(body)["data"]) == 5
    assert counting.asgi_tasks == 1


def test_an_unparseable_request_gets_the_api_envelope_400(served: tuple[int, _Counting, MockApp]) -> None:
    """The inline protocol keeps the envelope 400 of ``bad_requests``: an over-long URL is a Straddle 400."""
    port, _, _ = served
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(_request("/v1/customers?name=" + "a" * 70_000))
        [(status, lines, body)] = _read_responses(sock, 1)
    assert status == 400
    assert b"content-type: application/json" in lines
    assert orjson.loads(body)["error"]["status"] == 400
