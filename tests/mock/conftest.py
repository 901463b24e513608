"""Fixtures for the mock server tier: generated clients bound to the live mock_server fixture."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from sequence_client import AuthenticatedClient as SequenceClient
from straddle_client import AuthenticatedClient as StraddleClient

from customers_mock.testing import MockServer
from tests.support import tls


@pytest.fixture
def raw(mock_server: MockServer) -> Iterator[httpx.Client]:
    """Plain httpx against the live mock, for requests the generated clients cannot express."""
    with httpx.Client(base_url=mock_server.base_url, timeout=10, verify=tls.CONTEXT) as client:
        yield client


@pytest.fixture
def sequence(mock_server: MockServer) -> Iterator[SequenceClient]:
    """The generated Sequence client, signed in as the demo account (acme)."""
    auth = httpx.BasicAuth(mock_server.sequence_client_id, mock_server.sequence_client_secret)
    client = SequenceClient(base_url=mock_server.base_url, token="", httpx_args={"auth": auth}, verify_ssl=tls.CONTEXT)
    with client:
        yield client


@pytest.fixture
def straddle(mock_server: MockServer) -> Iterator[StraddleClient]:
    """The generated Straddle client with the demo account's key (acme)."""
    with StraddleClient(
        base_url=mock_server.base_url, token=mock_server.straddle_api_key, verify_ssl=tls.CONTEXT
    ) as client:
        yield client
