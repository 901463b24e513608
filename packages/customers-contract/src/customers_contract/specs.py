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
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SpecError(f"{spec}: cannot be read as YAML ({type(exc).__name__})") from exc
    if not isinstance(data, dict) or "openapi" not in data or not isinstance(data.get("paths"), dict):
        raise SpecError(f"{spec}: not an OpenAPI document")
    _chosen[api] = spec.resolve()
    load.cache_clear()
    _registry.cache_clear()


def version(api: str) -> str:
    """The spec document's ``info.version``."""
    return str(load(api).get("info", {}).get("version", "?"))


@cache
def load(api: str) -> dict[str, Any]:
    """The parsed spec of one API ("sequence" or "straddle")."""
    data: dict[str, Any] = yaml.safe_load(path(api).read_text(encoding="utf-8"))
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
