"""Credentials never leak: not in a repr, a log line or an exception message."""

from __future__ import annotations

import base64
import logging
import uuid

import pytest
from sequence_client import AuthenticatedClient as SequenceGenerated
from straddle_client import AuthenticatedClient as StraddleGenerated

from customers_mock.testing import free_port
from customers_sdk import APIError, RetryPolicy, sequence, straddle
from tests.sdk.fake_vendor import FakeVendor

Fake = tuple[FakeVendor, str]
SECRET_ID, SECRET = "cid_3f9a7c", "csecret_9d2b41e8"
API_KEY = "sk_live_7f3e9b2a51c4"
BASIC = base64.b64encode(f"{SECRET_ID}:{SECRET}".encode()).decode()


def _assert_clean(text: str) -> None:
    for secret in (SECRET, BASIC, API_KEY):
        assert secret not in text


def test_reprs_show_no_credentials() -> None:
    """repr() of every client - ours and the generated ones after use - shows no credential."""
    generated: list[SequenceGenerated | StraddleGenerated] = [
        SequenceGenerated(base_url="http://x", token=BASIC, prefix="Basic"),
        StraddleGenerated(base_url="http://x", token=API_KEY),
    ]
    for client in generated:
        client.get_httpx_client()  # writes the Authorization header into its headers
        _assert_clean(repr(client))
        client.get_httpx_client().close()
    with (
        sequence.Sequence(client_id=SECRET_ID, client_secret=SECRET) as seq,
        straddle.Straddle(api_key=API_KEY) as strd,
    ):
        for text in (repr(seq), repr(strd), repr(seq.with_options(max_retries=0)), repr(seq._generated)):
            _assert_clean(text)
        assert repr(strd).startswith("Straddle(base_url='https://sandbox.straddle.com'")


def test_errors_and_logs_show_no_credentials(fake: Fake, policy: RetryPolicy, caplog: pytest.LogCaptureFixture) -> None:
    """A failing, retried call with wrong credentials logs (at DEBUG, every logger) and raises without them."""
    _, url = fake
    caplog.set_level(logging.DEBUG)
    errors: list[APIError] = []
    fault = {"X-Mock-Fault": f"status=503; times=1; key={uuid.uuid4()}"}
    with (
        sequence.Sequence(
            client_id=SECRET_ID, client_secret=SECRET, base_url=url, retry_policy=policy, default_headers=fault
        ) as seq,
        straddle.Straddle(api_key=API_KEY, base_url=url, retry_policy=policy) as strd,
        straddle.Straddle(api_key=API_KEY, base_url=f"http://127.0.0.1:{free_port()}", retry_policy=policy) as down,
    ):
        for call in (seq.customers.list, strd.customers.list, down.customers.list):
            with pytest.raises(APIError) as info:
                call()
            errors.append(info.value)
    assert [type(e).__name__ for e in errors] == ["AuthenticationError", "AuthenticationError", "APIConnectionError"]
    assert caplog.records  # httpx, httpcore and our retry lines were captured
    _assert_clean(caplog.text)
    for error in errors:
        _assert_clean(str(error))
        _assert_clean(repr(error))
        _assert_clean(repr(error.__cause__))
