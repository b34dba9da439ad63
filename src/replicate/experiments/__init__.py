"""Experiment tracking: version control for machine-learning experiments.

Nothing here is imported by ``import replicate``; ``replicate.init``,
``replicate.checkpoint``, ``replicate.experiments`` and ``replicate.Project`` load it on
first use.

Recording, in a training script::

    experiment = replicate.init(path=".", params={"learning_rate": 0.01})
    experiment.checkpoint(path="model.pth", step=1, metrics={"loss": 0.4},
                          primary_metric=("loss", "minimize"))
    experiment.stop()                                   # also done at exit

Entry points (signatures are stable):

- ``init(path=UNSET, params=None, **params) -> Experiment`` and ``checkpoint(...)`` on the
  current experiment of the process.
- ``list(filter=None, sort="created") -> ExperimentList``; ``get(id_prefix) -> Experiment``
  (both on the project of the working directory).
- ``Project(repository=None, directory=None)``: ``.repository``, ``.directory``,
  ``.experiments.list(...)``, ``.experiments.get(...)``.
- ``open_repository(repository=None, directory=None) -> Repository`` for ``-R URL`` /
  ``-D DIR``; ``Repository.list_experiments()``, ``.get(prefix)``, ``.find(prefix)``
  (experiment or checkpoint, one search), ``.find_all(prefixes)`` (one listing for
  all), ``.heartbeats()``, ``.delete_experiment(e)``, ``.delete_checkpoint(c)``,
  ``.update_experiment(id, change)`` (compare-and-swap), ``.upgrade()``.
- ``Experiment.flush(timeout)`` waits for queued uploads; ``stop()`` records the end.
- ``Experiment``: Keepsake's fields (``id, created, params, host, user, config, command,
  path, python_version, python_packages, checkpoints, replicate_version``) plus ``files,
  ended, exit, error, tags, parent, seq``; ``status`` (running/stopped),
  ``exit_reason`` (finished/failed/killed/lost), ``best()``, ``latest()``,
  ``num_checkpoints``, ``metric_names()``, ``primary_metric()`` (these five answer from
  the document's summary without parsing the checkpoints), ``checkout(dir)``,
  ``delete()``, ``refresh()``, ``is_running()``, ``to_json()``.
- ``Checkpoint``: ``id, created, metrics, step, path, primary_metric, files``;
  ``checkout(dir)``, ``open(path)`` (a stream), ``primary_metric_value()``.
- ``replicate.experiments._query``: ``parse_filter``, ``filter_experiments``,
  ``sort_experiments``, ``field_value``, ``known_names`` (I/O-free);
  ``replicate.experiments._status``: ``experiment_status`` (I/O-free running/stopped logic).
- Errors: ``ConfigError`` (what to fix), ``DoesNotExistError``, ``AmbiguousPrefixError``,
  ``FilterError``, ``IncompatibleRepositoryVersion``, ``StorageError``; all are
  ``ExperimentsError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._errors import (
    AmbiguousPrefixError,
    ConfigError,
    ConfigNotFoundError,
    CorruptedRepositorySpec,
    DoesNotExistError,
    ExperimentsError,
    FilterError,
    IncompatibleRepositoryVersion,
    RepositoryError,
    StorageError,
)
from ._model import Checkpoint, CheckpointList, Experiment, ExperimentList, PrimaryMetric
from ._project import Filter, Project, open_repository
from ._repo import Repository

if TYPE_CHECKING:
    from ._api import checkpoint, current_experiment, init

# Recording (uploader, snapshots, heartbeat thread, exit hooks) loads on first use of these,
# so that reading results does not pay for it.
_RECORDING = frozenset({"checkpoint", "current_experiment", "init"})

__all__ = [
    "AmbiguousPrefixError",
    "Checkpoint",
    "CheckpointList",
    "ConfigError",
    "ConfigNotFoundError",
    "CorruptedRepositorySpec",
    "DoesNotExistError",
    "Experiment",
    "ExperimentList",
    "ExperimentsError",
    "FilterError",
    "IncompatibleRepositoryVersion",
    "PrimaryMetric",
    "Project",
    "Repository",
    "RepositoryError",
    "StorageError",
    "checkpoint",
    "current_experiment",
    "get",
    "init",
    "list",
    "open_repository",
]


def list(filter: Filter = None, sort: str = "created") -> ExperimentList:
    """The experiments of the working directory's project; see ``ExperimentCollection.list``."""
    return Project().experiments.list(filter=filter, sort=sort)


def get(id_prefix: str) -> Experiment:
    """The experiment of the working directory's project whose id starts with ``id_prefix``.

    Raises:
        DoesNotExistError: none matches.
        AmbiguousPrefixError: several match.
    """
    return Project().experiments.get(id_prefix)


def __getattr__(name: str) -> Any:
    if name in _RECORDING:
        from . import _api

        value = getattr(_api, name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
