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
pending flags and the structure itself. Records the spec rejects (after scrubbing) are left out
and listed with the reason; the written file is then loaded with the mock's own data-file
validation (``customers_mock.datafile.load``), which must accept it.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from customers_mock import datafile
from tests.contract import drift
from tests.support import specs

SCHEMAS = {"sequence": "Customer", "straddle": "CustomerSummaryV1"}


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
            scrubbed = SCRUB[api](cleaned)
            errors = sorted(check.iter_errors(scrubbed), key=lambda e: list(e.absolute_path))
            if errors:
                where = drift.json_path(errors[0].absolute_path)
                self.refused.append(f"{at}{'.' + where if where else ''}: {errors[0].message[:200]}")
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
