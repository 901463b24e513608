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
from customers_mock.protocol import REPEATABLE_BYTES, InlineHttpProtocol, protocol_for
from customers_mock.settings import MockSettings
from tests.support.servers import serve_in_thread

BASIC = base64.b64encode(b"seq_demo_client:seq_demo_secret").decode()
FULL_STACK = "X-Mock-Fault: latency=0\r\n"
RESPONSE_HEAD = re.compile(rb"HTTP/1\.[01] (\d{3}) [^\r]*\r\n(.*?)\r\n\r\n", re.DOTALL)


class _Counting:
    """A protocol class for ``app`` that counts the requests uvicorn hands to an ASGI task, and those parsed."""

    def __init__(self, app: MockApp | LoadingApp) -> None:
        self.asgi_tasks = 0
        self.parsed = 0
        counter = self

        class Counted(protocol_for(app)):  # type: ignore[misc]
            def _start_asgi_task(self, *args: Any) -> None:
                counter.asgi_tasks += 1
                super()._start_asgi_task(*args)

            def on_message_begin(self) -> None:
                counter.parsed += 1
                super().on_message_begin()

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


def _one_by_one(sock: socket.socket, *chunks: bytes) -> list[tuple[int, list[bytes], bytes]]:
    """Send each chunk as its own write and read its one response before the next."""
    answers = []
    for chunk in chunks:
        sock.sendall(chunk)
        answers += _read_responses(sock, 1)
    return answers


def test_a_request_repeated_on_one_connection_is_answered_afresh_without_parsing_it_again(
    served: tuple[int, _Counting, MockApp],
) -> None:
    """The same bytes five times: five fresh answers (new request ids, all journaled), the request parsed once."""
    port, counting, app = served
    page = _request("/v1/customers?page_size=2", extra="Request-Id: r-9\r\n")
    [reference] = _exchange(port, _request("/v1/customers?page_size=2", extra="Request-Id: r-9\r\n" + FULL_STACK))
    before, parsed = app.journal.recorded, counting.parsed
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        answers = _one_by_one(sock, *[page] * 5)
    assert counting.parsed - parsed == 1
    assert all(_comparable(answer) == _comparable(reference) for answer in answers)
    ids = {orjson.loads(body)["meta"]["api_request_id"] for _, _, body in answers}
    assert len(ids) == 5
    assert app.journal.recorded - before == 5
    assert [entry[3] for entry in list(app.journal.entries)[-5:]] == [b"page_size=2"] * 5


def test_another_request_between_repeats_is_answered_as_itself(served: tuple[int, _Counting, MockApp]) -> None:
    """A different request on the connection is parsed and answered; the first one, sent again, is parsed again."""
    port, counting, _ = served
    two, three = _request("/v1/customers?page_size=2"), _request("/v1/customers?page_size=3")
    parsed = counting.parsed
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        answers = _one_by_one(sock, two, two, three, two)
    assert [len(orjson.loads(body)["data"]) for _, _, body in answers] == [2, 2, 3, 2]
    assert counting.parsed - parsed == 3


def test_a_long_request_repeated_is_parsed_each_time(served: tuple[int, _Counting, MockApp]) -> None:
    """A connection keeps a repeated request only up to REPEATABLE_BYTES; a longer one is parsed (and answered) anew."""
    port, counting, _ = served
    long = _request("/v1/customers?page_size=2", extra=f"X-Padding: {'p' * REPEATABLE_BYTES}\r\n")
    parsed = counting.parsed
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        answers = _one_by_one(sock, long, long, long)
    assert [len(orjson.loads(body)["data"]) for _, _, body in answers] == [2, 2, 2]
    assert counting.parsed - parsed == 3


def test_a_fault_set_between_repeats_applies_to_the_next_one(served: tuple[int, _Counting, MockApp]) -> None:
    """The app is asked again for each repeat: a server-wide fault set meanwhile is served, then cleared."""
    port, _, app = served
    page = _request("/api/customers?limit=2")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        [(first, _, _)] = _one_by_one(sock, page)
        app.state.mock.faults.faults.append(faults.parse("status=503; times=1"))
        [(faulted, _, body), (after, _, _)] = _one_by_one(sock, page, page)
    assert (first, faulted, after) == (200, 503, 200)
    assert orjson.loads(body)["error"]["type"] == "ServiceUnavailable"


def test_a_customer_added_between_repeats_is_on_the_next_page(served: tuple[int, _Counting, MockApp]) -> None:
    """A repeat is answered from the data as it is now, not from the first answer."""
    port, _, app = served
    page = _request("/api/customers?limit=5")
    new = {"id": "0d6c0a52-5c5e-4d34-9c4e-7a1f0c3b2a10", "createdAt": "2031-01-01T00:00:00Z", "legalName": "Newco"}
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        [(_, _, before)] = _one_by_one(sock, page)
        app.state.mock.sequence["acme"].add(new)
        [(_, _, after)] = _one_by_one(sock, page)
    total = [orjson.loads(body)["pagination"]["totalResultSize"] for body in (before, after)]
    assert total[1] == total[0] + 1
    assert orjson.loads(after)["items"][0]["id"] == new["id"]


def test_a_repeat_whose_answer_fails_is_a_500_in_the_api_envelope(served: tuple[int, _Counting, MockApp]) -> None:
    """A repeat whose handler raises falls back to uvicorn's cycle as a parsed request does: an envelope 500."""
    port, _, app = served
    page = _request("/api/customers?limit=1")
    broken = {
        "id": "5b0e8d1c-1f2a-4c3b-9d4e-6f7a8b9c0d1e",
        "createdAt": "2031-01-01T00:00:00Z",
        "customProperties": {"x": {1}},
    }
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        [(first, _, _)] = _one_by_one(sock, page)
        app.state.mock.sequence["acme"].add(broken)  # a set: orjson cannot encode it
        [(failed, _, body)] = _one_by_one(sock, page)
    assert (first, failed) == (200, 500)
    assert orjson.loads(body)["error"]["type"] == "InternalServerError"


def test_bytes_that_ended_an_earlier_request_are_parsed_when_they_come_again(
    served: tuple[int, _Counting, MockApp],
) -> None:
    """A read that finished a request begun in the read before, then held a whole one, is not a request by itself.

    Sent again on its own it must be parsed, and it is not HTTP: the envelope 400, not the page of the last request.
    """
    port, _, _ = served
    head = _request("/v1/customers?page_size=1", extra="X-Note: ")[:-2]  # ends inside a header value
    tail = b"one\r\n\r\n" + _request("/v1/customers?page_size=1")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head)
        time.sleep(0.2)  # the server reads the head alone
        sock.sendall(tail)
        first = _read_responses(sock, 2)
        sock.sendall(tail)
        [(status, _, body)] = _read_responses(sock, 1)
    assert [answer[0] for answer in first] == [200, 200]
    assert status == 400
    assert orjson.loads(body)["error"]["status"] == 400


def test_pipelined_requests_sent_again_are_each_answered_again(served: tuple[int, _Counting, MockApp]) -> None:
    """Two requests in one write, twice: four answers in order, each with its own request id."""
    port, _, _ = served
    both = _request("/v1/customers?page_size=1") + _request("/v1/customers?page_size=2")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(both)
        answers = _read_responses(sock, 2)
        sock.sendall(both)
        answers += _read_responses(sock, 2)
    assert [len(orjson.loads(body)["data"]) for _, _, body in answers] == [1, 2, 1, 2]
    assert len({orjson.loads(body)["meta"]["api_request_id"] for _, _, body in answers}) == 4
