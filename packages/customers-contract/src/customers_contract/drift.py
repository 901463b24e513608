"""Drift: where the responses a server gave differ from what the spec says, per API.

``analyze(api, interactions)`` holds every response of a run to the spec's ``listCustomers``
operation and collects findings of these kinds, each with how often it was seen and one example:
the request (method, URL without secrets), the vendor's request id when it sent one (else the
Schemathesis case id) and, for a field of a listed customer, that customer's id.

| kind | what | severity |
|---|---|---|
| ``undeclared_status`` | a status the operation does not declare | breaking |
| ``undeclared_content_type`` | a body in a media type the response does not declare (or not JSON) | breaking |
| ``missing_header`` | a required response header absent | breaking |
| ``missing_required_field`` | a required field absent | breaking |
| ``missing_pagination_field`` | a cursor the spec's links follow, absent from a page with more results | breaking |
| ``unknown_enum_value`` | a value a closed enum does not list | breaking |
| ``schema_violation`` | any other value the schema rejects (type, format, pattern, bounds) | breaking |
| ``new_enum_value`` | a value an open enum does not list yet (the spec promises clients keep it) | spec update |
| ``undeclared_field`` | a field the spec lacks (clients keep it in ``additional_properties``) | spec update |
| ``never_seen`` | a field of the 2xx body the spec declares that no response carried | note |

An enum is open when its schema's description makes the promise ``OPEN_ENUM_PROMISE`` (our specs
say "Sequence may add values; clients keep unknown values instead of failing"); the generated
clients keep unknown values of every enum, so a new value breaks no client, but the spec should
list it. Breaking drift fails a run: our clients or the spec are wrong for the vendor as it is now.
``write`` puts one report per run into ``drift.md`` and ``drift.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from jsonschema import Draft202012Validator

from customers_contract import specs
from customers_contract.interactions import Interaction

BREAKING, SPEC_UPDATE, NOTE = "breaking", "spec update", "note"
KINDS: dict[str, tuple[str, str]] = {  # kind -> (heading, severity)
    "undeclared_status": ("Statuses the spec does not declare", BREAKING),
    "undeclared_content_type": ("Media types the spec does not declare", BREAKING),
    "missing_header": ("Required headers missing", BREAKING),
    "missing_required_field": ("Required fields missing", BREAKING),
    "missing_pagination_field": ("Pagination fields missing", BREAKING),
    "unknown_enum_value": ("Values a closed enum does not list", BREAKING),
    "schema_violation": ("Values the schema rejects", BREAKING),
    "new_enum_value": ("New values of an open enum", SPEC_UPDATE),
    "undeclared_field": ("Fields the spec lacks", SPEC_UPDATE),
    "never_seen": ("Declared fields never seen", NOTE),
}
OPEN_ENUM_PROMISE = "clients keep unknown values"
# The forward cursor of a cursor-paginated API: (its field, the total, the items, the cursor parameters).
# A page whose request named no cursor and whose total exceeds its items must carry it.
CURSORS = {"sequence": ("pagination.after", "pagination.totalResultSize", "items", ("after", "before"))}
_SHOWN_VALUE = 60
_SECRET_PARAMETER = re.compile(r"key|token|secret|password|auth|signature", re.IGNORECASE)


@dataclass(frozen=True)
class Seen:
    """Where a finding was seen: the request (secrets removed), its request id, the customer (if any)."""

    request: str  # "GET https://host/api/customers?limit=5"
    request_id: str
    customer: str | None = None


@dataclass
class Finding:
    """One kind of drift at one place (a field path, a status, a header)."""

    kind: str
    where: str
    detail: str
    seen: Seen
    count: int = 1

    @property
    def severity(self) -> str:
        return KINDS[self.kind][1]

    @property
    def breaking(self) -> bool:
        return self.severity == BREAKING

    @property
    def example_request_id(self) -> str:
        return self.seen.request_id

    def example(self) -> str:
        """The example in one line: customer, request, request id."""
        customer = f"customer {self.seen.customer} in " if self.seen.customer else ""
        return f"{customer}{self.seen.request} (request id {self.seen.request_id})"


@dataclass
class Report:
    """The drift of one API over one run (``untested``: why the API was not tested at all)."""

    api: str
    responses: int = 0
    findings: dict[tuple[str, str], Finding] = field(default_factory=dict)
    untested: str = ""
    successes: int = 0

    def add(self, kind: str, where: str, detail: str, seen: Seen) -> None:
        found = self.findings.get((kind, where))
        if found is None:
            self.findings[(kind, where)] = Finding(kind, where, detail, seen)
        else:
            found.count += 1

    @property
    def breaking(self) -> list[Finding]:
        return [f for f in self.findings.values() if f.breaking]

    @property
    def spec_updates(self) -> list[Finding]:
        return [f for f in self.findings.values() if f.severity == SPEC_UPDATE]

    def kinds(self) -> set[str]:
        return {kind for kind, _ in self.findings}


# ---- the spec side ------------------------------------------------------------------------------


def _resolve(api: str, node: Any) -> Any:
    return specs.resolved(specs.load(api), node)


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


def printable(text: str) -> str:
    """``text`` with every character that is not printable escaped: vendor data never drives a terminal."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shown_request(method: str, url: str) -> str:
    """``METHOD URL`` without secrets: no user info, and query parameters named like a credential redacted."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    query = [(k, "[redacted]" if _SECRET_PARAMETER.search(k) else v) for k, v in parse_qsl(parts.query, True)]
    return f"{method} {urlunsplit((parts.scheme, netloc, parts.path, urlencode(query), ''))}"


def _shown(value: Any) -> str:
    text = json.dumps(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= _SHOWN_VALUE else text[: _SHOWN_VALUE - 3] + "..."


def _customer(body: Any, path: Iterable[Any]) -> str | None:
    """The id of the listed customer that ``path`` (a path into ``body``) lies in, if any."""
    parts = list(path)
    if len(parts) >= 2 and isinstance(parts[0], str) and isinstance(parts[1], int) and isinstance(body, dict):
        items = body.get(parts[0])
        if isinstance(items, list) and parts[1] < len(items) and isinstance(items[parts[1]], dict):
            found = items[parts[1]].get("id")
            return None if found is None else _shown(found).strip("'")
    return None


def _is_open_enum(schema: Any) -> bool:
    return isinstance(schema, dict) and OPEN_ENUM_PROMISE in str(schema.get("description", ""))


@dataclass(frozen=True)
class _BodyFinding:
    """One finding of a body, before a report counts it: ``customer`` is the id of the customer it lies in."""

    kind: str
    where: str
    detail: str
    customer: str | None = None


# The findings of each body met before, and the declared fields it carries, by status, media type and digest.
_KnownBodies = dict[tuple[str, str, bytes], tuple[list[_BodyFinding], set[str]]]


def _body_findings(api: str, status: str, media_type: str, body: Any) -> tuple[list[_BodyFinding], set[str]]:
    """What the spec says of one body (it depends on nothing else), and the declared fields the body carries."""
    found: list[_BodyFinding] = []
    for error in _body_validator(api, status, media_type).iter_errors(body):
        where = json_path(error.absolute_path)
        customer = _customer(body, error.absolute_path)
        if error.validator == "required":
            for name in [name for name in error.validator_value if name not in error.instance]:
                found.append(
                    _BodyFinding("missing_required_field", f"{where}.{name}".lstrip("."), f"status {status}", customer)
                )
        elif error.validator == "enum":
            kind = "new_enum_value" if _is_open_enum(error.schema) else "unknown_enum_value"
            found.append(_BodyFinding(kind, f"{where} = {_shown(error.instance)}", f"status {status}", customer))
        else:
            detail = f"status {status}: {error.message[:120]}"
            found.append(_BodyFinding("schema_violation", where or "(body)", detail, customer))
    seen: set[str] = set()
    for path in undeclared_fields(api, _body_schema(api, status, media_type), body, "", seen):
        found.append(_BodyFinding("undeclared_field", path, f"status {status}"))
    return found, seen


def _body_schema(api: str, status: str, media_type: str) -> Any:
    return _resolve(api, _resolve(api, _operation(api)["responses"][status])["content"][media_type]["schema"])


def _check_body(
    report: Report, status: str, media_type: str, raw: bytes, body: Any, where_seen: Seen, known: _KnownBodies
) -> set[str]:
    """Add the drift of one body to ``report``; return the declared fields it carries.

    ``known`` keeps the findings of each body already met: a mock or a vendor gives the same bytes to many
    requests, and each is counted, but checked once (a Sequence contract run: 650 answers, 78 distinct bodies).
    """
    key = (status, media_type, hashlib.blake2b(raw, digest_size=16).digest())  # not the bytes: a run's worth of them
    if key not in known:
        known[key] = _body_findings(report.api, status, media_type, body)
    found, seen = known[key]
    for finding in found:
        at = Seen(where_seen.request, where_seen.request_id, finding.customer)
        report.add(finding.kind, finding.where, finding.detail, at)
    _check_cursor(report, _body_schema(report.api, status, media_type), body, where_seen)
    return seen


def get_path(body: Any, dotted: str) -> Any:
    """The value at a dotted path of a JSON body (None when absent)."""
    for part in dotted.split("."):
        body = body.get(part) if isinstance(body, dict) else None
    return body


def _check_cursor(report: Report, schema: Any, body: Any, where_seen: Seen) -> None:
    """A first page with more results than it lists must carry the forward cursor the spec's link follows."""
    if report.api not in CURSORS:
        return
    cursor, total, items, parameters = CURSORS[report.api]
    listed, count = get_path(body, items), get_path(body, total)
    sent = {name for name, _ in parse_qsl(urlsplit(where_seen.request.split(" ", 1)[-1]).query)}
    if not isinstance(listed, list) or not isinstance(count, int) or sent & set(parameters):
        return
    if count > len(listed) and get_path(body, cursor) is None:
        parent = cursor.rsplit(".", 1)[0]
        declared = set(_declared_fields(report.api, schema, ""))
        present = get_path(body, parent)
        undeclared = sorted(f"{parent}.{k}" for k in present or {} if f"{parent}.{k}" not in declared)
        besides = f"; the page has {', '.join(f'`{u}`' for u in undeclared)} instead" if undeclared else ""
        detail = f"the page lists {len(listed)} of {count} results but no `{cursor}` to the next page{besides}"
        report.add("missing_pagination_field", cursor, detail, where_seen)


def analyze(api: str, interactions: Iterable[Interaction]) -> Report:
    """Hold every response of ``interactions`` to the spec of ``api``."""
    report = Report(api)
    responses = _operation(api)["responses"]
    seen_2xx: set[str] = set()
    known: _KnownBodies = {}
    for interaction in interactions:
        if interaction.status is None:
            continue
        report.responses += 1
        where_seen = Seen(shown_request(interaction.method, interaction.url), request_id(interaction))
        status = str(interaction.status)
        if status not in responses:  # (our specs declare no `default` response)
            report.add("undeclared_status", status, _shown(interaction.body.decode(errors="replace")), where_seen)
            continue
        response = _resolve(api, responses[status])
        for name, header in response.get("headers", {}).items():
            if _resolve(api, header).get("required") and name.lower() not in interaction.headers:
                report.add("missing_header", f"{name} (status {status})", "required by the spec", where_seen)
        content = response.get("content", {})
        media_type = interaction.headers.get("content-type", "").split(";")[0].strip().lower()
        if not content:
            continue
        if media_type not in content:
            report.add("undeclared_content_type", f"{media_type or '(none)'} (status {status})", "", where_seen)
            continue
        body = interaction.json()
        if body is None:
            report.add("schema_violation", "(body)", f"status {status}: not valid JSON", where_seen)
            continue
        seen = _check_body(report, status, media_type, interaction.body, body, where_seen, known)
        if status.startswith("2"):
            report.successes += 1
            seen_2xx |= seen
    if report.successes:
        [success] = [s for s in responses if s.startswith("2")]
        media_type, content = next(iter(_resolve(api, responses[success])["content"].items()))
        for path in _declared_fields(api, content["schema"], ""):
            if path not in seen_2xx:
                report.add("never_seen", path, f"status {success}, {media_type}", Seen("-", "-"))
    return report


# ---- reports ------------------------------------------------------------------------------------


def to_json(reports: Mapping[str, Report], target: str) -> dict[str, Any]:
    """The JSON form of a run's drift reports."""
    return {
        "target": target,
        "breaking": sum(len(r.breaking) for r in reports.values()),
        "spec_updates": sum(len(r.spec_updates) for r in reports.values()),
        "apis": {
            api: {
                "untested": report.untested or None,
                "responses": report.responses,
                "successful_responses": report.successes,
                "breaking": len(report.breaking),
                "spec_updates": len(report.spec_updates),
                "findings": [
                    {**asdict(f), "severity": f.severity, "breaking": f.breaking} for f in report.findings.values()
                ],
            }
            for api, report in reports.items()
        },
    }


_SEVERITY_NOTES = {
    BREAKING: " (breaking)",
    SPEC_UPDATE: " (spec update needed: no client breaks, but the spec should say it)",
    NOTE: "",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(reports: Mapping[str, Report], target: str) -> str:
    """The Markdown form: per API, per kind, a table of where, how often and an example."""
    lines = [f"# Drift report: {target}", ""]
    lines += [
        "Breaking drift fails the run. A spec update is drift that breaks no client (the clients keep",
        f'unknown fields, and unknown values of enums whose spec promises "{OPEN_ENUM_PROMISE}")',
        "but should be written into the spec.",
        "",
    ]
    for api, report in reports.items():
        lines += [f"## {api}", ""]
        if report.untested:
            lines += [f"**Not tested**: {report.untested}. Nothing was compared.", ""]
            continue
        lines += [
            f"{report.responses} responses ({report.successes} successful), {len(report.breaking)} breaking findings,"
            f" {len(report.spec_updates)} asking for a spec update.",
            "",
        ]
        if not report.successes:
            lines += ["**No successful response**: the fields of a listing were not compared.", ""]
        elif not [f for f in report.findings.values() if f.severity != NOTE]:
            lines += ["No drift: every response matched the spec.", ""]
        for kind, (heading, severity) in KINDS.items():
            found = [f for f in report.findings.values() if f.kind == kind]
            if not found:
                continue
            lines += [f"### {heading}{_SEVERITY_NOTES[severity]}", ""]
            lines += ["| where | seen | detail | example (customer, request, request id) |", "|---|---|---|---|"]
            for f in sorted(found, key=lambda f: f.where):
                lines.append(f"| `{f.where}` | {f.count} | {_cell(f.detail)} | {_cell(f.example())} |")
            lines.append("")
    return "\n".join(lines)


def write(reports: Mapping[str, Report], target: str, folder: Path) -> tuple[Path, Path]:
    """``drift.md`` and ``drift.json`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    markdown, data = folder / "drift.md", folder / "drift.json"
    markdown.write_text(to_markdown(reports, target))
    data.write_text(json.dumps(to_json(reports, target), indent=2) + "\n")
    return markdown, data
