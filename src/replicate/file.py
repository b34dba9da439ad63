"""The file class, under the module name 1.x code imports it from.

``File`` is what ``files.create``, ``files.get`` and ``files.list`` return; its ``urls``
and ``checksums`` read as dicts too (``file.urls["get"]``), as in 1.x.
"""

from ._types import FileEncodingStrategy
from .types import File

__all__ = ["File", "FileEncodingStrategy"]
