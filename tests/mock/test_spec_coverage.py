"""The mock never silently ignores the spec: every declared parameter has semantics, or the mock says it has not."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
import yaml

from customers_mock import coverage, sequence, spec, straddle
from customers_mock.testing import start_mock_server

HANDLERS = {sequence.API: sequence, straddle.API: straddle}
CASES = {sequence.API: "SEQUENCE_CASES", straddle.API: "STRADDLE_CASES"}


def _handler_file(api: str) -> str:
    return f"packages/customers-mock/src/customers_mock/{api}.py"


@pytest.mark.parametrize("api", sorted(HANDLERS))
def test_every_spec_parameter_has_semantics_in_the_mock(api: str) -> None:
    """Each parameter the spec declares is implemented by the mock's handler, as its type in the spec."""
    implemented = HANDLERS[api].PARAMETERS
    problems = []
    for name in coverage.ignored(api, implemented):
        kind = spec.operation(api).parameters[name].kind
        if name in implemented:
            problem = f"of type {kind}, which the mock reads as {implemented[name]}: change its semantics in"
        else:
            problem = "which the mock gives no meaning: implement it in"
        problems.append(
            f"openapi/{api}.yaml declares parameter {name!r} {problem} {_handler_file(api)} (and PARAMETERS there)"
            f" - or, if it compares one customer field in a standard way, declare x-mock-filter on it in"
            f" openapi/{api}.yaml (docs/mock.md) - and its contract case in {CASES[api]} in"
            " tests/contract/test_clients.py"
        )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("api", sorted(HANDLERS))
def test_the_mock_implements_no_parameter_the_spec_lacks(api: str) -> None:
    """Every parameter the handler implements is still in the spec (a removed one must go from the mock too)."""
    extra = coverage.stale(api, HANDLERS[api].PARAMETERS)
    assert not extra, "\n".join(
        f"{_handler_file(api)} implements parameter {name!r}, which openapi/{api}.yaml no longer declares:"
        f" remove it (PARAMETERS and its semantics) there, and its case from {CASES[api]} in"
        " tests/contract/test_clients.py"
        for name in extra
    )


def test_an_ignored_parameter_is_reported_at_start_and_on_each_response_that_uses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spec with a parameter the mock lacks: one warning line naming it at start, a header (and journal) per use."""
    specs = tmp_path / "specs"
    shutil.copytree(spec.spec_dir(), specs)
    document = yaml.safe_load((specs / "straddle.yaml").read_text())
    document["paths"]["/v1/customers"]["get"]["parameters"].append(
        {"name": "region", "in": "query", "required": False, "schema": {"type": "string", "enum": ["EU", "US"]}}
    )
    (specs / "straddle.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    monkeypatch.setenv(spec.SPEC_DIR_ENV, str(specs))

    with start_mock_server(customers=20) as server, httpx.Client(headers=server.straddle_headers) as client:
        warnings = [line for line in server.log().splitlines() if "WARNING: straddle parameter" in line]
        used = client.get(server.straddle_url, params={"region": "EU"})
        unused = client.get(server.straddle_url)
        invalid = client.get(server.straddle_url, params={"region": "Mars"})
        journaled = [(r.params.get("region"), r.ignored_parameters) for r in server.requests()]

    assert warnings == [
        "customers_mock WARNING: straddle parameter 'region' (query) is in the spec but has no meaning in this mock:"
        " validated, then ignored (responses that use it carry X-Mock-Ignored-Parameters)"
    ]
    assert used.status_code == 200
    assert used.headers["X-Mock-Ignored-Parameters"] == "region"
    assert used.json()["meta"]["total_items"] == unused.json()["meta"]["total_items"]  # ignored, and says so
    assert "X-Mock-Ignored-Parameters" not in unused.headers
    assert invalid.status_code == 400  # still validated against the spec
    assert journaled == [(["EU"], ["region"]), (None, []), (["Mars"], ["region"])]  # the journal says so too
    assert invalid.headers["X-Mock-Ignored-Parameters"] == "region"
