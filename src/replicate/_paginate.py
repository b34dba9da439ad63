"""``replicate.paginate`` / ``replicate.async_paginate``: walk a list page by page, as in 1.x."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ._exceptions import ArgumentTypeError

if TYPE_CHECKING:
    from ._async._pagination import AsyncCursorURLPage
    from ._sync._pagination import SyncCursorURLPage

__all__ = ["async_paginate", "paginate"]

_SyncPageT = TypeVar("_SyncPageT", bound="SyncCursorURLPage[Any]")
_AsyncPageT = TypeVar("_AsyncPageT", bound="AsyncCursorURLPage[Any]")


def paginate(list_method: Callable[..., _SyncPageT], **kwargs: Any) -> Iterator[_SyncPageT]:
    """Every page of a list, starting with ``list_method(**kwargs)``.

    Iterating over a page yielded here gives that page's items only.

    Example::

        for page in replicate.paginate(replicate.models.list):
            print([model.name for model in page.results])
    """
    page = _checked_page(list_method, list_method(**kwargs))
    for each in page.iter_pages():
        yield each._single_page()  # pyright: ignore[reportPrivateUsage]


async def async_paginate(
    list_method: Callable[..., Awaitable[_AsyncPageT]], **kwargs: Any
) -> AsyncIterator[_AsyncPageT]:
    """Every page of a list, starting with ``await list_method(**kwargs)``.

    Iterating over a page yielded here gives that page's items only.

    Example::

        async for page in replicate.async_paginate(client.models.list):
            print([model.name for model in page.results])
    """
    page = _checked_page(list_method, await list_method(**kwargs))
    async for each in page.iter_pages():
        yield each._single_page()  # pyright: ignore[reportPrivateUsage]


_PageT = TypeVar("_PageT")


def _checked_page(list_method: object, page: _PageT) -> _PageT:
    """``page``, if ``list_method`` returned a page; else an error naming what to pass."""
    if not hasattr(page, "iter_pages"):
        name = getattr(list_method, "__qualname__", repr(list_method))
        raise ArgumentTypeError(
            f"paginate() takes a list method such as replicate.models.list; {name} returned "
            f"{type(page).__name__}, not a page"
        )
    return page
