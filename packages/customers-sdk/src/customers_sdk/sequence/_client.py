"""The Sequence clients: ``Sequence`` (sync) and ``AsyncSequence``, with ``.customers.list()``."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any, Unpack

import httpx
from sequence_client import AuthenticatedClient
from sequence_client.api.customers import list_customers
from sequence_client.api.customers.list_customers import ListCustomersParams
from sequence_client.models import Customer, ListCustomersResponse, SequenceVersion
from sequence_client.types import UNSET, Unset

from customers_sdk._base import AsyncClient, Options, SyncClient
from customers_sdk._config import (
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    credential,
    resolve_base_url,
)
from customers_sdk._options import RequestOptions
from customers_sdk._pagination import AsyncPaginator, Params
from customers_sdk._params import accepted, documented
from customers_sdk._redact import Redactor
from customers_sdk._retries import RetryPolicy

from ._errors import ERRORS
from ._pages import AsyncCursorPage, SyncCursorPage

#: Named environments (the spec's ``servers``); ``base_url=`` points anywhere else (the mock server).
ENVIRONMENTS = {
    "production": "https://eu.sequencehq.com",
    "sandbox": "https://eu.sandbox.sequencehq.com",
}
DEFAULT_ENVIRONMENT = "production"
#: The newest API version this client was generated for; sent as ``sequence-version`` on every call.
DEFAULT_VERSION: SequenceVersion = max(SequenceVersion, key=lambda version: version.value)


class _SequenceOptions(Options):
    """Credentials, base URL and API version, resolved the same way for both clients."""

    def _resolve(
        self,
        client_id: str | None,
        client_secret: str | None,
        environment: str | None,
        base_url: str | None,
        sequence_version: SequenceVersion,
    ) -> str:
        self._client_id = credential(client_id, env="SEQUENCE_CLIENT_ID", option="client_id")
        self._client_secret = credential(client_secret, env="SEQUENCE_CLIENT_SECRET", option="client_secret")
        self._redactor = Redactor.basic(self._client_id, self._client_secret)
        self.sequence_version = sequence_version
        return resolve_base_url(
            base_url=base_url,
            environment=environment,
            environments=ENVIRONMENTS,
            default_environment=DEFAULT_ENVIRONMENT,
            base_url_env="SEQUENCE_BASE_URL",
        )

    def _generated_client(self, httpx_args: dict[str, Any]) -> AuthenticatedClient:
        basic = base64.b64encode(f"{self._client_id}:{self._client_secret}".encode()).decode()
        return AuthenticatedClient(
            base_url=self.base_url,
            token=basic,
            prefix="Basic",
            timeout=self.timeout,
            headers=dict(self.default_headers),  # a copy: the generated client adds Authorization to it
            httpx_args=httpx_args,
        )

    def _credential_kwargs(self) -> dict[str, Any]:
        return {
            "client_id": self._client_id,
            "client_secret": self._client_secret,
            "sequence_version": self.sequence_version,
        }


class Sequence(_SequenceOptions, SyncClient):
    """Sequence "List customers", sync.

    Credentials default to ``$SEQUENCE_CLIENT_ID`` / ``$SEQUENCE_CLIENT_SECRET``; the base URL to
    ``base_url``, else ``environment`` ("production" or "sandbox"), else ``$SEQUENCE_BASE_URL``,
    else production. Timeouts default to 60 s (5 s to connect); failed calls are retried twice.
    """

    def __init__(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_policy: RetryPolicy | None = None,
        sequence_version: SequenceVersion = DEFAULT_VERSION,
        transport: httpx.BaseTransport | None = None,
        default_headers: Mapping[str, str] | None = None,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        url = self._resolve(client_id, client_secret, environment, base_url, sequence_version)
        super().__init__(
            base_url=url,
            timeout=timeout,
            max_retries=max_retries,
            retry_policy=retry_policy,
            transport=transport,
            default_headers=default_headers,
            max_response_size=max_response_size,
        )
        self._errors = ERRORS
        self._generated = self._generated_client(self._httpx_args(ERRORS))
        self._generated.get_httpx_client()
        self.customers = Customers(self)

    def _init_kwargs(self) -> dict[str, Any]:
        return super()._init_kwargs() | self._credential_kwargs()


class AsyncSequence(_SequenceOptions, AsyncClient):
    """Sequence "List customers", async; configured like ``Sequence``."""

    def __init__(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_policy: RetryPolicy | None = None,
        sequence_version: SequenceVersion = DEFAULT_VERSION,
        transport: httpx.AsyncBaseTransport | None = None,
        default_headers: Mapping[str, str] | None = None,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        url = self._resolve(client_id, client_secret, environment, base_url, sequence_version)
        super().__init__(
            base_url=url,
            timeout=timeout,
            max_retries=max_retries,
            retry_policy=retry_policy,
            transport=transport,
            default_headers=default_headers,
            max_response_size=max_response_size,
        )
        self._errors = ERRORS
        self._generated = self._generated_client(self._httpx_args(ERRORS))
        self._generated.get_async_httpx_client()
        self.customers = AsyncCustomers(self)

    def _init_kwargs(self) -> dict[str, Any]:
        return super()._init_kwargs() | self._credential_kwargs()


class Customers:
    """``client.customers`` of a sync Sequence client."""

    def __init__(self, client: Sequence) -> None:
        self._client = client

    @documented(ListCustomersParams)
    def list(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | Unset | None = UNSET,
        **params: Unpack[ListCustomersParams],
    ) -> SyncCursorPage:
        """The first page of customers matching the filters; iterate it to walk every page.

        ``params`` are the operation's, as generated from ``openapi/sequence.yaml`` (below); an
        omitted ``sequence_version`` is the client's. Raises a ``SequenceError`` subclass on failure.

        ``extra_headers`` (added to the client's, overriding them) and ``timeout`` (replacing the
        client's; None waits forever) apply to this call only: every page it fetches, every retry.
        """
        options = RequestOptions.of(extra_headers, ... if isinstance(timeout, Unset) else timeout)
        return self._page(_with_version(self._client, params), options)

    def _page(self, params: Params, options: RequestOptions) -> SyncCursorPage:
        envelope = self._client._call(list_customers.sync_detailed, params, ListCustomersResponse, options)
        return SyncCursorPage(
            envelope, params, lambda next_params: self._page(next_params, options), redact=self._client._redactor
        )


class AsyncCustomers:
    """``client.customers`` of an async Sequence client."""

    def __init__(self, client: AsyncSequence) -> None:
        self._client = client

    @documented(ListCustomersParams)
    def list(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | Unset | None = UNSET,
        **params: Unpack[ListCustomersParams],
    ) -> AsyncPaginator[Customer, AsyncCursorPage]:
        """``await`` it for the first page, or ``async for`` every customer matching the filters.

        ``params`` are the operation's, as generated from ``openapi/sequence.yaml`` (below); an
        omitted ``sequence_version`` is the client's. Raises a ``SequenceError`` subclass on failure.

        ``extra_headers`` (added to the client's, overriding them) and ``timeout`` (replacing the
        client's; None waits forever) apply to this call only: every page it fetches, every retry.
        """
        options = RequestOptions.of(extra_headers, ... if isinstance(timeout, Unset) else timeout)
        first = _with_version(self._client, params)
        return AsyncPaginator(lambda: self._page(first, options))

    async def _page(self, params: Params, options: RequestOptions) -> AsyncCursorPage:
        envelope = await self._client._call(list_customers.asyncio_detailed, params, ListCustomersResponse, options)
        return AsyncCursorPage(
            envelope, params, lambda next_params: self._page(next_params, options), redact=self._client._redactor
        )


def _with_version(client: _SequenceOptions, params: ListCustomersParams) -> Params:
    """The call's parameters (checked against the operation's), with the client's API version unless given."""
    checked = accepted(params, ListCustomersParams)
    if isinstance(checked.get("sequence_version", UNSET), Unset):
        checked["sequence_version"] = client.sequence_version
    return checked
