"""Schemathesis checks for promises the specs make in prose, which no built-in check can see.

Registered on import; `schemathesis.toml` names this module (`hooks`), so both the pytest run and
`st run` load it, and `--checks all` includes these next to the 14 built-in checks.

- ``account_isolation``: a customer listed for one demo account never belongs to another account.
- ``request_ids_echoed``: Straddle echoes the ``Request-Id`` and ``Correlation-Id`` request headers.
"""

from __future__ import annotations

import base64
import binascii
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import httpx
import schemathesis
from schemathesis import Case, CheckContext, Response
from schemathesis.python import asgi

from customers_mock import accounts

SEQUENCE_PATH = "/api/customers"
STRADDLE_PATH = "/v1/customers"


def _basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


# Credentials that list each account's customers in full (one per account and API).
_LISTERS: dict[str, dict[str, dict[str, str]]] = {
    SEQUENCE_PATH: {
        accounts.ACME: {"Authorization": _basic(accounts.SEQUENCE_CLIENT_ID, accounts.SEQUENCE_CLIENT_SECRET)},
        accounts.GLOBEX: {
            "Authorization": _basic(accounts.SEQUENCE_OTHER_CLIENT_ID, accounts.SEQUENCE_OTHER_CLIENT_SECRET)
        },
    },
    STRADDLE_PATH: {
        accounts.ACME: {"Authorization": f"Bearer {accounts.STRADDLE_API_KEY}"},
        accounts.GLOBEX: {"Authorization": f"Bearer {accounts.STRADDLE_OTHER_API_KEY}"},
    },
}
_MAX_PAGES = 10_000  # a bound on the listing loop, far above any data set the tests start
_lock = threading.Lock()
_owners: dict[tuple[str, str], dict[str, set[str]]] = {}  # (server, path) -> account -> customer ids


def _sequence_account(authorization: str) -> str | None:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, _, secret = base64.b64decode(token, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return accounts.SEQUENCE_CREDENTIALS.get((client_id, secret))


def _straddle_account(authorization: str, account_id: str | None) -> str | None:
    scheme, _, token = authorization.partition(" ")
    key = accounts.STRADDLE_KEYS.get(token) if scheme.lower() == "bearer" else None
    if key is None:
        return None
    if key.platform:
        return accounts.STRADDLE_ACCOUNT_IDS.get(account_id or "")
    return key.account


def _header(headers: Mapping[str, str | bytes], name: str) -> str | None:
    value = headers.get(name)
    return value.decode("latin-1") if isinstance(value, bytes) else value


def account_of(path: str, headers: Mapping[str, str | bytes]) -> str | None:
    """The demo account a request authenticates as, or None for any other credentials."""
    authorization = _header(headers, "Authorization") or ""
    if path == SEQUENCE_PATH:
        return _sequence_account(authorization)
    return _straddle_account(authorization, _header(headers, "Straddle-Account-Id"))


def _customer_ids(path: str, body: Any) -> list[str]:
    items = body.get("items" if path == SEQUENCE_PATH else "data") if isinstance(body, dict) else None
    return [c["id"] for c in items or [] if isinstance(c, dict) and isinstance(c.get("id"), str)]


Fetch = Callable[[dict[str, Any], dict[str, str]], Any]  # (query, headers) -> decoded JSON of a 200


def _pages(fetch: Fetch, path: str, headers: dict[str, str]) -> Iterator[Any]:
    """Every page of one account's full listing (archived customers included)."""
    if path == SEQUENCE_PATH:
        params: dict[str, Any] = {"includeArchived": "true", "limit": 100}
        for _ in range(_MAX_PAGES):
            body = fetch(params, headers)
            yield body
            after = body["pagination"].get("after")
            if not after or not body["items"]:
                return
            params["after"] = after
    else:
        for number in range(1, _MAX_PAGES):
            body = fetch({"page_size": 1000, "page_number": number}, headers)
            yield body
            if not body["data"]:
                return


@contextmanager
def _fetcher(case: Case[Any]) -> Iterator[Fetch]:
    """GET the case's path on the server under test: the ASGI app in process, or the live base URL."""
    schema = case.operation.schema
    path = case.operation.path
    if schema.app is not None:
        with asgi.get_client(schema.app) as session:  # Schemathesis's own in-process client
            yield lambda query, headers: session.get(path, params=query, headers=headers).json()
    else:
        with httpx.Client(base_url=schema.get_base_url(), timeout=30) as client:
            yield lambda query, headers: client.get(path, params=query, headers=headers).raise_for_status().json()


def owners(case: Case[Any]) -> dict[str, set[str]]:
    """Customer ids per demo account on the server under test, listed once per server and API."""
    path = case.operation.path
    schema = case.operation.schema
    server = repr(schema.app) if schema.app is not None else schema.get_base_url()
    with _lock:
        if (server, path) not in _owners:
            with _fetcher(case) as fetch:
                _owners[(server, path)] = {
                    account: {cid for page in _pages(fetch, path, headers) for cid in _customer_ids(path, page)}
                    for account, headers in _LISTERS[path].items()
                }
        return _owners[(server, path)]


@schemathesis.check
def account_isolation(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """A successful listing for one demo account contains no customer of another account."""
    if response.status_code != 200 or case.operation.path not in _LISTERS:
        return None
    account = account_of(case.operation.path, response.request.headers)
    if account is None:
        return None
    listed = set(_customer_ids(case.operation.path, response.json()))
    foreign = {other: sorted(listed & ids) for other, ids in owners(case).items() if other != account and listed & ids}
    if foreign:
        raise AssertionError(f"Listing for account {account!r} shows customers of other accounts: {foreign}")
    return None


@schemathesis.check
def request_ids_echoed(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """Straddle answers carry the request's ``Request-Id`` and ``Correlation-Id`` back unchanged."""
    if case.operation.path != STRADDLE_PATH:
        return None
    for name in ("Request-Id", "Correlation-Id"):
        sent = _header(response.request.headers, name)
        if sent is None:
            continue
        echoed = response.headers.get(name.lower())
        if echoed != [sent]:
            raise AssertionError(f"{name} header sent as {sent!r} but answered with {echoed!r}")
    return None
