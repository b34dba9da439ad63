"""Base class of every generated async resource (its sync twin is generated)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._twins import AsyncResourceTwins

if TYPE_CHECKING:
    from ._base_client import AsyncBaseClient

__all__ = ["AsyncAPIResource"]


class AsyncAPIResource(AsyncResourceTwins):
    """Holds the client whose transport every method of the resource goes through.

    Every method also answers to its 1.x ``async_`` name (``async_get``): on the sync
    client that runs it for async code, on the async client it is the method itself.
    """

    _client: AsyncBaseClient

    def __init__(self, client: AsyncBaseClient) -> None:
        self._client = client
