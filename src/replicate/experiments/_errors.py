"""Exceptions of experiment tracking.

::

    ReplicateError
     └── ExperimentsError
          ├── ConfigError                    replicate.yaml or init() arguments are wrong: fix and rerun
          │    └── ConfigNotFoundError       no repository is configured
          ├── RepositoryError
          │    ├── IncompatibleRepositoryVersion   the repository was written by a newer version
          │    ├── CorruptedRepositorySpec         repository.json cannot be read
          │    └── StorageError              a read or write to the store failed
          ├── DoesNotExistError              no experiment or checkpoint has this id (prefix)
          ├── AmbiguousPrefixError           a prefix matches several experiments or checkpoints
          └── FilterError                    a filter or sort expression cannot be understood
"""

from __future__ import annotations

from .._exceptions import ReplicateError

__all__ = [
    "AmbiguousPrefixError",
    "ConfigError",
    "ConfigNotFoundError",
    "CorruptedRepositorySpec",
    "DoesNotExistError",
    "ExperimentsError",
    "FilterError",
    "IncompatibleRepositoryVersion",
    "RepositoryError",
    "StorageError",
]


class ExperimentsError(ReplicateError):
    """Base class of every error raised by ``replicate.experiments``.

    Also a :class:`replicate.ReplicateError`, the base of every error of the package.
    """


class ConfigError(ExperimentsError):
    """The configuration (``replicate.yaml``, environment or arguments) is invalid.

    The message says what to change.
    """


class ConfigNotFoundError(ConfigError):
    """No repository is configured: no ``replicate.yaml`` and no ``repository=`` given."""


class RepositoryError(ExperimentsError):
    """The repository cannot be used."""


class IncompatibleRepositoryVersion(RepositoryError):
    """The repository's format version is newer than this library writes (or reads)."""


class CorruptedRepositorySpec(RepositoryError):
    """``repository.json`` exists but is not valid."""


class StorageError(RepositoryError):
    """A store operation failed (network, permissions, disk full...)."""


class DoesNotExistError(ExperimentsError):
    """No experiment or checkpoint matches the id or prefix."""


class AmbiguousPrefixError(ExperimentsError):
    """An id prefix matches more than one experiment or checkpoint."""


class FilterError(ExperimentsError, ValueError):
    """A filter (``"name op value"``) or sort key is invalid."""
