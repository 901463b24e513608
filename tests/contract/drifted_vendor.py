"""TEST AID: a "drifted vendor" - the mock, answering in ways that break the spec on purpose.

Not a mode of the mock server and never part of it: a contract run pointed at this process must
report every drift below (`tests/contract/test_live_mode.py`). It stands for a vendor whose API
moved away from our spec. (The mock's own tolerance mode, by contrast, stays within the spec.)

    python -m tests.contract.drifted_vendor --port 9100 --seed 7            # every drift
    python -m tests.contract.drifted_vendor --port 9100 --drift unknown_enum_value

| drift | Sequence | Straddle |
|---|---|---|
| ``undeclared_field`` | customers gain ``loyaltyTier`` | customers gain ``risk_score`` |
| ``unknown_enum_value`` | every third ``taxStatus`` is ``ZERO_RATED`` | every third ``status`` is ``suspended`` |
| ``missing_required_field`` | every fourth customer lacks ``legalName`` | every fourth customer lacks ``phone`` |
| ``changed_error_envelope`` | errors are ``{"code", "message"}`` | errors are ``{"error": "<detail>", "status"}`` |
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send

from customers_mock.app import create_app
from customers_mock.settings import MockSettings
from tests.contract.broken._asgi import Answer, call, write

SEQUENCE = "/api/customers"
STRADDLE = "/v1/customers"
ITEMS = {SEQUENCE: "items", STRADDLE: "data"}


def _customers(path: str, body: Any) -> list[dict[str, Any]]:
    items = body.get(ITEMS[path]) if isinstance(body, dict) else None
    return [c for c in items or [] if isinstance(c, dict)]


def _undeclared_field(path: str, answer: Answer) -> None:
    body = answer.json
    for customer in _customers(path, body):
        if path == SEQUENCE:
            customer["loyaltyTier"] = "gold"
        else:
            customer["risk_score"] = 0.12
    answer.json = body


def _unknown_enum_value(path: str, answer: Answer) -> None:
    body = answer.json
    for i, customer in enumerate(_customers(path, body)):
        if i % 3 == 0:
            customer["taxStatus" if path == SEQUENCE else "status"] = "ZERO_RATED" if path == SEQUENCE else "suspended"
    answer.json = body


def _missing_required_field(path: str, answer: Answer) -> None:
    body = answer.json
    for i, customer in enumerate(_customers(path, body)):
        if i % 4 == 0:
            customer.pop("legalName" if path == SEQUENCE else "phone", None)
    answer.json = body


def _changed_error_envelope(path: str, answer: Answer) -> None:
    error = answer.json.get("error", {})
    if path == SEQUENCE:
        answer.json = {"code": error.get("type"), "message": error.get("message")}
    else:
        answer.json = {"error": error.get("detail"), "status": answer.status}


# drift -> (applies to successful answers?, rewrite)
DRIFTS: dict[str, tuple[bool, Callable[[str, Answer], None]]] = {
    "undeclared_field": (True, _undeclared_field),
    "unknown_enum_value": (True, _unknown_enum_value),
    "missing_required_field": (True, _missing_required_field),
    "changed_error_envelope": (False, _changed_error_envelope),
}


class DriftedVendor:
    """The mock ``app`` with ``drifts`` applied to the answers of both list endpoints."""

    def __init__(self, app: ASGIApp, drifts: list[str]) -> None:
        self.app = app
        self.drifts = drifts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in ITEMS:
            await self.app(scope, receive, send)
            return
        answer = await call(self.app, scope, receive)
        if answer.header("content-type") == "application/json":
            for name in self.drifts:
                on_success, rewrite = DRIFTS[name]
                if (200 <= answer.status < 300) == on_success:
                    rewrite(scope["path"], answer)
        await write(answer, send)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.contract.drifted_vendor", description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--customers", type=int, default=120)
    parser.add_argument("--drift", action="append", choices=sorted(DRIFTS), help="one drift (repeatable; default all)")
    args = parser.parse_args(argv)
    drifts = args.drift or list(DRIFTS)
    app = DriftedVendor(create_app(MockSettings(customers=args.customers, seed=args.seed)), drifts)
    print(f"drifted vendor (test aid) on 127.0.0.1:{args.port}: {', '.join(drifts)}", flush=True)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", lifespan="off")
    return 0


if __name__ == "__main__":
    sys.exit(main())
