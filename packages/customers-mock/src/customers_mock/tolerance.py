"""Tolerance mode: answers that the vendors' contracts allow but that clients often choke on.

A tolerance spec is a comma-separated list of variations, or ``all`` (every variation that still
answers with a page). Within the spec (Schemathesis's response checks still pass):

- ``sparse``: optional fields absent - a Sequence customer with only ``id``, ``createdAt`` and
  ``legalName``, or with empty lists and maps and nested objects without their optional keys;
  Straddle's ``external_id`` absent or ``null`` (the only nullable field);
- ``new-fields``: keys the spec does not list, on customers, their nested objects, the
  ``pagination`` / ``meta`` block and the envelope (the specs allow additional properties);
- ``odd-ids``: Sequence ids that are not UUIDs (``cus_...``, ``org_...``: its contract says
  string); Straddle UUIDs in upper case (its contract says ``format: uuid``, which allows them);
- ``long-strings``: names, labels and external ids of about 10,000 characters;
- ``unicode``: non-ASCII text - accents, CJK, right-to-left script, an emoji ZWJ sequence, a
  combining mark, U+2028 - in names, labels, addresses, custom properties and external ids;
- ``timestamps``: RFC 3339 forms the examples never show - an offset other than ``Z``, nine
  fractional digits, none at all, lower-case ``t`` and ``z`` (each the same instant).

Beyond the spec's schemas (what the vendors say they may do, which a schema cannot express):

- ``unknown-enums``: enum values the spec does not list yet (Sequence ``taxStatus``; Straddle
  ``status``, ``type`` and ``response_type``), as when the vendor adds one;
- ``undocumented-status[=CODE]``: the whole answer is an undocumented status - 520 by default, as
  Cloudflare sends, or another 4xx/5xx the operation does not document (e.g. 499, 522) - with an
  HTML body, as a proxy in front of the API sends. Not part of ``all``.

Customer variations apply to every second customer of a page (the 2nd, 4th, ...), so every page
mixes plain and varied customers; envelope variations to the whole page. They rewrite the page
after the mock has selected it: filters, sort order and cursors work on the underlying data (a
long or non-ASCII name keeps the original as its prefix, a non-UUID id keeps the original's
order). Only 200 pages are varied; errors are answered as without tolerance.

Per server: ``--tolerance SPEC``. Per request: the ``X-Mock-Tolerance: SPEC`` header, which
replaces the server's setting for that request (``none`` turns it off). API paths only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from customers_mock import errors, spec

HEADER = "x-mock-tolerance"
HEADER_BYTES = HEADER.encode()  # as it appears in an ASGI scope

#: Variations whose answers the spec's schemas still describe, in the order they are applied
#: (``sparse`` first, so the others vary what it leaves).
IN_SPEC = ("sparse", "new-fields", "odd-ids", "long-strings", "unicode", "timestamps")
#: Variations that go beyond the schemas on purpose.
BEYOND_SPEC = ("unknown-enums", "undocumented-status")
VARIATIONS = IN_SPEC + BEYOND_SPEC
#: What ``all`` means: every variation that still answers with a page.
ALL = (*IN_SPEC, "unknown-enums")
DEFAULT_STATUS = 520
LONG = 10_000  # characters of a long string
# Non-ASCII text that breaks naive code: Latin accents, CJK, Arabic (right to left), an emoji ZWJ
# sequence, "e" + a combining acute accent, and U+2028 (valid in JSON, a line break to JavaScript).
UNICODE = (
    " \u2014 Z\u00fcrich \u682a\u5f0f\u4f1a\u793e \u0645\u0631\u062d\u0628\u0627"
    " \U0001f469\U0001f3fd\u200d\U0001f4bb e\u0301\u2028"
)
UNKNOWN = {"taxStatus": "ZERO_RATED", "status": "suspended", "type": "trust", "response_type": "paged_array"}


class ToleranceSpecError(ValueError):
    """A tolerance spec that cannot be understood; the message says why."""


@dataclass(frozen=True)
class Tolerance:
    """One parsed tolerance spec: the variations to apply, or an undocumented status to answer."""

    text: str
    variations: frozenset[str] = frozenset()
    status: int | None = None

    def __bool__(self) -> bool:
        return bool(self.variations) or self.status is not None


NONE = Tolerance("none")


def parse(text: str) -> Tolerance:
    """Parse a tolerance spec such as ``sparse, unknown-enums`` or ``undocumented-status=522``."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not names:
        raise ToleranceSpecError("empty tolerance spec: expected variations (comma-separated), all or none")
    variations: set[str] = set()
    status: int | None = None
    for name in names:
        base, _, value = name.partition("=")
        base = base.strip()
        if base == "none" and not value:
            continue
        if base == "all" and not value:
            variations.update(ALL)
        elif base == "undocumented-status":
            status = _undocumented_status(value.strip()) if value else DEFAULT_STATUS
        elif base in VARIATIONS and not value:
            variations.add(base)
        else:
            raise ToleranceSpecError(f"unknown variation {name!r}: expected all, none or {', '.join(VARIATIONS)}")
    return Tolerance(text.strip(), frozenset(variations), status)


def _undocumented_status(value: str) -> int:
    documented = {int(code) for api in (spec.SEQUENCE, spec.STRADDLE) for code in spec.operation(api).responses}
    if not (len(value) == 3 and value.isascii() and value.isdigit() and 400 <= int(value) <= 599):
        raise ToleranceSpecError(f"undocumented-status must be a 4xx or 5xx code, got {value!r}")
    if int(value) in documented:
        raise ToleranceSpecError(f"undocumented-status: {value} is documented by the specs; pick another code")
    return int(value)


# ---- the variations, on a parsed page ----

Json = dict[str, Any]


def _varied(items: list[Json]) -> list[tuple[int, Json]]:
    """The customers a page varies: every second one, with its place among them (0, 1, 2...)."""
    return list(enumerate(items[1::2]))


def _new_fields_sequence(page: Json) -> None:
    page["links"] = {"self": "/api/customers", "docs": "https://docs.sequencehq.com/"}
    page["pagination"]["cursorVersion"] = 2
    for _, customer in _varied(page["items"]):
        customer["preferredLanguage"] = "fr"
        customer["billing"] = {"currency": "EUR", "netTermsDays": 30, "dunning": None}
        for organization in customer.get("organizations", []):
            organization["role"] = "PARENT"
            organization["owner"]["verified"] = True
        for integration in customer.get("integrationIds", []):
            integration["syncStatus"] = "OK"
        if "address" in customer:
            customer["address"]["line3"] = "Building 7"


def _new_fields_straddle(page: Json) -> None:
    page["links"] = {"self": "/v1/customers"}
    page["meta"]["region"] = "us-east-1"
    for _, customer in _varied(page["data"]):
        customer["risk_score"] = 0.27
        customer["compliance_profile"] = {"kyc": "passed", "checks": [{"name": "ofac", "result": "clear"}]}


_SEQUENCE_REQUIRED = ("id", "createdAt", "legalName")


def _sparse_sequence(page: Json) -> None:
    for n, customer in _varied(page["items"]):
        if n % 2 == 0:  # only what every customer has
            for key in [k for k in customer if k not in _SEQUENCE_REQUIRED]:
                del customer[key]
            continue
        # every optional container present but empty, every nested optional key absent
        customer["organizations"] = []
        customer["customProperties"] = {}
        address = customer.setdefault("address", {"line1": "1 Main St", "town": "Springfield", "postcode": "0"})
        address.setdefault("country", "US")
        address.pop("line2", None)
        address.pop("state", None)
        customer["integrationIds"] = [{"service": "HubSpot", "id": "hs-1", "isPending": True}]


def _sparse_straddle(page: Json) -> None:
    for n, customer in _varied(page["data"]):
        if n % 2 == 0:
            customer.pop("external_id", None)
        else:
            customer["external_id"] = None


def _odd_ids_sequence(page: Json) -> None:
    for _, customer in _varied(page["items"]):
        customer["id"] = _not_uuid("cus_", customer["id"])
        for organization in customer.get("organizations", []):
            organization["id"] = _not_uuid("org_", organization["id"])
            for member in (organization["owner"], *organization["members"]):
                member["id"] = _not_uuid("cus_", member["id"])


def _not_uuid(prefix: str, uuid: str) -> str:
    """``cus_0193...`` from a UUID: not a UUID, and in the same order as the UUIDs it comes from."""
    return prefix + uuid.replace("-", "")


def _odd_ids_straddle(page: Json) -> None:
    page["meta"]["api_request_id"] = page["meta"]["api_request_id"].upper()
    for _, customer in _varied(page["data"]):
        customer["id"] = customer["id"].upper()


def _longer(text: str) -> str:
    filler = " and Partners"
    return text + (filler * (LONG // len(filler) + 1))[: max(0, LONG - len(text))]


def _long_strings_sequence(page: Json) -> None:
    for _, customer in _varied(page["items"]):
        customer["legalName"] = _longer(customer["legalName"])
        if "label" in customer:
            customer["label"] = _longer(customer["label"])
        if "customProperties" in customer:
            customer["customProperties"]["notes"] = _longer("Notes:")


def _long_strings_straddle(page: Json) -> None:
    for _, customer in _varied(page["data"]):
        customer["name"] = _longer(customer["name"])
        if customer.get("external_id") is not None:
            customer["external_id"] = _longer(customer["external_id"])


def _unicode_sequence(page: Json) -> None:
    for _, customer in _varied(page["items"]):
        customer["legalName"] += UNICODE
        if "label" in customer:
            customer["label"] += UNICODE
        if "address" in customer:
            customer["address"]["town"] = "S\u00e3o Paulo \u6771\u4eac"
        if "customProperties" in customer:
            customer["customProperties"]["r\u00e9gion"] = "\u00cele-de-France" + UNICODE
        for organization in customer.get("organizations", []):
            for member in (organization["owner"], *organization["members"]):
                member["name"] += UNICODE


def _unicode_straddle(page: Json) -> None:
    for _, customer in _varied(page["data"]):
        customer["name"] += UNICODE
        if customer.get("external_id") is not None:
            customer["external_id"] += UNICODE


# Each rewrites an RFC 3339 UTC timestamp ("...Z") into another form of the same instant.
_TIME_FORMS: tuple[Callable[[dt.datetime], str], ...] = (
    lambda t: t.astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30))).isoformat(),
    lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.%f") + "000Z",
    lambda t: t.strftime("%Y-%m-%dt%H:%M:%Sz") if not t.microsecond else t.strftime("%Y-%m-%dt%H:%M:%S.%fz"),
    lambda t: t.astimezone(dt.timezone(dt.timedelta(hours=-8))).isoformat(),
)


def _retimed(value: str, n: int) -> str:
    return _TIME_FORMS[n % len(_TIME_FORMS)](dt.datetime.fromisoformat(value))


def _timestamps_sequence(page: Json) -> None:
    for n, customer in _varied(page["items"]):
        customer["createdAt"] = _retimed(customer["createdAt"], n)
        if "archivedAt" in customer:
            customer["archivedAt"] = _retimed(customer["archivedAt"], n + 1)
        for integration in customer.get("integrationIds", []):
            if "lastSynced" in integration:
                integration["lastSynced"] = _retimed(integration["lastSynced"], n + 2)


def _timestamps_straddle(page: Json) -> None:
    page["meta"]["api_request_timestamp"] = _retimed(page["meta"]["api_request_timestamp"], 0)
    for n, customer in _varied(page["data"]):
        customer["created_at"] = _retimed(customer["created_at"], n)
        customer["updated_at"] = _retimed(customer["updated_at"], n + 1)


def _unknown_enums_sequence(page: Json) -> None:
    for _, customer in _varied(page["items"]):
        customer["taxStatus"] = UNKNOWN["taxStatus"]


def _unknown_enums_straddle(page: Json) -> None:
    page["response_type"] = UNKNOWN["response_type"]
    for n, customer in _varied(page["data"]):
        customer["status" if n % 2 == 0 else "type"] = UNKNOWN["status" if n % 2 == 0 else "type"]


Variation = Callable[[Json], None]
_APPLY: dict[str, dict[str, Variation]] = {
    spec.SEQUENCE: {
        "new-fields": _new_fields_sequence,
        "sparse": _sparse_sequence,
        "odd-ids": _odd_ids_sequence,
        "long-strings": _long_strings_sequence,
        "unicode": _unicode_sequence,
        "timestamps": _timestamps_sequence,
        "unknown-enums": _unknown_enums_sequence,
    },
    spec.STRADDLE: {
        "new-fields": _new_fields_straddle,
        "sparse": _sparse_straddle,
        "odd-ids": _odd_ids_straddle,
        "long-strings": _long_strings_straddle,
        "unicode": _unicode_straddle,
        "timestamps": _timestamps_straddle,
        "unknown-enums": _unknown_enums_straddle,
    },
}


def vary(api: str, page: Json, variations: frozenset[str]) -> Json:
    """``page`` (a parsed 200 body of ``api``) with ``variations`` applied, in place."""
    for name in VARIATIONS:
        if name in variations and name in _APPLY[api]:
            _APPLY[api][name](page)
    return page


# ---- serving ----


def undocumented_page(status: int) -> Response:
    """What a proxy in front of the API answers: an HTML page, no JSON, no vendor headers."""
    html = (
        "<!DOCTYPE html>\n<html><head><title>Web server is returning an unknown error</title></head>\n"
        f"<body><h1>Error {status}</h1><p>Web server is returning an unknown error.</p>"
        "<p>Ray ID: 0000000000000000 &bull; customers_mock tolerance mode</p></body></html>\n"
    )
    return Response(html, status_code=status, media_type="text/html")


class ToleranceMiddleware:
    """Applies the request's (or else the server's) tolerance to requests for the API paths."""

    def __init__(self, app: ASGIApp, server: Tolerance) -> None:
        self.app = app
        self.server = server

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        api = errors.api_of(scope["path"]) if scope["type"] == "http" else None
        if api is None:
            await self.app(scope, receive, send)
            return
        tolerance = self.server
        headers = Headers(scope=scope)
        header = headers.get(HEADER)
        if header is not None:
            try:
                tolerance = parse(header)
            except ToleranceSpecError as exc:
                response = errors.error_for_path(scope["path"], 400, f"Invalid {HEADER} header: {exc}", headers)
                await response(scope, receive, send)
                return
        if not tolerance:
            await self.app(scope, receive, send)
        elif tolerance.status is not None:
            await undocumented_page(tolerance.status)(scope, receive, send)
        else:
            await self._varied(api, tolerance.variations, scope, receive, send)

    async def _varied(self, api: str, variations: frozenset[str], scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app, hold its answer, and send it on with a 200 page's body varied."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def hold(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            else:
                await send(message)

        await self.app(scope, receive, hold)
        if start is None:
            return
        body = b"".join(chunks)
        if start["status"] == 200:
            body = orjson.dumps(vary(api, orjson.loads(body), variations))
            kept = [(name, value) for name, value in start["headers"] if name.lower() != b"content-length"]
            start = {**start, "headers": [*kept, (b"content-length", b"%d" % len(body))]}
        await send(start)
        await send({"type": "http.response.body", "body": body, "more_body": False})
