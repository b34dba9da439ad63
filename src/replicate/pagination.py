"""Page classes returned by list methods (sync and async), under their 2.x module name."""

from ._async._pagination import AsyncCursorURLPage, AsyncCursorURLPageWithCreatedFilters
from ._async._paginator import AsyncPaginator
from ._sync._pagination import SyncCursorURLPage, SyncCursorURLPageWithCreatedFilters

__all__ = [
    "AsyncCursorURLPage",
    "AsyncCursorURLPageWithCreatedFilters",
    "AsyncPaginator",
    "SyncCursorURLPage",
    "SyncCursorURLPageWithCreatedFilters",
]
