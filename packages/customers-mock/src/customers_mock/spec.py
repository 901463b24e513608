"""The OpenAPI specs, loaded once: parameter definitions and their validation.

The mock reads parameter names, types, enums, bounds, defaults and patterns from ``openapi/*.yaml``
instead of restating them, and validates request values exactly as jsonschema does (so ``pattern``
has ``re.search`` semantics, like the validators that generate test data from the same spec).

The specs travel inside this package (``customers_mock/specs/``, byte-for-byte copies of the
repository's ``openapi/*.yaml`` written by ``make generate`` and checked by its drift check). The
``CUSTOMERS_MOCK_OPENAPI_DIR`` environment variable points the mock at another folder of specs
(tests use it to serve a changed spec).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from starlette.requests import Request

SPEC_DIR_ENV = "CUSTOMERS_MOCK_OPENAPI_DIR"
SEQUENCE = "sequence"
STRADDLE = "straddle"
PATHS = {SEQUENCE: "/api/customers", STRADDLE: "/v1/customers"}
_BASE = "urn:customers-mock:"
_INTEGER = re.compile(r"-?[0-9]+")
_MAX_INT_DIGITS = 4000  # int() refuses longer strings; any such number is out of every bound anyway
_SHOWN = 60  # longest slice of a rejected value quoted back in an error message
_PARSES_CACHED = 1024  # distinct (query string, header values) whose parse is kept
_CACHED_TEXT = 2048  # longer query strings or header values are parsed every time (bounds the cache's memory)


def spec_dir() -> Path:
    """Where the specs are read from."""
    configured = os.environ.get(SPEC_DIR_ENV)
    return Path(configured) if configured else Path(__file__).resolve().parent / "specs"


@cache
def document(api: str) -> dict[str, Any]:
    """The parsed spec of ``api`` ("sequence" or "straddle")."""
    path = spec_dir() / f"{api}.yaml"
    # libyaml's loader when PyYAML has it: the same data in ~1/25 of the time (every mock start reads both specs).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    return data


@cache
def _registry(api: str) -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(document(api), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(_BASE + api, resource)
    return registry


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def resolve(api: str, node: Any) -> Any:
    """Follow local ``$ref``s until a node without one."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document(api)
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def validator(api: str, pointer: str) -> Draft202012Validator:
    """A format-checking validator for the schema at JSON pointer ``pointer`` of the spec."""
    return Draft202012Validator(
        {"$ref": f"{_BASE}{api}#{pointer}"}, registry=_registry(api), format_checker=FormatChecker()
    )


def schema(api: str, name: str) -> dict[str, Any]:
    """A component schema, ``$ref``s at its top resolved."""
    resolved: dict[str, Any] = resolve(api, document(api)["components"]["schemas"][name])
    return resolved


def enum(api: str, name: str) -> tuple[str, ...]:
    """The values of a component enum schema, in spec order."""
    return tuple(schema(api, name)["enum"])


@dataclass(frozen=True)
class Problem:
    """One invalid parameter: its name and what is wrong, for the vendor's error envelope."""

    parameter: str
    message: str
    code: str = "InvalidValue"


@dataclass(frozen=True)
class Parameter:
    """One operation parameter as the spec defines it."""

    name: str
    location: str
    schema: dict[str, Any]
    validator: Draft202012Validator
    required: bool = False

    @property
    def kind(self) -> str:
        kind: str = self.schema.get("type", "string")
        return kind

    @property
    def default(self) -> Any:
        return self.schema.get("default")


def _shown(value: str) -> str:
    return repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "...")


def _describe(error: ValidationError, schema_: Mapping[str, Any]) -> tuple[str, str]:
    """A short message and error code for a schema violation (never echoing huge values)."""
    keyword = error.validator
    if keyword in ("minimum", "maximum"):
        low, high = schema_.get("minimum"), schema_.get("maximum")
        if low is not None and high is not None:
            return f"Must be between {low} and {high} (inclusive).", "OutOfRange"
        return (f"Must be at least {low}." if low is not None else f"Must be at most {high}."), "OutOfRange"
    if keyword == "enum":
        allowed = ", ".join(str(value) for value in schema_.get("enum", []))
        return f"Must be one of {allowed}; got {_shown(str(error.instance))}.", "InvalidValue"
    if keyword == "format":
        return f"Must be a valid {error.validator_value}; got {_shown(str(error.instance))}.", "InvalidFormat"
    if keyword == "pattern":
        return f"Must match {error.validator_value}; got {_shown(str(error.instance))}.", "InvalidFormat"
    return f"Invalid value: {error.message[:200]}", "InvalidValue"


class Operation:
    """The one GET operation of an API: its parameters, and parsing of a request's values."""

    def __init__(self, api: str) -> None:
        self.api = api
        self.path = PATHS[api]
        pointer = f"/paths/{_escape(self.path)}/get"
        operation = document(api)["paths"][self.path]["get"]
        self.parameters: dict[str, Parameter] = {}
        for i, raw in enumerate(operation["parameters"]):
            param = resolve(api, raw)
            self.parameters[param["name"]] = Parameter(
                name=param["name"],
                location=param["in"],
                schema=resolve(api, param["schema"]),
                validator=validator(api, f"{pointer}/parameters/{i}/schema"),
                required=bool(param.get("required", False)),
            )
        self.responses: dict[str, Any] = operation["responses"]
        self._headers = tuple(p.name.lower() for p in self.parameters.values() if p.location == "header")
        self._raw_headers = frozenset(name.encode("latin-1") for name in self._headers)
        self._no_headers: tuple[tuple[str, ...], ...] = tuple(() for _ in self._headers)
        self._parse_cached = lru_cache(maxsize=_PARSES_CACHED)(self._parse_text)
        self._absent: tuple[str, ...] = ()

    def read_as_absent(self, names: Sequence[str]) -> None:
        """Give these names (parameters a handler implements but the spec no longer declares) the value None.

        So a parameter removed from the spec stops having an effect instead of failing the handler;
        ``customers_mock.coverage`` warns about it and the tests ask for its removal.
        """
        self._absent = tuple(names)
        self._parse_cached.cache_clear()

    def parse_request(self, request: Request) -> tuple[dict[str, Any], list[Problem]]:
        """``parse`` of a request's query string and headers, remembered for repeated requests.

        Clients ask the same few queries again and again (a first page, the same filters), and
        validating parameters with jsonschema costs far more than serving a page from cached
        JSON, so the result is kept per (query string, values of the operation's header
        parameters) in an LRU. The returned dict is a copy; the problems are immutable.
        """
        query_string: str = request.scope["query_string"].decode("latin-1")
        # The header parameters' values, as Starlette's Headers.getlist reads them (ASGI names are lower-case).
        given = [
            (name.decode("latin-1"), value) for name, value in request.scope["headers"] if name in self._raw_headers
        ]
        header_values = self._no_headers
        if given:
            # Spaces and tabs around a field value are not part of it (RFC 9110 5.5); httptools keeps them.
            header_values = tuple(
                tuple(value.decode("latin-1").strip(" \t") for given_name, value in given if given_name == name)
                for name in self._headers
            )
        if len(query_string) > _CACHED_TEXT or any(len(v) > _CACHED_TEXT for vs in header_values for v in vs):
            return self._parse_text(query_string, header_values)
        values, problems = self._parse_cached(query_string, header_values)
        return dict(values), list(problems)

    def _parse_text(
        self, query_string: str, header_values: tuple[tuple[str, ...], ...]
    ) -> tuple[dict[str, Any], list[Problem]]:
        query = parse_qsl(query_string, keep_blank_values=True)  # as Starlette's QueryParams reads it
        return self.parse(query, dict(zip(self._headers, header_values, strict=True)))

    def parse(
        self, query: Sequence[tuple[str, str]], headers: Mapping[str, Sequence[str]]
    ) -> tuple[dict[str, Any], list[Problem]]:
        """Typed values of every parameter (schema default when absent), and the problems found.

        ``query`` is the raw (name, value) list; ``headers`` maps lower-cased header names to
        their values. A required parameter that is absent is a problem. Unknown parameters are
        ignored, as the vendors do.
        """
        raw_query: dict[str, list[str]] = {}
        for name, value in query:
            raw_query.setdefault(name, []).append(value)
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for param in self.parameters.values():
            given = raw_query.get(param.name) if param.location == "query" else headers.get(param.name.lower())
            if not given:
                if param.required:
                    problems.append(Problem(param.name, "Required.", "Missing"))
                values[param.name] = param.default
                continue
            value, problem = self._coerce(param, given)
            if problem is None:
                error = next(iter(param.validator.iter_errors(value)), None)
                if error is not None:
                    message, code = _describe(error, _leaf_schema(self.api, param, error))
                    problem = Problem(param.name, message, code)
            if problem is not None:
                problems.append(problem)
                continue
            values[param.name] = value
        for name in self._absent:
            values[name] = None
        return values, problems

    def _coerce(self, param: Parameter, given: Sequence[str]) -> tuple[Any, Problem | None]:
        """The raw string(s) as the schema's type: arrays from repeated and comma-joined values."""
        if param.kind == "array":
            return [item for value in given for item in value.split(",")], None
        if len(given) > 1:
            return None, Problem(param.name, "Must be given once.", "Repeated")
        text = given[0]
        if param.kind == "integer":
            if not _INTEGER.fullmatch(text):
                return None, Problem(param.name, f"Must be an integer; got {_shown(text)}.", "InvalidType")
            if len(text) > _MAX_INT_DIGITS:
                return None, Problem(param.name, "Integer out of range.", "OutOfRange")
            return int(text), None
        if param.kind == "boolean":
            if text not in ("true", "false"):
                return None, Problem(param.name, f"Must be true or false; got {_shown(text)}.", "InvalidType")
            return text == "true", None
        return text, None


def _leaf_schema(api: str, param: Parameter, error: ValidationError) -> Mapping[str, Any]:
    """The (sub)schema an error is about: the parameter's own, or its array item schema."""
    if error.absolute_path and param.kind == "array":
        item: Mapping[str, Any] = resolve(api, param.schema.get("items", {}))
        return item
    return param.schema


@cache
def operation(api: str) -> Operation:
    """The parsed operation of ``api`` (loaded once per process)."""
    return Operation(api)


def response_validator(api: str, status: int) -> Draft202012Validator:
    """A validator for the JSON body the spec declares for ``status`` of the operation."""
    path = PATHS[api]
    node = document(api)["paths"][path]["get"]["responses"][str(status)]
    pointer = f"/paths/{_escape(path)}/get/responses/{status}"
    if "$ref" in node:
        pointer = node["$ref"].removeprefix("#")
    return validator(api, f"{pointer}/content/application~1json/schema")
