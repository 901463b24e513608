"""Faults that break a response after its headers: truncate (Content-Length or chunked) and stall-body."""

from __future__ import annotations

import httpx
import orjson
import pytest

from customers_mock.testing import MockServer
from tests.mock.bodies import checked


def _stream(client: httpx.Client, server: MockServer, fault: str) -> tuple[httpx.Response, bytes, Exception | None]:
    """The response head, the body bytes that arrived, and the error that ended the read (if any)."""
    headers = {**server.straddle_headers, "X-Mock-Fault": fault}
    received = b""
    with client.stream("GET", "/v1/customers", params={"page_size": 50}, headers=headers) as response:
        try:
            for chunk in response.iter_raw():
                received += chunk
        except httpx.HTTPError as exc:
            return response, received, exc
    return response, received, None


def test_truncate_sends_the_headers_and_half_the_declared_length(mock_server: MockServer) -> None:
    """truncate: 200 and the full Content-Length arrive, then half the body and a closed connection."""
    with httpx.Client(base_url=mock_server.base_url, timeout=10) as client:
        response, received, error = _stream(client, mock_server, "truncate")
        assert response.status_code == 200
        declared = int(response.headers["content-length"])
        assert isinstance(error, httpx.RemoteProtocolError)
        assert 0 < len(received) < declared
        assert checked("straddle", client.get("/v1/customers", headers=mock_server.straddle_headers))


def test_truncate_chunked_cuts_a_chunked_stream(mock_server: MockServer) -> None:
    """truncate=chunked: a chunked 200 (no Content-Length) whose stream stops after the first chunk."""
    with httpx.Client(base_url=mock_server.base_url, timeout=10) as client:
        response, received, error = _stream(client, mock_server, "truncate=chunked")
    assert response.status_code == 200
    assert response.headers["transfer-encoding"] == "chunked"
    assert "content-length" not in response.headers
    assert isinstance(error, httpx.RemoteProtocolError)
    assert received
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(received)


def test_stall_body_holds_the_rest_of_the_body(mock_server: MockServer) -> None:
    """stall-body=N: a client reading for less than N times out after the headers; a patient one gets it all."""
    with httpx.Client(base_url=mock_server.base_url, timeout=httpx.Timeout(10, read=0.3)) as impatient:
        response, received, error = _stream(impatient, mock_server, "stall-body=3")
    assert response.status_code == 200
    assert isinstance(error, httpx.ReadTimeout)
    assert 0 < len(received) < int(response.headers["content-length"])
    with httpx.Client(base_url=mock_server.base_url, timeout=10) as patient:
        whole = patient.get("/v1/customers", headers={**mock_server.straddle_headers, "X-Mock-Fault": "stall-body=0.3"})
    assert len(checked("straddle", whole)["data"]) == 100


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("truncate=half", "unknown fault 'truncate=half'"),
        ("stall-body", "stall-body must be a decimal number"),
        ("stall-body=-1", "stall-body must be between 0 and 600"),
        ("stall-body=forever", "stall-body must be a decimal number"),
    ],
)
def test_invalid_body_fault_is_400(mock_server: MockServer, fault: str, message: str) -> None:
    """A body fault that cannot be parsed is a 400 in the API's envelope, saying why."""
    with httpx.Client(base_url=mock_server.base_url, timeout=10) as client:
        response = client.get("/api/customers", auth=mock_server.sequence_auth, headers={"X-Mock-Fault": fault})
    assert response.status_code == 400
    assert message in checked("sequence", response)["error"]["message"]
