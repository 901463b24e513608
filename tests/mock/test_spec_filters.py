"""Filters declared in the spec (x-mock-filter): a spec copy with new ones is honoured, a bad one stops the mock."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from customers_mock import filters, spec
from customers_mock.testing import start_mock_server

SEQUENCE_PARAMS = ("paths", "/api/customers", "get", "parameters")
STRADDLE_PARAMS = ("paths", "/v1/customers", "get", "parameters")


def _specs(tmp_path: Path, api: str, where: tuple[str, ...], change: Callable[[list[Any]], None]) -> Path:
    """A copy of the mock's specs with ``change`` applied to ``api``'s parameter list."""
    specs = tmp_path / "specs"
    shutil.copytree(spec.spec_dir(), specs)
    document = yaml.safe_load((specs / f"{api}.yaml").read_text())
    node = document
    for key in where:
        node = node[key]
    change(node)
    (specs / f"{api}.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return specs


def _all(client: httpx.Client, url: str, **params: Any) -> list[dict[str, Any]]:
    page = client.get(url, params={"page_size": 1000, **params}).json()
    assert page["meta"]["total_items"] <= 1000
    return list(page["data"])


def test_new_declared_filters_filter_with_no_handler_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Straddle gains phone (contains) and kind (one_of on type, a string parameter): each filters as declared."""

    def change(parameters: list[Any]) -> None:
        parameters += [
            {"name": "phone", "in": "query", "schema": {"type": "string"},
             "x-mock-filter": {"field": "phone", "op": "contains"}},
            {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["individual", "business"]},
             "x-mock-filter": {"field": "type", "op": "one_of"}},
        ]  # fmt: skip

    monkeypatch.setenv(spec.SPEC_DIR_ENV, str(_specs(tmp_path, "straddle", STRADDLE_PARAMS, change)))
    with start_mock_server(customers=400) as server, httpx.Client(headers=server.straddle_headers) as client:
        everyone = _all(client, server.straddle_url)
        phone = _all(client, server.straddle_url, phone="+4420")
        business = _all(client, server.straddle_url, kind="business", status="verified")
        response = client.get(server.straddle_url, params={"phone": "1"})
        log = server.log()
    assert phone == [c for c in everyone if "+4420" in c["phone"]]
    assert phone
    assert business == [c for c in everyone if c["type"] == "business" and c["status"] == "verified"]
    assert business
    assert "X-Mock-Ignored-Parameters" not in response.headers
    assert "WARNING" not in log


def _declaring(declared: Any, location: str = "query", **schema: str) -> dict[str, Any]:
    """A parameter ``x`` carrying ``declared`` as its x-mock-filter."""
    return {"name": "x", "in": location, "schema": {"type": "string", **schema}, "x-mock-filter": declared}


@pytest.mark.parametrize(
    ("parameter", "message"),
    [
        (
            _declaring({"field": "email", "op": "like"}),
            "openapi/sequence.yaml parameter 'x': x-mock-filter.op must be one of equals, contains, one_of,",
        ),
        (_declaring({"field": "email", "op": "equals"}, location="header"), "is only for query parameters"),
        (
            _declaring({"field": "createdAt", "op": "after"}),
            "op after compares date-times, so the parameter needs format",
        ),
        (
            _declaring({"field": "legalName", "op": "before"}, format="date-time"),
            "op after/before on 'legalName', which is not a date-time field",
        ),
        (_declaring({"field": "email"}), "must be an object with exactly the keys field and op"),
    ],
)
def test_a_declaration_the_mock_cannot_honour_stops_it_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parameter: dict[str, Any], message: str
) -> None:
    """A wrong x-mock-filter is exit status 2 with a message naming the spec, parameter and problem; no traceback."""
    monkeypatch.setenv(
        spec.SPEC_DIR_ENV, str(_specs(tmp_path, "sequence", SEQUENCE_PARAMS, lambda p: p.append(parameter)))
    )
    with pytest.raises(RuntimeError) as failed, start_mock_server(customers=5):
        pass
    assert message in str(failed.value)
    assert "Traceback" not in str(failed.value)


def test_a_declared_filter_whose_parameter_changed_type_is_reported_not_misread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """label retyped to an array under op equals: the mock still starts, warns, and ignores it (and says so)."""

    def change(parameters: list[Any]) -> None:
        [label] = [p for p in parameters if p["name"] == "label"]
        label["schema"] = {"type": "array", "items": {"type": "string"}}

    monkeypatch.setenv(spec.SPEC_DIR_ENV, str(_specs(tmp_path, "sequence", SEQUENCE_PARAMS, change)))
    with start_mock_server(customers=50) as server, httpx.Client(auth=server.sequence_auth) as client:
        labelled = client.get(server.sequence_url, params={"label": "SMB"})
        everyone = client.get(server.sequence_url)
        log = server.log()
    assert "sequence parameter 'label' (query) is of type array in the spec (the mock reads string)" in log
    assert labelled.headers["X-Mock-Ignored-Parameters"] == "label"
    assert labelled.json()["pagination"] == everyone.json()["pagination"]  # not applied, and said so


def test_the_shipped_specs_declare_the_standard_filters() -> None:
    """The migrated filters are declared in the specs; the ones with logic of their own are not."""
    declared = {api: {d.parameter: (d.field, d.op) for d in filters.declared(api)} for api in ("sequence", "straddle")}
    assert declared["sequence"] == {n: (n, "equals") for n in ("legalName", "email", "label")}
    assert declared["straddle"] == {
        "created_from": ("created_at", "after"),
        "created_to": ("created_at", "before"),
        "email": ("email", "equals"),
        "external_id": ("external_id", "equals"),
        "name": ("name", "contains"),
        "status": ("status", "one_of"),
        "types": ("type", "one_of"),
    }
