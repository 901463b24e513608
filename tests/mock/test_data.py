"""Data sets: generated data satisfies the spec; a data file loads whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from customers_mock import datafile
from customers_mock.dataset import SequenceData, StraddleData
from customers_mock.testing import start_mock_server
from tests.mock.bodies import checked
from tests.support.specs import validator

SEQUENCE_CUSTOMER: dict[str, Any] = {
    "id": "e309e948-088e-4d77-b654-cd85498f1555",
    "createdAt": "2021-01-02T10:55:00Z",
    "address": {
        "line1": "7500 Bluewater Rd NW",
        "town": "Albuquerque",
        "state": "NM",
        "postcode": "87121",
        "country": "US",
    },
    "taxStatus": "TAXED",
}
# What a loaded Sequence record without them is given: Sequence sends these on every customer, empty for none.
SEQUENCE_EMPTY: dict[str, Any] = {"organizations": [], "integrationIds": [], "customProperties": {}}
STRADDLE_CUSTOMER = {
    "id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
    "created_at": "2019-12-27T18:11:19.117Z",
    "email": "dev@example.com",
    "name": "Dev Example",
    "phone": "+46991022",
    "status": "pending",
    "type": "individual",
    "updated_at": "2019-12-27T18:11:19.117Z",
    "external_id": None,
}


def test_generated_customers_satisfy_the_spec_and_spread_over_every_value() -> None:
    """Generated customers validate against the spec and cover every enum value, archived and not."""
    seq = SequenceData(seed=9, account="acme", count=400)
    strad = StraddleData(seed=9, account="acme", count=400)
    seq_check = validator("sequence", "/components/schemas/Customer")
    strad_check = validator("straddle", "/components/schemas/CustomerSummaryV1")
    seq_items = [seq.customer(i) for i in range(400)]
    strad_items = [strad.customer(i) for i in range(400)]
    for item in seq_items:
        seq_check.validate(item)
    for item in strad_items:
        strad_check.validate(item)
    assert {c["taxStatus"] for c in seq_items} == {"TAXED", "TAX_EXEMPT", "REVERSE_CHARGED"}
    assert any("archivedAt" in c for c in seq_items)
    assert any("organizations" in c for c in seq_items)
    assert any("integrationIds" in c for c in seq_items)
    assert {c["status"] for c in strad_items} == {"pending", "review", "verified", "inactive", "rejected"}
    assert {c["type"] for c in strad_items} == {"individual", "business"}
    assert {c["external_id"] is None for c in strad_items} == {True, False}
    assert len({c["created_at"][:4] for c in strad_items}) >= 5  # spread over years


def test_generation_is_deterministic_per_seed() -> None:
    """The same seed gives the same customers; another seed gives others."""
    assert SequenceData(1, "acme", 50).customer(7) == SequenceData(1, "acme", 50).customer(7)
    assert StraddleData(1, "acme", 50).customer(7) != StraddleData(2, "acme", 50).customer(7)


def _write(tmp_path: Path, content: Any) -> Path:
    path = tmp_path / "customers.json"
    path.write_bytes(orjson.dumps(content))
    return path


def test_data_file_is_served(tmp_path: Path) -> None:
    """Customers from --data are what each account lists (aliases filter, but are never returned)."""
    content = {
        "sequence": {"acme": [{**SEQUENCE_CUSTOMER, "legalName": "Fintech", "aliases": ["fin-1"]}]},
        "straddle": {"globex": [STRADDLE_CUSTOMER]},
    }
    with start_mock_server(data=_write(tmp_path, content)) as server, httpx.Client(base_url=server.base_url) as c:
        seq = checked("sequence", c.get("/api/customers", params={"alias": "FIN-1"}, auth=server.sequence_auth))
        assert seq["items"] == [{**SEQUENCE_CUSTOMER, "legalName": "Fintech", **SEQUENCE_EMPTY}]
        empty = c.get("/v1/customers", headers=server.straddle_headers)
        assert checked("straddle", empty)["data"] == []
        other = c.get("/v1/customers", headers={"Authorization": f"Bearer {server.straddle_other_api_key}"})
        assert checked("straddle", other)["data"] == [STRADDLE_CUSTOMER]


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ({"sequence": {"acme": [SEQUENCE_CUSTOMER]}}, "sequence.acme[0]: 'legalName' is a required property"),
        (
            {"sequence": {"acme": [{**SEQUENCE_CUSTOMER, "legalName": "F", "archivedAt": "last week"}]}},
            "sequence.acme[0].archivedAt: 'last week' is not an RFC 3339 date-time",
        ),
        ({"straddle": {"acme": [{**STRADDLE_CUSTOMER, "phone": "12"}]}}, "straddle.acme[0].phone"),
        ({"straddle": {"acme": [STRADDLE_CUSTOMER, {**STRADDLE_CUSTOMER, "status": "x"}]}}, "straddle.acme[1].status"),
        ({"straddle": {"acme": [STRADDLE_CUSTOMER, STRADDLE_CUSTOMER]}}, "straddle.acme[1].id: duplicate id"),
        (
            {"straddle": {"acme": [STRADDLE_CUSTOMER], "globex": [STRADDLE_CUSTOMER]}},
            "straddle.globex[0].id: duplicate id '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e', also straddle.acme[0]",
        ),
        (
            {
                "sequence": {
                    "acme": [{**SEQUENCE_CUSTOMER, "legalName": "A"}],
                    "globex": [{**SEQUENCE_CUSTOMER, "legalName": "B"}],
                }
            },
            "sequence.globex[0].id: duplicate id",
        ),
        (
            {
                "sequence": {
                    "acme": [{k: v for k, v in SEQUENCE_CUSTOMER.items() if k != "address"} | {"legalName": "F"}]
                }
            },
            "sequence.acme[0].address: missing (Sequence sends it on every customer; no default would be true)",
        ),
        (
            {
                "sequence": {
                    "acme": [{k: v for k, v in SEQUENCE_CUSTOMER.items() if k != "taxStatus"} | {"legalName": "F"}]
                }
            },
            "sequence.acme[0].taxStatus: missing",
        ),
        (
            {
                "sequence": {
                    "acme": [
                        {
                            **SEQUENCE_CUSTOMER,
                            "legalName": "F",
                            "address": {**SEQUENCE_CUSTOMER["address"], "state": "NSW"},
                        }
                    ]
                }
            },
            "sequence.acme[0].address.state: 'NSW' is not a code Sequence sends",
        ),
        ({"sequence": {"initech": []}}, "sequence.initech: unknown account"),
        ({"stripe": {}}, "stripe: unknown API"),
        ([], "expected an object"),
    ],
)
def test_invalid_data_file_is_refused_naming_record_and_field(tmp_path: Path, content: Any, named: str) -> None:
    """A file that does not validate is refused as a whole, naming the record and field."""
    with pytest.raises(datafile.DataFileError, match=r"nothing loaded|expected an object") as raised:
        datafile.load(_write(tmp_path, content))
    assert named in str(raised.value)


def test_unreadable_and_non_json_files_are_refused(tmp_path: Path) -> None:
    """A missing file or one that is not JSON is refused with a message, not a traceback."""
    with pytest.raises(datafile.DataFileError, match="cannot read"):
        datafile.load(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(datafile.DataFileError, match="not valid JSON"):
        datafile.load(broken)


def test_one_id_in_both_apis_is_allowed(tmp_path: Path) -> None:
    """Ids are unique per API: the same id for a Sequence and a Straddle customer is not a conflict."""
    ident = STRADDLE_CUSTOMER["id"]
    content = {
        "sequence": {"acme": [{**SEQUENCE_CUSTOMER, "id": ident, "legalName": "A"}]},
        "straddle": {"globex": [STRADDLE_CUSTOMER]},
    }
    loaded = datafile.load(_write(tmp_path, content))
    assert loaded["sequence"]["acme"][0][0]["id"] == loaded["straddle"]["globex"][0][0]["id"]


INVALID_RECORDS = [
    ("sequence", {**SEQUENCE_CUSTOMER, "legalName": "X", "id": 7}),
    ("sequence", {**SEQUENCE_CUSTOMER, "legalName": 5}),
    ("sequence", {**SEQUENCE_CUSTOMER, "legalName": "X", "organizations": "none"}),
    ("sequence", {**SEQUENCE_CUSTOMER, "legalName": "X", "archivedAt": 1}),
    ("sequence", {**SEQUENCE_CUSTOMER, "legalName": "X", "taxStatus": 3}),
    ("sequence", {**SEQUENCE_CUSTOMER, "legalName": None}),
    ("sequence", {**SEQUENCE_CUSTOMER, "legalName": "X", "address": {"line1": "x"}}),
    ("sequence", {**SEQUENCE_CUSTOMER, "legalName": "X", "integrationIds": [{"service": "Xero"}]}),
    ("straddle", {**STRADDLE_CUSTOMER, "phone": "+0123"}),
    ("straddle", {**STRADDLE_CUSTOMER, "phone": "+46 99 10 22"}),
    ("straddle", {**STRADDLE_CUSTOMER, "status": "unknown"}),
    ("straddle", {**STRADDLE_CUSTOMER, "updated_at": "yesterday"}),
    ("straddle", {k: v for k, v in STRADDLE_CUSTOMER.items() if k != "email"}),
    ("straddle", {**STRADDLE_CUSTOMER, "id": "ABC"}),
]


@pytest.mark.parametrize(("api", "record"), INVALID_RECORDS)
def test_fast_check_never_accepts_what_jsonschema_refuses(api: str, record: dict[str, Any]) -> None:
    """The fast validator used first on each record refuses every record the spec's jsonschema check refuses."""
    schema = f"/components/schemas/{datafile.SCHEMAS[api]}"
    assert list(validator(api, schema).iter_errors(record))
    assert not datafile.fast_validator(api).is_valid(record)


def test_fast_check_accepts_generated_customers() -> None:
    """Valid customers pass the fast validator (so the slow one runs only for bad records)."""
    for api, data in (("sequence", SequenceData(3, "acme", 300)), ("straddle", StraddleData(3, "acme", 300))):
        check = datafile.fast_validator(api)
        assert all(check.is_valid(data.customer(i)) for i in range(300))


def test_loading_reports_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """load() reports reading, parsing and validation progress (each line once), ending with every record validated."""
    monkeypatch.setattr(datafile, "_PROGRESS_EVERY", 10)
    records = [{**STRADDLE_CUSTOMER, "id": f"182bd5e5-6e1a-4fe4-a799-{i:012x}"} for i in range(50)]
    lines: list[str] = []
    datafile.load(_write(tmp_path, {"straddle": {"acme": records}}), progress=lines.append)
    assert lines[0].startswith("reading ")
    assert any("validating 50 records" in line for line in lines)
    assert "validated 50 of 50 records" in lines[-1]
    assert "validated 30 of 50 records (60%)" in lines
    assert len(lines) == len(set(lines))
