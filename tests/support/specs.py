"""Load the OpenAPI specs and validate values against any schema inside them."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
SPECS = {"sequence": ROOT / "openapi" / "sequence.yaml", "straddle": ROOT / "openapi" / "straddle.yaml"}
_BASE = "urn:spec:"


@cache
def load(api: str) -> dict[str, Any]:
    """The parsed spec of one API ("sequence" or "straddle")."""
    data: dict[str, Any] = yaml.safe_load(SPECS[api].read_text())
    return data


@cache
def _registry(api: str) -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(load(api), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(_BASE + api, resource)
    return registry


def validator(api: str, pointer: str) -> Draft202012Validator:
    """A format-checking validator for the schema at JSON pointer ``pointer`` of the spec."""
    return Draft202012Validator(
        {"$ref": f"{_BASE}{api}#{pointer}"}, registry=_registry(api), format_checker=FormatChecker()
    )


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def examples(api: str) -> Iterator[tuple[str, str, Any]]:
    """Every example in the spec as (where, schema pointer, value).

    Covers schema-level ``example``/``examples`` and media-type ``example``/``examples``.
    """

    def walk(node: Any, pointer: str) -> Iterator[tuple[str, str, Any]]:
        if isinstance(node, dict):
            if "schema" in node and ("example" in node or "examples" in node):  # a media type or parameter
                schema_ptr = f"{pointer}/schema"
                if "example" in node:
                    yield f"{pointer}/example", schema_ptr, node["example"]
                for name, ex in (node.get("examples") or {}).items():
                    yield f"{pointer}/examples/{name}", schema_ptr, ex["value"]
            looks_like_schema = "type" in node or "$ref" in node or "allOf" in node
            if looks_like_schema and "schema" not in node:
                if "example" in node:
                    yield f"{pointer}/example", pointer, node["example"]
                if isinstance(node.get("examples"), list):
                    for i, ex in enumerate(node["examples"]):
                        yield f"{pointer}/examples/{i}", pointer, ex
            for key, value in node.items():
                if key not in ("example", "examples"):
                    yield from walk(value, f"{pointer}/{_escape(str(key))}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                yield from walk(item, f"{pointer}/{i}")

    yield from walk(load(api), "")
