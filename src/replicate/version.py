"""Model version classes, under the module name 1.x code imports them from.

``Version`` and ``Versions`` are the 1.x names of ``ModelVersion`` and ``ModelVersions``.

Example::

    from replicate.version import Version
"""

from ._async._objects import AsyncModelVersion, AsyncModelVersions
from ._sync._objects import ModelVersion, ModelVersions

Version = ModelVersion
"""The 1.x name of :class:`ModelVersion`."""
Versions = ModelVersions
"""The 1.x name of :class:`ModelVersions` (``model.versions``)."""

__all__ = [
    "AsyncModelVersion",
    "AsyncModelVersions",
    "ModelVersion",
    "ModelVersions",
    "Version",
    "Versions",
]
