"""The live mode of customers-contract, piece by piece: ledger, targets, probe, drift, recording, reports.

The end-to-end runs of the installed command (embedded mock, a mock posing as the vendor, the
drifted stand-in, no credentials) are in `tests/packaging/test_contract_install.py`. Here the
pieces run in process against real servers on 127.0.0.1, plus the command's own outcomes for
an unreachable vendor and refused credentials (`python -m customers_contract`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from customers_contract import coverage, drift, polite, record, runner, targets
from customers_contract.interactions import Interaction
from customers_contract.outcome import Exit, UsageError
from customers_contract.reports import MARKER, Reports
from customers_contract.standin import DriftedVendor
from customers_mock import accounts, datafile
from customers_mock.app import create_app
from customers_mock.settings import MockSettings
from customers_mock.testing import MockServer, free_port
from tests.support.servers import serve_in_thread

CREDENTIALS = [name for names in targets.CREDENTIAL_VARS.values() for name in names] + ["STRADDLE_ACCOUNT_ID"]


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
    assert found[("new_enum_value", "items[].taxStatus = 'ZERO_RATED'")] == "schemathesis case changed"
    assert found[("undeclared_field", "items[].loyaltyTier")] == "schemathesis case changed"
    assert found[("missing_required_field", "items[].legalName")] == "schemathesis case changed"
    assert ("schema_violation", "items[].createdAt") in found
    assert found[("missing_header", "Sequence-Version (status 200)")] == "schemathesis case no-version-header"
    assert found[("undeclared_status", "418")] == "schemathesis case teapot"
    assert found[("undeclared_content_type", "text/plain (status 400)")] == "schemathesis case plain"
    assert ("never_seen", "items[].email") in found
    kinds = ("undeclared_field", "never_seen", "new_enum_value")
    assert not any(f.breaking for f in report.findings.values() if f.kind in kinds)


def test_the_same_body_again_counts_again_with_the_first_example() -> None:
    """A body met before (checked once) counts each time, names the first request, and finds what it found then."""
    changed = json.loads(json.dumps(SEQ_OK))
    changed["items"][0] |= {"loyaltyTier": "gold"}
    del changed["items"][0]["legalName"]
    answers = [_answer(200, changed, VERSION, case=f"case{n}") for n in range(3)]
    other = json.loads(json.dumps(changed))
    other["items"][0]["id"] = "0b7e2d1f-3f0a-4a4e-9a52-5d1c5b8e6c11"
    report = drift.analyze("sequence", [*answers, _answer(200, other, VERSION, case="other")])
    missing = report.findings[("missing_required_field", "items[].legalName")]
    undeclared = report.findings[("undeclared_field", "items[].loyaltyTier")]
    assert (missing.count, undeclared.count) == (4, 4)
    assert missing.example_request_id == undeclared.example_request_id == "schemathesis case case0"
    assert missing.seen.customer == SEQ_CUSTOMER["id"]  # the customer named, as when the body was checked
    assert undeclared.seen.customer is None


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


def test_every_finding_names_the_request_without_secrets_and_the_customer() -> None:
    """A finding in a listed customer names its id, and the request as method and URL, credentials redacted."""
    changed = json.loads(json.dumps(SEQ_OK))
    changed["items"][0]["createdAt"] = 20210102
    url = "http://user:pw@h/api/customers?limit=5&api_key=sk_live_secret"
    answer = Interaction("c", "GET", url, {}, 200, {"content-type": "application/json", **VERSION},
                         json.dumps(changed).encode(), 0.01, 0.0)  # fmt: skip
    [finding] = [f for f in drift.analyze("sequence", [answer]).findings.values() if f.kind == "schema_violation"]
    assert finding.seen.customer == SEQ_CUSTOMER["id"]
    assert finding.seen.request == "GET http://h/api/customers?limit=5&api_key=%5Bredacted%5D"
    assert "sk_live_secret" not in finding.example()
    assert "pw" not in finding.example()


def test_an_open_enum_asks_for_a_spec_update_and_a_closed_one_breaks() -> None:
    """Per the spec's promise: a new taxStatus (open enum) is a spec update; a new Straddle `type` (closed) breaks."""
    seq = json.loads(json.dumps(SEQ_OK))
    seq["items"][0]["taxStatus"] = "ZERO_RATED"
    [new] = drift.analyze("sequence", [_answer(200, seq, VERSION)]).spec_updates
    assert (new.kind, new.severity) == ("new_enum_value", drift.SPEC_UPDATE)
    straddle_page = {
        "data": [{"id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", "created_at": "2019-12-27T18:11:19.117Z",
                  "email": "a@b.example", "name": "A", "phone": "+447700900123", "status": "verified",
                  "type": "robot", "updated_at": "2019-12-27T18:11:19.117Z"}],
        "meta": {"api_request_id": "5d1c5b8e-3f0a-4a4e-9a52-0b7e2d1f6c11",
                 "api_request_timestamp": "2024-01-01T00:00:00Z",
                 "max_page_size": 1000, "page_number": 1, "page_size": 100, "sort_by": "name", "sort_order": "asc",
                 "total_items": 1, "total_pages": 1},
        "response_type": "array",
    }  # fmt: skip
    report = drift.analyze("straddle", [_answer(200, straddle_page)])
    assert [(f.kind, f.where) for f in report.breaking] == [("unknown_enum_value", "data[].type = 'robot'")]


def test_a_renamed_cursor_is_breaking_drift_named_as_such() -> None:
    """A first page with more results and `next` instead of `after`: the missing cursor is breaking, `next` is named."""
    page = {"items": [SEQ_CUSTOMER], "pagination": {"totalResultSize": 5, "next": "MDE4"}}
    report = drift.analyze("sequence", [_answer(200, page, VERSION)])
    [missing] = report.breaking
    assert (missing.kind, missing.where) == ("missing_pagination_field", "pagination.after")
    assert "`pagination.next` instead" in missing.detail
    assert ("undeclared_field", "pagination.next") in report.findings
    last = {"items": [SEQ_CUSTOMER], "pagination": {"totalResultSize": 1}}  # one page: no cursor is right
    assert drift.analyze("sequence", [_answer(200, last, VERSION)]).breaking == []


def test_no_successful_response_is_not_reported_as_no_drift(tmp_path: Path) -> None:
    """Every answer a 401: the report says nothing was compared, never "No drift"."""
    unauthorized = {"error": {"type": "unauthorized", "message": "no"}}
    report = drift.analyze("sequence", [_answer(401, unauthorized, VERSION)])
    markdown = drift.to_markdown({"sequence": report}, "test")
    assert "No successful response" in markdown
    assert "No drift" not in markdown


# ---- probe and the command's outcomes -------------------------------------------------------------


def test_probe_tells_unreachable_from_refused(mock_server: MockServer) -> None:
    """A closed port is UNREACHABLE, wrong credentials REFUSED, the demo credentials pass."""
    closed = f"http://127.0.0.1:{free_port()}"
    assert runner.probe(targets.ApiTarget("straddle", closed, ("k",)), None)[0] is Exit.UNREACHABLE  # type: ignore[index]
    wrong = targets.ApiTarget("straddle", mock_server.base_url, ("sk_test_wrong",))
    assert runner.probe(wrong, None)[0] is Exit.REFUSED  # type: ignore[index]
    right = targets.ApiTarget("straddle", mock_server.base_url, (mock_server.straddle_api_key,))
    assert runner.probe(right, None) is None


def test_command_names_an_unreachable_vendor_and_refused_credentials(tmp_path: Path, mock_server: MockServer) -> None:
    """Sequence unreachable, Straddle refusing the key: both named, both in the drift report, exit 4, no traceback."""
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIALS}
    env |= {
        "SEQUENCE_BASE_URL": f"http://127.0.0.1:{free_port()}",
        "SEQUENCE_CLIENT_ID": "id", "SEQUENCE_CLIENT_SECRET": "s",
        "STRADDLE_BASE_URL": mock_server.base_url, "STRADDLE_API_KEY": "sk_test_wrong",
    }  # fmt: skip
    reports = tmp_path / "reports"
    cmd = [sys.executable, "-m", "customers_contract", "run", "--against", "live", "--reports", str(reports)]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == Exit.UNREACHABLE, output
    assert "Traceback" not in output
    assert "sequence: NOT TESTED" in output
    assert "did not answer" in output
    assert "straddle: NOT TESTED" in output
    assert "refused the credentials" in output
    report = json.loads((reports / "drift.json").read_text())["apis"]
    assert "did not answer" in report["sequence"]["untested"]
    assert "refused" in report["straddle"]["untested"]
    assert "sk_test_wrong" not in output + (reports / "summary.md").read_text()


def test_command_exits_3_when_only_the_credentials_are_refused(tmp_path: Path, mock_server: MockServer) -> None:
    """Wrong secret: exit 3 (REFUSED), not "No drift"."""
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIALS}
    env |= {"STRADDLE_BASE_URL": mock_server.base_url, "STRADDLE_API_KEY": "sk_test_wrong"}
    cmd = [sys.executable, "-m", "customers_contract", "run", "--against", "live", "--reports", str(tmp_path / "r")]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == Exit.REFUSED, result.stdout + result.stderr
    assert "No drift" not in (tmp_path / "r" / "drift.md").read_text()


# ---- the reports folder ---------------------------------------------------------------------------


def test_reports_folder_is_emptied_each_run_but_never_a_folder_of_yours(tmp_path: Path) -> None:
    """A marked folder loses an old drift.md; an unmarked folder with files is refused and left as it was."""
    ours = tmp_path / "reports"
    Reports(ours).prepare()
    (ours / "drift.md").write_text("old")
    (ours / "schemathesis-html").mkdir()
    Reports(ours).prepare()
    assert sorted(p.name for p in ours.iterdir()) == [MARKER]
    yours = tmp_path / "project"
    yours.mkdir()
    (yours / "main.py").write_text("keep me")
    with pytest.raises(UsageError, match="not empty"):
        Reports(yours).prepare()
    assert (yours / "main.py").read_text() == "keep me"


# ---- recording, complete or loud ------------------------------------------------------------------


def _sequence_target(base_url: str) -> targets.Target:
    creds = (accounts.SEQUENCE_CLIENT_ID, accounts.SEQUENCE_CLIENT_SECRET)
    return targets.Target(True, {"sequence": targets.ApiTarget("sequence", base_url, creds)})


def _one_page(body: Any, media_type: str = "application/json") -> Starlette:
    async def page(request: Request) -> Response:
        if media_type == "text/html":
            return HTMLResponse("<html><body>Maintenance</body></html>")
        return JSONResponse(body, headers={"Sequence-Version": "2024-07-30"})

    return Starlette(routes=[Route("/api/customers", page)])


def test_recording_fails_loudly_on_an_html_page(tmp_path: Path) -> None:
    """A vendor answering an HTML page: RecordError naming the request and the media type, no file, no traceback."""
    with serve_in_thread(_one_page(None, "text/html")) as url, pytest.raises(record.RecordError, match="text/html"):
        record.record(_sequence_target(url), None, tmp_path / "c.json", 1000)
    assert not (tmp_path / "c.json").exists()


def test_recording_fails_when_a_renamed_cursor_ends_the_walk_early(tmp_path: Path) -> None:
    """The drifted stand-in's renamed cursor: the walk lists 100 of 250 and says so instead of "ok"."""
    app = DriftedVendor(create_app(MockSettings(customers=250, seed=3)), ["renamed_cursor"])
    with serve_in_thread(app) as url, pytest.raises(record.RecordError, match="listed 100 of 250"):
        record.record(_sequence_target(url), None, tmp_path / "c.json", 1000)


def test_recording_names_a_wrongly_typed_field_as_the_vendor_sent_it(tmp_path: Path) -> None:
    """An integer postcode is named as a wrong type of `address.postcode`, not as a missing property."""
    customer = {**SEQ_CUSTOMER, "address": {"line1": "1 Road", "town": "T", "postcode": 12345, "country": "GB"}}
    app = _one_page({"items": [customer], "pagination": {"totalResultSize": 1}})
    with serve_in_thread(app) as url, pytest.raises(record.RecordError) as caught:
        record.record(_sequence_target(url), None, tmp_path / "c.json", 1000)
    assert "address.postcode: 12345 is not of type 'string'" in str(caught.value)
    assert SEQ_CUSTOMER["id"] in str(caught.value)


def test_recording_a_whole_listing_loads_in_the_mock(tmp_path: Path) -> None:
    """Against the mock every customer, archived ones included, is recorded and the file loads."""
    with serve_in_thread(create_app(MockSettings(customers=150, seed=3))) as url:
        recording = record.record(_sequence_target(url), None, tmp_path / "c.json", 1000)
        total = httpx.get(
            f"{url}/api/customers",
            params={"includeArchived": "true"},
            auth=(accounts.SEQUENCE_CLIENT_ID, accounts.SEQUENCE_CLIENT_SECRET),
        ).json()
    assert len(recording.customers["sequence"]) == total["pagination"]["totalResultSize"] == 150
    assert len(datafile.load(tmp_path / "c.json")["sequence"]["acme"]) == 150


def test_vendor_data_is_escaped_before_it_reaches_a_terminal() -> None:
    """A field name with an escape sequence is printed escaped, never as a control character."""
    assert drift.printable("items[].\x1b[31mred") == "items[].\\x1b[31mred"
