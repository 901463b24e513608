"""customers_contract.specs.validator inlines a spec's references: the same errors as a validator that follows them.

The drift analysis reads each error's keyword, instance path, value and the description of the schema that failed
(an open enum's promise), so those are what must not change.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from customers_contract import drift, record, specs

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = {"sequence": "sequence_list_customers.json", "straddle": "straddle_list_customers.json"}
ITEMS = {"sequence": "items", "straddle": "data"}
WRONG_VALUES: tuple[Any, ...] = (None, 12345, "not-a-valid-value", [], {"x": 1})


def _following(document: dict[str, Any], pointer: str) -> Draft202012Validator:
    """A validator that follows every ``$ref`` through a registry, as jsonschema does by itself."""
    resource: Resource[Any] = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource("urn:test", resource)
    return Draft202012Validator({"$ref": f"urn:test#{pointer}"}, registry=registry, format_checker=FormatChecker())


def _errors(validator: Draft202012Validator, body: Any) -> list[tuple[Any, ...]]:
    return [
        (e.validator, list(e.absolute_path), e.message, json.dumps(e.validator_value, sort_keys=True),
         e.schema.get("description") if isinstance(e.schema, dict) else None)
        for e in validator.iter_errors(body)
    ]  # fmt: skip


def _pointers(api: str) -> Iterator[str]:
    """The schemas the contract tool validates: each response body of the operation, and the recorded customer."""
    [item] = specs.load(api)["paths"].values()
    for status in item["get"]["responses"]:
        base = drift._response_pointer(api, status)
        for media_type in specs.pointed(specs.load(api), base).get("content", {}):
            yield f"{base}/content/{drift._escape(media_type)}/schema"
    yield f"/components/schemas/{record.SCHEMAS[api]}"


def _bodies(api: str) -> Iterator[Any]:
    """A vendor page, and the page with each field of its first customer removed or given a wrong value."""
    page = json.loads((FIXTURES / PAGES[api]).read_text())
    yield page
    first = page[ITEMS[api]][0]

    def leaves(node: Any, trail: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
        yield trail
        if isinstance(node, dict):
            for key, value in node.items():
                yield from leaves(value, (*trail, key))
        elif isinstance(node, list) and node:
            yield from leaves(node[0], (*trail, 0))

    for trail in list(leaves(first, ()))[1:]:
        for wrong in (..., *WRONG_VALUES):  # ...: removed
            body = copy.deepcopy(page)
            parent = body[ITEMS[api]][0]
            for key in trail[:-1]:
                parent = parent[key]
            if wrong is ...:
                del parent[trail[-1]]
            else:
                parent[trail[-1]] = wrong
            yield body
    for key in page:
        body = copy.deepcopy(page)
        del body[key]
        yield body
    yield {**page, "unexpected": True}
    yield [page]


@pytest.mark.parametrize("api", specs.APIS)
def test_the_inlined_validators_find_the_same_errors(api: str) -> None:
    """Every schema the tool validates, over a page and hundreds of broken pages: errors equal, in the same order."""
    pointers = list(_pointers(api))
    assert len(pointers) >= 3
    compared = failing = 0
    for pointer in pointers:
        assert specs._inlined(api, pointer) is not None, f"{pointer} was not inlined"
        inlined, following = specs.validator(api, pointer), _following(specs.load(api), pointer)
        for body in _bodies(api):
            errors = _errors(inlined, body)
            assert errors == _errors(following, body), (pointer, body)
            compared += 1
            failing += bool(errors)
    assert failing > compared / 2  # the broken pages do break (a comparison of two empty lists proves nothing)


@pytest.fixture
def recursive_spec(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """The Sequence spec with a customer schema that refers to itself (a parent customer), in place of the shipped."""
    document = copy.deepcopy(specs.load("sequence"))
    customer = document["components"]["schemas"]["Customer"]
    customer["properties"]["parent"] = {"$ref": "#/components/schemas/Customer"}
    specs._inlined.cache_clear()
    specs._registry.cache_clear()
    monkeypatch.setattr(specs, "load", lambda api: document)
    yield document
    specs._inlined.cache_clear()
    specs._registry.cache_clear()


def test_a_recursive_schema_is_followed_not_inlined(recursive_spec: dict[str, Any]) -> None:
    """A cycle cannot be inlined: the validator follows the references, and still finds errors down the cycle."""
    pointer = "/components/schemas/Customer"
    assert specs._inlined("sequence", pointer) is None
    page = json.loads((FIXTURES / PAGES["sequence"]).read_text())
    customer = page["items"][0]
    nested = {**customer, "parent": {**customer, "parent": {k: v for k, v in customer.items() if k != "legalName"}}}
    errors = _errors(specs.validator("sequence", pointer), nested)
    assert errors == _errors(_following(recursive_spec, pointer), nested)
    assert [(e[0], e[1]) for e in errors] == [("required", ["parent", "parent"])]
