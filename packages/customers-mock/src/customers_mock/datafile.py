"""Loading customers from a JSON file, all or nothing.

The file maps API -> account -> list of customers, each exactly as that API returns it::

    {"sequence": {"acme": [{"id": "...", "createdAt": "...", "legalName": "...", "aliases": ["..."]}]},
     "straddle": {"globex": [{"id": "...", "created_at": "...", ...}]}}

Sequence customers may carry ``aliases`` (matched by the ``alias`` filter, never returned).
Every record is validated against the spec's customer schema before anything is used, and
Sequence's timestamps must also be RFC 3339 date-times (the spec types them as plain strings, as
Sequence does, but the mock sorts and filters by them); the first problems are reported naming the
record and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from jsonschema import FormatChecker

from customers_mock import accounts, spec

SCHEMAS = {spec.SEQUENCE: "Customer", spec.STRADDLE: "CustomerSummaryV1"}
_SHOWN_ERRORS = 10
# Fields the mock orders by time, where the spec's schema accepts any string: the mock's own rule.
DATE_TIMES = {spec.SEQUENCE: ("createdAt", "archivedAt")}
_FORMATS = FormatChecker()


class DataFileError(ValueError):
    """The data file cannot be used; the message names each offending record and field."""


Loaded = dict[str, dict[str, list[tuple[dict[str, Any], tuple[str, ...]]]]]


def load(path: Path) -> Loaded:
    """Customers (with their aliases) per API and account, or ``DataFileError``."""
    try:
        data = orjson.loads(path.read_bytes())
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror}") from None
    except orjson.JSONDecodeError as exc:
        raise DataFileError(f"{path}: not valid JSON: {exc}") from None
    problems: list[str] = []
    loaded: Loaded = {api: {} for api in SCHEMAS}
    if not isinstance(data, dict):
        raise DataFileError(f'{path}: expected an object {{"sequence": {{...}}, "straddle": {{...}}}}')
    for api, per_account in data.items():
        if api not in SCHEMAS:
            problems.append(f"{api}: unknown API (expected one of {', '.join(SCHEMAS)})")
            continue
        if not isinstance(per_account, dict):
            problems.append(f"{api}: expected an object mapping account name to a list of customers")
            continue
        for account, records in per_account.items():
            where = f"{api}.{account}"
            if account not in accounts.ACCOUNTS:
                problems.append(f"{where}: unknown account (expected one of {', '.join(accounts.ACCOUNTS)})")
                continue
            if not isinstance(records, list):
                problems.append(f"{where}: expected a list of customers")
                continue
            loaded[api][account] = _records(api, where, records, problems)
    if problems:
        shown = problems[:_SHOWN_ERRORS]
        more = f"\n  ... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        raise DataFileError(f"{path}: refused, nothing loaded:\n  " + "\n  ".join(shown) + more)
    return loaded


def _records(
    api: str, where: str, records: list[Any], problems: list[str]
) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    check = spec.validator(api, f"/components/schemas/{SCHEMAS[api]}")
    out: list[tuple[dict[str, Any], tuple[str, ...]]] = []
    seen: set[str] = set()
    for i, record in enumerate(records):
        at = f"{where}[{i}]"
        if not isinstance(record, dict):
            problems.append(f"{at}: expected an object")
            continue
        customer = dict(record)
        aliases = customer.pop("aliases", []) if api == spec.SEQUENCE else []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(f"{at}.aliases: expected a list of strings")
            aliases = []
        for error in sorted(check.iter_errors(customer), key=lambda e: list(e.absolute_path)):
            field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
            problems.append(f"{at}{field}: {error.message[:200]}")
        for name in DATE_TIMES.get(api, ()):
            value = customer.get(name)
            if isinstance(value, str) and not _FORMATS.conforms(value, "date-time"):
                problems.append(f"{at}.{name}: {value[:60]!r} is not an RFC 3339 date-time (the mock sorts by it)")
        ident = customer.get("id")
        if isinstance(ident, str):
            if ident in seen:
                problems.append(f"{at}.id: duplicate id {ident!r} in {where}")
            seen.add(ident)
        out.append((customer, tuple(aliases)))
    return out
