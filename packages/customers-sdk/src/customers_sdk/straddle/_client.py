"""The Straddle clients: ``Straddle`` (sync) and ``AsyncStraddle``, with ``.customers.list()``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

import httpx
from straddle_client import AuthenticatedClient
from straddle_client.api.customers import list_customers
from straddle_client.api.customers.list_customers import ListCustomersParams
from straddle_client.models import CustomerSummaryPagedV1, CustomerSummaryV1
from straddle_client.types import UNSET, Unset

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
from ._pages import AsyncPageNumberPage, SyncPageNumberPage

#: Named environments (the spec's ``servers``); ``base_url=`` points anywhere else (the mock server).
ENVIRONMENTS = {
    "sandbox": "https://sandbox.straddle.com",
    "production": "https://production.straddle.com",
}
DEFAULT_ENVIRONMENT = "sandbox"


class _StraddleOptions(Options):
    """API key and base URL, resolved the same way for both clients."""

    def _resolve(self, api_key: str | None, environment: str | None, base_url: str | None) -> str:
        self._api_key = credential(api_key, env="STRADDLE_API_KEY", option="api_key")
        self._redactor = Redactor([self._api_key])
        return resolve_base_url(
            base_url=base_url,
            environment=environment,
            environments=ENVIRONMENTS,
            default_environment=DEFAULT_ENVIRONMENT,
            base_url_env="STRADDLE_BASE_URL",
        )

    def _generated_client(self, httpx_args: dict[str, Any]) -> AuthenticatedClient:
        return AuthenticatedClient(
            base_url=self.base_url,
            token=self._api_key,
            prefix="Bearer",
            timeout=self.timeout,
            headers=dict(self.default_headers),  # a copy: the generated client adds Authorization to it
            httpx_args=httpx_args,
        )

    def _credential_kwargs(self) -> dict[str, Any]:
        return {"api_key": self._api_key}


class Straddle(_StraddleOptions, SyncClient):
    """Straddle "List customers", sync.

    The API key defaults to ``$STRADDLE_API_KEY``; the base URL to ``base_url``, else
    ``environment`` ("sandbox" or "production"), else ``$STRADDLE_BASE_URL``, else sandbox.
    Timeouts default to 60 s (5 s to connect); failed calls are retried twice.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_policy: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        default_headers: Mapping[str, str] | None = None,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        url = self._resolve(api_key, environment, base_url)
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


class AsyncStraddle(_StraddleOptions, AsyncClient):
    """Straddle "List customers", async; configured like ``Straddle``."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_policy: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        default_headers: Mapping[str, str] | None = None,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        url = self._resolve(api_key, environment, base_url)
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
    """``client.customers`` of a sync Straddle client."""

    def __init__(self, client: Straddle) -> None:
        self._client = client

    @documented(ListCustomersParams)
    def list(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | Unset | None = UNSET,
        **params: Unpack[ListCustomersParams],
    ) -> SyncPageNumberPage:
        """The first page of customers matching the filters; iterate it to walk every page.

        ``params`` are the operation's, as generated from ``openapi/straddle.yaml`` (below).
        Raises a ``StraddleError`` subclass on failure.

        ``extra_headers`` (added to the client's, overriding them) and ``timeout`` (replacing the
        client's; None waits forever) apply to this call only: every page it fetches, every retry.
        """
        options = RequestOptions.of(extra_headers, ... if isinstance(timeout, Unset) else timeout)
        return self._page(accepted(params, ListCustomersParams), options)

    def _page(self, params: Params, options: RequestOptions) -> SyncPageNumberPage:
        envelope = self._client._call(list_customers.sync_detailed, params, CustomerSummaryPagedV1, options)
        return SyncPageNumberPage(
            envelope, params, lambda next_params: self._page(next_params, options), redact=self._client._redactor
        )


class AsyncCustomers:
    """``client.customers`` of an async Straddle client."""

    def __init__(self, client: AsyncStraddle) -> None:
        self._client = client

    @documented(ListCustomersParams)
    def list(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | Unset | None = UNSET,
        **params: Unpack[ListCustomersParams],
    ) -> AsyncPaginator[CustomerSummaryV1, AsyncPageNumberPage]:
        """``await`` it for the first page, or ``async for`` every customer matching the filters.

        ``params`` are the operation's, as generated from ``openapi/straddle.yaml`` (below).
        Raises a ``StraddleError`` subclass on failure.

        ``extra_headers`` (added to the client's, overriding them) and ``timeout`` (replacing the
        client's; None waits forever) apply to this call only: every page it fetches, every retry.
        """
        options = RequestOptions.of(extra_headers, ... if isinstance(timeout, Unset) else timeout)
        first = accepted(params, ListCustomersParams)
        return AsyncPaginator(lambda: self._page(first, options))

    async def _page(self, params: Params, options: RequestOptions) -> AsyncPageNumberPage:
        envelope = await self._client._call(list_customers.asyncio_detailed, params, CustomerSummaryPagedV1, options)
        return AsyncPageNumberPage(
            envelope, params, lambda next_params: self._page(next_params, options), redact=self._client._redactor
        )
