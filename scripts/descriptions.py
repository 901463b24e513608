"""The spec's own descriptions, as a template the generator's templates can read.

openapi-python-client 0.29.1 documents a parameter with its *schema's* description, never the
parameter's own (``- name: email, description: Filter by email, schema: {type: string}`` becomes
``email (str | Unset):``), and a property whose schema is a ``$ref`` (or an ``allOf`` of one) with
the referenced schema's description instead of the one written beside the reference. Templates see
only the parsed model, so ``scripts/regen.py`` writes this module's output as
``spec_descriptions.jinja`` beside a copy of ``openapi/templates/`` for each run; our templates
(``descriptions.jinja``) look a parameter or field up there and fall back to the generator's text.
"""

from __future__ import annotations

import json
from typing import Any

TEMPLATE_NAME = "spec_descriptions.jinja"
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    """Follow local ``$ref``s (parameters may be references to components/parameters)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 50:
        target: Any = spec
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node, seen = target, seen + 1
    return node


def parameter_descriptions(spec: dict[str, Any]) -> dict[str, dict[str, dict[str, dict[str, str]]]]:
    """``{method: {path: {location: {name: description}}}}`` for every parameter that has one."""
    found: dict[str, dict[str, dict[str, dict[str, str]]]] = {}
    for path, item in (spec.get("paths") or {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            # Operation parameters override path-level ones of the same name and location.
            for raw in [*(item.get("parameters") or []), *(operation.get("parameters") or [])]:
                param = _resolve(spec, raw)
                if isinstance(param, dict) and isinstance(param.get("description"), str):
                    where = found.setdefault(method, {}).setdefault(path, {}).setdefault(param["in"], {})
                    where[param["name"]] = param["description"].strip()
    return found


def field_descriptions(spec: dict[str, Any]) -> dict[str, dict[str, str]]:
    """``{"/components/schemas/<name>": {property: description}}``: every described property of a component.

    Keyed as the generator names a component's model (its reference path).
    """
    found: dict[str, dict[str, str]] = {}
    for name, schema in ((spec.get("components") or {}).get("schemas") or {}).items():
        for prop, node in ((schema or {}).get("properties") or {}).items():
            if isinstance(node, dict) and isinstance(node.get("description"), str):
                found.setdefault(f"/components/schemas/{name}", {})[prop] = node["description"].strip()
    return found


def template(spec: dict[str, Any]) -> str:
    """The Jinja source: two top-level ``set``s, which an ``import`` of it exports.

    Jinja string literals take the escapes JSON writes (``\\"``, ``\\\\``, ``\\n``), and characters
    outside ASCII are left as they are, so every description reaches the template unchanged.
    """

    def literal(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    return (
        "{# Written by scripts/regen.py from the spec (scripts/descriptions.py); not a file of the repository. #}\n"
        f"{{% set parameters = {literal(parameter_descriptions(spec))} %}}\n"
        f"{{% set fields = {literal(field_descriptions(spec))} %}}\n"
    )
