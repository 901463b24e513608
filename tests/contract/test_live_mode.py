"""The live mode of the contract suite: safe with no credentials, green on a stand-in vendor, loud on a drifted one.

The two end-to-end tests run `scripts/contract_live.py --live --stand-in ...` exactly as a user
would run it against a vendor, except that the runner first starts a separate server process
posing as both vendors on 127.0.0.1 (own port, own seed, demo credentials given as the
environment variables a user sets; no fixture, no `/_mock` endpoint). The rate is raised so that
they take seconds; `make contract-standin` runs the same at the default, polite settings.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from customers_contract import coverage, drift, polite, record, targets
from customers_contract.interactions import Interaction
from customers_mock import datafile
from customers_mock.testing import MockServer
from tests.support import specs

RUNNER = specs.ROOT / "scripts" / "contract_live.py"
FAST = ["--rate", "200"]  # the stand-ins answer in a millisecond; the default 5/s is for real vendors
CREDENTIALS = [name for names in targets.CREDENTIAL_VARS.values() for name in names] + ["STRADDLE_ACCOUNT_ID"]


def _run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, str(RUNNER), "--reports", str(tmp_path / "reports"), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env, check=False)


def _drift(tmp_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((tmp_path / "reports" / "drift.json").read_text())
    return data


# ---- end to end -----------------------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[str, list[object]]]:
    """A TCP listener on 127.0.0.1 that counts the connections made to it (none should be)."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    accepted: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            accepted.append(conn)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    server.close()


def test_live_run_without_credentials_sends_nothing(tmp_path: Path, listener: tuple[str, list[object]]) -> None:
    """With base URLs but no credentials, a live run exits 2 naming the variables, and connects to nothing."""
    url, accepted = listener
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIALS}
    env |= {"SEQUENCE_BASE_URL": url, "STRADDLE_BASE_URL": url}
    result = _run(tmp_path, "--live", env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "SEQUENCE_CLIENT_ID" in result.stdout
    assert "STRADDLE_API_KEY" in result.stdout
    assert accepted == []


def test_live_mode_passes_against_a_stand_in_vendor(tmp_path: Path) -> None:
    """Against a separately started mock the live run passes, finds no breaking drift and records a usable file."""
    recorded = tmp_path / "customers.json"
    result = _run(tmp_path, "--live", "--stand-in", "mock", *FAST, "--record", str(recorded))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "contract: 7 passed, 0 failed" in output  # 3 st passes, vendor contract, record, coverage, drift
    assert "SKIPPED" in output or "skipped" in output  # the mock-only vendor tests, with their reason
    assert _drift(tmp_path)["breaking"] == 0
    ledger = json.loads((tmp_path / "reports" / "live-ledger.json").read_text())
    assert 0 < ledger["sent"] <= ledger["budget"]
    loaded = datafile.load(recorded)  # the mock's own validation accepts the recording
    assert len(loaded["sequence"]["acme"]) == 300
    assert len(loaded["straddle"]["acme"]) == 300


def test_live_mode_reports_every_drift_of_a_drifted_vendor(tmp_path: Path) -> None:
    """Against the drifted vendor the live run fails, and the drift report names each injected drift per API."""
    result = _run(tmp_path, "--live", "--stand-in", "drifted", *FAST)
    assert result.returncode == 1, result.stdout + result.stderr
    report = _drift(tmp_path)["apis"]
    found = {api: {(f["kind"], f["where"]) for f in report[api]["findings"]} for api in report}
    assert {
        ("undeclared_field", "items[].loyaltyTier"),
        ("unknown_enum_value", "items[].taxStatus = 'ZERO_RATED'"),
        ("missing_required_field", "items[].legalName"),
        ("missing_required_field", "error"),  # the changed error envelope
        ("undeclared_field", "message"),
    } <= found["sequence"]
    assert {
        ("undeclared_field", "data[].risk_score"),
        ("unknown_enum_value", "data[].status = 'suspended'"),
        ("missing_required_field", "data[].phone"),
        ("missing_required_field", "meta"),  # the changed error envelope
    } <= found["straddle"]
    assert "BREAKING" in result.stdout
    assert (tmp_path / "reports" / "drift.md").read_text().count("(breaking)") >= 4  # kinds, both APIs


# ---- politeness -----------------------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def test_ledger_spaces_requests_and_stops_at_the_budget(tmp_path: Path) -> None:
    """Slots are 1/rate apart across ledger users of one file, and the budget is a hard stop."""
    clock = _Clock()
    path = tmp_path / "ledger.json"
    polite.Ledger.create(path, polite.Limits(budget=3, rate=4), clock=clock.time)
    first, second = (polite.Ledger(path, clock=clock.time, sleep=clock.sleep) for _ in range(2))
    first.acquire("GET")
    second.acquire("GET")
    first.acquire("get")
    assert clock.slept == [0.25, 0.5]
    with pytest.raises(polite.PolitenessError, match="budget of 3 spent"):
        second.acquire("GET")
    assert first.state()["sent"] == 3


def test_ledger_refuses_other_methods_and_a_passed_deadline(tmp_path: Path) -> None:
    """Only GET is ever sent, and nothing after the run's time bound."""
    clock = _Clock()
    ledger = polite.Ledger.create(tmp_path / "ledger.json", polite.Limits(max_seconds=60), clock=clock.time)
    with pytest.raises(polite.PolitenessError, match="GET only"):
        ledger.acquire("POST")
    clock.now += 61
    with pytest.raises(polite.PolitenessError, match="time bound"):
        ledger.acquire("GET")
    assert ledger.state()["sent"] == 0


def test_polite_client_waits_out_a_429(tmp_path: Path, mock_server: MockServer) -> None:
    """A 429 with Retry-After is retried after it, and the retry takes a slot of its own."""
    ledger = polite.Ledger.create(tmp_path / "ledger.json", polite.Limits(rate=100))
    fault = "status=429; times=1; retry-after=1; key=polite-429"
    with polite.polite_client(mock_server.base_url, ledger, headers=mock_server.straddle_headers) as client:
        response = client.get("/v1/customers", headers={"X-Mock-Fault": fault})
    assert response.status_code == 200
    assert ledger.state()["sent"] == 2


# ---- targets --------------------------------------------------------------------------------------


def test_targets_come_from_credentials_only() -> None:
    """An API is live only when all its credentials are set; base URLs default to the sandboxes; no secret in repr."""
    target = targets.from_env({"STRADDLE_API_KEY": "sk_live_secret", "SEQUENCE_CLIENT_ID": "only-the-id"})
    assert list(target.apis) == ["straddle"]
    assert target.apis["straddle"].base_url == "https://sandbox.straddle.com"
    assert "sk_live_secret" not in repr(target)
    both = targets.from_env(
        {
            "SEQUENCE_CLIENT_ID": "a",
            "SEQUENCE_CLIENT_SECRET": "b",
            "SEQUENCE_BASE_URL": "http://x/",
            "STRADDLE_API_KEY": "k",
        }
    )
    assert both.apis["sequence"].base_url == "http://x"
    assert both.apis["sequence"].auth_headers == {"Authorization": "Basic YTpi"}


# ---- drift analysis -------------------------------------------------------------------------------


def _answer(status: int, body: Any, headers: dict[str, str] | None = None, case: str = "c1") -> Interaction:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    all_headers = {"content-type": "application/json", **(headers or {})}
    return Interaction(case, "GET", "http://h/api/customers", {}, status, all_headers, content, 0.01, 0.0)


SEQ_CUSTOMER = {"id": "e309e948-088e-4d77-b654-cd85498f1555", "createdAt": "2021-01-02T10:55:00Z", "legalName": "X"}
SEQ_OK = {"items": [SEQ_CUSTOMER], "pagination": {"totalResultSize": 1}}
VERSION = {"sequence-version": "2024-07-30"}


def test_drift_finds_each_kind() -> None:
    """Each kind of drift is found at its place, with the example request id it came from."""
    changed = json.loads(json.dumps(SEQ_OK))
    changed["items"][0] |= {"taxStatus": "ZERO_RATED", "loyaltyTier": "gold", "createdAt": 20210102}
    del changed["items"][0]["legalName"]
    report = drift.analyze(
        "sequence",
        [
            _answer(200, SEQ_OK, VERSION),
            _answer(200, changed, VERSION, case="changed"),
            _answer(200, SEQ_OK, case="no-version-header"),
            _answer(418, {"error": "teapot"}, VERSION, case="teapot"),
            _answer(400, b"oops", {"content-type": "text/plain", **VERSION}, case="plain"),
        ],
    )
    found = {(f.kind, f.where): f.example_request_id for f in report.findings.values()}
    assert found[("unknown_enum_value", "items[].taxStatus = 'ZERO_RATED'")] == "schemathesis case changed"
    assert found[("undeclared_field", "items[].loyaltyTier")] == "schemathesis case changed"
    assert found[("missing_required_field", "items[].legalName")] == "schemathesis case changed"
    assert ("schema_violation", "items[].createdAt") in found
    assert found[("missing_header", "Sequence-Version (status 200)")] == "schemathesis case no-version-header"
    assert found[("undeclared_status", "418")] == "schemathesis case teapot"
    assert found[("undeclared_content_type", "text/plain (status 400)")] == "schemathesis case plain"
    assert ("never_seen", "items[].email") in found
    assert not any(f.breaking for f in report.findings.values() if f.kind in ("undeclared_field", "never_seen"))


def test_drift_of_a_conforming_run_is_empty_but_for_fields_never_seen() -> None:
    """Responses that match the spec give no finding but the declared fields they did not carry."""
    report = drift.analyze("sequence", [_answer(200, SEQ_OK, VERSION)])
    assert report.kinds() == {"never_seen"}
    assert report.breaking == []


def test_straddle_drift_names_the_vendor_request_id() -> None:
    """A Straddle finding's example request id is the vendor's own meta.api_request_id."""
    body = {"meta": {"api_request_id": "5d1c5b8e-3f0a-4a4e-9a52-0b7e2d1f6c11", "api_request_timestamp": "x"}}
    report = drift.analyze("straddle", [_answer(400, body)])
    assert {f.example_request_id for f in report.findings.values()} == {"5d1c5b8e-3f0a-4a4e-9a52-0b7e2d1f6c11"}


def test_drift_reports_are_markdown_and_json(tmp_path: Path) -> None:
    """The report is written per API as Markdown and JSON, with the breaking count."""
    report = drift.analyze("sequence", [_answer(418, {"error": "teapot"}, VERSION)])
    markdown, data = drift.write({"sequence": report}, "test", tmp_path)
    assert "Statuses the spec does not declare (breaking)" in markdown.read_text()
    assert json.loads(data.read_text())["apis"]["sequence"]["breaking"] == 1


# ---- coverage -------------------------------------------------------------------------------------


def test_coverage_threshold_fails_a_run_that_exercised_nothing() -> None:
    """The mock run's thresholds are real: a run without requests is below every one of them."""
    for api in targets.APIS:
        violations = coverage.measure(api, []).violations(coverage.THRESHOLDS[api])
        assert {line.split()[0] for line in violations} == set(coverage.THRESHOLDS[api])


# ---- recording ------------------------------------------------------------------------------------

PRIVATE_SEQUENCE = {
    "id": "e309e948-088e-4d77-b654-cd85498f1555",
    "createdAt": "2021-01-02T10:55:00Z",
    "legalName": "Jane Doe Holdings",
    "email": "jane@doe.example",
    "url": "https://janedoe.example/",
    "domain": "janedoe.example",
    "label": "Jane's VIP",
    "address": {"line1": "1 Private Road", "town": "Smalltown", "postcode": "AB1 2CD", "country": "GB"},
    "organizations": [
        {
            "id": "c0dc4e79-ec52-4811-8cf5-addb2527915c",
            "owner": {"id": "50af5191-05a3-42a5-802a-6b59091157af", "name": "John Doe"},
            "members": [{"id": "e309e948-088e-4d77-b654-cd85498f1555", "name": "Jane Doe Holdings"}],
        }
    ],
    "integrationIds": [{"service": "Stripe", "id": "cus_SECRET123", "isPending": False}],
    "taxStatus": "TAXED",
    "customProperties": {"region": "Jane's street"},
    "internalNotes": "call after 6pm",
}
PRIVATE_STRADDLE = {
    "id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
    "created_at": "2019-12-27T18:11:19.117Z",
    "email": "jane@doe.example",
    "name": "Jane Doe",
    "phone": "+447700900123",
    "status": "verified",
    "type": "individual",
    "updated_at": "2019-12-27T18:11:19.117Z",
    "external_id": "crm-4711",
}
PRIVATE_VALUES = [
    "Jane Doe", "jane@doe.example", "janedoe.example", "Jane's VIP", "1 Private Road", "Smalltown", "AB1 2CD",
    "John Doe", "cus_SECRET123", "Jane's street", "call after 6pm", "+447700900123", "crm-4711", "internalNotes",
]  # fmt: skip


def test_recording_scrubs_personal_data_and_keeps_the_shape(tmp_path: Path) -> None:
    """No listed name, contact, address, external id or undeclared field reaches the file; ids, enums, structure do."""
    recording = record.Recording(account="acme")
    recording.add("sequence", [PRIVATE_SEQUENCE])
    recording.add("straddle", [PRIVATE_STRADDLE])
    path = tmp_path / "customers.json"
    recording.write(path)  # loads it as the mock would
    text = path.read_text()
    assert [value for value in PRIVATE_VALUES if value in text] == []
    data = datafile.load(path)
    [(seq, _)] = data["sequence"]["acme"]
    [(strad, _)] = data["straddle"]["acme"]
    assert (seq["id"], seq["taxStatus"], seq["address"]["country"]) == (PRIVATE_SEQUENCE["id"], "TAXED", "GB")
    assert seq["organizations"][0]["members"][0]["name"] == seq["legalName"]  # equal values stay equal
    assert seq["integrationIds"][0]["service"] == "Stripe"
    assert set(seq["customProperties"]) == {"region"}
    assert (strad["status"], strad["type"], strad["created_at"]) == (
        "verified",
        "individual",
        "2019-12-27T18:11:19.117Z",
    )
    assert recording.dropped_fields["sequence"] == {"internalNotes"}


def test_recording_is_deterministic(tmp_path: Path) -> None:
    """The same listing gives the same file (placeholders come from hashes, not chance)."""
    files = []
    for name in ("a.json", "b.json"):
        recording = record.Recording(account="acme")
        recording.add("straddle", [PRIVATE_STRADDLE])
        recording.write(tmp_path / name)
        files.append((tmp_path / name).read_bytes())
    assert files[0] == files[1]


def test_recording_names_records_that_break_the_spec(tmp_path: Path) -> None:
    """A listed record the spec rejects is left out and named with the reason; the rest is written."""
    broken = {**PRIVATE_STRADDLE, "id": "0b0e8c8e-0000-4000-8000-000000000001", "status": "suspended"}
    recording = record.Recording(account="acme")
    recording.add("straddle", [PRIVATE_STRADDLE, broken, PRIVATE_STRADDLE])
    recording.write(tmp_path / "customers.json")
    assert len(recording.customers["straddle"]) == 1
    assert recording.refused[0].startswith("straddle.acme[0b0e8c8e-0000-4000-8000-000000000001].status: 'suspended'")
    assert recording.refused[1].endswith("listed twice")


def test_polite_client_without_a_ledger_is_a_plain_client(mock_server: MockServer) -> None:
    """In the mock run the vendor tests use a plain client: no ledger, no retries."""
    with polite.polite_client(mock_server.base_url, None, headers=mock_server.straddle_headers) as client:
        assert isinstance(client._transport, httpx.HTTPTransport)
        assert client.get("/v1/customers").status_code == 200
