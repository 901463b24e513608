"""A small stand-in for both vendors on loopback, only for what a mock server should never do.

It serves valid pages (cursor pages for Sequence, numbered pages for Straddle), checks the demo
credentials, honours the mock's ``X-Mock-Fault`` header for ``status=`` (any status, unlike the
mock; with ``times``/``key``; a 429's ``retry-after``/``retry-after-ms`` as written, unlike the mock)
and records every request. Tests script the rest with ``FakeVendor.script``: statuses the
operation does not have (404, 409, 418...) in the vendor's envelope, a success body that breaks the
spec (a missing key, not JSON), pages that never end. What the contract allows but clients choke
on (unknown enum values, new fields, a 520 with an HTML body...) comes from the real mock's
tolerance mode instead (``tests/sdk/test_forward_compat.py``).
"""

from __future__ import annotations

import base64
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

SEQUENCE_ID, SEQUENCE_SECRET = "seq_demo_client", "seq_demo_secret"
STRADDLE_KEY = "sk_test_demo"
SEQUENCE_PATH, STRADDLE_PATH = "/api/customers", "/v1/customers"


def sequence_customer(i: int, **extra: Any) -> dict[str, Any]:
    """A Sequence customer with the required fields (and any extra ones)."""
    return {
        "id": str(uuid.UUID(int=i + 1)),
        "createdAt": f"2024-01-{1 + i % 28:02d}T10:00:00Z",
        "legalName": f"Customer {i}",
        "taxStatus": "TAXED",
    } | extra


def straddle_customer(i: int, **extra: Any) -> dict[str, Any]:
    """A Straddle customer with the required fields (and any extra ones)."""
    return {
        "id": str(uuid.UUID(int=i + 1)),
        "created_at": "2024-01-01T10:00:00Z",
        "updated_at": "2024-01-02T10:00:00Z",
        "email": f"c{i}@example.com",
        "name": f"Customer {i}",
        "phone": "+15555550100",
        "status": "verified",
        "type": "individual",
        "external_id": None,
    } | extra


def straddle_meta(page_number: int = 1, page_size: int = 100, total: int = 0) -> dict[str, Any]:
    """A Straddle ``meta`` block for a page."""
    return {
        "api_request_id": str(uuid.uuid4()),
        "api_request_timestamp": "2026-01-01T00:00:00Z",
        "max_page_size": 1000,
        "page_number": page_number,
        "page_size": page_size,
        "sort_by": "created_at",
        "sort_order": "asc",
        "total_items": total,
        "total_pages": -(-total // page_size),
    }


def sequence_error(status: int, type_: str, message: str) -> JSONResponse:
    """Sequence's error envelope."""
    return JSONResponse({"error": {"type": type_, "message": message}}, status_code=status)


def straddle_error(status: int, type_: str, title: str) -> JSONResponse:
    """Straddle's error envelope."""
    body = {
        "meta": {"api_request_id": str(uuid.uuid4()), "api_request_timestamp": "2026-01-01T00:00:00Z"},
        "response_type": "error",
        "error": {"status": status, "type": type_, "title": title, "detail": None, "items": None},
    }
    return JSONResponse(body, status_code=status)


@dataclass
class FakeVendor:
    """Both APIs over ``sequence_total`` / ``straddle_total`` generated customers."""

    sequence_total: int = 25
    straddle_total: int = 25
    requests: list[Request] = field(default_factory=list)
    _script: dict[str, Callable[[Request], Response]] = field(default_factory=dict)
    _fault_counts: Counter[str] = field(default_factory=Counter)

    @property
    def app(self) -> Starlette:
        """The ASGI app serving both APIs."""
        return Starlette(routes=[Route(SEQUENCE_PATH, self._sequence), Route(STRADDLE_PATH, self._straddle)])

    def reset(self) -> None:
        """Forget recorded requests, scripts and fault counts."""
        self.requests.clear()
        self._script.clear()
        self._fault_counts.clear()

    def script(self, path: str, respond: Callable[[Request], Response]) -> None:
        """Answer every request to ``path`` with ``respond(request)`` instead (faults still apply first)."""
        self._script[path] = respond

    def paths(self, path: str) -> list[Request]:
        """The requests recorded for ``path``."""
        return [r for r in self.requests if r.url.path == path]

    def _fault(self, request: Request) -> Response | None:
        spec = request.headers.get("X-Mock-Fault")
        if not spec:
            return None
        fault, *options = (part.strip() for part in spec.split(";"))
        opts = dict(option.split("=", 1) for option in options if "=" in option)
        if "key" in opts:
            self._fault_counts[opts["key"]] += 1
            if self._fault_counts[opts["key"]] > int(opts.get("times", "1")):
                return None
        status = int(fault.partition("=")[2])
        headers = {"Retry-After": opts.get("retry-after", "1")} if status == 429 else {}
        if status == 429 and "retry-after-ms" in opts:  # sent as written, even values the mock refuses
            headers["retry-after-ms"] = opts["retry-after-ms"]
        response = (
            sequence_error(status, "Fault", "injected")
            if request.url.path == SEQUENCE_PATH
            else straddle_error(status, "fault", "injected")
        )
        response.headers.update(headers)
        return response

    async def _sequence(self, request: Request) -> Response:
        self.requests.append(request)
        if (faulty := self._fault(request)) is not None:
            return faulty
        expected = "Basic " + base64.b64encode(f"{SEQUENCE_ID}:{SEQUENCE_SECRET}".encode()).decode()
        if request.headers.get("Authorization") != expected:
            return sequence_error(401, "Unauthorized", "Missing or invalid credentials.")
        if SEQUENCE_PATH in self._script:
            return self._script[SEQUENCE_PATH](request)
        q = request.query_params
        limit = int(q.get("limit", "20"))
        start = int(base64.b64decode(q["after"])) if "after" in q else 0
        if "before" in q:
            end = int(base64.b64decode(q["before"]))
            start = max(0, end - limit)
        end = min(start + limit, self.sequence_total)
        pagination: dict[str, Any] = {"totalResultSize": self.sequence_total}
        if end < self.sequence_total:
            pagination["after"] = base64.b64encode(str(end).encode()).decode()
        if start > 0:
            pagination["before"] = base64.b64encode(str(start).encode()).decode()
        items = [sequence_customer(i) for i in range(start, end)]
        return JSONResponse({"items": items, "pagination": pagination})

    async def _straddle(self, request: Request) -> Response:
        self.requests.append(request)
        if (faulty := self._fault(request)) is not None:
            return faulty
        if request.headers.get("Authorization") != f"Bearer {STRADDLE_KEY}":
            return straddle_error(401, "unauthorized", "Unauthorized")
        if STRADDLE_PATH in self._script:
            return self._script[STRADDLE_PATH](request)
        q = request.query_params
        number, size = int(q.get("page_number", "1")), int(q.get("page_size", "100"))
        start = (number - 1) * size
        data = [straddle_customer(i) for i in range(start, min(start + size, self.straddle_total))]
        meta = straddle_meta(number, size, self.straddle_total)
        return JSONResponse({"data": data, "meta": meta, "response_type": "array"})
