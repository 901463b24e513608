"""Both specs are valid OpenAPI documents whose examples satisfy their own schemas."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from tests.support import specs

APIS = sorted(specs.SPECS)


@pytest.mark.parametrize("api", APIS)
def test_spec_is_valid_openapi(api: str) -> None:
    """openapi-spec-validator accepts the document."""
    spec_dict, _ = read_from_filename(str(specs.SPECS[api]))
    validate(spec_dict)


@pytest.mark.parametrize("api", APIS)
def test_spec_has_examples(api: str) -> None:
    """The walker below finds the examples (a guard against it silently finding none)."""
    assert len(list(specs.examples(api))) >= 5


@pytest.mark.parametrize(
    ("api", "where", "schema_ptr", "value"),
    [
        pytest.param(api, where, ptr, value, id=f"{api}:{where}")
        for api in APIS
        for where, ptr, value in specs.examples(api)
    ],
)
def test_example_validates_against_its_schema(api: str, where: str, schema_ptr: str, value: Any) -> None:
    """Every example in the spec validates against the schema it illustrates."""
    errors = [e.message for e in specs.validator(api, schema_ptr).iter_errors(value)]
    assert errors == [], f"{where}: {errors}"


@pytest.mark.parametrize("api", APIS)
def test_security_is_declared_on_the_operation(api: str) -> None:
    """The generator ignores global security; each operation must declare its own."""
    for path_item in specs.load(api)["paths"].values():
        for op in path_item.values():
            assert op.get("security"), f"{api}: {op['operationId']} has no operation-level security"


def test_schema_validator_rejects_a_wrong_value() -> None:
    """The example check can fail: a Straddle customer with a non-E.164 phone is rejected."""
    bad = {
        "id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
        "created_at": "2019-12-27T18:11:19.117Z",
        "email": "dev@stainless.com",
        "name": "n",
        "phone": "0046991022",
        "status": "pending",
        "type": "individual",
        "updated_at": "2019-12-27T18:11:19.117Z",
    }
    errors = list(specs.validator("straddle", "/components/schemas/CustomerSummaryV1").iter_errors(bad))
    assert [e.path[0] for e in errors] == ["phone"]
