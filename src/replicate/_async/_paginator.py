# unasync: skip
"""What an async list method returns before any request: awaitable, and async-iterable.

Hand-written, with a sync twin: in sync code a list method fetches its first page at
once and returns it, a difference no renaming can express.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .._exceptions import ArgumentTypeError
from ._pagination import AsyncCursorURLPage

__all__ = ["AsyncPaginator", "start_listing"]

_T = TypeVar("_T")
_PageT_co = TypeVar("_PageT_co", bound="AsyncCursorURLPage[Any]", covariant=True)


class AsyncPaginator(Generic[_T, _PageT_co]):
    """A list call: ``await`` it for the first page, or iterate over it for every item.

    Example::

        page = await client.predictions.list()          # the first page
        async for prediction in client.predictions.list():  # all predictions, page by page
            ...
    """

    def __init__(self, fetch_first_page: Callable[[], Awaitable[_PageT_co]]) -> None:
        self._fetch_first_page = fetch_first_page

    def __await__(self) -> Generator[Any, None, _PageT_co]:
        return self._fetch_first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[_T]:
        first: AsyncCursorURLPage[_T] = await self._fetch_first_page()
        async for item in first:
            yield item

    if not TYPE_CHECKING:  # hints at run time; type checkers report these mistakes themselves

        def __iter__(self) -> Iterator[_T]:
            raise ArgumentTypeError(
                "An async list call is iterated with `async for`: `async for item in "
                "client.<resource>.list():`, or `page = await client.<resource>.list()`"
            )

        def __getattr__(self, name: str) -> Any:
            if name in _PAGE_ATTRIBUTES:
                raise AttributeError(
                    f"An async list call has no {name!r} before it is awaited: "
                    f"`page = await client.<resource>.list()`, then `page.{name}`"
                )
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


_PAGE_ATTRIBUTES = frozenset(
    {"results", "next", "previous", "has_next_page", "get_next_page", "iter_pages"}
)
"""What a page has and a list call that was not awaited lacks."""


def start_listing(
    model: type[_T], fetch_first_page: Callable[[], Awaitable[_PageT_co]]
) -> AsyncPaginator[_T, _PageT_co]:
    """The result of an async list call whose items are ``model`` instances; nothing is sent yet."""
    del model  # only fixes the item type
    return AsyncPaginator(fetch_first_page)
