"""Collection classes, under the module name 1.x code imports them from.

``Collection`` is what ``collections.get(slug)`` returns (its ``models`` are bound
models); ``CollectionSummary`` is an item of ``collections.list()``.

Example::

    from replicate.collection import Collection
"""

from ._async._objects import AsyncCollection
from ._async.resources.collections import AsyncCollectionsResource as AsyncCollections
from ._sync._objects import Collection
from ._sync.resources.collections import CollectionsResource as Collections
from .types import CollectionListResponse as CollectionSummary

__all__ = ["AsyncCollection", "AsyncCollections", "Collection", "CollectionSummary", "Collections"]
