"""Base class of every generated async resource (its sync twin is generated)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._base_client import AsyncBaseClient

__all__ = ["AsyncAPIResource"]


class AsyncAPIResource:
    """Holds the client whose transport every method of the resource goes through."""

    _client: AsyncBaseClient

    def __init__(self, client: AsyncBaseClient) -> None:
        self._client = client
