"""Realistic spec changes, each taken all the way through in a copy of the repository.

For each change: edit the spec, regenerate (``make generate``), then check the three things a user
meets - the change report's classification (and ``--fail-on-breaking``), the SDK's ``list()``
signature following the spec (mypy over a user's snippet), and what the test suite says (only the
tests that must react, not the whole suite).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.spec_change.project import Project, SuiteRun

SEQUENCE_OP = ("paths", "/api/customers", "get")
STRADDLE_OP = ("paths", "/v1/customers", "get")
COVERAGE = (  # the two checks that mock and spec agree (not the test of the warning mechanism itself)
    "tests/mock/test_spec_coverage.py::test_every_spec_parameter_has_semantics_in_the_mock",
    "tests/mock/test_spec_coverage.py::test_the_mock_implements_no_parameter_the_spec_lacks",
)
CONTRACT_CASES = "tests/contract/test_clients.py::test_every_spec_parameter_has_a_case"
SURFACE = "tests/sdk/test_public_surface.py"


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for every copy: what the copies share (httpx, attrs, ...) is checked once."""
    return tmp_path_factory.mktemp("mypy-cache")


@pytest.fixture
def project(tmp_path: Path, mypy_cache: Path) -> Project:
    """A fresh copy of the repository."""
    return Project.copy(tmp_path, mypy_cache)


def _operation(document: dict[str, Any], where: tuple[str, ...]) -> dict[str, Any]:
    node: Any = document
    for key in where:
        node = node[key]
    assert isinstance(node, dict)
    return node


def _parameter(document: dict[str, Any], where: tuple[str, ...], name: str) -> dict[str, Any]:
    [param] = [p for p in _operation(document, where)["parameters"] if p["name"] == name]
    assert isinstance(param, dict)
    return param


def _report(output: str) -> list[str]:
    """The change lines of a regeneration's report, less the spec's own revision (test_versions.py checks it)."""
    lines = [line.strip() for line in output.splitlines() if line.startswith("  ")]
    return [line for line in lines if not line.startswith("non-breaking  info version:")]


def _failed_only(run: SuiteRun, *names: str) -> None:
    """Exactly the named tests failed (the others passed)."""
    assert sorted(run.failures) == sorted(names), run.output[-3000:]
    assert run.passed, run.output[-3000:]


def test_add_an_optional_enum_filter(project: Project) -> None:
    """New optional enum query parameter: non-breaking; list(region=...) typed; the suite asks for mock semantics."""

    def change(document: dict[str, Any]) -> None:
        _operation(document, SEQUENCE_OP)["parameters"].insert(
            6,
            {
                "name": "region",
                "in": "query",
                "required": False,
                "description": "Filter by the customer's billing region.",
                "schema": {"type": "string", "enum": ["EU", "UK", "US"]},
            },
        )

    project.edit_spec("sequence", change)
    run = project.regenerate("--fail-on-breaking")

    assert run.returncode == 0, run.output
    assert _report(run.output) == [
        "non-breaking  parameter query `region`: added (optional, string enum EU | UK | US): list(region=...)"
    ]
    # 2 non-breaking: the parameter, and the spec's info.version revision make generate raised with it.
    assert "sequence-client (openapi/sequence.yaml), last generation -> now: 0 breaking, 2 non-breaking" in run.output
    changelog = (project.root / "CHANGELOG.md").read_text()
    unreleased = changelog.split("## Unreleased", 1)[1].split("\n## ", 1)[0]
    section = unreleased.split("### sequence-client (openapi/sequence.yaml)\n", 1)[1].split("\n### ", 1)[0]
    assert "- Non-breaking: parameter query `region`" in section
    errors = project.mypy(
        """
        from customers_sdk.sequence import AsyncSequence, Sequence
        from sequence_client.models import ListCustomersRegion


        def use(client: Sequence, async_client: AsyncSequence) -> None:
            client.customers.list(region=ListCustomersRegion.EU, limit=10)
            async_client.customers.list(region=ListCustomersRegion.UK)
            client.customers.list(region="Mars")
            client.customers.list(regions=[ListCustomersRegion.EU])
        """
    )
    assert [e.split(": error: ")[0] for e in errors] == ["user_code.py:9", "user_code.py:10"], errors
    assert 'Argument "region" to "list" of "Customers" has incompatible type "str"' in errors[0]
    assert 'Unexpected keyword argument "regions" for "list" of "Customers"' in errors[1]
    suite = project.pytest(*COVERAGE, CONTRACT_CASES, SURFACE)
    _failed_only(
        suite,
        "test_every_spec_parameter_has_semantics_in_the_mock[sequence]",
        "test_every_spec_parameter_has_a_case[sequence-cases0]",
    )
    assert (
        "which the mock gives no meaning: implement it in packages/customers-mock/src/customers_mock/sequence.py"
        in ("".join(suite.failures.values()))
    )
    assert "add one to SEQUENCE_CASES in tests/contract/test_clients.py" in "".join(suite.failures.values())


def test_add_a_response_field(project: Project) -> None:
    """New optional response field: non-breaking; the model has it, typed and documented; the suite passes."""

    def change(document: dict[str, Any]) -> None:
        document["components"]["schemas"]["CustomerSummaryV1"]["properties"]["phone_verified"] = {
            "type": "boolean",
            "description": "Whether the phone number was confirmed with a one-time code.",
        }

    project.edit_spec("straddle", change)
    run = project.regenerate("--fail-on-breaking")

    assert run.returncode == 0, run.output
    assert _report(run.output) == [
        "non-breaking  response field CustomerSummaryV1.phone_verified: added (optional, boolean)"
    ]
    model = project.root / "generated/straddle-client/straddle_client/models/customer_summary_v1.py"
    assert (
        "phone_verified (bool | Unset): Whether the phone number was confirmed with a one-time code."
        in model.read_text()
    )
    errors = project.mypy(
        """
        from customers_sdk.straddle import Straddle, Unset


        def use(client: Straddle) -> None:
            for customer in client.customers.list(page_size=10):
                verified: bool | Unset = customer.phone_verified
                always: bool = customer.phone_verified
        """
    )
    assert len(errors) == 1, errors
    assert errors[0].startswith("user_code.py:8: error: Incompatible types in assignment")
    suite = project.pytest(
        *COVERAGE, CONTRACT_CASES, "tests/contract/test_clients.py::test_straddle_pagination_both_ways"
    )
    _failed_only(suite)


def test_add_an_enum_value(project: Project) -> None:
    """New enum value: non-breaking (our enums are open); a member to filter by; the mock serves it; suite passes."""

    def change(document: dict[str, Any]) -> None:
        document["components"]["schemas"]["CustomerStatus"]["enum"].append("suspended")

    project.edit_spec("straddle", change)
    run = project.regenerate("--fail-on-breaking")

    assert run.returncode == 0, run.output
    assert _report(run.output) == ["non-breaking  enum CustomerStatus: enum values added: suspended"]
    errors = project.mypy(
        """
        from customers_sdk.straddle import CustomerStatus, Straddle


        def use(client: Straddle) -> None:
            client.customers.list(status=[CustomerStatus.SUSPENDED, CustomerStatus.VERIFIED])
            client.customers.list(status=[CustomerStatus.ARCHIVED])
        """
    )
    assert len(errors) == 1, errors
    assert errors[0].startswith('user_code.py:7: error: "type[CustomerStatus]" has no attribute "ARCHIVED"')
    suite = project.pytest(
        *COVERAGE,
        CONTRACT_CASES,
        *(f"tests/contract/test_clients.py::test_straddle_parameter[status-{style}]" for style in ("sync", "asyncio")),
    )
    _failed_only(suite)


def test_make_an_optional_field_required(project: Project) -> None:
    """Optional field made required: non-breaking for code reading it; the suite finds the mock still omits it."""

    def change(document: dict[str, Any]) -> None:
        document["components"]["schemas"]["Customer"]["required"].append("label")

    project.edit_spec("sequence", change)
    run = project.regenerate("--fail-on-breaking")

    assert run.returncode == 0, run.output
    assert _report(run.output) == ["non-breaking  response field Customer.label: now required (always present)"]
    errors = project.mypy(
        """
        from customers_sdk.sequence import Sequence


        def use(client: Sequence) -> list[str]:
            return [customer.label.upper() for customer in client.customers.list(limit=100)]
        """
    )
    assert errors == []
    suite = project.pytest(
        *COVERAGE, CONTRACT_CASES, "tests/contract/test_clients.py::test_sequence_pagination_both_ways"
    )
    _failed_only(
        suite, "test_sequence_pagination_both_ways[sync]", "test_sequence_pagination_both_ways[asyncio_detailed]"
    )
    # The mock's data still has customers without a label; the client regenerated from the spec refuses them.
    assert suite.failures["test_sequence_pagination_both_ways[sync]"] == "KeyError: 'label'"


def test_remove_a_parameter(project: Project) -> None:
    """Removed parameter: breaking (spec and Python API); passing it is a mypy error; the suite asks to remove it."""

    def change(document: dict[str, Any]) -> None:
        operation = _operation(document, STRADDLE_OP)
        operation["parameters"] = [p for p in operation["parameters"] if p["name"] != "search_text"]

    project.edit_spec("straddle", change)
    run = project.regenerate("--fail-on-breaking")

    assert run.returncode == 1, run.output
    assert _report(run.output) == [
        "BREAKING      parameter query `search_text`: removed; calls that pass list(search_text=...) fail",
        "BREAKING      python api straddle_client.api.customers.list_customers.ListCustomersParams.search_text:"
        " Public object was removed",
        "BREAKING      python api straddle_client.api.customers.list_customers."
        "{sync_detailed, sync, asyncio_detailed, asyncio}(search_text): Parameter was removed",
    ]
    errors = project.mypy(
        """
        from customers_sdk.straddle import AsyncStraddle


        def use(client: AsyncStraddle) -> None:
            client.customers.list(search_text="acme")
        """
    )
    assert len(errors) == 1, errors
    assert 'Unexpected keyword argument "search_text" for "list" of "AsyncCustomers"' in errors[0]
    suite = project.pytest(*COVERAGE, CONTRACT_CASES)
    _failed_only(
        suite,
        "test_the_mock_implements_no_parameter_the_spec_lacks[straddle]",
        "test_every_spec_parameter_has_a_case[straddle-cases1]",
    )
    assert "remove it (PARAMETERS and its semantics) there" in "".join(suite.failures.values())


def test_change_a_parameter_type(project: Project) -> None:
    """A string filter that becomes a list: breaking; mypy wants a list; the suite's contract case for it fails."""

    def change(document: dict[str, Any]) -> None:
        _parameter(document, SEQUENCE_OP, "label")["schema"] = {"type": "array", "items": {"type": "string"}}

    project.edit_spec("sequence", change)
    run = project.regenerate("--fail-on-breaking")

    assert run.returncode == 1, run.output
    assert _report(run.output)[0] == "BREAKING      parameter query `label`: type string -> array of string"
    errors = project.mypy(
        """
        from customers_sdk.sequence import Sequence


        def use(client: Sequence) -> None:
            client.customers.list(label=["VIP", "Gold"])
            client.customers.list(label="VIP")
        """
    )
    assert len(errors) == 1, errors
    assert 'user_code.py:7: error: Argument "label" to "list" of "Customers" has incompatible type "str"' in errors[0]
    label_cases = [f"test_sequence_parameter[label-{style}]" for style in ("sync", "asyncio_detailed")]
    suite = project.pytest(
        *COVERAGE, CONTRACT_CASES, *(f"tests/contract/test_clients.py::{case}" for case in label_cases)
    )
    _failed_only(suite, "test_every_spec_parameter_has_semantics_in_the_mock[sequence]", *label_cases)
    semantics = suite.failures["test_every_spec_parameter_has_semantics_in_the_mock[sequence]"]
    assert (
        "declares parameter 'label' of type array, which the mock reads as string: change its semantics in" in semantics
    )
    assert "packages/customers-mock/src/customers_mock/sequence.py" in semantics


def test_add_a_required_header(project: Project) -> None:
    """New required header: breaking; list() without it is a mypy error; the mock rejects requests without it."""

    def change(document: dict[str, Any]) -> None:
        _operation(document, STRADDLE_OP)["parameters"].append(
            {
                "name": "Straddle-Version",
                "in": "header",
                "required": True,
                "description": "The API version to use.",
                "schema": {"type": "string"},
            }
        )

    project.edit_spec("straddle", change)
    run = project.regenerate("--fail-on-breaking")

    assert run.returncode == 1, run.output
    assert _report(run.output) == [
        "BREAKING      request header `Straddle-Version`: added (required, string): calls without it are rejected",
        "BREAKING      python api straddle_client.api.customers.list_customers."
        "{sync_detailed, sync, asyncio_detailed, asyncio}(straddle_version): Parameter was added as required",
    ]
    errors = project.mypy(
        """
        from customers_sdk.straddle import Straddle


        def use(client: Straddle) -> None:
            client.customers.list(straddle_version="2025-01-01", page_size=10)
            client.customers.list(page_size=10)
        """
    )
    assert len(errors) == 1, errors
    assert 'user_code.py:7: error: Missing named argument "straddle_version" for "list" of "Customers"' in errors[0]
    suite = project.pytest(
        *COVERAGE, CONTRACT_CASES, "tests/contract/test_clients.py::test_straddle_parameter[page_size-sync]"
    )
    _failed_only(
        suite,
        "test_every_spec_parameter_has_semantics_in_the_mock[straddle]",
        "test_every_spec_parameter_has_a_case[straddle-cases1]",
        "test_straddle_parameter[page_size-sync]",
    )


def test_add_a_filter_declared_with_x_mock_filter(project: Project) -> None:
    """A new filter with x-mock-filter: regenerate, and the copy's mock filters by it; no hand change in packages/."""

    def change(document: dict[str, Any]) -> None:
        _operation(document, SEQUENCE_OP)["parameters"].insert(
            6,
            {
                "name": "taxStatus",
                "in": "query",
                "required": False,
                "description": "Filter by tax status (any of).",
                "style": "form",
                "explode": True,
                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/TaxStatus"}},
                "x-mock-filter": {"field": "taxStatus", "op": "one_of"},
            },
        )

    project.edit_spec("sequence", change)
    run = project.regenerate()
    assert run.returncode == 0, run.output
    # The only changes under packages/ are what `make generate` writes: the mock's spec copy, and its version.
    assert project.changed_under("packages") == [
        "packages/customers-mock/pyproject.toml",
        "packages/customers-mock/src/customers_mock/specs/sequence.yaml",
    ]
    served = project.python(
        """
        import json, httpx
        from customers_mock.testing import start_mock_server
        from customers_sdk.sequence import Sequence
        from sequence_client.models import TaxStatus

        with start_mock_server(customers=300) as server:
            everyone = httpx.get(server.sequence_url, params={"limit": 100}, auth=server.sequence_auth)
            exempt = httpx.get(server.sequence_url, params={"limit": 100, "taxStatus": "TAX_EXEMPT"},
                               auth=server.sequence_auth)
            both = httpx.get(server.sequence_url, params=[("taxStatus", "TAX_EXEMPT"), ("taxStatus", "TAXED")],
                             auth=server.sequence_auth)
            with Sequence(client_id=server.sequence_client_id, client_secret=server.sequence_client_secret,
                          base_url=server.base_url) as client:
                via_sdk = [c.tax_status.value for c in client.customers.list(tax_status=[TaxStatus.REVERSE_CHARGED])]
            log = server.log()
        print(json.dumps({
            "all": everyone.json()["pagination"]["totalResultSize"],
            "exempt": exempt.json()["pagination"]["totalResultSize"],
            "exempt_statuses": sorted({c["taxStatus"] for c in exempt.json()["items"]}),
            "both": both.json()["pagination"]["totalResultSize"],
            "ignored": exempt.headers.get("X-Mock-Ignored-Parameters"),
            "sdk": sorted(set(via_sdk)), "sdk_count": len(via_sdk),
            "warned": "taxStatus" in log and "WARNING" in log,
        }))
        """
    )
    assert served.returncode == 0, served.output
    result = json.loads(served.output.strip().splitlines()[-1])
    assert 0 < result["exempt"] < result["both"] < result["all"]
    assert result["exempt_statuses"] == ["TAX_EXEMPT"]
    assert result["sdk"] == ["REVERSE_CHARGED"]
    assert result["exempt"] + result["sdk_count"] < result["all"]
    assert result["ignored"] is None
    assert not result["warned"]
    suite = project.pytest(*COVERAGE)
    assert not suite.failures, suite.output[-3000:]  # the mock gives the new parameter its meaning
