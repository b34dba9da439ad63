"""``replicate.init()`` and ``replicate.checkpoint()``, and the process hooks that record how
a run ended: ``stop()``/context manager, an uncaught exception (failed), SIGTERM or Ctrl-C
(killed), normal exit (finished). A run that dies without any of these (SIGKILL, power
loss) shows as ``lost`` once its heartbeat is stale.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
import types
from collections.abc import Mapping
from typing import Any, Callable, Optional, Union

from ._config import ProjectConfig, load_config
from ._environment import command, host, python_version, user
from ._errors import ConfigError, StorageError
from ._heartbeat import heartbeat_interval
from ._ids import new_id
from ._model import Checkpoint, CheckpointList, Experiment, PrimaryMetric
from ._repo import Repository
from ._run import Run
from ._timefmt import utc_now
from ._values import encode_mapping
from .store import open_store

__all__ = ["UNSET", "checkpoint", "current_experiment", "init"]


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
"""``path`` not given: ``"."`` in the keyword-params style, nothing otherwise."""

_current: Optional[Run] = None
_hooks_installed = False
_hooks_lock = threading.Lock()


def current_experiment() -> Optional[Experiment]:
    """The experiment this process is recording, if any."""
    return _current.experiment if _current is not None and not _current.stopped else None


def init(
    path: Any = UNSET,
    params: Optional[Mapping[str, Any]] = None,
    *,
    repository: Optional[str] = None,
    directory: Optional[str] = None,
    tags: Optional[list[str]] = None,
    disable_heartbeat: bool = False,
    quiet: bool = False,
    all_ranks: bool = False,
    **params_kw: Any,
) -> Experiment:
    """Start an experiment: record its params and save a snapshot of the project.

    Both styles work::

        experiment = replicate.init(learning_rate=0.01)                # saves the project
        experiment = replicate.init(path=".", params={"learning_rate": 0.01})

    ``path`` (relative to the project directory) is saved as the code snapshot; when it is
    not given it is ``"."`` if params come only as keywords, and nothing otherwise.
    ``repository`` overrides ``replicate.yaml``; ``directory`` is where to look for it
    (default: the working directory). In distributed training only rank 0 records, unless
    ``all_ranks=True``. A previous experiment of this process is stopped first.

    Raises:
        ConfigError: invalid ``replicate.yaml``, arguments, or an unusable repository;
            the message says what to fix.
        IncompatibleRepositoryVersion: the repository has a format this version cannot write.
    """
    global _current
    if _current is not None and not _current.stopped:
        _current.stop("finished")
    if params is not None and not isinstance(params, Mapping):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise ConfigError(f"params must be a dict, got {type(params).__name__}")
    clash = set(params or {}) & set(params_kw)
    if clash:
        raise ConfigError(f"params {sorted(clash)} given twice (in params= and as keywords)")
    merged = {**(params or {}), **params_kw}
    try:
        encode_mapping(merged)
    except TypeError as error:
        raise ConfigError(f"params cannot be recorded: {error}") from error
    if path is UNSET:
        path = "." if params is None else None
    if path is not None and not isinstance(path, str):
        raise ConfigError(f"path must be a string or None, got {path!r}")

    config = load_config(directory, repository)
    experiment = Experiment(
        id=new_id(),
        created=utc_now(),
        params=merged,
        host=host(),
        user=user(),
        config={"repository": config.repository, **_metrics_config(config)},
        command=command(),
        path=path,
        python_version=python_version(),
        checkpoints=CheckpointList(),
        replicate_version=_version(),
        tags=list(tags or []),
    )
    if not all_ranks and _rank() not in (None, 0):
        experiment.recording_disabled = True  # checkpoint() records nothing on this rank
        return experiment

    repo = _open_writable(config)
    experiment.repository = repo
    run = Run(
        experiment,
        repo,
        config,
        heartbeat_interval=None if disable_heartbeat else heartbeat_interval(),
        quiet=quiet,
    )
    try:
        run.start(path)
    except ValueError as error:
        run.stop("failed", str(error))
        raise ConfigError(f"cannot save the project snapshot: {error}") from error
    _current = run
    _install_hooks()
    if not quiet:
        print(
            f"replicate: experiment {experiment.short_id} recording to {config.repository}",
            file=sys.stderr,
            flush=True,
        )
    return experiment


def checkpoint(
    path: Optional[str] = None,
    step: Optional[int] = None,
    metrics: Optional[Mapping[str, Any]] = None,
    primary_metric: Union[tuple[str, str], PrimaryMetric, None] = None,
    quiet: bool = False,
    **metrics_kw: Any,
) -> Optional[Checkpoint]:
    """:meth:`Experiment.checkpoint` on this process's current experiment.

    Raises:
        ConfigError: no experiment was started with ``replicate.init()``.
    """
    if _current is None or _current.stopped:
        raise ConfigError("no experiment is running: call replicate.init() first")
    return _current.experiment.checkpoint(
        path=path,
        step=step,
        metrics=metrics,
        primary_metric=primary_metric,
        quiet=quiet,
        **metrics_kw,
    )


def _version() -> str:
    from .._version import __version__

    return __version__


def _metrics_config(config: ProjectConfig) -> dict[str, Any]:
    metrics = config.raw.get("metrics")
    return {"metrics": metrics} if metrics else {}


def _rank() -> Optional[int]:
    for name in ("RANK", "LOCAL_RANK"):
        value = os.environ.get(name)
        if value is not None and value.strip().isdigit():
            return int(value)
    return None


def _open_writable(config: ProjectConfig) -> Repository:
    repository = Repository(open_store(config.repository))
    try:
        repository.ensure_writable()
    except StorageError as error:
        raise ConfigError(
            f"cannot use the repository {config.repository}: {error}. Check the URL in "
            f"{config.config_file or 'replicate.yaml'}, that the bucket exists, and your "
            "credentials (for S3: `aws configure` or AWS_* variables)"
        ) from error
    return repository


# --- process hooks -------------------------------------------------------------------------


def _stop_current(exit: str, error: Optional[str] = None) -> None:
    run = _current
    if run is not None and not run.stopped and os.getpid() == _owner_pid:
        run.stop(exit, error)


_owner_pid = os.getpid()
_previous_excepthook: Callable[..., Any] = sys.excepthook
_previous_sigterm: Any = signal.SIG_DFL


def _excepthook(
    kind: type[BaseException], value: BaseException, traceback: Optional[types.TracebackType]
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        _stop_current("killed", "KeyboardInterrupt")
    else:
        _stop_current("failed", f"{kind.__name__}: {value}")
    _previous_excepthook(kind, value, traceback)


def _sigterm(signum: int, frame: Optional[types.FrameType]) -> None:
    _stop_current("killed", "SIGTERM")
    previous = _previous_sigterm
    if callable(previous):
        previous(signum, frame)
    elif previous == signal.SIG_IGN:
        return
    else:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)


def _atexit() -> None:
    _stop_current("finished")


def _after_fork_in_child() -> None:
    # A forked child (a DataLoader worker) must never write as if it were the trainer.
    global _current
    if _current is not None:
        _current.disabled = True
        _current = None


def _install_hooks() -> None:
    global _hooks_installed, _previous_excepthook, _previous_sigterm, _owner_pid
    with _hooks_lock:
        if _hooks_installed:
            return
        _hooks_installed = True
        _owner_pid = os.getpid()
        # Uploads use thread pools (ours and boto3's), which refuse new work once the
        # interpreter's exit hooks run; threading's own exit hooks run before that.
        register = getattr(threading, "_register_atexit", None)
        if register is not None:
            register(_atexit)
        else:
            atexit.register(_atexit)
        _previous_excepthook = sys.excepthook
        sys.excepthook = _excepthook
        if threading.current_thread() is threading.main_thread():
            try:
                _previous_sigterm = signal.getsignal(signal.SIGTERM)
                signal.signal(signal.SIGTERM, _sigterm)
            except (ValueError, OSError):
                pass  # not allowed here (embedded interpreters)
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=_after_fork_in_child)
