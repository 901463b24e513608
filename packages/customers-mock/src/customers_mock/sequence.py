"""``GET /api/customers``: Sequence's List customers.

Filters: those the spec declares with ``x-mock-filter`` (``legalName``, ``email``, ``label``: equal
ignoring case; see ``customers_mock.filters``), and ``alias``, equal ignoring case to any of the
customer's aliases (which are not a field of the customer: the mock's own logic). Archived customers are hidden unless
``includeArchived=true``. Sorting is by ``sortBy`` (default ``createdAt``) then ``id``, in
``sortOrder`` (default DESC); strings compare by code point, absent values sort as empty.
``limit`` defaults to ``DEFAULT_LIMIT``. A cursor names a customer (a short, opaque token of its
position in the account's data); a page after it starts right after that customer's (sort key, id),
so it stays right when customers are added meanwhile (keyset, not offset).
"""

from __future__ import annotations

import math
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from customers_mock import auth, errors, filters, render, spec, store
from customers_mock.state import MockState
from customers_mock.validation import checked

API = spec.SEQUENCE
# The page does not state a default page size; 20 is this mock's (documented in the README).
DEFAULT_LIMIT = 20
DEFAULT_SORT = "createdAt"
WWW_AUTHENTICATE = {"WWW-Authenticate": 'Basic realm="Sequence"'}
# The spec parameters this handler gives meaning to, each with the type it reads it as; customers_mock.coverage
# reports any other parameter, and one whose type in the spec is no longer this one. The filters the spec
# declares (x-mock-filter) are served by customers_mock.filters.
PARAMETERS = {
    **filters.implemented(API),
    "sequence-version": "string",
    "sortBy": "string",
    "alias": "string",
    "includeArchived": "boolean",
    "limit": "integer",
    "after": "string",
    "before": "string",
    "sortOrder": "string",
}


def list_customers(request: Request) -> Response:
    """The page (or error) for ``request``; raises ``store.NotReady`` while an index it needs is built."""
    state: MockState = request.app.state.mock
    operation = spec.operation(API)

    # 1. Authenticate: Basic clientId:clientSecret -> account; a key without the customers permission is 403.
    authorization = request.headers.getlist("authorization")
    if len(authorization) > 1:
        return errors.sequence_error(400, auth.TWO_AUTHORIZATIONS)
    credentials = auth.sequence_key(authorization[0] if authorization else None)
    if credentials is None:
        return errors.sequence_error(401, "Missing or invalid credentials.", headers=WWW_AUTHENTICATE)
    if not credentials.list_customers:
        return errors.sequence_error(403, "These credentials may not list customers.")
    account = credentials.account

    # 2. Parse every parameter against the spec; an unknown version has its own error type.
    params, problems = operation.parse_request(request)
    version_problem = next((p for p in problems if p.parameter == "sequence-version"), None)
    if version_problem is not None:
        version = request.headers.get("sequence-version", "")
        message = f"Unrecognised API version {version[:60]!r}."
        return errors.sequence_error(400, message, type_="UnrecognisedApiVersion")
    if problems:
        return errors.sequence_error(400, "Invalid request parameters.", problems=problems)

    # 3. Select: the account's customers matching the filters, in ascending sort order.
    collection = state.sequence[account]
    sort_by = (params["sortBy"] or DEFAULT_SORT).removesuffix("\n")  # `$` in the pattern admits one "\n"
    chosen = filters.selection(API, params)
    exact = chosen.exact if params["alias"] is None else {**chosen.exact, "alias": params["alias"]}
    include_archived = bool(params["includeArchived"])
    try:
        ordered = store.select_ready(
            collection,
            sort_by,
            include_archived=include_archived,
            exact=exact,
            contains=chosen.contains,
            sets=chosen.sets,
            date_range=chosen.date_range,
        )
    except store.SortBudgetError as exc:
        message = (
            f"Too many new customProperties sorts: at most {store.MAX_CUSTOM_SORTS} per minute per account;"
            f" retry in {math.ceil(exc.retry_after)} s."
        )
        return errors.sequence_error(429, message, headers={"Retry-After": str(math.ceil(exc.retry_after))})

    # 4. Paginate by keyset from the cursors.
    def key(p: int) -> store.Key:
        return collection.key(sort_by, p)

    after, before = params["after"], params["before"]
    page = store.keyset_page(
        ordered,
        key,
        descending=params["sortOrder"] == "DESC",
        limit=params["limit"] or DEFAULT_LIMIT,
        after=store.decode_cursor(after, key, len(collection)) if after is not None else None,
        before=store.decode_cursor(before, key, len(collection)) if before is not None else None,
    )

    # 5. Build the page from cached JSON: items, cursors only where more items exist, the total over all pages.
    pagination: dict[str, Any] = {}
    if page.has_after:
        pagination["after"] = store.encode_cursor(page.positions[-1])
    if page.has_before:
        pagination["before"] = store.encode_cursor(page.positions[0])
    pagination["totalResultSize"] = len(ordered)
    body = render.sequence_page(render.encoded(collection), page.positions, pagination)
    version = params["sequence-version"] or errors.SEQUENCE_VERSION
    response = render.EncodedJSONResponse(body, headers={"Sequence-Version": version})
    return checked(state, API, response, orjson.loads(response.body)) if state.settings.validate_responses else response
