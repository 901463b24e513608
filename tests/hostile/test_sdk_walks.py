"""Findings 1-4: an SDK walk against a hostile server ends with a typed error, in bounded time and memory.

Each walk runs in a process of its own under a hard timeout (``conftest.HARD_TIMEOUT``): before the
fixes, these walks never ended (or ended only after the server gave up) and the tests failed there.
"""

from __future__ import annotations

import pytest

from tests.hostile.conftest import Walk, hostile_server
from tests.hostile.walk import SEQUENCE_SECRET, STRADDLE_KEY

APIS = ["sequence", "straddle"]
MODES = ["sync", "async"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("api", APIS)
def test_a_repeated_page_ends_the_walk(walk: Walk, api: str, mode: str) -> None:
    """A server that sends a walk back to the same cursor (or page number): RepeatedPageError naming it."""
    with hostile_server("repeat") as url:
        outcome = walk(api, mode, url)
    assert outcome["error"] == "RepeatedPageError"
    assert outcome["module"] == f"customers_sdk.{api}._errors"
    assert outcome["page"] == ("after=c1" if api == "sequence" else "2")
    assert repr(outcome["page"]) in outcome["message"]
    assert outcome["items"] == 2  # the first page, and the one the repeated pointer was first followed to


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("api", APIS)
def test_alternating_pages_end_the_walk(walk: Walk, api: str, mode: str) -> None:
    """Two cursors in turn (c1, c2, c1...), or a page number that goes back: RepeatedPageError."""
    with hostile_server("alternate") as url:
        outcome = walk(api, mode, url)
    assert outcome["error"] == "RepeatedPageError"
    if api == "sequence":
        assert outcome["page"] == "after=c1"
        assert outcome["items"] == 3  # first page, c1, c2; then c1 again is refused


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("server", ["endless", "huge"])
def test_a_body_past_max_response_size_is_refused_while_it_streams(walk: Walk, server: str, mode: str) -> None:
    """An endless chunked body, or 200 MB announced: ResponseTooLargeError at the default 16 MiB, not retried."""
    with hostile_server(server) as url:
        outcome = walk("straddle", mode, url)
    assert outcome["error"] == "ResponseTooLargeError"
    assert "max_response_size (16,777,216 bytes)" in outcome["message"]
    assert outcome["peak_mib"] < 200  # a 16 MiB body in pieces plus the interpreter; before: 333 MB and growing


def test_max_response_size_is_configurable(walk: Walk) -> None:
    """max_response_size=1 MiB refuses the endless body at 1 MiB."""
    with hostile_server("endless") as url:
        outcome = walk("sequence", "sync", url, max_response_size=1024 * 1024)
    assert outcome["error"] == "ResponseTooLargeError"
    assert "(1,048,576 bytes)" in outcome["message"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("api", APIS)
def test_the_timeout_bounds_the_whole_request(walk: Walk, api: str, mode: str) -> None:
    """A server dripping a byte every 0.2 s (each read is quick): timeout=1.0 ends the request, APITimeoutError."""
    with hostile_server("drip") as url:
        outcome = walk(api, mode, url, timeout=1.0, max_retries=0)
    assert outcome["error"] == "APITimeoutError"
    assert outcome["seconds"] < 10  # the whole page takes over 100 s to drip; each read alone 0.2 s


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("api", APIS)
def test_an_echoed_credential_is_redacted(walk: Walk, api: str, mode: str) -> None:
    """A 401 whose body quotes the Authorization header: neither the secret nor its Basic value in str or repr."""
    with hostile_server("echo") as url:
        outcome = walk(api, mode, url, max_retries=0)
    assert outcome["error"] == "AuthenticationError"
    secrets = [SEQUENCE_SECRET, "YWNtZS1jbGllbnQ6"] if api == "sequence" else [STRADDLE_KEY]  # base64("acme-client:
    for text in (outcome["message"], outcome["str"], outcome["repr"]):
        assert "[REDACTED]" in text
        for secret in secrets:
            assert secret not in text
