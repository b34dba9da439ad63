"""How a sync list call starts: by fetching its first page (async twin by hand).

The hand-written twin of ``replicate._async._paginator``: where async code returns an
``AsyncPaginator``, sync code returns the first page, which iterates over every item.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ._pagination import SyncCursorURLPage

__all__ = ["start_listing"]

_T = TypeVar("_T")
_PageT = TypeVar("_PageT", bound="SyncCursorURLPage[Any]")


def start_listing(model: type[_T], fetch_first_page: Callable[[], _PageT]) -> _PageT:
    """Fetch and return the first page of a list whose items are ``model`` instances."""
    del model  # only fixes the item type
    return fetch_first_page()
