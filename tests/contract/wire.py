"""Call a generated client in each of its four styles and hold every answer to the spec.

``call(api, style, server, **params)`` runs ``list_customers`` of the generated client in one of
sync, sync_detailed, asyncio, asyncio_detailed against a live server, records the raw HTTP
response (httpx event hook), and before returning checks that:

- the raw response conforms to the spec: documented status, content type, required headers and
  body schema (Schemathesis's own checks, via ``Case.validate_response``);
- a documented status was parsed into a model (the client did not give up on it);
- the model holds exactly what the JSON said, with no field left unrecognised;
- the model round-trips: ``from_dict(to_dict(x)) == x``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any, Literal

import httpx
import schemathesis
import sequence_client
import straddle_client
from schemathesis.specs.openapi import checks
from schemathesis.specs.openapi.schemas import OpenApiSchema
from sequence_client.api.customers import list_customers as sequence_list
from straddle_client.api.customers import list_customers as straddle_list

from customers_mock.testing import MockServer
from tests.contract import compare
from tests.support import specs, tls

Api = Literal["sequence", "straddle"]
Style = Literal["sync", "sync_detailed", "asyncio", "asyncio_detailed"]
STYLES: tuple[Style, ...] = ("sync", "sync_detailed", "asyncio", "asyncio_detailed")
PATHS: dict[Api, str] = {"sequence": "/api/customers", "straddle": "/v1/customers"}
OPERATIONS: dict[Api, ModuleType] = {"sequence": sequence_list, "straddle": straddle_list}
PACKAGES: dict[Api, ModuleType] = {"sequence": sequence_client, "straddle": straddle_client}
CONFORMANCE = [
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]

# Sequence: (client id, secret); Straddle: the API key; None: no credentials at all.
Credentials = tuple[str, str] | str | None


class _Demo:
    """The default credentials: the demo account of the API under test."""


DEMO = _Demo()


@dataclass(frozen=True)
class Outcome:
    """What one call returned (``parsed``) and what went over the wire (``response``)."""

    status: int
    parsed: Any
    response: httpx.Response

    def json(self) -> Any:
        return self.response.json()


@cache
def _schema(api: Api) -> OpenApiSchema:
    return schemathesis.openapi.from_path(specs.SPECS[api])


def demo_credentials(api: Api, server: MockServer) -> Credentials:
    """The demo account's credentials (acme) for ``api``."""
    if api == "sequence":
        return (server.sequence_client_id, server.sequence_client_secret)
    return server.straddle_api_key


def _client(api: Api, base_url: str, credentials: Credentials, hook: Callable[..., Any]) -> Any:
    """A generated client; ``Client`` (no credentials) when ``credentials`` is None."""
    package = PACKAGES[api]
    httpx_args: dict[str, Any] = {"event_hooks": {"response": [hook]}}
    if credentials is None:
        return package.Client(base_url=base_url, httpx_args=httpx_args, verify_ssl=tls.CONTEXT)
    if isinstance(credentials, tuple):
        httpx_args["auth"] = httpx.BasicAuth(*credentials)
        return package.AuthenticatedClient(
            base_url=base_url, token="", prefix="Basic", httpx_args=httpx_args, verify_ssl=tls.CONTEXT
        )
    return package.AuthenticatedClient(
        base_url=base_url, token=credentials, httpx_args=httpx_args, verify_ssl=tls.CONTEXT
    )


def _run(api: Api, style: Style, base_url: str, credentials: Credentials, params: dict[str, Any]) -> Outcome:
    operation = OPERATIONS[api]
    seen: list[httpx.Response] = []
    if style.startswith("sync"):

        def record(response: httpx.Response) -> None:
            response.read()
            seen.append(response)

        with _client(api, base_url, credentials, record) as client:
            result = getattr(operation, style)(client=client, **params)
    else:

        async def arecord(response: httpx.Response) -> None:
            await response.aread()
            seen.append(response)

        async def run() -> Any:
            async with _client(api, base_url, credentials, arecord) as client:
                call: Callable[..., Awaitable[Any]] = getattr(operation, style)
                return await call(client=client, **params)

        result = asyncio.run(run())
    assert len(seen) == 1, f"expected one HTTP exchange, saw {len(seen)}"
    [response] = seen
    if style.endswith("detailed"):
        assert result.status_code == response.status_code
        assert result.content == response.content
        parsed = result.parsed
    else:
        parsed = result
    return Outcome(response.status_code, parsed, response)


def call(
    api: Api, style: Style, server: MockServer, *, credentials: Credentials | _Demo = DEMO, **params: Any
) -> Outcome:
    """``list_customers(**params)`` in ``style``; the answer is checked against the spec and the model."""
    creds = demo_credentials(api, server) if isinstance(credentials, _Demo) else credentials
    outcome = _run(api, style, server.base_url, creds, params)
    response = outcome.response
    # The wire: status documented, content type, required headers, body schema (raises FailureGroup).
    _schema(api)[PATHS[api]]["GET"].Case().validate_response(response, checks=CONFORMANCE)
    # The model: every documented answer parsed, field for field, and round-tripping.
    assert outcome.parsed is not None, f"{api} {style}: documented status {outcome.status} was not parsed"
    body = response.json()
    assert compare.unknown_keys(outcome.parsed) == []
    assert compare.differences(body, outcome.parsed.to_dict()) == []
    again = type(outcome.parsed).from_dict(outcome.parsed.to_dict())
    assert again == outcome.parsed
    return outcome
