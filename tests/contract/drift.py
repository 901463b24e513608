"""Drift: where the responses a server gave differ from what the spec says, per API.

``analyze(api, interactions)`` holds every response of a run to the spec's ``listCustomers``
operation and collects findings of these kinds, each with how often it was seen and one example
request id (the vendor's own when it sent one, else the Schemathesis case id):

| kind | what | breaking |
|---|---|---|
| ``undeclared_status`` | a status the operation does not declare | yes |
| ``undeclared_content_type`` | a body in a media type the response does not declare | yes |
| ``missing_header`` | a required response header absent | yes |
| ``missing_required_field`` | a required field absent | yes |
| ``unknown_enum_value`` | a value the field's enum does not list | yes |
| ``schema_violation`` | any other value the schema rejects (type, format, pattern, bounds) | yes |
| ``undeclared_field`` | a field the spec lacks (clients keep it in ``additional_properties``) | no |
| ``never_seen`` | a field of the 2xx body the spec declares that no response carried | no |

Breaking drift fails a live run: our clients or the spec are wrong for the vendor as it is now.
The rest is reported for whoever updates ``openapi/``. ``write`` puts one report per run into
``reports/drift.md`` and ``reports/drift.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from tests.contract.interactions import Interaction
from tests.support import specs

KINDS: dict[str, tuple[str, bool]] = {  # kind -> (heading, breaking)
    "undeclared_status": ("Statuses the spec does not declare", True),
    "undeclared_content_type": ("Media types the spec does not declare", True),
    "missing_header": ("Required headers missing", True),
    "missing_required_field": ("Required fields missing", True),
    "unknown_enum_value": ("Enum values the spec does not list", True),
    "schema_violation": ("Values the schema rejects", True),
    "undeclared_field": ("Fields the spec lacks", False),
    "never_seen": ("Declared fields never seen", False),
}
_SHOWN_VALUE = 60


@dataclass
class Finding:
    """One kind of drift at one place (a field path, a status, a header)."""

    kind: str
    where: str
    detail: str
    example_request_id: str
    count: int = 1

    @property
    def breaking(self) -> bool:
        return KINDS[self.kind][1]


@dataclass
class Report:
    """The drift of one API over one run."""

    api: str
    responses: int = 0
    findings: dict[tuple[str, str], Finding] = field(default_factory=dict)

    def add(self, kind: str, where: str, detail: str, request_id: str) -> None:
        found = self.findings.get((kind, where))
        if found is None:
            self.findings[(kind, where)] = Finding(kind, where, detail, request_id)
        else:
            found.count += 1

    @property
    def breaking(self) -> list[Finding]:
        return [f for f in self.findings.values() if f.breaking]

    def kinds(self) -> set[str]:
        return {kind for kind, _ in self.findings}


# ---- the spec side ------------------------------------------------------------------------------


def _resolve(api: str, node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = specs.load(api)
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _operation(api: str) -> dict[str, Any]:
    [path_item] = specs.load(api)["paths"].values()
    operation: dict[str, Any] = path_item["get"]
    return operation


def _declared_fields(api: str, schema: Any, prefix: str) -> Iterator[str]:
    """Every property path a body of ``schema`` may carry (arrays as ``[]``, free-form maps as ``*``)."""
    schema = _resolve(api, schema)
    if not isinstance(schema, dict):
        return
    for sub in schema.get("allOf", []):
        yield from _declared_fields(api, sub, prefix)
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield path
        yield from _declared_fields(api, sub, path)
    if isinstance(schema.get("items"), dict):
        yield from _declared_fields(api, schema["items"], f"{prefix}[]")


def undeclared_fields(api: str, schema: Any, value: Any, prefix: str, seen: set[str]) -> Iterator[str]:
    """Paths of fields in ``value`` that ``schema`` does not declare; adds the declared ones met to ``seen``."""
    schema = _resolve(api, schema)
    if not isinstance(schema, dict):
        return
    for sub in schema.get("allOf", []):
        yield from undeclared_fields(api, sub, value, prefix, seen)
    if isinstance(value, dict) and ("properties" in schema or schema.get("type") == "object"):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            if key in properties:
                seen.add(path)
                yield from undeclared_fields(api, properties[key], item, path, seen)
            elif isinstance(extra, dict):  # a free-form map: any key, values of one schema
                yield from undeclared_fields(api, extra, item, f"{prefix}.*", seen)
            elif extra is not False:
                yield path
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for item in value:
            yield from undeclared_fields(api, schema["items"], item, f"{prefix}[]", seen)


def _response_pointer(api: str, status: str) -> str:
    """The JSON pointer of the operation's response for ``status`` (following a ``$ref`` to components)."""
    response = _operation(api)["responses"][status]
    if isinstance(response, dict) and "$ref" in response:
        return str(response["$ref"]).removeprefix("#")
    [path] = specs.load(api)["paths"]
    return f"/paths/{_escape(path)}/get/responses/{status}"


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _body_validator(api: str, status: str, media_type: str) -> Draft202012Validator:
    return specs.validator(api, f"{_response_pointer(api, status)}/content/{_escape(media_type)}/schema")


# ---- the response side --------------------------------------------------------------------------


def request_id(interaction: Interaction) -> str:
    """The vendor's id for a request when it gave one, else the Schemathesis case id."""
    body = interaction.json()
    if isinstance(body, dict) and isinstance(body.get("meta"), dict) and body["meta"].get("api_request_id"):
        return str(body["meta"]["api_request_id"])
    for name in ("x-request-id", "request-id"):
        if name in interaction.headers and interaction.headers[name] != interaction.request_headers.get("Request-Id"):
            return interaction.headers[name]
    return f"schemathesis case {interaction.case_id}"


def json_path(parts: Iterable[Any]) -> str:
    return "".join("[]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")


def _shown(value: Any) -> str:
    text = json.dumps(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= _SHOWN_VALUE else text[: _SHOWN_VALUE - 3] + "..."


def _check_body(report: Report, status: str, media_type: str, body: Any, rid: str, seen: set[str]) -> None:
    api = report.api
    validator = _body_validator(api, status, media_type)
    for error in validator.iter_errors(body):
        where = json_path(error.absolute_path)
        if error.validator == "required":
            missing = [name for name in error.validator_value if name not in error.instance]
            for name in missing:
                report.add("missing_required_field", f"{where}.{name}".lstrip("."), f"status {status}", rid)
        elif error.validator == "enum":
            report.add("unknown_enum_value", f"{where} = {_shown(error.instance)}", f"status {status}", rid)
        else:
            detail = f"status {status}: {error.message[:120]}"
            report.add("schema_violation", where or "(body)", detail, rid)
    schema = _resolve(api, _resolve(api, _operation(api)["responses"][status])["content"][media_type]["schema"])
    for path in undeclared_fields(api, schema, body, "", seen):
        report.add("undeclared_field", path, f"status {status}", rid)


def analyze(api: str, interactions: Iterable[Interaction]) -> Report:
    """Hold every response of ``interactions`` to the spec of ``api``."""
    report = Report(api)
    responses = _operation(api)["responses"]
    seen_2xx: set[str] = set()
    any_2xx = False
    for interaction in interactions:
        if interaction.status is None:
            continue
        report.responses += 1
        rid = request_id(interaction)
        status = str(interaction.status)
        if status not in responses:  # (our specs declare no `default` response)
            report.add("undeclared_status", status, _shown(interaction.body.decode(errors="replace")), rid)
            continue
        response = _resolve(api, responses[status])
        for name, header in response.get("headers", {}).items():
            if _resolve(api, header).get("required") and name.lower() not in interaction.headers:
                report.add("missing_header", f"{name} (status {status})", "required by the spec", rid)
        content = response.get("content", {})
        media_type = interaction.headers.get("content-type", "").split(";")[0].strip().lower()
        if not content:
            continue
        if media_type not in content:
            report.add("undeclared_content_type", f"{media_type or '(none)'} (status {status})", "", rid)
            continue
        body = interaction.json()
        if body is None:
            report.add("schema_violation", "(body)", f"status {status}: not valid JSON", rid)
            continue
        seen: set[str] = set()
        _check_body(report, status, media_type, body, rid, seen)
        if status.startswith("2"):
            any_2xx = True
            seen_2xx |= seen
    if any_2xx:
        [success] = [s for s in responses if s.startswith("2")]
        media_type, content = next(iter(_resolve(api, responses[success])["content"].items()))
        for path in _declared_fields(api, content["schema"], ""):
            if path not in seen_2xx:
                report.add("never_seen", path, f"status {success}, {media_type}", "-")
    return report


# ---- reports ------------------------------------------------------------------------------------


def to_json(reports: Mapping[str, Report], target: str) -> dict[str, Any]:
    """The JSON form of a run's drift reports."""
    return {
        "target": target,
        "breaking": sum(len(r.breaking) for r in reports.values()),
        "apis": {
            api: {
                "responses": report.responses,
                "breaking": len(report.breaking),
                "findings": [{**asdict(f), "breaking": f.breaking} for f in report.findings.values()],
            }
            for api, report in reports.items()
        },
    }


def to_markdown(reports: Mapping[str, Report], target: str) -> str:
    """The Markdown form: per API, per kind, a table of where, how often and an example request id."""
    lines = [f"# Drift report: {target}", ""]
    for api, report in reports.items():
        lines += [f"## {api}", "", f"{report.responses} responses, {len(report.breaking)} breaking findings.", ""]
        if not report.findings:
            lines += ["No drift: every response matched the spec.", ""]
        for kind, (heading, breaking) in KINDS.items():
            found = [f for f in report.findings.values() if f.kind == kind]
            if not found:
                continue
            lines += [f"### {heading}{' (breaking)' if breaking else ''}", ""]
            lines += ["| where | seen | detail | example request id |", "|---|---|---|---|"]
            for f in sorted(found, key=lambda f: f.where):
                detail = f.detail.replace("|", "\\|").replace("\n", " ")
                lines.append(f"| `{f.where}` | {f.count} | {detail} | {f.example_request_id} |")
            lines.append("")
    return "\n".join(lines)


def write(reports: Mapping[str, Report], target: str, folder: Path) -> tuple[Path, Path]:
    """``drift.md`` and ``drift.json`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    markdown, data = folder / "drift.md", folder / "drift.json"
    markdown.write_text(to_markdown(reports, target))
    data.write_text(json.dumps(to_json(reports, target), indent=2) + "\n")
    return markdown, data
