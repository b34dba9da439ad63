"""Page classes returned by list methods (sync and async), under their 2.x module name.

``Page`` (the sync page), ``paginate`` and ``async_paginate`` are here under their
1.x names too.

Example::

    from replicate.pagination import Page

    def names(page: Page[Model]) -> list[str]:
        return [model.name for model in page.results]
"""

from ._async._pagination import AsyncCursorURLPage, AsyncCursorURLPageWithCreatedFilters
from ._paginate import async_paginate, paginate
from ._primitives import AsyncPaginator
from ._sync._pagination import SyncCursorURLPage, SyncCursorURLPageWithCreatedFilters

Page = SyncCursorURLPage
"""The 1.x name of the page class: ``results``, ``next``, ``len(page)``, ``page[i]``."""

__all__ = [
    "AsyncCursorURLPage",
    "AsyncCursorURLPageWithCreatedFilters",
    "AsyncPaginator",
    "Page",
    "SyncCursorURLPage",
    "SyncCursorURLPageWithCreatedFilters",
    "async_paginate",
    "paginate",
]
