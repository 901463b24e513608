"""Data sets: generated data satisfies the spec; a data file loads whole or not at all."""

from __future__ import annotations

import subprocess
import sys
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

SEQUENCE_CUSTOMER = {"id": "e309e948-088e-4d77-b654-cd85498f1555", "createdAt": "2021-01-02T10:55:00Z"}
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
        assert seq["items"] == [{**SEQUENCE_CUSTOMER, "legalName": "Fintech"}]
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


def test_server_refuses_to_start_on_a_bad_file(tmp_path: Path) -> None:
    """The command exits with status 2 and the reason, without serving partial data."""
    path = _write(tmp_path, {"sequence": {"acme": [{"id": 7}]}})
    result = subprocess.run(
        [sys.executable, "-m", "customers_mock", "--data", str(path), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "sequence.acme[0].id" in result.stderr
    assert "Uvicorn running" not in result.stdout + result.stderr


def test_unreadable_and_non_json_files_are_refused(tmp_path: Path) -> None:
    """A missing file or one that is not JSON is refused with a message, not a traceback."""
    with pytest.raises(datafile.DataFileError, match="cannot read"):
        datafile.load(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(datafile.DataFileError, match="not valid JSON"):
        datafile.load(broken)
