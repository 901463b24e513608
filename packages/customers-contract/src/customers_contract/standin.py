"""A drifted stand-in vendor: the mock, answering in ways that break the spec on purpose.

For trying the tool without a vendor, and for its own tests: a contract run pointed at this
process must report every drift below. It stands for a vendor whose API moved away from our spec.
Not a mode of the mock server (whose tolerance mode, by contrast, stays within the spec).

    customers-contract standin --port 9100                          # every drift
    customers-contract standin --port 9100 --drift renamed_cursor   # one (repeatable)

It prints the environment a live run needs (demo credentials; base URLs of this process).

| drift | Sequence | Straddle |
|---|---|---|
| ``undeclared_field`` | customers gain ``loyaltyTier`` | customers gain ``risk_score`` |
| ``unknown_enum_value`` | every third ``taxStatus`` is ``ZERO_RATED`` | every third ``status`` is ``suspended`` |
| ``missing_required_field`` | every fourth customer lacks ``legalName`` | every fourth customer lacks ``phone`` |
| ``changed_error_envelope`` | errors are ``{"code", "message"}`` | errors are ``{"error": "<detail>", "status"}`` |
| ``renamed_cursor`` | ``pagination.after`` is sent as ``pagination.next`` | - |
"""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from customers_mock import accounts
from customers_mock.app import create_app
from customers_mock.settings import MockSettings

SEQUENCE = "/api/customers"
STRADDLE = "/v1/customers"
ITEMS = {SEQUENCE: "items", STRADDLE: "data"}


@dataclass
class Answer:
    """A buffered HTTP response that a rewrite may change."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def header(self, name: str) -> str | None:
        key = name.lower().encode()
        return next((v.decode("latin-1") for k, v in self.headers if k.lower() == key), None)

    def set_header(self, name: str, value: str | None) -> None:
        key = name.lower().encode()
        self.headers = [(k, v) for k, v in self.headers if k.lower() != key]
        if value is not None:
            self.headers.append((key, value.encode("latin-1")))

    @property
    def json(self) -> Any:
        return orjson.loads(self.body)

    @json.setter
    def json(self, value: Any) -> None:
        self.body = orjson.dumps(value)


async def call(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    """Run ``app`` on one request and buffer its whole response."""
    answer = Answer(500, [], b"")
    chunks: list[bytes] = []

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            answer.status = message["status"]
            answer.headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    answer.body = b"".join(chunks)
    return answer


async def write(answer: Answer, send: Send) -> None:
    """Send a buffered response, with its Content-Length corrected."""
    answer.set_header("content-length", str(len(answer.body)))
    await send({"type": "http.response.start", "status": answer.status, "headers": answer.headers})
    await send({"type": "http.response.body", "body": answer.body})


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


def _renamed_cursor(path: str, answer: Answer) -> None:
    body = answer.json
    pagination = body.get("pagination") if path == SEQUENCE and isinstance(body, dict) else None
    if isinstance(pagination, dict) and "after" in pagination:
        pagination["next"] = pagination.pop("after")
        answer.json = body


# drift -> (applies to successful answers?, rewrite)
DRIFTS: dict[str, tuple[bool, Callable[[str, Answer], None]]] = {
    "undeclared_field": (True, _undeclared_field),
    "unknown_enum_value": (True, _unknown_enum_value),
    "missing_required_field": (True, _missing_required_field),
    "changed_error_envelope": (False, _changed_error_envelope),
    "renamed_cursor": (True, _renamed_cursor),
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


def environment(base_url: str) -> dict[str, str]:
    """The environment of a live run against a stand-in at ``base_url``: the mock's demo credentials."""
    return {
        "SEQUENCE_BASE_URL": base_url,
        "SEQUENCE_CLIENT_ID": accounts.SEQUENCE_CLIENT_ID,
        "SEQUENCE_CLIENT_SECRET": accounts.SEQUENCE_CLIENT_SECRET,
        "STRADDLE_BASE_URL": base_url,
        "STRADDLE_API_KEY": accounts.STRADDLE_API_KEY,
        "STRADDLE_ACCOUNT_ID": accounts.STRADDLE_ACCOUNT_ID,
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `customers-contract standin`."""
    parser.add_argument("--port", type=int, default=9100, help="port on 127.0.0.1 (%(default)s)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated customers (%(default)s)")
    parser.add_argument("--customers", type=int, default=120, help="customers per account (%(default)s)")
    parser.add_argument("--drift", action="append", choices=sorted(DRIFTS), help="one drift (repeatable; default all)")


def serve(args: argparse.Namespace) -> int:
    """Serve the drifted stand-in until interrupted."""
    drifts = args.drift or list(DRIFTS)
    app = DriftedVendor(create_app(MockSettings(customers=args.customers, seed=args.seed)), drifts)
    base_url = f"http://127.0.0.1:{args.port}"
    print(f"drifted stand-in vendor on {base_url}: {', '.join(drifts)}", flush=True)
    print("a live run against it needs (the mock's public demo credentials):", flush=True)
    for name, value in environment(base_url).items():
        print(f"  export {name}={shlex.quote(value)}", flush=True)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", lifespan="off")
    return 0
