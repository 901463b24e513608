"""Sequence's cursor pages: items in ``items``; the next page is at ``pagination.after``.

A walk that started from a ``before`` cursor goes backwards, following ``pagination.before``.
"""

from __future__ import annotations

from typing import ClassVar

from sequence_client.models import Customer, ListCustomersResponse
from sequence_client.types import Unset

from customers_sdk import _errors as base
from customers_sdk._pagination import AsyncPage, Params, SyncPage

from ._errors import RepeatedPageError


class _CursorPaging:
    envelope: ListCustomersResponse
    params: Params
    _repeated_error: ClassVar[type[base.RepeatedPageError]] = RepeatedPageError
    _page_noun: ClassVar[str] = "cursor"

    def page_key(self, params: Params) -> str:
        """The cursor ``params`` start from (empty for the first page of a walk)."""
        for name in ("after", "before"):
            cursor = params.get(name, Unset())
            if not isinstance(cursor, Unset) and cursor is not None:
                return f"{name}={cursor}"
        return ""

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
