"""The mock_server fixture serves both APIs on loopback with the demo credentials."""

from __future__ import annotations

import httpx

from customers_mock import accounts
from customers_mock.testing import MockServer


def test_health_and_both_apis_answer(mock_server: MockServer) -> None:
    """/health is ok and both list endpoints answer the demo credentials with a page."""
    with httpx.Client(base_url=mock_server.base_url) as client:
        assert client.get("/health").json() == {"status": "ok"}
        sequence = client.get("/api/customers", auth=mock_server.sequence_auth)
        straddle = client.get("/v1/customers", headers=mock_server.straddle_headers)
    assert sequence.status_code == 200
    assert sequence.json()["items"]
    assert straddle.status_code == 200
    assert straddle.json()["data"]


def test_start_banner_lists_every_demo_credential(mock_server: MockServer) -> None:
    """The server prints each demo credential at start, the Sequence key without the customers permission too."""
    log = mock_server.log()
    for credential in (
        f"{accounts.SEQUENCE_CLIENT_ID} / {accounts.SEQUENCE_CLIENT_SECRET}",
        f"{accounts.SEQUENCE_OTHER_CLIENT_ID} / {accounts.SEQUENCE_OTHER_CLIENT_SECRET}",
        f"{accounts.SEQUENCE_RESTRICTED_CLIENT_ID} / {accounts.SEQUENCE_RESTRICTED_CLIENT_SECRET}",
        accounts.STRADDLE_API_KEY,
        accounts.STRADDLE_OTHER_API_KEY,
        accounts.STRADDLE_PLATFORM_KEY,
    ):
        assert credential in log
