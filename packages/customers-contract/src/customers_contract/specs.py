"""The specs a run tests: by default the ones shipped inside the installed generated clients.

``sequence-client`` and ``straddle-client`` carry the spec they were generated from
(``<package>/openapi.yaml``, put there by the regeneration step), so a contract run and an
application that pin the same client versions test the same contract by construction.
``use(api, path)`` (the command's ``--spec API=PATH``) points an API at a user's own file instead.
"""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

APIS = ("sequence", "straddle")
PACKAGES = {"sequence": "sequence_client", "straddle": "straddle_client"}
_BASE = "urn:spec:"
_chosen: dict[str, Path] = {}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ~9x faster


class SpecError(ValueError):
    """A spec file that cannot be used (missing, not YAML, not an OpenAPI document of the API)."""


def shipped(api: str) -> Path:
    """The spec inside the installed generated client of ``api``."""
    resource = importlib.resources.files(PACKAGES[api]) / "openapi.yaml"
    return Path(str(resource))


def path(api: str) -> Path:
    """The spec file of ``api`` for this run."""
    return _chosen.get(api) or shipped(api)


def use(api: str, spec: Path) -> None:
    """Test ``api`` against ``spec`` (a user's own file) from now on; raises ``SpecError`` if unusable."""
    if api not in APIS:
        raise SpecError(f"unknown API {api!r} (one of {', '.join(APIS)})")
    try:
        data = _parse(spec)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SpecError(f"{spec}: cannot be read as YAML ({type(exc).__name__})") from exc
    if not isinstance(data, dict) or "openapi" not in data or not isinstance(data.get("paths"), dict):
        raise SpecError(f"{spec}: not an OpenAPI document")
    _chosen[api] = spec.resolve()
    load.cache_clear()
    _registry.cache_clear()
    _inlined.cache_clear()


def _parse(file: Path) -> Any:
    return yaml.load(file.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader


def version(api: str) -> str:
    """The spec document's ``info.version``."""
    return str(load(api).get("info", {}).get("version", "?"))


@cache
def load(api: str) -> dict[str, Any]:
    """The parsed spec of one API ("sequence" or "straddle")."""
    data: dict[str, Any] = _parse(path(api))
    return data


@cache
def _registry(api: str) -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(load(api), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(_BASE + api, resource)
    return registry


def pointed(document: Any, pointer: str) -> Any:
    """The node at JSON pointer ``pointer`` ("/components/schemas/Customer") of ``document``; LookupError if none."""
    node = document
    for part in pointer.split("/")[1:]:
        key = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        elif isinstance(node, dict) and key in node:
            node = node[key]
        else:
            raise LookupError(f"no {pointer} in the spec")
    return node


def resolved(document: Any, node: Any) -> Any:
    """``node``, its local ``$ref`` followed (and the target's, until a node without one)."""
    while isinstance(node, dict) and "$ref" in node:
        node = pointed(document, str(node["$ref"]).removeprefix("#"))
    return node


def validator(api: str, pointer: str) -> Draft202012Validator:
    """A format-checking validator for the schema at JSON pointer ``pointer`` of the spec.

    The schema's ``$ref``s are inlined (once per spec) where that changes nothing: jsonschema follows a ``$ref``
    through the registry each time it meets one (py-spy over a contract run: its drift analysis was a fifth of the
    run's CPU, nearly all of it in jsonschema, $ref handling first).
    """
    schema = _inlined(api, pointer)
    if schema is None:  # a spec whose references cannot be inlined exactly: jsonschema follows them itself
        schema = {"$ref": f"{_BASE}{api}#{pointer}"}
    return Draft202012Validator(schema, registry=_registry(api), format_checker=FormatChecker())


class _NotInlinableError(Exception):
    """A reference this module does not inline (the validator follows it itself)."""


# Keywords whose values are data, not schemas: a {"$ref": ...} inside them is a value.
_DATA_KEYWORDS = frozenset({"enum", "const", "default", "example", "examples"})
# Keywords whose values map names (any name, "$ref" or "enum" too) to schemas.
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "dependentSchemas", "$defs", "definitions"})
# Keywords that give a schema an identity a reference could reach other than by a local JSON pointer.
_IDENTITY_KEYWORDS = frozenset({"$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef"})


@cache
def _inlined(api: str, pointer: str) -> Any | None:
    """The schema at ``pointer`` with each local ``$ref`` replaced by its target, or None where the result could
    differ: a ``$ref`` with keywords beside it, one that is not a JSON pointer into the spec, a cycle, an identity."""
    document = load(api)

    def inline(node: Any, chain: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(item, chain) for item in node]
        if not isinstance(node, dict):
            return node
        if _IDENTITY_KEYWORDS & node.keys():
            raise _NotInlinableError
        if "$ref" in node:
            ref = node["$ref"]
            if len(node) != 1 or not isinstance(ref, str) or not ref.startswith("#/") or ref in chain:
                raise _NotInlinableError
            return inline(pointed(document, ref[1:]), (*chain, ref))
        inlined: dict[str, Any] = {}
        for key, value in node.items():
            if key in _DATA_KEYWORDS:
                inlined[key] = value
            elif key in _SCHEMA_MAPS and isinstance(value, dict):
                inlined[key] = {name: inline(schema, chain) for name, schema in value.items()}
            else:
                inlined[key] = inline(value, chain)
        return inlined

    try:
        return inline(pointed(document, pointer), ())
    except (_NotInlinableError, LookupError):
        return None
