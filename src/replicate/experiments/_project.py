"""Projects: a directory (with its ``replicate.yaml``) and the repository it records into."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Optional, Union

from ._config import ProjectConfig, load_config
from ._model import Experiment, ExperimentList
from ._query import filter_experiments, sort_experiments
from ._repo import Repository, gc_paused
from .store import open_store

__all__ = ["ExperimentCollection", "Filter", "Project", "open_repository"]

Filter = Union[str, Sequence[str], Callable[[Experiment], bool], None]


class Project:
    """A project directory and its repository.

    Args:
        repository: a repository URL or path (``s3://bucket/root``, ``/data/repo``); it
            overrides ``replicate.yaml``, like the command line's ``-R``.
        directory: where to look for ``replicate.yaml`` (and its parents), like ``-D``;
            default: the working directory.

    Raises:
        ConfigError: (on first use) the configuration is invalid; the message says why.
    """

    def __init__(
        self, repository: Optional[str] = None, directory: Union[str, Path, None] = None
    ) -> None:
        self._repository_url = repository
        self._directory = directory
        self._config: Optional[ProjectConfig] = None
        self._repository: Optional[Repository] = None

    @property
    def config(self) -> ProjectConfig:
        """The resolved configuration (``replicate.yaml`` and overrides)."""
        if self._config is None:
            self._config = load_config(self._directory, self._repository_url)
        return self._config

    @property
    def directory(self) -> Path:
        """The project directory: where ``replicate.yaml`` is, else the starting directory."""
        return self.config.directory

    @property
    def repository(self) -> Repository:
        """The repository, opened on first use."""
        if self._repository is None:
            self._repository = Repository(open_store(self.config.repository))
        return self._repository

    @property
    def experiments(self) -> ExperimentCollection:
        """``project.experiments.list()`` and ``.get(prefix)``."""
        return ExperimentCollection(self)

    def __repr__(self) -> str:
        return f"Project(directory={str(self.directory)!r}, repository={self.config.repository!r})"


class ExperimentCollection:
    """The experiments of a project's repository."""

    def __init__(self, project: Project) -> None:
        self._project = project

    def list(self, filter: Filter = None, sort: str = "created") -> ExperimentList:
        """Experiments passing ``filter``, ordered by ``sort``.

        ``filter`` is a string (``"val_loss < 0.2"``), a list of them (ANDed) or a
        function of an experiment; ``sort`` a name with an optional ``-desc``/``-asc``
        suffix (``"created"``, ``"val_loss-desc"``). See :mod:`replicate.experiments._query`.

        Raises:
            FilterError: a filter or sort key is invalid or names nothing known.
            StorageError: the repository cannot be read.
        """
        experiments = self._project.repository.list_experiments()
        with gc_paused():  # filters and sorts may parse every checkpoint
            selected = filter_experiments(experiments, filter)
            return ExperimentList(sort_experiments(selected, sort))

    def get(self, id_prefix: str) -> Experiment:
        """The experiment whose id starts with ``id_prefix``.

        Raises:
            DoesNotExistError: none matches.
            AmbiguousPrefixError: several match.
        """
        return self._project.repository.get(id_prefix)


def open_repository(
    repository: Optional[str] = None, directory: Union[str, Path, None] = None
) -> Repository:
    """The repository for a URL (``-R``) or the one a project directory's yaml names (``-D``).

    Raises:
        ConfigError: invalid configuration, unsupported scheme or missing extra.
    """
    return Project(repository=repository, directory=directory).repository
