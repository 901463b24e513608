"""Fault injection on the live mock: statuses, Retry-After, latency, dropped connections, counts."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator

import httpx
import pytest

from customers_mock import faults
from customers_mock.testing import MockServer, start_mock_server
from tests.mock.bodies import checked


def _key() -> str:
    return f"test-{uuid.uuid4()}"


def _seq(raw: httpx.Client, server: MockServer, fault: str | None = None) -> httpx.Response:
    headers = {"X-Mock-Fault": fault} if fault else {}
    return raw.get("/api/customers", params={"limit": 1}, auth=server.sequence_auth, headers=headers)


def _str(raw: httpx.Client, server: MockServer, fault: str | None = None) -> httpx.Response:
    headers = {**server.straddle_headers, **({"X-Mock-Fault": fault} if fault else {})}
    return raw.get("/v1/customers", params={"page_size": 1}, headers=headers)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_status_fault_uses_each_api_envelope(raw: httpx.Client, mock_server: MockServer, status: int) -> None:
    """status=5xx answers that status in the Sequence and in the Straddle error envelope."""
    seq = _seq(raw, mock_server, f"status={status}")
    assert seq.status_code == status
    assert seq.headers["sequence-version"] == "2024-07-30"
    assert "error" in seq.json()
    strad = _str(raw, mock_server, f"status={status}")
    assert strad.status_code == status
    assert strad.json()["error"]["status"] == status


def test_429_carries_retry_after(raw: httpx.Client, mock_server: MockServer) -> None:
    """status=429 sends Retry-After: 1 by default, or the value given."""
    default = _seq(raw, mock_server, "status=429")
    assert default.status_code == 429
    assert default.headers["retry-after"] == "1"
    assert checked("sequence", default)["error"]["type"] == "TooManyRequests"
    given = _str(raw, mock_server, "status=429; retry-after=Wed, 21 Oct 2015 07:28:00 GMT")
    assert given.headers["retry-after"] == "Wed, 21 Oct 2015 07:28:00 GMT"


def test_429_can_carry_retry_after_ms(raw: httpx.Client, mock_server: MockServer) -> None:
    """status=429; retry-after-ms=N adds a retry-after-ms header (as written) next to Retry-After."""
    response = _seq(raw, mock_server, "status=429; retry-after-ms=250; retry-after=2")
    assert response.status_code == 429
    assert response.headers["retry-after-ms"] == "250"
    assert response.headers["retry-after"] == "2"
    checked("sequence", response)
    assert _str(raw, mock_server, "status=429; retry-after-ms=1.5").headers["retry-after-ms"] == "1.5"
    assert "retry-after-ms" not in _str(raw, mock_server, "status=429").headers


def test_times_and_key_fail_the_first_n_then_pass(raw: httpx.Client, mock_server: MockServer) -> None:
    """times=2; key=K: the first two requests with key K fail, the third succeeds; other keys are separate."""
    key = _key()
    fault = f"status=503; times=2; key={key}"
    assert [_seq(raw, mock_server, fault).status_code for _ in range(3)] == [503, 503, 200]
    assert _seq(raw, mock_server, f"status=503; times=1; key={_key()}").status_code == 503


def test_probability_zero_never_and_one_always(raw: httpx.Client, mock_server: MockServer) -> None:
    """probability=0 never injects the fault; probability=1 always does."""
    assert {_str(raw, mock_server, "status=500; probability=0").status_code for _ in range(5)} == {200}
    assert {_str(raw, mock_server, "status=500; probability=1").status_code for _ in range(5)} == {500}


def test_latency_delays_then_answers(mock_server: MockServer) -> None:
    """latency=N holds the answer: a client with a shorter timeout times out, a patient one gets 200."""
    with httpx.Client(base_url=mock_server.base_url, timeout=0.2) as impatient, pytest.raises(httpx.ReadTimeout):
        _str(impatient, mock_server, "latency=3")
    with httpx.Client(base_url=mock_server.base_url, timeout=10) as patient:
        assert _str(patient, mock_server, "latency=0.3").status_code == 200


def test_drop_closes_the_connection_without_a_response(raw: httpx.Client, mock_server: MockServer) -> None:
    """drop: the server closes the connection and sends nothing; the next request is served."""
    with pytest.raises(httpx.RemoteProtocolError):
        _seq(raw, mock_server, "drop")
    assert _seq(raw, mock_server).status_code == 200


@pytest.mark.parametrize(
    "fault",
    [
        "status=418",
        "latency=-1",
        "latency=soon",
        "explode",
        "drop; times=x",
        ";",
        "status=429; retry-after-ms=soon",
        "status=429; retry-after-ms=-5",
        "status=503; retry-after-ms=100",
    ],
)
def test_invalid_fault_header_is_400(raw: httpx.Client, mock_server: MockServer, fault: str) -> None:
    """An X-Mock-Fault header that cannot be parsed is a 400 in the API's envelope, saying why."""
    response = _str(raw, mock_server, fault)
    assert response.status_code == 400
    assert "X-Mock-Fault" in checked("straddle", response)["error"]["detail"].replace("x-mock-fault", "X-Mock-Fault")


def test_health_is_never_faulted(raw: httpx.Client) -> None:
    """Faults apply to the APIs only, not to /health."""
    assert raw.get("/health", headers={"X-Mock-Fault": "status=500"}).status_code == 200


@pytest.fixture
def faulty() -> Iterator[MockServer]:
    """A separate server started with a server-wide fault for the next two requests."""
    with start_mock_server(customers=5, faults=["status=502; times=2"]) as server:
        yield server


def test_start_option_fault_then_runtime_controls(faulty: MockServer) -> None:
    """--fault applies server-wide (removed once spent); POST /_mock/faults adds one, DELETE clears them all."""
    with httpx.Client(base_url=faulty.base_url) as client:
        assert [_str(client, faulty).status_code for _ in range(3)] == [502, 502, 200]
        added = client.post("/_mock/faults", json={"fault": "status=503"})
        assert added.status_code == 201
        assert "status=503" in added.json()["faults"]
        assert _seq(client, faulty).status_code == 503
        assert client.get("/_mock/faults").json()["faults"] == ["status=503"]  # the spent one is gone
        assert client.delete("/_mock/faults").json() == {"faults": []}
        assert _seq(client, faulty).status_code == 200
        assert client.post("/_mock/faults", json={"fault": "status=999"}).status_code == 400
        assert client.post("/_mock/faults", json=["status=500"]).status_code == 400


@pytest.mark.parametrize(
    "fault",
    [
        b"status=503; times=\xb2",  # a Unicode digit (superscript two, as Latin-1 bytes)
        b"status=503; times=" + b"9" * 5000,
        b"status=503; times=-1",
        b"status=503; times=1_0",
        b"latency=1_0",
        b"latency=nan",
        b"latency=inf",
        b"status=500; probability=1e-1",
        b"status=500; probability=.5e0",
        b"status=429; retry-after=soon",
        b"status=429; retry-after=" + b"9" * 5000,
        b"status=429; retry-after-ms=1_000",
        b"status=503; key=" + b"k" * 300,
        b"status=503; key=a; key=b",
        b"status=503; " + b"x" * 600,
    ],
)
def test_every_fault_spec_error_is_400_never_500(raw: httpx.Client, mock_server: MockServer, fault: bytes) -> None:
    """Unicode digits, huge or signed numbers, bad dates and oversized parts in X-Mock-Fault are a 400 saying why."""
    straddle_headers = [(k.encode(), v.encode()) for k, v in mock_server.straddle_headers.items()]
    for response in (
        raw.get("/api/customers", auth=mock_server.sequence_auth, headers=[(b"X-Mock-Fault", fault)]),
        raw.get("/v1/customers", headers=[*straddle_headers, (b"X-Mock-Fault", fault)]),
    ):
        assert response.status_code == 400, response.text
        body = response.json()
        message = body["error"]["message"] if "message" in body["error"] else body["error"]["detail"]
        assert "x-mock-fault" in message.lower()
    checked("sequence", raw.get("/api/customers", auth=mock_server.sequence_auth, headers=[(b"X-Mock-Fault", fault)]))


@pytest.mark.parametrize(
    "fault",
    [
        "status=503; times=\u0663",  # ARABIC-INDIC DIGIT THREE
        "latency=\u0661",
        "status=500; probability=\u0660.\u0665",
        "status=429; retry-after=\u20ac",  # a header value that is not Latin-1
        "status=429; retry-after=1\r\nX-Injected: yes",
    ],
)
def test_runtime_fault_spec_errors_are_400(raw: httpx.Client, fault: str) -> None:
    """POST /_mock/faults refuses specs with non-ASCII numbers or an unsendable Retry-After, with a 400."""
    response = raw.post("/_mock/faults", json={"fault": fault})
    assert response.status_code == 400, response.text
    assert raw.get("/_mock/faults").json() == {"faults": []}


def test_fault_counters_are_bounded() -> None:
    """The times counters keep at most MAX_COUNTERS keys, dropping the least recently used first."""
    state = faults.FaultState()
    for i in range(faults.MAX_COUNTERS + 500):
        assert state.triggers(faults.parse(f"status=503; times=1; key=k{i}"), "unused")
    assert len(state.counters) == faults.MAX_COUNTERS
    recent = faults.parse(f"status=503; times=1; key=k{faults.MAX_COUNTERS + 499}")
    assert not state.triggers(recent, "unused")  # the most recent key still remembers its count


def test_cli_fault_spec_error_is_a_usage_error() -> None:
    """--fault with a Unicode digit exits 2 with a usage message, not a traceback, before printing anything else."""
    result = subprocess.run(
        [sys.executable, "-m", "customers_mock", "--fault", "status=500; times=\u00b2"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("usage:")
    assert "times" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
