"""Straddle's page-number pages: items in ``data``; the next page is ``page_number + 1``.

The walk stops on an empty page or when ``meta.page_number`` reaches ``meta.total_pages``.
"""

from __future__ import annotations

from typing import ClassVar

from straddle_client.models import CustomerSummaryPagedV1, CustomerSummaryV1
from straddle_client.types import UNSET, Unset

from customers_sdk import _errors as base
from customers_sdk._pagination import AsyncPage, Params, SyncPage

from ._errors import RepeatedPageError


class _PageNumberPaging:
    envelope: CustomerSummaryPagedV1
    params: Params
    _repeated_error: ClassVar[type[base.RepeatedPageError]] = RepeatedPageError
    _page_noun: ClassVar[str] = "page_number"

    def page_key(self, params: Params) -> str:
        """The page number ``params`` ask for (1 when not given)."""
        number = params.get("page_number", UNSET)
        return str(1 if isinstance(number, Unset) or number is None else number)

    @property
    def items(self) -> list[CustomerSummaryV1]:
        """The customers on this page."""
        return self.envelope.data

    def next_page_params(self) -> Params | None:
        """The same filters with the next page number, or None on the last page."""
        meta = self.envelope.meta
        if not self.envelope.data or meta.page_number >= meta.total_pages:
            return None
        return self.params | {"page_number": meta.page_number + 1}

    @property
    def total_items(self) -> int:
        """How many customers match the filters, over all pages."""
        return self.envelope.meta.total_items


class SyncPageNumberPage(_PageNumberPaging, SyncPage[CustomerSummaryV1, CustomerSummaryPagedV1]):
    """A page of Straddle customers; ``for customer in page`` walks every following page."""


class AsyncPageNumberPage(_PageNumberPaging, AsyncPage[CustomerSummaryV1, CustomerSummaryPagedV1]):
    """A page of Straddle customers; ``async for customer in page`` walks every following page."""
