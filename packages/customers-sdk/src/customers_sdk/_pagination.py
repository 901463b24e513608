"""Pages and auto-pagination, sync and async.

A page holds one response envelope (the generated model), the parameters that fetched it, and a
way to fetch another page. Subclasses only say where the items are and which parameters fetch
the next page (``next_page_params``). Iterating a page yields every item of it and of the pages
after it, fetching lazily: only the current page is held, so memory stays constant.

A walk remembers which pages it has fetched (a 16-byte digest of each cursor or page number): a
server that sends it back to one of them - the same cursor again, two cursors in turn, a page number
that does not advance - would make it loop forever, so the walk raises ``RepeatedPageError`` instead.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, ClassVar, Generic, Self, TypeVar

from ._errors import RepeatedPageError
from ._redact import NOTHING, Redactor

ItemT = TypeVar("ItemT")
EnvelopeT = TypeVar("EnvelopeT")
PageT = TypeVar("PageT", bound="AsyncPage[Any, Any]")

Params = dict[str, Any]


class BasePage(ABC, Generic[ItemT, EnvelopeT]):
    """One page: ``envelope`` (the API's response model), ``items``, and what fetches the next one."""

    #: The API's RepeatedPageError, and what its pages are called in a message ("cursor", "page_number").
    _repeated_error: ClassVar[type[RepeatedPageError]] = RepeatedPageError
    _page_noun: ClassVar[str] = "page"

    def __init__(self, envelope: EnvelopeT, params: Params, *, redact: Redactor = NOTHING) -> None:
        self.envelope = envelope
        self.params = params
        self._redact = redact

    @property
    @abstractmethod
    def items(self) -> list[ItemT]:
        """The items on this page."""

    @abstractmethod
    def next_page_params(self) -> Params | None:
        """The parameters that fetch the next page, or None on the last page."""

    @abstractmethod
    def page_key(self, params: Params) -> str:
        """What tells the page ``params`` fetch apart from any other page of the walk (a cursor, a page number)."""

    def _check_new(self, params: Params, seen: set[bytes]) -> None:
        """Remember the page ``params`` fetch; ``RepeatedPageError`` if this walk has fetched it already."""
        key = self.page_key(params)
        digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if digest in seen:
            shown = key if len(key) <= 80 else key[:77] + "..."
            message = self._redact.text(
                f"The server sent this walk back to {self._page_noun} {shown!r} after {len(seen)} pages;"
                " following it would fetch the same pages forever."
            )
            raise self._repeated_error(message, page=self._redact.text(key))
        seen.add(digest)

    def has_next_page(self) -> bool:
        """True when another page follows (an empty page is always the last)."""
        return bool(self.items) and self.next_page_params() is not None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} items={len(self.items)} has_next_page={self.has_next_page()}>"


class SyncPage(BasePage[ItemT, EnvelopeT]):
    """A page of a sync client: ``for item in page`` walks every following page too."""

    def __init__(
        self, envelope: EnvelopeT, params: Params, fetch: Callable[[Params], Self], *, redact: Redactor = NOTHING
    ) -> None:
        super().__init__(envelope, params, redact=redact)
        self._fetch = fetch

    def get_next_page(self) -> Self:
        """Fetch the next page; raises ``LookupError`` on the last page."""
        params = self.next_page_params() if self.items else None
        if params is None:
            raise LookupError("This is the last page; check has_next_page() first.")
        return self._fetch(params)

    def iter_pages(self) -> Iterator[Self]:
        """This page, then each following page, fetched as the loop asks for it (never one twice)."""
        page = self
        seen: set[bytes] = set()
        self._check_new(self.params, seen)
        yield page
        while page.has_next_page():
            params = page.next_page_params()
            assert params is not None  # has_next_page() said so
            page._check_new(params, seen)
            page = page._fetch(params)
            yield page

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(BasePage[ItemT, EnvelopeT]):
    """A page of an async client: ``async for item in page`` walks every following page too."""

    def __init__(
        self,
        envelope: EnvelopeT,
        params: Params,
        fetch: Callable[[Params], Awaitable[Self]],
        *,
        redact: Redactor = NOTHING,
    ) -> None:
        super().__init__(envelope, params, redact=redact)
        self._fetch = fetch

    async def get_next_page(self) -> Self:
        """Fetch the next page; raises ``LookupError`` on the last page."""
        params = self.next_page_params() if self.items else None
        if params is None:
            raise LookupError("This is the last page; check has_next_page() first.")
        return await self._fetch(params)

    async def iter_pages(self) -> AsyncIterator[Self]:
        """This page, then each following page, fetched as the loop asks for it (never one twice)."""
        page = self
        seen: set[bytes] = set()
        self._check_new(self.params, seen)
        yield page
        while page.has_next_page():
            params = page.next_page_params()
            assert params is not None  # has_next_page() said so
            page._check_new(params, seen)
            page = await page._fetch(params)
            yield page

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPaginator(Generic[ItemT, PageT]):
    """What an async ``list()`` returns: ``await`` it for the first page, or ``async for`` every item."""

    def __init__(self, first_page: Callable[[], Awaitable[PageT]]) -> None:
        self._first_page = first_page

    def __await__(self) -> Generator[Any, None, PageT]:
        return self._first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        page = await self._first_page()
        async for item in page:
            yield item
