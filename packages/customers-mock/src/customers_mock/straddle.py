"""``GET /v1/customers``: Straddle's List customers.

Filters: those the spec declares with ``x-mock-filter`` (``customers_mock.filters``): ``created_from`` /
``created_to`` inclusive; ``name`` a case-insensitive substring; ``email`` and ``external_id`` exact
but ignoring case; ``status`` and ``types`` sets of values, given as repeated keys or comma-joined.
A ``created_from`` after ``created_to`` is simply an empty page. And the handler's own:
``search_text``, a case-insensitive substring of any of name, email, phone or external id.
Sorting is by ``sort_by`` (default ``created_at``) then id, in ``sort_order`` (spec default asc).
Pages are numbered from 1; a page past the end has empty ``data``.
"""

from __future__ import annotations

import orjson
from starlette.requests import Request
from starlette.responses import Response

from customers_mock import accounts, auth, errors, filters, render, spec, store, times
from customers_mock.state import PLATFORM, MockState
from customers_mock.validation import checked

API = spec.STRADDLE
DEFAULT_SORT = "created_at"
MAX_PAGE_SIZE: int = spec.operation(API).parameters["page_size"].schema["maximum"]
SEARCHED = ("name", "email", "phone", "external_id")
ACCOUNT_HEADER = "Straddle-Account-Id"
# The spec parameters this handler gives meaning to, each with the type it reads it as; customers_mock.coverage
# reports any other parameter, and one whose type in the spec is no longer this one. Correlation-Id and
# Request-Id are echoed (errors.echoed). The filters the spec declares (x-mock-filter) are served by
# customers_mock.filters.
PARAMETERS = {
    **filters.implemented(API),
    "search_text": "string",
    "page_number": "integer",
    "page_size": "integer",
    **dict.fromkeys(("sort_by", "sort_order", "Correlation-Id", "Request-Id", ACCOUNT_HEADER), "string"),
}


def list_customers(request: Request) -> Response:
    """The page (or error) for ``request``; raises ``store.NotReady`` while an index it needs is built."""
    state: MockState = request.app.state.mock
    operation = spec.operation(API)
    read = _read_headers(request)

    # 1. Authenticate: Bearer API key.
    authorization = read.get(b"authorization")
    if authorization and len(authorization) > 1:
        return errors.straddle_error(400, auth.TWO_AUTHORIZATIONS, request_headers=request.headers)
    key = auth.straddle_key(authorization[0] if authorization else None)
    if key is None:
        return errors.straddle_error(401, "Missing or invalid API key.", request_headers=request.headers)

    # 2. Parse every parameter (and header) against the spec.
    params, problems = operation.parse_request(request)

    # 3. Choose the account: the key's own, or the one a platform key names. An account id this
    #    key may not act on is 403, malformed or not: it names no account of this key either way.
    account_ids = read.get(_ACCOUNT_HEADER_RAW, [])
    if account_ids:
        named = accounts.STRADDLE_ACCOUNT_IDS.get(account_ids[0].strip().lower())
        if named is None or not (key.platform or named == key.account) or len(account_ids) > 1:
            forbidden = [spec.Problem(ACCOUNT_HEADER, "Not an account this API key may act on.")]
            detail = "This API key may not act on that account."
            return errors.straddle_error(403, detail, problems=forbidden, request_headers=request.headers)
        account = named
    else:
        account = key.account or PLATFORM
    if problems:
        detail = "One or more parameters are invalid."
        return errors.straddle_error(400, detail, problems=problems, request_headers=request.headers)
    collection = state.straddle[account]

    # 4. Select: matching customers in ascending sort order.
    sort_by = params["sort_by"] or DEFAULT_SORT
    chosen = filters.selection(API, params)
    contains = chosen.contains
    if params["search_text"] is not None:
        contains = {**contains, SEARCHED: str(params["search_text"]).casefold()}
    ordered = store.select_ready(
        collection, sort_by, exact=chosen.exact, contains=contains, sets=chosen.sets, date_range=chosen.date_range
    )

    # 5. Paginate by page number.
    page_number, page_size = params["page_number"], params["page_size"]
    sort_order = params["sort_order"]
    positions = store.offset_page(
        ordered, descending=sort_order == "desc", page_number=page_number, page_size=page_size
    )

    # 6. Build the page from cached JSON, with a truthful meta block fresh per request; echo the request's ids.
    paging = (MAX_PAGE_SIZE, page_number, page_size, sort_by, sort_order, len(ordered))
    meta = render.straddle_meta(errors.request_id(), times.now_millis_z(), paging)
    body = render.straddle_page(render.encoded(collection), positions, meta)
    echoed = {name: read[raw][0] for name, raw in _ECHOED if raw in read}  # errors.echoed, from the same pass
    response = render.EncodedJSONResponse(body, headers=echoed)
    return checked(state, API, response, orjson.loads(response.body)) if state.settings.validate_responses else response


_ACCOUNT_HEADER_RAW = ACCOUNT_HEADER.lower().encode("latin-1")
_ECHOED = tuple((name, name.lower().encode("latin-1")) for name in errors.ECHOED_HEADERS)
_READ = frozenset((b"authorization", _ACCOUNT_HEADER_RAW, *(raw for _, raw in _ECHOED)))


def _read_headers(request: Request) -> dict[bytes, list[str]]:
    """The values of the headers this handler reads, in one pass (as Starlette's ``Headers`` reads them)."""
    found: dict[bytes, list[str]] = {}
    for name, value in request.scope["headers"]:  # ASGI names are lower-case
        if name in _READ:
            found.setdefault(name, []).append(value.decode("latin-1"))
    return found
