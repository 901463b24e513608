"""Loading customers from a JSON file, all or nothing.

The file maps API -> account -> list of customers, each exactly as that API returns it::

    {"sequence": {"acme": [{"id": "...", "createdAt": "...", "legalName": "...", "aliases": ["..."]}]},
     "straddle": {"globex": [{"id": "...", "created_at": "...", ...}]}}

Sequence customers may carry ``aliases`` (matched by the ``alias`` filter, never returned), and are
held to what Sequence always sends (``customers_mock.vendor``): the empty value for a missing
``organizations``, ``integrationIds`` or ``customProperties``, an error for a missing ``address`` or
``taxStatus`` or a state code Sequence does not use.
Every record is validated against the spec's customer schema before anything is used, and
Sequence's timestamps must also be RFC 3339 date-times (the spec types them as plain strings, as
Sequence does, but the mock sorts and filters by them); the first problems are reported naming the
record and the field. Ids are unique per API across accounts (a customer belongs to one account).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson
from jsonschema import FormatChecker

from customers_mock import accounts, spec, vendor

SCHEMAS = {spec.SEQUENCE: "Customer", spec.STRADDLE: "CustomerSummaryV1"}
_SHOWN_ERRORS = 10
_PROGRESS_EVERY = 50_000  # records between two progress lines
# Fields the mock orders by time, where the spec's schema accepts any string: the mock's own rule.
DATE_TIMES = {spec.SEQUENCE: ("createdAt", "archivedAt")}
_FORMATS = FormatChecker()

Progress = Callable[[str], None]


class DataFileError(ValueError):
    """The data file cannot be used; the message names each offending record and field."""


Loaded = dict[str, dict[str, list[tuple[dict[str, Any], tuple[str, ...]]]]]


@cache
def fast_validator(api: str) -> jsonschema_rs.Validator:
    """A compiled check of ``api``'s customer schema, run first on every record.

    jsonschema (pure Python) costs ~0.1-0.7 ms per record, most of a large file's load time;
    jsonschema-rs (Rust) a few microseconds. It checks formats with jsonschema's own format
    checkers, so it never accepts a record that jsonschema refuses; a record it refuses is then
    checked by jsonschema, which words the errors (or accepts it after all).
    """
    checker = FormatChecker()
    formats: dict[str, Callable[..., bool]] = {
        name: functools.partial(_conforms, checker, name) for name in checker.checkers
    }
    root = {"$ref": f"#/components/schemas/{SCHEMAS[api]}", "components": spec.document(api)["components"]}
    return jsonschema_rs.Draft202012Validator(root, formats=formats, validate_formats=True)


def _conforms(checker: FormatChecker, name: str, instance: Any) -> bool:
    return checker.conforms(instance, name)


def load(path: Path, progress: Progress | None = None) -> Loaded:
    """Customers (with their aliases) per API and account, or ``DataFileError``.

    ``progress`` (if given) is called with a line of text at each stage: reading, parsed, and
    every 50,000 records validated.
    """
    report = progress or (lambda _: None)
    started = time.perf_counter()
    try:
        report(f"reading {path} ({path.stat().st_size / 1e6:,.0f} MB)")
        data = orjson.loads(path.read_bytes())
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror}") from None
    except orjson.JSONDecodeError as exc:
        raise DataFileError(f"{path}: not valid JSON: {exc}") from None
    return validate(data, str(path), report, started)


def parse(body: bytes, where: str = "the data") -> Loaded:
    """``load`` of a document given as bytes (``PUT /_mock/data``): the same checks, the same errors."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise DataFileError(f"{where}: not valid JSON: {exc}") from None
    return validate(data, where)


def validate(data: Any, where: str, progress: Progress | None = None, started: float | None = None) -> Loaded:
    """The customers of a parsed document, every record checked (``DataFileError`` naming each problem).

    Only the APIs and accounts the document names are in the result (an account given an empty
    list is there, with no customers).
    """
    report = progress or (lambda _: None)
    started = time.perf_counter() if started is None else started
    problems: list[str] = []
    loaded: Loaded = {api: {} for api in SCHEMAS}
    if not isinstance(data, dict):
        raise DataFileError(f'{where}: expected an object {{"sequence": {{...}}, "straddle": {{...}}}}')
    todo: list[tuple[str, str, list[Any]]] = []
    for api, per_account in data.items():
        if api not in SCHEMAS:
            problems.append(f"{api}: unknown API (expected one of {', '.join(SCHEMAS)})")
            continue
        if not isinstance(per_account, dict):
            problems.append(f"{api}: expected an object mapping account name to a list of customers")
            continue
        for account, records in per_account.items():
            at = f"{api}.{account}"
            if account not in accounts.ACCOUNTS:
                problems.append(f"{at}: unknown account (expected one of {', '.join(accounts.ACCOUNTS)})")
            elif not isinstance(records, list):
                problems.append(f"{at}: expected a list of customers")
            else:
                todo.append((api, account, records))
    total = sum(len(records) for _, _, records in todo)
    report(f"parsed in {time.perf_counter() - started:.1f} s; validating {total:,} records")
    counter = _Counter(total, report)
    owners: dict[str, dict[str, str]] = {api: {} for api in SCHEMAS}  # id -> the first record having it, per API
    for api, account, records in todo:
        loaded[api][account] = _records(api, f"{api}.{account}", records, problems, owners[api], counter)
    counter.done()
    if problems:
        shown = problems[:_SHOWN_ERRORS]
        more = f"\n  ... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        raise DataFileError(f"{where}: refused, nothing loaded:\n  " + "\n  ".join(shown) + more)
    return loaded


class _Counter:
    """Counts validated records and reports every ``_PROGRESS_EVERY`` of them."""

    def __init__(self, total: int, report: Progress) -> None:
        self.total, self.report, self.count, self.reported = total, report, 0, -1

    def add(self) -> None:
        self.count += 1
        if self.count % _PROGRESS_EVERY == 0:
            self.done()

    def done(self) -> None:
        if self.reported == self.count:
            return
        self.reported = self.count
        share = f" ({100 * self.count // self.total}%)" if self.total else ""
        self.report(f"validated {self.count:,} of {self.total:,} records{share}")


def _records(
    api: str, where: str, records: list[Any], problems: list[str], owners: dict[str, str], counter: _Counter
) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    fast = fast_validator(api)
    check = spec.validator(api, f"/components/schemas/{SCHEMAS[api]}")
    out: list[tuple[dict[str, Any], tuple[str, ...]]] = []
    for i, customer in enumerate(records):
        counter.add()
        at = f"{where}[{i}]"
        if not isinstance(customer, dict):
            problems.append(f"{at}: expected an object")
            continue
        # The record is ours (just parsed): take its aliases out in place rather than copy it.
        aliases = customer.pop("aliases", []) if api == spec.SEQUENCE else []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(f"{at}.aliases: expected a list of strings")
            aliases = []
        if api == spec.SEQUENCE:  # what Sequence sends beyond the spec's minimum (customers_mock.vendor)
            problems += [f"{at}{problem}" for problem in vendor.complete_sequence(customer)]
        if not fast.is_valid(customer):
            for error in sorted(check.iter_errors(customer), key=lambda e: list(e.absolute_path)):
                field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
                problems.append(f"{at}{field}: {error.message[:200]}")
        for name in DATE_TIMES.get(api, ()):
            value = customer.get(name)
            if isinstance(value, str) and not _FORMATS.conforms(value, "date-time"):
                problems.append(f"{at}.{name}: {value[:60]!r} is not an RFC 3339 date-time (the mock sorts by it)")
        ident = customer.get("id")
        if isinstance(ident, str):
            owner = owners.setdefault(ident, at)
            if owner != at:
                # Within an account or across two: a customer belongs to exactly one account.
                problems.append(f"{at}.id: duplicate id {ident[:60]!r}, also {owner}")
        out.append((customer, tuple(aliases)))
    return out
