"""Deliberately broken variants of the mock server, one defect each (test-only).

`tests/contract/test_broken_variants.py` runs the contract suite against every variant and
asserts that it fails, and that the check named here is among those that caught the defect.
A contract suite that passes against one of these is worth nothing.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Receive, Scope

from customers_contract.standin import Answer, call
from customers_mock import accounts
from tests.contract.broken._asgi import Broken, request_header, with_request_header

SEQUENCE = "/api/customers"
STRADDLE = "/v1/customers"

Handler = Callable[[ASGIApp, Scope, Receive], Awaitable[Answer]]


@dataclass(frozen=True)
class Variant:
    """One defect: which API it breaks, what is wrong, and the check that must catch it."""

    name: str
    api: str  # "sequence" or "straddle"
    defect: str
    caught_by: str
    handler: Handler

    def wrap(self, app: ASGIApp) -> ASGIApp:
        """The real mock ``app`` with this defect."""
        return Broken(app, SEQUENCE if self.api == "sequence" else STRADDLE, self.handler)


def _query(scope: Scope, name: str) -> str:
    """The (first) value of query parameter ``name``; empty when absent."""
    value: str = dict(parse_qsl(scope["query_string"].decode("latin-1"))).get(name, "")
    return value


def _with_query(scope: Scope, change: Callable[[list[tuple[str, str]]], list[tuple[str, str]]]) -> Scope:
    pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
    return {**scope, "query_string": urlencode(change(pairs)).encode("latin-1")}


async def _nothing() -> dict[str, object]:
    return {"type": "http.request", "body": b"", "more_body": False}


# ---- wrong response bodies ----


async def _total_as_string(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    answer = await call(app, scope, receive)
    if answer.status == 200:
        body = answer.json
        body["pagination"]["totalResultSize"] = str(body["pagination"]["totalResultSize"])
        answer.json = body
    return answer


async def _meta_without_total_pages(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    answer = await call(app, scope, receive)
    if answer.status == 200:
        body = answer.json
        del body["meta"]["total_pages"]
        answer.json = body
    return answer


async def _text_errors(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    answer = await call(app, scope, receive)
    if answer.status >= 400:
        answer.body = f"error {answer.status}".encode()
        answer.set_header("content-type", "text/plain; charset=utf-8")
    return answer


# ---- wrong statuses ----


async def _undeclared_422(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    answer = await call(app, scope, receive)
    if answer.status == 400:
        answer.status = 422  # Sequence declares 400 for bad input, not 422
    return answer


async def _crash_on_custom_property_sort(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    if "customProperties." in _query(scope, "sortBy"):
        return Answer(500, [(b"content-type", b"text/plain")], b"Internal Server Error")
    return await call(app, scope, receive)


async def _get_for_every_method(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    return await call(app, {**scope, "method": "GET"}, receive)


# ---- wrong validation ----


async def _clamp_page_size(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    def clamp(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out = []
        for key, value in pairs:
            if key == "page_size" and value.lstrip("-").isdigit():
                value = str(min(max(int(value), 1), 1000))
            out.append((key, value))
        return out

    return await call(app, _with_query(scope, clamp), receive)


async def _refuse_big_page_number(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    number = _query(scope, "page_number")
    if number.isdigit() and int(number) > 1_000_000:
        # The mock's own 400 for an out-of-range page_size, sent for a valid page_number.
        return await call(app, _with_query(scope, lambda pairs: [*pairs, ("page_size", "0")]), receive)
    return await call(app, scope, receive)


# ---- wrong auth ----


def _basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


async def _ignore_credentials(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    valid = _basic(accounts.SEQUENCE_CLIENT_ID, accounts.SEQUENCE_CLIENT_SECRET)
    return await call(app, with_request_header(scope, "Authorization", valid), receive)


async def _missing_key_is_403(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    answer = await call(app, scope, receive)
    if request_header(scope, "Authorization") is None and answer.status == 401:
        answer.status = 403
    return answer


async def _leak_other_account(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    answer = await call(app, scope, receive)
    if answer.status == 200 and request_header(scope, "Authorization") == f"Bearer {accounts.STRADDLE_API_KEY}":
        other = with_request_header(scope, "Authorization", f"Bearer {accounts.STRADDLE_OTHER_API_KEY}")
        leaked = await call(app, other, _nothing)
        if leaked.status == 200:
            body = answer.json
            body["data"] = body["data"] + leaked.json["data"]
            answer.json = body
    return answer


# ---- wrong headers ----


async def _no_version_header(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    answer = await call(app, scope, receive)
    answer.set_header("Sequence-Version", None)
    return answer


async def _ids_not_echoed(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    answer = await call(app, scope, receive)
    answer.set_header("Request-Id", None)
    answer.set_header("Correlation-Id", None)
    return answer


VARIANTS = [
    Variant(
        "wrong_field_type", "sequence", "totalResultSize sent as a string",
        "response_schema_conformance", _total_as_string,
    ),
    Variant(
        "missing_required_field", "straddle", "meta.total_pages left out",
        "response_schema_conformance", _meta_without_total_pages,
    ),
    Variant(
        "error_not_json", "straddle", "errors sent as text/plain",
        "content_type_conformance", _text_errors,
    ),
    Variant(
        "undeclared_status", "sequence", "bad input answered 422, which Sequence does not declare",
        "status_code_conformance", _undeclared_422,
    ),
    Variant(
        "server_error", "sequence", "sorting by a custom property crashes with a 500",
        "not_a_server_error", _crash_on_custom_property_sort,
    ),
    Variant(
        "no_405", "sequence", "every method served as GET",
        "unsupported_method", _get_for_every_method,
    ),
    Variant(
        "invalid_accepted", "straddle", "page_size out of range clamped instead of rejected",
        "negative_data_rejection", _clamp_page_size,
    ),
    Variant(
        "valid_rejected", "straddle", "a valid page_number above 10^6 rejected with 400",
        "positive_data_acceptance", _refuse_big_page_number,
    ),
    Variant(
        "auth_ignored", "sequence", "any or no credentials act as the demo account",
        "ignored_auth", _ignore_credentials,
    ),
    Variant(
        "missing_auth_403", "straddle", "a request without credentials answered 403, not 401",
        "missing_required_header", _missing_key_is_403,
    ),
    Variant(
        "account_leak", "straddle", "the acme key also lists globex's customers",
        "account_isolation", _leak_other_account,
    ),
    Variant(
        "missing_header", "sequence", "the required Sequence-Version response header left out",
        "response_headers_conformance", _no_version_header,
    ),
    Variant(
        "ids_not_echoed", "straddle", "Request-Id and Correlation-Id not echoed",
        "request_ids_echoed", _ids_not_echoed,
    ),
]  # fmt: skip
