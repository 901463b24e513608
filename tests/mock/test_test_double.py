"""The mock as a test double, against the real server process: journal, data per test, reset, scripted faults.

Each test takes ``fresh_mock_server``: the session's server, reset to its start-up state first.
"""

from __future__ import annotations

import base64
import logging
import uuid
from typing import Any

import httpx
import orjson
import pytest
from straddle_client.models import CustomerStatus

from customers_mock.testing import MockAdminError, MockServer, start_mock_server
from customers_sdk import sequence, straddle

ADDRESS = {"line1": "1 Main St", "town": "Austin", "state": "TX", "postcode": "78701", "country": "US"}
LOADED = [
    {"id": f"0190d3a8-0000-7000-8000-00000000000{i}", "createdAt": f"2024-03-0{i}T09:00:00Z", "legalName": name,
     "address": ADDRESS, "taxStatus": "TAXED", "organizations": [], "integrationIds": [], "customProperties": {}}
    for i, name in enumerate(("Alpha Ltd", "Beta Inc.", "Gamma GmbH"), start=1)
]  # fmt: skip


def _seq(server: MockServer, **options: Any) -> sequence.Sequence:
    return sequence.Sequence(
        client_id=server.sequence_client_id,
        client_secret=server.sequence_client_secret,
        base_url=server.base_url,
        **options,
    )


def _strd(server: MockServer) -> straddle.Straddle:
    return straddle.Straddle(api_key=server.straddle_api_key, base_url=server.base_url)


def _ids(server: MockServer, **params: Any) -> list[str]:
    """Every id of acme's Sequence listing, newest first (one page of 100)."""
    page = httpx.get(server.sequence_url, params={"limit": 100, **params}, auth=server.sequence_auth).json()
    return [c["id"] for c in page["items"]]


# -- the journal ---------------------------------------------------------------------------------


def test_the_journal_shows_the_exact_requests_an_sdk_call_made_with_no_secret(fresh_mock_server: MockServer) -> None:
    """An SDK walk of 2 pages and a Straddle call: method, path, parameters and status of each, credentials redacted."""
    server = fresh_mock_server
    with _seq(server) as client:
        walked = list(client.customers.list(limit=100, email="nobody@example.com"))
        pages = list(client.customers.list(limit=100).iter_pages())
    with _strd(server) as client:
        client.customers.list(page_size=3, status=[CustomerStatus.VERIFIED, CustomerStatus.REVIEW])

    seq_requests = server.requests(api="sequence")
    assert walked == []
    assert [(r.method, r.path, r.status) for r in seq_requests] == [("GET", "/api/customers", 200)] * (1 + len(pages))
    assert seq_requests[0].params["email"] == ["nobody@example.com"]
    assert "after" not in seq_requests[1].params
    assert seq_requests[2].params["after"]  # the SDK's own cursor
    assert seq_requests[1].header("Authorization") == "Basic [redacted]"
    [strad] = server.requests(api="straddle")
    assert strad.params["status"] in (["verified", "review"], ["verified,review"])
    assert strad.params["page_size"] == ["3"]
    assert strad.header("authorization") == "Bearer [redacted]"
    everything = httpx.get(f"{server.base_url}/_mock/requests").text
    basic = base64.b64encode(f"{server.sequence_client_id}:{server.sequence_client_secret}".encode()).decode()
    for secret in (server.sequence_client_secret, basic, server.straddle_api_key):
        assert secret not in everything


def test_the_journal_records_both_server_paths_faults_and_drops(fresh_mock_server: MockServer) -> None:
    """Inline answers, full-stack answers (a fault, a 404, a 401) and dropped connections are all recorded."""
    server = fresh_mock_server
    with httpx.Client(base_url=server.base_url, timeout=10) as client:
        client.get("/api/customers", auth=server.sequence_auth)  # the inline path
        client.get("/api/customers", auth=server.sequence_auth, headers={"X-Mock-Fault": "status=503"})
        client.get("/v1/customers")  # 401
        client.get("/nowhere")  # 404
        with pytest.raises(httpx.RemoteProtocolError):
            client.get("/v1/customers", headers={**server.straddle_headers, "X-Mock-Fault": "drop"})
        client.get("/health")  # the operator's: not recorded
    recorded = [(r.api, r.path, r.status, r.fault) for r in server.requests()]
    assert recorded == [
        ("sequence", "/api/customers", 200, None),
        ("sequence", "/api/customers", 503, "status=503"),
        ("straddle", "/v1/customers", 401, None),
        (None, "/nowhere", 404, None),  # no API's path
        ("straddle", "/v1/customers", None, "drop"),
    ]
    assert [r.path for r in server.requests(status=404)] == ["/nowhere"]
    assert [r.status for r in server.requests(path="/api/customers", method="get")] == [200, 503]
    server.clear_requests()
    assert server.requests() == []


def test_the_journal_is_a_bounded_ring() -> None:
    """With journal_size=3 only the latest three requests are kept; the count says how many were answered."""
    with start_mock_server(customers=5, journal_size=3) as server, httpx.Client(auth=server.sequence_auth) as client:
        for limit in range(1, 6):
            client.get(server.sequence_url, params={"limit": limit})
        view = httpx.get(f"{server.base_url}/_mock/requests").json()
    assert [r["params"]["limit"] for r in view["requests"]] == [["3"], ["4"], ["5"]]
    assert (view["recorded"], view["size"]) == (5, 3)


def test_admin_routes_refuse_vendor_credentials_and_bad_filters(fresh_mock_server: MockServer) -> None:
    """Every /_mock/ route is 403 with a vendor credential (no reading other accounts' requests); bad filters 400."""
    server = fresh_mock_server
    httpx.get(server.sequence_url, auth=server.sequence_auth)
    other = {"Authorization": f"Bearer {server.straddle_other_api_key}"}
    for method, path in [("GET", "/_mock/requests"), ("DELETE", "/_mock/requests"), ("POST", "/_mock/reset"),
                         ("PUT", "/_mock/data"), ("GET", "/_mock/faults"), ("POST", "/_mock/faults")]:  # fmt: skip
        refused = httpx.request(method, f"{server.base_url}{path}", headers=other)
        assert refused.status_code == 403, (method, path)
        assert "no vendor credential" in refused.json()["error"]
    assert len(server.requests()) == 1  # nothing cleared, nothing read
    for params in ({"api": "stripe"}, {"status": "abc"}, {"account": "acme"}):
        assert httpx.get(f"{server.base_url}/_mock/requests", params=params).status_code == 400


# -- data and state per test -----------------------------------------------------------------------


def test_put_data_then_a_listing_returns_exactly_the_loaded_customers(fresh_mock_server: MockServer) -> None:
    """PUT /_mock/data replaces acme's Sequence customers only; the SDK lists exactly those, newest first."""
    server = fresh_mock_server
    others_before = (
        _ids(server, includeArchived="true")
        and httpx.get(server.straddle_url, headers=server.straddle_headers).json()["data"]
    )
    assert server.load_data({"sequence": {"acme": LOADED}}) == {"sequence": {"acme": 3}}
    with _seq(server) as client:
        listed = [c.to_dict() for c in client.customers.list(limit=2)]
    assert listed == LOADED[::-1]
    assert httpx.get(server.straddle_url, headers=server.straddle_headers).json()["data"] == others_before


def test_put_data_is_validated_like_a_data_file_and_changes_nothing_when_refused(
    fresh_mock_server: MockServer,
) -> None:
    """A record without an address (which Sequence always sends) is a 400 naming it; the data stays as it was."""
    server = fresh_mock_server
    before = _ids(server)
    bad = {k: v for k, v in LOADED[0].items() if k != "address"}
    with pytest.raises(MockAdminError, match=r"sequence\.acme\[1\]\.address: missing") as refused:
        server.load_data({"sequence": {"acme": [LOADED[1], bad]}})
    assert refused.value.status == 400
    assert _ids(server) == before
    not_json = httpx.put(f"{server.base_url}/_mock/data", content=b"{")
    assert not_json.status_code == 400
    assert "not valid JSON" in not_json.json()["error"]


def test_reset_restores_the_start_up_listing_faults_and_journal(fresh_mock_server: MockServer) -> None:
    """After loaded data, a run-time fault and requests, reset gives the start-up listing, no fault, no journal."""
    server = fresh_mock_server
    start_up = _ids(server, includeArchived="true")
    server.load_data({"sequence": {"acme": LOADED}})
    server.add_fault("status=500; api=straddle")
    assert _ids(server) == [c["id"] for c in LOADED[::-1]]
    assert httpx.get(server.straddle_url, headers=server.straddle_headers).status_code == 500
    server.reset()
    assert server.requests() == []
    assert httpx.get(f"{server.base_url}/_mock/faults").json() == {"faults": []}
    assert _ids(server, includeArchived="true") == start_up
    assert httpx.get(server.straddle_url, headers=server.straddle_headers).status_code == 200


def test_reset_brings_back_start_up_faults_with_fresh_counters() -> None:
    """A --fault spent before the reset fails its requests again afterwards (its counter starts over)."""
    with start_mock_server(customers=5, faults=["status=502; times=1; api=sequence"]) as server:
        statuses = [httpx.get(server.sequence_url, auth=server.sequence_auth).status_code for _ in range(2)]
        server.reset()
        statuses += [httpx.get(server.sequence_url, auth=server.sequence_auth).status_code for _ in range(2)]
    assert statuses == [502, 200, 502, 200]


# -- scripted faults ----------------------------------------------------------------------------------


def test_two_503_then_normal_is_retried_through_by_the_sdk(fresh_mock_server: MockServer) -> None:
    """POST /_mock/faults "status=503; times=2; api=sequence": the SDK's call succeeds on its third request."""
    server = fresh_mock_server
    server.add_fault("status=503; times=2; api=sequence")
    straddle_meanwhile = httpx.get(server.straddle_url, headers=server.straddle_headers)  # not matched, not counted
    with _seq(server) as client:
        page = client.customers.list(limit=5)
    assert len(page.items) == 5
    assert straddle_meanwhile.status_code == 200
    assert [(r.status, r.fault) for r in server.requests(api="sequence")] == [
        (503, "status=503; times=2; api=sequence"),
        (503, "status=503; times=2; api=sequence"),
        (200, None),
    ]
    assert httpx.get(f"{server.base_url}/_mock/faults").json() == {"faults": []}  # spent: back to normal


def test_a_fault_for_one_path_leaves_the_other_api_alone(fresh_mock_server: MockServer) -> None:
    """path=/v1/customers: Straddle requests get it, Sequence requests neither get it nor count against times."""
    server = fresh_mock_server
    server.add_fault("status=429; times=1; path=/v1/customers")
    assert httpx.get(server.sequence_url, auth=server.sequence_auth).status_code == 200
    first = httpx.get(server.straddle_url, headers=server.straddle_headers)
    assert (first.status_code, first.headers["retry-after"]) == (429, "1")
    assert httpx.get(server.straddle_url, headers=server.straddle_headers).status_code == 200
    bad = httpx.post(f"{server.base_url}/_mock/faults", json={"fault": "status=503; api=stripe"})
    assert bad.status_code == 400
    assert "api must be one of sequence, straddle" in bad.json()["error"]


def test_reset_keeps_the_same_process(fresh_mock_server: MockServer) -> None:
    """fresh_mock_server's reset is a call to the running server: same process, same port (its cost: make bench)."""
    server = fresh_mock_server
    pid = server.process.pid
    server.reset()
    assert server.process.pid == pid
    assert server.process.poll() is None
    assert httpx.get(f"{server.base_url}/health").status_code == 200


# -- ignored parameters through the SDK ---------------------------------------------------------------


def test_the_sdk_warns_once_per_parameter_the_mock_ignored(caplog: pytest.LogCaptureFixture) -> None:
    """A response with X-Mock-Ignored-Parameters: one warning per parameter name, however many responses."""

    first, second = f"region_{uuid.uuid4().hex}", f"tier_{uuid.uuid4().hex}"  # new names: "once" is per process

    def handler(request: httpx.Request) -> httpx.Response:
        page = {"items": [], "pagination": {"totalResultSize": 0}}
        ignored = {"X-Mock-Ignored-Parameters": f"{first}, {second}"}
        return httpx.Response(200, content=orjson.dumps(page), headers=ignored)

    caplog.set_level(logging.WARNING, logger="customers_sdk")
    with sequence.Sequence(
        client_id="i", client_secret="s", base_url="http://mock.test", transport=httpx.MockTransport(handler)
    ) as client:
        for _ in range(3):
            client.customers.list()
    warned = [r.getMessage() for r in caplog.records if "ignored parameter" in r.getMessage()]
    assert len(warned) == 2
    assert f"{first!r}" in warned[0]
    assert f"{second!r}" in warned[1]
