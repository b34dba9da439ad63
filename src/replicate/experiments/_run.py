"""A live experiment: records checkpoints, uploads in the background, records how it ended.

Order of publication for every save: file contents, then the manifest, then the experiment
document (by compare-and-swap), so a crash at any point leaves no checkpoint that lists
missing files.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Optional, Union

from ._config import ProjectConfig
from ._environment import python_packages
from ._errors import ConfigError
from ._heartbeat import HeartbeatThread
from ._ids import new_id
from ._manifest import encode_manifest
from ._model import Checkpoint, Experiment, FileSet, PrimaryMetric
from ._repo import Repository
from ._snapshot import StagedFile, collect_files, stage_files, validate_path
from ._timefmt import format_time, utc_now
from ._uploader import Job, Uploader
from ._values import encode_mapping
from .store import LocalStore, PreconditionFailed

__all__ = ["Run", "strict_mode"]

# Files at least this big go one at a time (each is already a parallel multipart upload),
# so memory stays bounded whatever the mix of sizes.
LARGE_FILE = 8 * 1024 * 1024
FLUSH_TIMEOUT_ENV = "REPLICATE_FLUSH_TIMEOUT"


def strict_mode() -> bool:
    """``REPLICATE_STRICT=1``: tracking errors raise instead of warning (for tests and CI)."""
    return os.environ.get("REPLICATE_STRICT", "") not in ("", "0", "false")


def _flush_timeout() -> Optional[float]:
    value = os.environ.get(FLUSH_TIMEOUT_ENV)
    try:
        return float(value) if value else None
    except ValueError:
        return None


class Run:
    """The writer behind an experiment returned by ``replicate.init``."""

    def __init__(
        self,
        experiment: Experiment,
        repository: Repository,
        config: ProjectConfig,
        *,
        heartbeat_interval: Optional[float],
        quiet: bool = False,
    ) -> None:
        self.experiment = experiment
        self.repository = repository
        self.config = config
        self.quiet = quiet
        self.stopped = False
        self.disabled = False
        self._lock = threading.RLock()
        self._created = False
        self._last_step: Optional[int] = None
        self._uploader = Uploader()
        self._heartbeat: Optional[HeartbeatThread] = None
        if heartbeat_interval is not None:
            self._heartbeat = HeartbeatThread(repository, experiment.id, heartbeat_interval)
            self._heartbeat.start()
        experiment._run = self  # pyright: ignore[reportPrivateUsage]

    # --- staging and publishing -------------------------------------------------------

    def _staging_directory(self) -> Path:
        store = self.repository.store
        if isinstance(store, LocalStore):
            return Path(tempfile.mkdtemp(prefix="stage-", dir=store.tmp_dir))
        return Path(tempfile.mkdtemp(prefix="replicate-stage-"))

    def stage(self, path: str) -> tuple[list[StagedFile], Path]:
        """Copy the files of ``path`` aside, hashing them; returns them and the staging dir."""
        exclude = None
        store = self.repository.store
        if isinstance(store, LocalStore):
            exclude = store.root
        files = collect_files(self.config.directory, path, exclude=exclude)
        directory = self._staging_directory()
        try:
            return stage_files(files, directory), directory
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise

    def _upload(self, staged: list[StagedFile]) -> None:
        """Store each file's content once (skipping contents already in the repository)."""
        seen: set[str] = set()
        unique: list[StagedFile] = []
        for item in staged:
            if item.entry.sha256 in seen or not item.staged.exists():
                continue  # a duplicate, or uploaded by an earlier try
            seen.add(item.entry.sha256)
            unique.append(item)

        def upload(item: StagedFile) -> None:
            if self.repository.has_object(item.entry.sha256):
                item.staged.unlink(missing_ok=True)
            else:
                self.repository.put_object(item.entry.sha256, item.staged, consume=True)

        small = [item for item in unique if item.entry.size < LARGE_FILE]
        large = [item for item in unique if item.entry.size >= LARGE_FILE]
        workers = getattr(self.repository.store, "parallel_uploads", 1)
        if workers > 1 and len(small) > 1:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(upload, small))
        else:
            for item in small:
                upload(item)
        for item in large:
            upload(item)

    def _publish_files(self, staged: list[StagedFile], directory: Path) -> str:
        self._upload(staged)
        manifest_id = self.repository.put_manifest(item.entry for item in staged)
        shutil.rmtree(directory, ignore_errors=True)
        return manifest_id

    def _update(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Change the stored document; a deleted experiment (``rm``) stops being written."""
        if not self._created:
            raise ConfigError("the experiment is not recorded yet")
        if self.repository.update_experiment(self.experiment.id, change) is None:
            self.disabled = True
            if self._heartbeat is not None:  # no orphan heartbeat for a deleted experiment
                self._heartbeat.stop()
            self.repository.delete_heartbeat(self.experiment.id)
            warnings.warn(
                f"replicate: experiment {self.experiment.short_id} was deleted from the "
                "repository; nothing more is recorded",
                RuntimeWarning,
                stacklevel=1,
            )

    def start(self, path: Optional[str]) -> None:
        """Publish the experiment, then its code snapshot, from the background worker.

        Only the path is checked here (so ``init()`` reports a bad one); the project is
        copied aside by the worker, so ``init()`` returns at once whatever its size. Code
        rarely changes in the first moments of a run; checkpoints, whose files training
        overwrites, are copied before ``checkpoint()`` returns.

        Raises:
            ValueError: the path is invalid (see :func:`validate_path`).
        """
        if path is not None:
            validate_path(path, self.config.directory)

        def create() -> None:
            document = self.experiment.to_json()
            document["files"] = None  # set once the files are stored
            document["checkpoints"] = []
            # PreconditionFailed: created by an earlier try whose answer was lost.
            with contextlib.suppress(PreconditionFailed):
                self.repository.create_experiment(document)
            self._created = True

        self._uploader.submit(Job(f"experiment {self.experiment.short_id}", create))
        snapshot: list[tuple[list[StagedFile], Path]] = []  # staged once, kept for retries

        def complete() -> None:
            # Listing installed packages takes a moment: done after the experiment is visible.
            if not self.experiment.python_packages:
                self.experiment.python_packages = python_packages()
            packages = self.experiment.python_packages
            files: Optional[FileSet] = None
            if path is not None:
                if not snapshot:
                    snapshot.append(self.stage(path))
                staged, directory = snapshot[0]
                files = FileSet(
                    self._publish_files(staged, directory),
                    sum(item.entry.size for item in staged),
                    len(staged),
                )
                self.experiment.files = files
            self._update(functools.partial(_set_snapshot, files=files, packages=packages))

        def discard() -> None:
            for _, directory in snapshot:
                shutil.rmtree(directory, ignore_errors=True)

        self._uploader.submit(
            Job(f"the code of experiment {self.experiment.short_id}", complete, discard=discard)
        )

    # --- checkpoints ------------------------------------------------------------------

    def checkpoint(
        self,
        *,
        path: Optional[str],
        step: Optional[int],
        metrics: Mapping[str, Any],
        primary_metric: Union[tuple[str, str], PrimaryMetric, None],
        quiet: bool,
    ) -> Optional[Checkpoint]:
        """See :meth:`Experiment.checkpoint`; never raises unless in strict mode."""
        try:
            return self._checkpoint(path, step, metrics, primary_metric, quiet)
        except Exception as error:
            if strict_mode():
                raise
            warnings.warn(
                f"replicate: checkpoint not recorded: {error}", RuntimeWarning, stacklevel=3
            )
            return None

    def _checkpoint(
        self,
        path: Optional[str],
        step: Optional[int],
        metrics: Mapping[str, Any],
        primary_metric: Union[tuple[str, str], PrimaryMetric, None],
        quiet: bool,
    ) -> Optional[Checkpoint]:
        with self._lock:
            if self.disabled:
                return None
            if self.stopped:
                raise ConfigError("the experiment is stopped: call replicate.init() again")
            if step is not None and (isinstance(step, bool) or not isinstance(step, int)):  # pyright: ignore[reportUnnecessaryIsInstance]
                raise TypeError(f"step must be an integer, got {step!r}")
            primary = (
                PrimaryMetric.parse(primary_metric)
                if primary_metric is not None
                else self.config.primary_metric
            )
            encoded = encode_mapping(metrics)
            self._warn_missing_metrics(encoded)
            if step is None:
                step = 0 if self._last_step is None else self._last_step + 1
            self._last_step = step
            staged: list[StagedFile] = []
            directory: Optional[Path] = None
            files: Optional[FileSet] = None
            if path is not None:
                staged, directory = self.stage(path)
                manifest_id, _ = encode_manifest(item.entry for item in staged)
                files = FileSet(manifest_id, sum(i.entry.size for i in staged), len(staged))
            checkpoint = Checkpoint(
                id=new_id(),
                created=utc_now(),
                metrics=dict(metrics),
                step=step,
                path=path,
                primary_metric=primary,
                files=files,
                experiment=self.experiment,
            )
            self.experiment.checkpoints.append(checkpoint)
            document = checkpoint.to_json()
            document["metrics"] = encoded
            stage_dir = directory

            def publish() -> None:
                if stage_dir is not None:
                    self._publish_files(staged, stage_dir)
                self._update(functools.partial(_insert_checkpoint, checkpoint=document))

            def discard() -> None:
                if stage_dir is not None:
                    shutil.rmtree(stage_dir, ignore_errors=True)

            self._uploader.submit(
                Job(
                    f"checkpoint {checkpoint.short_id} (step {step})",
                    publish,
                    size=files.size if files else 0,
                    discard=discard,
                )
            )
            if not (quiet or self.quiet) and files is not None:
                print(
                    f"replicate: checkpoint {checkpoint.short_id} (step {step}): "
                    f"{files.count} files, {files.size / 1e6:.1f} MB queued for upload",
                    flush=True,
                )
            return checkpoint

    def _warn_missing_metrics(self, metrics: Mapping[str, Any]) -> None:
        missing = [spec.name for spec in self.config.metrics if spec.name not in metrics]
        if missing and metrics:
            warnings.warn(
                f"replicate: metrics {', '.join(missing)} declared in replicate.yaml are "
                "missing from this checkpoint",
                RuntimeWarning,
                stacklevel=5,
            )

    # --- end --------------------------------------------------------------------------

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Wait for queued uploads; True if everything was saved."""
        return self._uploader.flush(timeout)

    def stop(
        self, exit: str, error: Optional[str] = None, *, timeout: Optional[float] = None
    ) -> None:
        """Finish uploads, record ``exit`` (finished | failed | killed), delete the heartbeat.

        Never raises; problems are warnings.
        """
        with self._lock:
            if self.stopped:
                return
            self.stopped = True
        try:
            if timeout is None:
                timeout = _flush_timeout()
            saved = self._uploader.flush(timeout)
            if not saved:
                lost = self._uploader.discard_failed()
                warnings.warn(
                    f"replicate: {len(lost) or 'some'} uploads of experiment "
                    f"{self.experiment.short_id} could not be saved",
                    RuntimeWarning,
                    stacklevel=2,
                )
            ended = utc_now()
            self.experiment.ended, self.experiment.exit, self.experiment.error = ended, exit, error
            if self._created and not self.disabled:

                def record(document: dict[str, Any]) -> None:
                    document.update(ended=format_time(ended), exit=exit, error=error)

                self._update(record)
        except Exception as problem:
            if strict_mode():
                raise
            warnings.warn(
                f"replicate: could not record the end of experiment "
                f"{self.experiment.short_id}: {problem}",
                RuntimeWarning,
                stacklevel=2,
            )
        finally:
            if self._heartbeat is not None:
                self._heartbeat.stop()
            # If this fails the heartbeat ages out; the exit record says how it ended.
            with contextlib.suppress(Exception):
                self.repository.delete_heartbeat(self.experiment.id)
            self._uploader.close()


def _set_snapshot(
    document: dict[str, Any], files: Optional[FileSet], packages: dict[str, str]
) -> None:
    document["python_packages"] = packages
    if files is not None:
        document["files"] = files.to_json()


def _insert_checkpoint(document: dict[str, Any], checkpoint: dict[str, Any]) -> None:
    """Add a checkpoint to a stored document, once, keeping creation order."""
    checkpoints: list[dict[str, Any]] = list(document.get("checkpoints") or [])
    if any(item.get("id") == checkpoint["id"] for item in checkpoints):
        return
    checkpoints.append(checkpoint)
    checkpoints.sort(key=lambda item: str(item.get("created", "")))
    document["checkpoints"] = checkpoints
