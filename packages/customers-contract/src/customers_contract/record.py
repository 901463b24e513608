"""Record the customers a live run listed into a data file for the mock (``scripts/mock --data FILE``).

So a team's mock serves the shapes of their own sandbox: the same fields present or absent, the
same enum values, organisations, integrations, archive dates and custom property keys.

**What is scrubbed** (replaced by a placeholder derived from a hash of the original, so equal
values stay equal and the file is the same for the same listing):

- Sequence: ``legalName``, ``email``, ``url``, ``domain``, ``label``, every ``address`` field but
  ``country`` and ``state`` (a region code, which the mock holds to Sequence's list), organisation
  owner and member ``name``\\ s, integration ``id``\\ s, custom property values (the keys stay).
- Straddle: ``name``, ``email``, ``phone`` (a valid E.164 number), ``external_id`` (``null`` stays).
- Fields the spec does not declare are dropped: nobody has said what they hold.

**Kept**: ids, timestamps, ``status``, ``type``, ``taxStatus``, integration ``service`` names,
pending flags and the structure itself.

**Complete or loud**: ``record`` walks every page (Sequence with ``includeArchived=true``) up to
``limit`` customers per API and fails with ``RecordError`` - writing nothing - when a page is not
a JSON listing (an HTML page, a truncated body, an error status), when the walk ends before the
listing's own total (a renamed cursor), or when a listed record breaks the spec; the error names
the API, the request and, for a record, the customer id and the field as the vendor sent it (the
record is checked before it is scrubbed, so a wrongly typed field is named as such). The written
file is then loaded with the mock's own data-file validation (``customers_mock.datafile.load``).
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from customers_contract import drift, polite, specs, targets
from customers_mock import accounts, datafile

SCHEMAS = {"sequence": "Customer", "straddle": "CustomerSummaryV1"}
RECORD_MAX = 1000  # customers per API a recording lists at most (--record-max)
REFUSED_SHOWN = 10


class RecordError(RuntimeError):
    """A recording that would be incomplete or hide a drift; nothing is written."""


def _tag(value: Any, length: int = 8) -> str:
    return hashlib.sha256(str(value).encode()).hexdigest()[:length]


def _name(value: Any) -> str:
    return f"Customer {_tag(value)}"


def _email(value: Any) -> str:
    return f"customer-{_tag(value)}@example.com"


def _phone(value: Any) -> str:
    return "+1555" + str(int(_tag(value, 12), 16))[:7].zfill(7)


def _scrub_sequence(customer: dict[str, Any]) -> dict[str, Any]:
    c = copy.deepcopy(customer)
    for key, scrub in (("legalName", _name), ("email", _email), ("label", lambda v: f"label-{_tag(v, 6)}")):
        if isinstance(c.get(key), str):
            c[key] = scrub(c[key])
    if isinstance(c.get("url"), str):
        c["url"] = f"https://customer-{_tag(c['url'])}.example.com/"
    if isinstance(c.get("domain"), str):
        c["domain"] = f"customer-{_tag(c['domain'])}.example.com"
    if isinstance(c.get("address"), dict):
        c["address"] = {
            k: (v if k in ("country", "state") else f"{k}-{_tag(v, 6)}")  # a region code identifies no one
            for k, v in c["address"].items()
            if isinstance(v, str)
        }
    for org in c.get("organizations") or []:
        for member in [org.get("owner"), *(org.get("members") or [])]:
            if isinstance(member, dict) and isinstance(member.get("name"), str):
                member["name"] = _name(member["name"])
    for link in c.get("integrationIds") or []:
        if isinstance(link, dict) and isinstance(link.get("id"), str):
            link["id"] = f"ext-{_tag(link['id'], 12)}"
    if isinstance(c.get("customProperties"), dict):
        c["customProperties"] = {k: f"{k}-{_tag(v, 6)}" for k, v in c["customProperties"].items()}
    return c


def _scrub_straddle(customer: dict[str, Any]) -> dict[str, Any]:
    c = copy.deepcopy(customer)
    for key, scrub in (("name", _name), ("email", _email), ("phone", _phone)):
        if isinstance(c.get(key), str):
            c[key] = scrub(c[key])
    if isinstance(c.get("external_id"), str):
        c["external_id"] = f"ext-{_tag(c['external_id'], 12)}"
    return c


SCRUB: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "sequence": _scrub_sequence,
    "straddle": _scrub_straddle,
}


def _drop_undeclared(api: str, customer: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``customer`` without the fields the spec does not declare (top level and nested), and their paths."""
    schema = {"$ref": f"#/components/schemas/{SCHEMAS[api]}"}
    dropped = list(drift.undeclared_fields(api, schema, customer, "", set()))
    kept = copy.deepcopy(customer)
    for path in dropped:
        _delete(kept, path.replace("[]", ".[]").split("."))
    return kept, dropped


def _delete(node: Any, parts: list[str]) -> None:
    head, rest = parts[0], parts[1:]
    if head == "[]":
        for item in node if isinstance(node, list) else []:
            _delete(item, rest)
    elif isinstance(node, dict) and head in node:
        if rest:
            _delete(node[head], rest)
        else:
            del node[head]


@dataclass
class Recording:
    """What a recording kept (per API: scrubbed customers), dropped and refused."""

    account: str
    customers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    dropped_fields: dict[str, set[str]] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)

    def add(self, api: str, listed: Iterable[dict[str, Any]]) -> None:
        """Scrub and keep each listed customer of ``api`` that the spec accepts; note the others."""
        check = specs.validator(api, f"/components/schemas/{SCHEMAS[api]}")
        kept = self.customers.setdefault(api, [])
        ids = {c.get("id") for c in kept}
        for customer in listed:
            at = f"{api}.{self.account}[{customer.get('id', '?')}]"
            cleaned, dropped = _drop_undeclared(api, customer)
            self.dropped_fields.setdefault(api, set()).update(dropped)
            # As the vendor sent it first (a wrong type is named as such), then as it would be written.
            raw = sorted(check.iter_errors(cleaned), key=lambda e: list(e.absolute_path))
            scrubbed = SCRUB[api](cleaned)
            errors = raw or sorted(check.iter_errors(scrubbed), key=lambda e: list(e.absolute_path))
            if errors:
                where = drift.json_path(errors[0].absolute_path)
                self.refused.append(drift.printable(f"{at}{'.' + where if where else ''}: {errors[0].message[:200]}"))
            elif scrubbed.get("id") in ids:
                self.refused.append(f"{at}: listed twice")
            else:
                ids.add(scrubbed.get("id"))
                kept.append(scrubbed)

    def write(self, path: Path) -> None:
        """Write the data file, then load it as the mock would (raises ``DataFileError`` if it refuses it)."""
        data = {api: {self.account: customers} for api, customers in self.customers.items()}
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
        datafile.load(path)


def _page(client: httpx.Client, api: targets.ApiTarget, params: dict[str, Any]) -> dict[str, Any]:
    """One page of the listing as JSON, or ``RecordError`` naming the request and what came back."""
    try:
        response = client.get(api.path, params=params)
    except (httpx.HTTPError, polite.PolitenessError) as exc:
        raise RecordError(f"{api.api}: GET {api.path} {params}: {type(exc).__name__}: {exc}") from exc
    request = drift.shown_request("GET", str(response.request.url))
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    if response.status_code != 200:
        raise RecordError(f"{api.api}: {request} answered {response.status_code}")
    try:
        body = response.json()
    except ValueError as exc:
        raise RecordError(f"{api.api}: {request} answered {media_type or 'no media type'}, not JSON") from exc
    items = "items" if api.api == "sequence" else "data"
    if not isinstance(body, dict) or not isinstance(body.get(items), list):
        raise RecordError(f"{api.api}: {request} answered JSON without an `{items}` list")
    return body


def _walk(client: httpx.Client, api: targets.ApiTarget, limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` customers of one API, every page; ``RecordError`` when the walk ends short of the total."""
    listed: list[dict[str, Any]] = []
    if api.api == "sequence":
        params: dict[str, Any] = {"includeArchived": "true", "limit": 100}
        body = _page(client, api, params)
        total = drift.get_path(body, "pagination.totalResultSize")
        while True:
            listed += body["items"]
            after = drift.get_path(body, "pagination.after")
            if len(listed) >= limit or not body["items"] or not after:
                break
            body = _page(client, api, {**params, "after": after})
    else:
        number = 1
        body = _page(client, api, {"page_size": 1000, "page_number": number})
        total = drift.get_path(body, "meta.total_items")
        while True:
            listed += body["data"]
            pages = drift.get_path(body, "meta.total_pages")
            if len(listed) >= limit or not body["data"] or not isinstance(pages, int) or number >= pages:
                break
            number += 1
            body = _page(client, api, {"page_size": 1000, "page_number": number})
    if not isinstance(total, int):
        raise RecordError(f"{api.api}: the listing gives no total; cannot tell whether the walk is complete")
    if len(listed) < min(total, limit):
        raise RecordError(
            f"{api.api}: incomplete: the walk listed {len(listed)} of {total} customers and found no next page"
            " (see the drift report: a pagination field missing or renamed?)"
        )
    return [c for c in listed[:limit] if isinstance(c, dict)]


def record(target: targets.Target, ledger: polite.Ledger | None, path: Path, limit: int) -> Recording:
    """Walk every API of ``target`` and write the recording to ``path``, or raise ``RecordError`` (nothing written)."""
    recording = Recording(account=accounts.ACME)
    for api in target.apis.values():
        with polite.polite_client(api.base_url, ledger, headers=api.auth_headers) as client:
            recording.add(api.api, _walk(client, api, limit))
    if recording.refused:
        shown = "; ".join(recording.refused[:REFUSED_SHOWN])
        more = f" and {len(recording.refused) - REFUSED_SHOWN} more" if len(recording.refused) > REFUSED_SHOWN else ""
        raise RecordError(f"{len(recording.refused)} listed records break the spec: {shown}{more}")
    try:
        recording.write(path)
    except ValueError as exc:  # DataFileError: should not happen after the per-record checks
        path.unlink(missing_ok=True)
        raise RecordError(f"the mock refuses {path}: {exc}") from exc
    return recording
