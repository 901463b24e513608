"""Sequence's cursor pages: items in ``items``; the next page is at ``pagination.after``.

A walk that started from a ``before`` cursor goes backwards, following ``pagination.before``.
"""

from __future__ import annotations

from sequence_client.models import Customer, ListCustomersResponse
from sequence_client.types import Unset

from customers_sdk._pagination import AsyncPage, Params, SyncPage


class _CursorPaging:
    envelope: ListCustomersResponse
    params: Params

    @property
    def items(self) -> list[Customer]:
        """The customers on this page."""
        return self.envelope.items

    def next_page_params(self) -> Params | None:
        """The same filters with the next cursor, or None when the response gave none."""
        backwards = not isinstance(self.params.get("before", Unset()), Unset)
        cursor = self.envelope.pagination.before if backwards else self.envelope.pagination.after
        if isinstance(cursor, Unset) or not cursor:
            return None
        params = {k: v for k, v in self.params.items() if k not in ("after", "before")}
        params["before" if backwards else "after"] = cursor
        return params

    @property
    def total_result_size(self) -> int:
        """How many customers match the filters, over all pages."""
        return self.envelope.pagination.total_result_size


class SyncCursorPage(_CursorPaging, SyncPage[Customer, ListCustomersResponse]):
    """A page of Sequence customers; ``for customer in page`` walks every following page."""


class AsyncCursorPage(_CursorPaging, AsyncPage[Customer, ListCustomersResponse]):
    """A page of Sequence customers; ``async for customer in page`` walks every following page."""
