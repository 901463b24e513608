"""The generated clients put every parameter, header and credential on the wire as the specs say.

A recording server on 127.0.0.1 captures what the clients really send; no mock semantics here.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from sequence_client import AuthenticatedClient as SequenceAuthClient
from sequence_client.api.customers import list_customers as sequence_list
from sequence_client.models import SequenceVersion
from sequence_client.models import SortOrder as SequenceSortOrder
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from straddle_client import AuthenticatedClient as StraddleAuthClient
from straddle_client.api.customers import list_customers as straddle_list
from straddle_client.models import CustomerSortBy, CustomerStatus, CustomerType
from straddle_client.models import SortOrder as StraddleSortOrder

from tests.support.servers import serve_in_thread


class Recorder:
    """An ASGI app that records each request and answers an empty, valid page."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.app = Starlette(routes=[Route("/api/customers", self._seq), Route("/v1/customers", self._str)])

    async def _seq(self, request: Request) -> JSONResponse:
        self.requests.append(request)
        return JSONResponse({"items": [], "pagination": {"totalResultSize": 0}})

    async def _str(self, request: Request) -> JSONResponse:
        self.requests.append(request)
        meta = {
            "api_request_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
            "api_request_timestamp": "2026-01-01T00:00:00Z",
            "max_page_size": 1000,
            "page_number": 1,
            "page_size": 100,
            "sort_by": "created_at",
            "sort_order": "asc",
            "total_items": 0,
            "total_pages": 0,
        }
        return JSONResponse({"data": [], "meta": meta, "response_type": "array"})

    @property
    def last(self) -> Request:
        return self.requests[-1]


@pytest.fixture(scope="module")
def recorder() -> Iterator[tuple[Recorder, str]]:
    rec = Recorder()
    with serve_in_thread(rec.app) as url:
        yield rec, url


def _query(request: Request) -> list[tuple[str, str]]:
    return parse_qsl(request.url.query, keep_blank_values=True)


def test_sequence_sends_basic_auth_version_and_every_parameter(recorder: tuple[Recorder, str]) -> None:
    """Sequence: Basic credentials, the version header and all ten query parameters."""
    rec, url = recorder
    client = SequenceAuthClient(
        base_url=url, token="", httpx_args={"auth": httpx.BasicAuth("client-id", "client-secret")}
    )
    with client:
        result = sequence_list.sync(
            client=client,
            sequence_version=SequenceVersion.V2024_07_30,
            sort_by="customProperties.region",
            legal_name="Acme Ltd",
            email="billing@acme.test",
            alias="acme",
            label="Enterprise",
            include_archived=True,
            limit=50,
            after="QUZURVI",
            before="QkVGT1JF",
            sort_order=SequenceSortOrder.ASC,
        )
    assert result is not None
    request = rec.last
    assert request.url.path == "/api/customers"
    assert request.headers["authorization"] == "Basic " + base64.b64encode(b"client-id:client-secret").decode()
    assert request.headers["sequence-version"] == "2024-07-30"
    assert sorted(_query(request)) == sorted(
        [
            ("sortBy", "customProperties.region"),
            ("legalName", "Acme Ltd"),
            ("email", "billing@acme.test"),
            ("alias", "acme"),
            ("label", "Enterprise"),
            ("includeArchived", "true"),
            ("limit", "50"),
            ("after", "QUZURVI"),
            ("before", "QkVGT1JF"),
            ("sortOrder", "ASC"),
        ]
    )


def test_straddle_sends_bearer_headers_and_arrays_as_repeated_keys(recorder: tuple[Recorder, str]) -> None:
    """Straddle: Bearer key, the three headers, dates in ISO 8601 and arrays as repeated keys."""
    rec, url = recorder
    client = StraddleAuthClient(base_url=url, token="sk_test_123")
    kwargs: dict[str, Any] = {
        "created_from": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        "created_to": dt.datetime(2024, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
        "email": "ada@example.com",
        "external_id": "ext-1",
        "name": "Ada",
        "page_number": 3,
        "page_size": 250,
        "search_text": "lovelace",
        "sort_by": CustomerSortBy.NAME,
        "sort_order": StraddleSortOrder.DESC,
        "status": [CustomerStatus.VERIFIED, CustomerStatus.REVIEW],
        "types": [CustomerType.BUSINESS, CustomerType.INDIVIDUAL],
        "correlation_id": "corr-1",
        "request_id": "req-1",
        "straddle_account_id": "0f6e6f3c-9b7e-4c5f-8d2a-1b3c4d5e6f70",
    }
    with client:
        result = straddle_list.sync(client=client, **kwargs)
    assert result is not None
    request = rec.last
    assert request.url.path == "/v1/customers"
    assert request.headers["authorization"] == "Bearer sk_test_123"
    assert request.headers["correlation-id"] == "corr-1"
    assert request.headers["request-id"] == "req-1"
    assert request.headers["straddle-account-id"] == "0f6e6f3c-9b7e-4c5f-8d2a-1b3c4d5e6f70"
    assert sorted(_query(request)) == sorted(
        [
            ("created_from", "2024-01-02T03:04:05+00:00"),
            ("created_to", "2024-12-31T23:59:59+00:00"),
            ("email", "ada@example.com"),
            ("external_id", "ext-1"),
            ("name", "Ada"),
            ("page_number", "3"),
            ("page_size", "250"),
            ("search_text", "lovelace"),
            ("sort_by", "name"),
            ("sort_order", "desc"),
            ("status", "verified"),
            ("status", "review"),
            ("types", "business"),
            ("types", "individual"),
        ]
    )


def test_straddle_sends_schema_defaults(recorder: tuple[Recorder, str]) -> None:
    """With no arguments the generated client still sends the spec's defaults (page 1 of 100)."""
    rec, url = recorder
    with StraddleAuthClient(base_url=url, token="k") as client:
        straddle_list.sync(client=client)
    assert sorted(_query(rec.last)) == [("page_number", "1"), ("page_size", "100")]
