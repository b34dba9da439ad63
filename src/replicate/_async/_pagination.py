"""Pages of list results that fetch the pages after them.

A page holds ``results`` and the ``next``/``previous`` URLs the API returned.
Iterating over a page yields every item of it and of the pages after it, fetching them
as needed; ``iter_pages()`` yields the pages themselves. ``len(page)`` and ``page[i]``
are about this page's own results, as in 1.x. The next page is fetched
through the same client (and so the same transport, retries and host check).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Generic, TypeVar, Union, overload

from typing_extensions import Protocol, Self

from .._exceptions import ClientStateError, InvalidArgumentError
from .._types import NotGiven

__all__ = [
    "AsyncCursorURLPage",
    "AsyncCursorURLPageWithCreatedFilters",
    "AsyncPageLoader",
    "cursor_argument",
]

_T = TypeVar("_T")


def cursor_argument(cursor: Union[str, NotGiven, None]) -> Union[str, None]:
    """The ``cursor`` a list method was given: a page's ``next``, or ``None`` for the first page.

    Raises:
        ValueError: ``cursor`` is ``None`` (as 1.x did: ``list(page.next)`` on the last
            page is a mistake, not a request for the first page again).
    """
    if cursor is None:
        raise InvalidArgumentError(
            "cursor cannot be None; leave it out for the first page, "
            "or pass a page's next only when it has one"
        )
    if isinstance(cursor, NotGiven):
        return None
    return cursor


class AsyncPageLoader(Protocol):
    """Fetches the page at a ``next`` URL, as an instance of the same page class."""

    async def __call__(self, url: str) -> Any: ...


class AsyncCursorURLPage(Generic[_T]):
    """One page of a list; iterating over it walks every item of this page and the next ones.

    Example::

        page = await client.predictions.list()
        print(page.results[0].id, page.next)
        async for prediction in page:  # every prediction, page after page
            ...
    """

    results: list[_T]
    next: str | None
    previous: str | None

    def __init__(
        self,
        *,
        results: list[_T],
        next: str | None = None,
        previous: str | None = None,
        load_page: AsyncPageLoader | None = None,
    ) -> None:
        self.results = results
        self.next = next
        self.previous = previous
        self._load_page = load_page
        # Pages handed out by ``replicate.paginate`` iterate over their own items only, as in 1.x.
        self._iterates_following_pages = True

    def has_next_page(self) -> bool:
        """Whether the API said there is a page after this one."""
        return bool(self.next) and self._load_page is not None

    async def get_next_page(self) -> Self:
        """Fetch the page after this one; raises ``RuntimeError`` when there is none."""
        if not self.next or self._load_page is None:
            raise ClientStateError(
                "This is the last page; check has_next_page() before get_next_page()"
            )
        page: Self = await self._load_page(self.next)
        return page

    async def iter_pages(self) -> AsyncIterator[Self]:
        """This page, then each following page, fetched one at a time."""
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[_T]:
        if not self._iterates_following_pages:
            for item in self.results:
                yield item
            return
        async for page in self.iter_pages():
            for item in page.results:
                yield item

    def __len__(self) -> int:
        """How many results this page holds (1.x)."""
        return len(self.results)

    @overload
    def __getitem__(self, index: int) -> _T: ...

    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[_T, list[_T]]:
        """This page's result at ``index`` (1.x): ``page[0]`` is the first of ``page.results``."""
        return self.results[index]

    def _single_page(self) -> Self:
        """A copy whose iteration stops at its own items (the 1.x behaviour)."""
        page = type(self)(
            results=self.results, next=self.next, previous=self.previous, load_page=self._load_page
        )
        page._iterates_following_pages = False
        return page

    def __repr__(self) -> str:
        return f"{type(self).__name__}(results=<{len(self.results)} items>, next={self.next!r})"


class AsyncCursorURLPageWithCreatedFilters(AsyncCursorURLPage[_T]):
    """A page of a list that can be filtered by creation time (``created_after``/``created_before``).

    The filters are sent with the first request; the API carries them in ``next``.
    """
