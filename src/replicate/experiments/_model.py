"""Experiments and checkpoints as stored in a repository, with Keepsake's field names.

The JSON codec reads the three formats: v0 (2020 "commits", assembled by the repository),
v1 (Keepsake: checkpoints inside the experiment file, files in tarballs) and v2 (this
library: ``format: 2``, files in content-addressed manifests).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, Optional, Union, cast, overload

from ._errors import ConfigError
from ._status import Heartbeat, experiment_status
from ._timefmt import format_time, parse_time
from ._values import decode_value, encode_mapping

if TYPE_CHECKING:
    from ._repo import Repository
    from ._run import Run

__all__ = [
    "FORMAT_VERSION",
    "Checkpoint",
    "CheckpointList",
    "Experiment",
    "ExperimentList",
    "FileSet",
    "Goal",
    "PrimaryMetric",
    "best_checkpoint",
    "latest_checkpoint",
    "summarize_checkpoints",
]

FORMAT_VERSION = 2
Goal = Literal["minimize", "maximize"]
GOALS: tuple[Goal, ...] = ("minimize", "maximize")
SHORT_ID_LENGTH = 7


@dataclass(frozen=True)
class PrimaryMetric:
    """The metric that decides which checkpoint is best, and whether lower or higher wins."""

    name: str
    goal: Goal

    @classmethod
    def parse(cls, value: Any) -> PrimaryMetric:
        """From ``("loss", "minimize")``, ``{"name": ..., "goal": ...}`` or a PrimaryMetric.

        Raises:
            ConfigError: not one of these shapes, or the goal is not minimize/maximize.
        """
        if isinstance(value, PrimaryMetric):
            return value
        if isinstance(value, Mapping):
            mapping = cast("Mapping[str, Any]", value)
            name, goal = mapping.get("name"), mapping.get("goal")
        elif isinstance(value, (tuple, list)) and len(cast("tuple[Any, ...]", value)) == 2:
            name, goal = cast("tuple[Any, Any]", tuple(cast("tuple[Any, ...]", value)))
        else:
            raise ConfigError(
                f"primary_metric must be (name, 'minimize' or 'maximize'), got {value!r}"
            )
        if not isinstance(name, str) or not name:
            raise ConfigError(f"primary_metric needs a metric name, got {name!r}")
        if goal not in GOALS:
            raise ConfigError(f"primary_metric goal must be 'minimize' or 'maximize', got {goal!r}")
        return cls(name, goal)

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "goal": self.goal}


@dataclass(frozen=True)
class FileSet:
    """Files saved with an experiment or checkpoint: a manifest id (sha256), bytes and count."""

    manifest: str
    size: int
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"manifest": self.manifest, "size": self.size, "count": self.count}

    @classmethod
    def from_json(cls, data: Any) -> FileSet | None:
        if not isinstance(data, Mapping):
            return None
        mapping = cast("Mapping[str, Any]", data)
        return cls(str(mapping["manifest"]), int(mapping["size"]), int(mapping["count"]))


_primary_metrics: dict[tuple[str, str], PrimaryMetric] = {}


def _primary_metric(value: Any) -> PrimaryMetric:
    """:meth:`PrimaryMetric.parse`, shared between the many checkpoints that name the same one."""
    if isinstance(value, dict):
        spec = cast("dict[str, Any]", value)
        key = (str(spec.get("name")), str(spec.get("goal")))
        found = _primary_metrics.get(key)
        if found is None:
            found = _primary_metrics[key] = PrimaryMetric.parse(spec)
        return found
    return PrimaryMetric.parse(value)


def _number(value: Any) -> float | None:
    """``value`` as a comparable float, or None for missing, non-numeric and NaN values."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return None if math.isnan(number) else number


@dataclass(eq=False)
class Checkpoint:
    """One checkpoint of an experiment: metrics at a step, and optionally saved files.

    ``created`` is timezone-aware UTC; ``path`` is relative to the project directory.
    """

    id: str
    created: datetime
    metrics: dict[str, Any] = field(default_factory=dict[str, Any])
    step: Optional[int] = None
    path: Optional[str] = None
    primary_metric: Optional[PrimaryMetric] = None
    files: Optional[FileSet] = None
    experiment: Optional[Experiment] = field(default=None, repr=False)

    @property
    def short_id(self) -> str:
        """The first 7 characters of the id, as shown by the command line."""
        return self.id[:SHORT_ID_LENGTH]

    def primary_metric_value(self) -> float | None:
        """This checkpoint's value of its primary metric, None if absent, not a number or NaN."""
        if self.primary_metric is None:
            return None
        return _number(self.metrics.get(self.primary_metric.name))

    def checkout(self, output_directory: str | Path) -> list[Path]:
        """Write this checkpoint's files under ``output_directory`` (created if missing).

        Files keep their path relative to the project directory; each file's sha256 is
        verified while it streams. Returns the written paths.

        Raises:
            DoesNotExistError: the checkpoint saved no files.
            StorageError: a file cannot be read from the repository.
        """
        return self._repo().checkout_checkpoint(self, Path(output_directory))

    def open(self, path: str) -> BinaryIO:
        """A binary stream of one file of this checkpoint (``path`` as saved). Close it.

        Raises:
            DoesNotExistError: the checkpoint has no file at ``path``.
        """
        return self._repo().open_checkpoint_file(self, path)

    def _repo(self) -> Repository:
        if self.experiment is None or self.experiment.repository is None:
            raise ConfigError("this checkpoint is not attached to a repository")
        return self.experiment.repository

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "created": format_time(self.created),
            "metrics": encode_mapping(self.metrics),
            "step": self.step,
            "path": self.path,
            "primary_metric": self.primary_metric.to_json() if self.primary_metric else None,
        }
        if self.files is not None:
            data["files"] = self.files.to_json()
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Checkpoint:
        primary = data.get("primary_metric")
        metrics = data.get("metrics")
        if metrics is None:  # v0 "commits" recorded labels
            metrics = data.get("labels")
        step = data.get("step")
        files = data.get("files")
        # Every field set directly, without __init__: an experiment may have thousands.
        checkpoint = object.__new__(cls)
        checkpoint.__dict__.update(
            id=str(data["id"]),
            created=parse_time(str(data["created"])),
            metrics=decode_value(metrics) if isinstance(metrics, dict) else {},
            step=int(step) if isinstance(step, (int, float)) else None,
            path=data.get("path") or None,
            primary_metric=_primary_metric(primary) if primary else None,
            files=FileSet.from_json(files) if files else None,
            experiment=None,
        )
        return checkpoint


class CheckpointList(list[Checkpoint]):
    """An experiment's checkpoints, oldest first, with column views.

    ``checkpoints.metrics["loss"]`` is the list of each checkpoint's loss (None where
    missing); ``checkpoints.step`` the list of steps.
    """

    @property
    def metrics(self) -> dict[str, list[Any]]:
        names = {name: None for checkpoint in self for name in checkpoint.metrics}
        return {name: [checkpoint.metrics.get(name) for checkpoint in self] for name in names}

    @property
    def step(self) -> list[Optional[int]]:
        return [checkpoint.step for checkpoint in self]

    def primary_metric(self) -> PrimaryMetric | None:
        """The primary metric of the first checkpoint that declares one (decides ``best()``)."""
        for checkpoint in self:
            if checkpoint.primary_metric is not None:
                return checkpoint.primary_metric
        return None


def best_checkpoint(checkpoints: CheckpointList) -> Checkpoint | None:
    """The checkpoint with the best primary metric, or None (see :meth:`Experiment.best`)."""
    primary = checkpoints.primary_metric()
    if primary is None:
        return None
    sign = 1.0 if primary.goal == "minimize" else -1.0
    best: Checkpoint | None = None
    best_value = math.inf
    for checkpoint in checkpoints:
        value = _number(checkpoint.metrics.get(primary.name))
        if value is not None and sign * value < best_value:
            best, best_value = checkpoint, sign * value
    return best


def latest_checkpoint(checkpoints: CheckpointList) -> Checkpoint | None:
    """The most recently created checkpoint (the first of equals), or None."""
    return max(checkpoints, key=lambda checkpoint: checkpoint.created, default=None)


def _stored_metrics(item: Mapping[str, Any]) -> Mapping[str, Any]:
    metrics = item.get("metrics")
    if metrics is None:  # v0 "commits" recorded labels
        metrics = item.get("labels")
    return cast("Mapping[str, Any]", metrics) if isinstance(metrics, dict) else {}


def _created_keys(items: list[Mapping[str, Any]]) -> list[Any]:
    """Sort keys of the checkpoints' creation times: the text itself when all are in the
    fixed-width form this library writes (it then sorts by time), else parsed times."""
    stamps = [str(item["created"]) for item in items]
    if all(len(stamp) == 27 and stamp[19] == "." and stamp[26] == "Z" for stamp in stamps):
        return stamps
    return [parse_time(stamp) for stamp in stamps]


def summarize_checkpoints(items: list[Mapping[str, Any]]) -> dict[str, Any]:
    """What listing needs of stored checkpoints (dicts), without building objects.

    ``count``, ``metrics`` (names, first seen first), ``primary_metric`` and the ``best``
    and ``latest`` items, chosen as :func:`best_checkpoint` and :func:`latest_checkpoint`
    choose among the parsed checkpoints. Cheap enough to run on every write of a long run.
    """
    names: dict[str, None] = {}
    primary: PrimaryMetric | None = None
    for item in items:
        names.update(dict.fromkeys(_stored_metrics(item)))
        declared = item.get("primary_metric")
        if primary is None and declared:
            primary = _primary_metric(declared)
    best: Mapping[str, Any] | None = None
    if primary is not None:
        sign = 1.0 if primary.goal == "minimize" else -1.0
        best_value = math.inf
        for item in items:
            value = _number(decode_value(_stored_metrics(item).get(primary.name)))
            if value is not None and sign * value < best_value:
                best, best_value = item, sign * value
    latest: Mapping[str, Any] | None = None
    if items:
        keys = _created_keys(items)
        latest = items[max(range(len(items)), key=keys.__getitem__)]
    return {
        "count": len(items),
        "metrics": list(names),
        "primary_metric": primary.to_json() if primary is not None else None,
        "best": best,
        "latest": latest,
    }


# Keys of Experiment.__dict__ that hold the checkpoints before and after they are parsed,
# the stored summary of them, and the checkpoints already built from that summary.
_CHECKPOINTS, _RAW_CHECKPOINTS = "_checkpoints", "_raw_checkpoints"
_SUMMARY, _FROM_SUMMARY = "_summary", "_from_summary"


class _CheckpointsField:
    """``Experiment.checkpoints``: a :class:`CheckpointList`, parsed from JSON on first use.

    Assigning any iterable of checkpoints stores it as a CheckpointList and attaches each
    checkpoint to the experiment. Checkpoints already returned by ``best()`` or
    ``latest()`` (from the stored summary) are the same objects in the parsed list.
    """

    @overload
    def __get__(self, experiment: None, owner: Any = None) -> tuple[()]: ...

    @overload
    def __get__(self, experiment: Experiment, owner: Any = None) -> CheckpointList: ...

    def __get__(
        self, experiment: Optional[Experiment], owner: Any = None
    ) -> Union[CheckpointList, tuple[()]]:
        if experiment is None:
            return ()  # the dataclass default (immutable; __set__ makes a new list)
        state = experiment.__dict__
        found: Optional[CheckpointList] = state.get(_CHECKPOINTS)
        if found is None:
            raw: list[Mapping[str, Any]] | bytes = state.pop(_RAW_CHECKPOINTS, None) or []
            items: list[Mapping[str, Any]] = json.loads(raw) if isinstance(raw, bytes) else raw
            built: dict[str, Checkpoint] = state.pop(_FROM_SUMMARY, None) or {}
            state.pop(_SUMMARY, None)
            found = CheckpointList(
                built.get(str(item.get("id"))) or Checkpoint.from_json(item) for item in items
            )
            for checkpoint in found:
                checkpoint.experiment = experiment
            state[_CHECKPOINTS] = found
        return found

    def __set__(self, experiment: Experiment, value: Iterable[Checkpoint]) -> None:
        checkpoints = value if isinstance(value, CheckpointList) else CheckpointList(value)
        for checkpoint in checkpoints:
            checkpoint.experiment = experiment
        for key in (_RAW_CHECKPOINTS, _SUMMARY, _FROM_SUMMARY):
            experiment.__dict__.pop(key, None)
        experiment.__dict__[_CHECKPOINTS] = checkpoints


@dataclass(eq=False)
class Experiment:
    """A training run: its params, environment, code snapshot and checkpoints.

    Objects returned by :func:`replicate.init` also record checkpoints
    (:meth:`checkpoint`, :meth:`commit`) and stop (:meth:`stop`); objects read from a
    repository are snapshots, refreshed by :meth:`refresh`.
    """

    id: str
    created: datetime
    params: dict[str, Any] = field(default_factory=dict[str, Any])
    host: str = ""
    user: str = ""
    config: dict[str, Any] = field(default_factory=dict[str, Any])
    command: str = ""
    path: Optional[str] = None
    python_version: str = ""
    python_packages: dict[str, str] = field(default_factory=dict[str, str])
    checkpoints: _CheckpointsField = _CheckpointsField()
    replicate_version: str = ""
    format: int = FORMAT_VERSION
    files: Optional[FileSet] = None
    ended: Optional[datetime] = None
    exit: Optional[str] = None
    error: Optional[str] = None
    tags: list[str] = field(default_factory=list[str])
    parent: Optional[str] = None
    seq: int = 0
    repository: Optional[Repository] = field(default=None, repr=False)
    heartbeat: Optional[Heartbeat] = field(default=None, repr=False)
    recording_disabled: bool = field(default=False, repr=False)
    _run: Optional[Run] = field(default=None, repr=False)

    # --- analysis -------------------------------------------------------------------

    @property
    def short_id(self) -> str:
        """The first 7 characters of the id, as shown by the command line."""
        return self.id[:SHORT_ID_LENGTH]

    @property
    def status(self) -> str:
        """``"running"`` or ``"stopped"``, as known when this object was loaded or refreshed."""
        return experiment_status(
            self.ended, self.exit, self.heartbeat, legacy=self.format < 2
        ).status

    @property
    def exit_reason(self) -> str | None:
        """How it stopped: ``finished``, ``failed``, ``killed``, ``lost`` (heartbeat stopped), or None."""
        return experiment_status(self.ended, self.exit, self.heartbeat, legacy=self.format < 2).exit

    @property
    def duration(self) -> float | None:
        """Seconds from creation to the end (or to the latest checkpoint while running)."""
        end = self.ended or (self.checkpoints[-1].created if self.checkpoints else None)
        return None if end is None else (end - self.created).total_seconds()

    def is_running(self) -> bool:
        """Whether the training process is alive now (reads the heartbeat again)."""
        if self.repository is not None:
            self.refresh()
        return self.status == "running"

    def latest(self) -> Checkpoint | None:
        """The most recently created checkpoint, or None."""
        summarized, checkpoint = self._summarized("latest")
        return checkpoint if summarized else latest_checkpoint(self.checkpoints)

    def best(self) -> Checkpoint | None:
        """The checkpoint with the best primary metric, or None.

        The primary metric is the first checkpoint's; checkpoints without a numeric value
        for it (missing, not a number, NaN) are never best. Ties go to the earliest.
        """
        summarized, checkpoint = self._summarized("best")
        return checkpoint if summarized else best_checkpoint(self.checkpoints)

    @property
    def num_checkpoints(self) -> int:
        """How many checkpoints it has (without parsing them, while the summary knows)."""
        summary = self._stored_summary()
        count = summary.get("count") if summary is not None else None
        return count if isinstance(count, int) else len(self.checkpoints)

    def _stored_summary(self) -> Optional[dict[str, Any]]:
        """The stored summary of the checkpoints while they are unparsed, else None."""
        state = self.__dict__
        summary: Union[bytes, dict[str, Any], None] = state.get(_SUMMARY)
        if isinstance(summary, bytes):
            try:
                parsed = json.loads(summary)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict):
                summary = state[_SUMMARY] = cast("dict[str, Any]", parsed)
            else:
                summary = None
                del state[_SUMMARY]
        return summary

    def metric_names(self) -> list[str]:
        """The names of the metrics any checkpoint recorded, in first-seen order."""
        summary = self._stored_summary()
        if summary is not None:
            names: list[Any] = summary.get("metrics") or []
            return [str(name) for name in names]
        return [*{name: None for checkpoint in self.checkpoints for name in checkpoint.metrics}]

    def primary_metric(self) -> PrimaryMetric | None:
        """The primary metric of the first checkpoint that declares one (it decides ``best()``)."""
        summary = self._stored_summary()
        if summary is not None:
            declared = summary.get("primary_metric")
            return _primary_metric(declared) if declared else None
        return self.checkpoints.primary_metric()

    def _summarized(self, which: str) -> tuple[bool, Checkpoint | None]:
        """``(True, checkpoint)`` from the stored summary while the checkpoints are unparsed."""
        summary = self._stored_summary()
        if summary is None:
            return False, None
        state = self.__dict__
        data = summary.get(which)
        if not isinstance(data, dict):
            return True, None
        item = cast("dict[str, Any]", data)
        built: dict[str, Checkpoint] = state.setdefault(_FROM_SUMMARY, {})
        checkpoint = built.get(str(item.get("id")))
        if checkpoint is None:
            checkpoint = Checkpoint.from_json(item)
            checkpoint.experiment = self
            built[checkpoint.id] = checkpoint
        return True, checkpoint

    def checkout(self, output_directory: str | Path) -> list[Path]:
        """Write the experiment's code snapshot under ``output_directory``.

        ``replicate.yaml`` (or ``keepsake.yaml``) at the top is never written, so the
        output directory keeps its own configuration. Returns the written paths.

        Raises:
            DoesNotExistError: the experiment saved no files.
        """
        return self._repo().checkout_experiment(self, Path(output_directory))

    def refresh(self) -> None:
        """Reload the metadata and heartbeat from the repository."""
        fresh = self._repo().load_experiment(self.id)
        for name in ("checkpoints", "ended", "exit", "error", "tags", "files", "seq", "heartbeat"):
            setattr(self, name, getattr(fresh, name))

    def delete(self) -> None:
        """Delete the experiment (metadata first, then heartbeat and old tarballs).

        Files shared with other experiments stay until garbage collection.
        """
        self._repo().delete_experiment(self)

    def _repo(self) -> Repository:
        if self.repository is None:
            raise ConfigError("this experiment is not attached to a repository")
        return self.repository

    # --- recording (experiments made by replicate.init) ------------------------------

    def checkpoint(
        self,
        path: str | None = None,
        step: int | None = None,
        metrics: Mapping[str, Any] | None = None,
        primary_metric: tuple[str, str] | PrimaryMetric | None = None,
        quiet: bool = False,
        **metrics_kw: Any,
    ) -> Checkpoint | None:
        """Record a checkpoint: ``metrics`` at ``step``, and the files at ``path``.

        ``path`` is a file or directory relative to the project directory (None saves no
        files); it is copied before this returns, then uploaded in the background.
        ``step`` defaults to the previous step + 1 (0 first). ``primary_metric`` is
        ``(name, "minimize" | "maximize")``; without it, ``replicate.yaml``'s primary
        metric applies. Extra keyword arguments are metrics too.

        Never raises (unless ``REPLICATE_STRICT=1``): a problem is reported as a warning
        and None is returned, so tracking cannot stop training. Files that failed to
        upload are kept and retried with the next checkpoint and at exit. On distributed
        ranks other than 0 it records nothing and returns None.
        """
        if self.recording_disabled:
            return None
        return self._live().checkpoint(
            path=path,
            step=step,
            metrics={**(metrics or {}), **metrics_kw},
            primary_metric=primary_metric,
            quiet=quiet,
        )

    def commit(
        self, path: str | None, step: int | None = None, options: None = None, **labels: Any
    ) -> Checkpoint | None:
        """The 2020 form of :meth:`checkpoint`: ``experiment.commit("weights/", step=5, loss=0.4)``.

        Every keyword argument is recorded as a metric; ``replicate.yaml``'s ``metrics:``
        say which is primary.
        """
        if options is not None:
            raise ConfigError("commit() accepts no options")
        if self.recording_disabled:
            return None
        return self._live().checkpoint(
            path=path, step=step, metrics=labels, primary_metric=None, quiet=False
        )

    def flush(self, timeout: float | None = None) -> bool:
        """Wait (up to ``timeout`` seconds) until queued uploads are saved; True if all were."""
        if self._run is None:
            return True
        return self._run.flush(timeout)

    def stop(self) -> None:
        """Finish uploads, record the experiment as finished and delete its heartbeat.

        Called at exit automatically; call it in notebooks when the run is over.
        """
        if self._run is not None:
            self._run.stop("finished")

    def __enter__(self) -> Experiment:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any
    ) -> None:
        if self._run is None:
            return
        if exc is None:
            self._run.stop("finished")
        elif isinstance(exc, KeyboardInterrupt):
            self._run.stop("killed", error=repr(exc))
        else:
            self._run.stop("failed", error=f"{type(exc).__name__}: {exc}")

    def _live(self) -> Run:
        if self._run is None:
            raise ConfigError(
                "this experiment was read from the repository: only the process that "
                "created it with replicate.init() can record checkpoints"
            )
        return self._run

    # --- JSON ------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The metadata document (format 2, Keepsake's keys first)."""
        return {
            "id": self.id,
            "created": format_time(self.created),
            "params": encode_mapping(self.params),
            "host": self.host,
            "user": self.user,
            "config": self.config,
            "command": self.command,
            "path": self.path,
            "python_version": self.python_version,
            "python_packages": self.python_packages,
            "checkpoints": [checkpoint.to_json() for checkpoint in self.checkpoints],
            "replicate_version": self.replicate_version,
            "format": FORMAT_VERSION,
            "files": self.files.to_json() if self.files else None,
            "ended": format_time(self.ended) if self.ended else None,
            "exit": self.exit,
            "error": self.error,
            "tags": self.tags,
            "parent": self.parent,
            "seq": self.seq,
        }

    @classmethod
    def from_json(
        cls,
        data: Mapping[str, Any],
        repository: Repository | None = None,
        checkpoints: bytes | list[Any] | None = None,
        summary: bytes | Mapping[str, Any] | None = None,
    ) -> Experiment:
        """Read a v0, v1 or v2 experiment document.

        ``checkpoints``, if given, are the checkpoints kept apart from ``data`` (as JSON
        text, or parsed); they are turned into objects on first use. ``summary`` is the
        stored summary of them (see ``_document``; JSON text is parsed on first use):
        until they are used, ``best()``,
        ``latest()``, ``metric_names()`` and ``primary_metric()`` answer from it.

        Raises:
            KeyError, ValueError, TypeError: required fields missing or malformed.
        """
        raw_checkpoints: list[Mapping[str, Any]] | bytes = (
            checkpoints if checkpoints is not None else data.get("checkpoints") or []
        )
        ended = data.get("ended")
        packages: Mapping[str, Any] = (
            data["python_packages"] if isinstance(data.get("python_packages"), dict) else {}
        )
        tags: list[Any] = data.get("tags") or []
        # Every field set directly, without __init__: listing builds thousands of these.
        experiment = object.__new__(cls)
        state = experiment.__dict__
        state.update(
            id=str(data["id"]),
            created=parse_time(str(data["created"])),
            params=decode_value(data.get("params") or {}),
            host=str(data.get("host") or ""),
            user=str(data.get("user") or ""),
            config=dict(data.get("config") or {}),
            command=str(data.get("command") or ""),
            path=data.get("path"),
            python_version=str(data.get("python_version") or ""),
            python_packages=dict(packages)
            if all(isinstance(version, str) for version in packages.values())
            else {str(key): str(value) for key, value in packages.items()},
            replicate_version=str(
                data.get("replicate_version") or data.get("keepsake_version") or ""
            ),
            format=int(data.get("format") or (1 if "checkpoints" in data else 0)),
            files=FileSet.from_json(data.get("files")),
            ended=parse_time(ended) if isinstance(ended, str) else None,
            exit=data.get("exit"),
            error=data.get("error"),
            tags=[str(tag) for tag in tags],
            parent=data.get("parent"),
            seq=int(data.get("seq") or 0),
            repository=repository,
            heartbeat=None,
            recording_disabled=False,
            _run=None,
        )
        # Parsed on first use: listing a large repository mostly reads other fields.
        state[_RAW_CHECKPOINTS] = raw_checkpoints
        if summary is not None:
            state[_SUMMARY] = summary
        return experiment


class ExperimentList(list[Experiment]):
    """Experiments returned by :func:`replicate.experiments.list`."""

    def primary_metric(self) -> PrimaryMetric | None:
        """The primary metric shared by these experiments, or None if they disagree or have none."""
        found = {experiment.primary_metric() for experiment in self}
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def delete(self) -> None:
        """Delete every experiment of the list."""
        for experiment in self:
            experiment.delete()

    def ids(self) -> list[str]:
        return [experiment.id for experiment in self]
