"""The operator's routes under ``/_mock/``: the request journal, data per test, and reset.

``GET /_mock/requests`` (``?api=``, ``method=``, ``path=``, ``status=``) and ``DELETE /_mock/requests``;
``PUT /_mock/data`` (a document like ``--data``'s, validated the same way, replacing the data of the
accounts it names); ``POST /_mock/reset`` (back to start-up: data, faults and their counters, journal).
The fault routes (``/_mock/faults``) are in ``customers_mock.app``.

Who may call them: the mock's operator - the test or person who started it - and not the application
under test with its vendor credential. Every ``/_mock/`` route refuses a request that carries an
``Authorization`` header (403), so a vendor key cannot reach the journal of requests other
accounts sent, nor change their data; the mock listens on 127.0.0.1 by default. The journal holds
requests only (never response bodies) and redacts every credential in them.
"""

from __future__ import annotations

import asyncio

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from customers_mock import datafile, errors, journal
from customers_mock.state import MockState

PREFIX = "/_mock/"
MAX_DATA_BYTES = 64 * 1024 * 1024  # a PUT /_mock/data body; larger data sets belong in a --data file
_API_NAMES = ("sequence", "straddle")


def refused(headers: list[tuple[bytes, bytes]]) -> Response | None:
    """403 for an admin request carrying a credential (the operator's routes take none), else None."""
    if any(name == b"authorization" for name, _ in headers):
        message = (
            "The /_mock/ routes are the mock operator's and take no vendor credential: send them without"
            " an Authorization header."
        )
        return _error(403, message)
    return None


def _error(status: int, message: str) -> Response:
    return errors.JSONResponse({"error": message}, status_code=status)


def _state(request: Request) -> MockState:
    state: MockState = request.app.state.mock
    return state


async def list_requests(request: Request) -> Response:
    """``GET /_mock/requests``: the journal, oldest first, filtered by ``api``, ``method``, ``path``, ``status``."""
    query = request.query_params
    unknown = sorted(set(query) - set(journal.FILTERS))
    if unknown:
        return _error(400, f"unknown filter {unknown[0][:60]!r}: expected {', '.join(journal.FILTERS)}")
    api = query.get("api")
    if api is not None and api not in _API_NAMES:
        return _error(400, f"api must be one of {', '.join(_API_NAMES)}, got {api[:60]!r}")
    status_text = query.get("status")
    status = None
    if status_text is not None:
        if not (status_text.isascii() and status_text.isdigit() and len(status_text) == 3):
            return _error(400, f"status must be an HTTP status code such as 503, got {status_text[:60]!r}")
        status = int(status_text)
    method = query.get("method")
    journal_ = _state(request).journal
    view = journal_.view(api=api, method=method.upper() if method else None, path=query.get("path"), status=status)
    return errors.JSONResponse(view)


async def clear_requests(request: Request) -> Response:
    """``DELETE /_mock/requests``: empty the journal."""
    state = _state(request)
    state.journal.clear()
    return errors.JSONResponse({"requests": [], "recorded": 0, "size": state.journal.size})


async def put_data(request: Request) -> Response:
    """``PUT /_mock/data``: serve the document's customers instead of those of each account it names."""
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_DATA_BYTES:
                return _error(413, f"at most {MAX_DATA_BYTES:,} bytes of data; use a --data file for more")
    except ClientDisconnect:  # the client went away mid-body: nobody to answer, nothing changed
        return Response(status_code=400)
    state = _state(request)
    try:
        # Validating and indexing thousands of records takes a while: off the event loop.
        loaded = await asyncio.to_thread(datafile.parse, bytes(body), "PUT /_mock/data")
    except datafile.DataFileError as exc:
        return _error(400, str(exc))
    await asyncio.to_thread(state.replace, loaded)
    counts = {api: {account: len(records) for account, records in per.items()} for api, per in loaded.items() if per}
    return errors.JSONResponse({"loaded": counts})


async def reset(request: Request) -> Response:
    """``POST /_mock/reset``: data, faults (and their counters) and journal as they were at start."""
    _state(request).reset()
    return errors.JSONResponse({"reset": True})
