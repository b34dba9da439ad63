"""A repository of experiments on a store: reading, writing metadata, resolving ids, checkout.

Rules that keep it consistent without locks (any number of writers and readers):

1. File contents and manifests are immutable and content-addressed.
2. Publish order is contents, then manifest, then the experiment document: a checkpoint is
   listed only once all its files exist.
3. The experiment document is the only mutable object; it is changed by compare-and-swap
   (reload, apply the change, retry), so concurrent writers never lose each other's changes.
4. Deleting an experiment removes its document first: it vanishes at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import os
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Optional, Union, cast

from . import _layout as layout
from ._cache import CachedDocument, ListingCache
from ._document import Document, encode_document, parse_checkpoints, split_document
from ._errors import (
    AmbiguousPrefixError,
    CorruptedRepositorySpec,
    DoesNotExistError,
    IncompatibleRepositoryVersion,
)
from ._model import FORMAT_VERSION, Checkpoint, Experiment, ExperimentList, PrimaryMetric
from ._status import Heartbeat
from ._timefmt import format_time, utc_now
from .store import LocalStore, MemoryStore, NotFoundError, PreconditionFailed, Store

if TYPE_CHECKING:
    from ._manifest import ManifestEntry

__all__ = ["Repository", "encode_document"]

CONFIG_FILES = frozenset({"replicate.yaml", "replicate.yml", "keepsake.yaml", "keepsake.yml"})
REMOTE_PARALLELISM = 32


@contextlib.contextmanager
def gc_paused() -> Generator[None, None, None]:
    """Pause the cyclic garbage collector while building many objects that all stay alive.

    Reading 10,000 experiment documents allocates millions of containers; each collection
    would walk them all again, which made listing large repositories several times slower.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


class Repository:
    """The experiments stored at one URL. Thread-safe; holds no cache between calls."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._hostname: Optional[str] = None  # of this machine, read when first needed

    @property
    def url(self) -> str:
        return self.store.url

    def __repr__(self) -> str:
        return f"Repository({self.url!r})"

    # --- format version ---------------------------------------------------------------

    def version(self) -> int | None:
        """The format version in ``repository.json``; None if there is none.

        Raises:
            CorruptedRepositorySpec: the file is not ``{"version": <int>}``.
        """
        try:
            data, _ = self.store.get(layout.REPOSITORY_JSON)
        except NotFoundError:
            return None
        try:
            version = json.loads(data)["version"]
            if not isinstance(version, int):
                raise TypeError(version)
        except (ValueError, KeyError, TypeError) as error:
            raise CorruptedRepositorySpec(
                f"{self.url}/{layout.REPOSITORY_JSON} is not valid ({error}); "
                'it should be {"version": 2}'
            ) from error
        return version

    def ensure_writable(self) -> None:
        """Create ``repository.json`` in a new repository; refuse formats this cannot write.

        Raises:
            IncompatibleRepositoryVersion: newer format, or Keepsake data not yet upgraded.
        """
        version = self.version()
        if version is None:
            if self.store.list(layout.EXPERIMENTS_PREFIX).objects:
                raise IncompatibleRepositoryVersion(
                    f"{self.url} holds experiments written by Keepsake (format 0 or 1), which "
                    f"this version reads but does not add to. {self._upgrade_hint()}"
                )
            with contextlib.suppress(PreconditionFailed):  # another writer was first
                self.store.put_if_absent(layout.REPOSITORY_JSON, self._spec())
            version = self.version()
        if version is not None and version > FORMAT_VERSION:
            raise IncompatibleRepositoryVersion(
                f"{self.url} has format version {version}, written by a newer replicate; "
                "upgrade this package (pip install -U replicate)"
            )
        if version is not None and version < FORMAT_VERSION:
            raise IncompatibleRepositoryVersion(
                f"{self.url} has Keepsake's format version {version}. {self._upgrade_hint()}"
            )

    def _upgrade_hint(self) -> str:
        return (
            "To record new experiments in it, upgrade it once with "
            f"replicate.experiments.open_repository({self.url!r}).upgrade() (Keepsake's own "
            "tools will then refuse to write to it)"
        )

    def upgrade(self) -> None:
        """Mark the repository as format 2 (Keepsake data stays readable as it is).

        Raises:
            IncompatibleRepositoryVersion: it is already newer than 2.
        """
        version = self.version()
        if version is not None and version > FORMAT_VERSION:
            raise IncompatibleRepositoryVersion(f"{self.url} is already format {version}")
        self.store.put_bytes(layout.REPOSITORY_JSON, self._spec())

    @staticmethod
    def _spec() -> bytes:
        from .._version import __version__

        return json.dumps(
            {
                "version": FORMAT_VERSION,
                "created": format_time(utc_now()),
                "writer": f"replicate-python/{__version__}",
            }
        ).encode()

    # --- reading ----------------------------------------------------------------------

    def _map(self, function: Callable[[str], Any], keys: list[str]) -> list[Any]:
        if isinstance(self.store, LocalStore) or len(keys) < 2:
            return [function(key) for key in keys]
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(REMOTE_PARALLELISM, len(keys))) as pool:
            return list(pool.map(function, keys))

    def _get_document(self, key: str) -> tuple[Document, str] | None:
        try:
            data, etag = self.store.get(key)
        except NotFoundError:
            return None
        return json.loads(data), etag

    def heartbeats(self) -> dict[str, Heartbeat]:
        """Every heartbeat, by experiment id, aged by the store's clock (one listing)."""
        listing = self.store.list(layout.HEARTBEATS_PREFIX)
        infos = [info for info in listing.objects if info.key.endswith(".json")]
        documents = self._map(self._get_document, [info.key for info in infos])
        beats: dict[str, Heartbeat] = {}
        for info, found in zip(infos, documents):
            if found is None:
                continue
            experiment_id = layout.id_from_key(info.key)
            beats[experiment_id] = self._heartbeat(found[0], listing.server_time - info.mtime)
        return beats

    def heartbeat(self, experiment_id: str) -> Heartbeat | None:
        """One experiment's heartbeat, or None."""
        listing = self.store.list(layout.heartbeat_key(experiment_id))
        for info in listing.objects:
            found = self._get_document(info.key)
            if found is not None:
                return self._heartbeat(found[0], listing.server_time - info.mtime)
        return None

    def _heartbeat(self, document: Document, age: float) -> Heartbeat:
        beat = Heartbeat.from_json(document, age=max(age, 0.0))
        if self._hostname is None:
            import socket

            self._hostname = socket.gethostname()
        gone = beat.pid is not None and not _process_alive(beat.pid)
        if beat.hostname == self._hostname and gone:
            return dataclasses.replace(beat, process_gone=True)
        return beat

    def _read_parts(self, key: str) -> CachedDocument | None:
        """``(etag, head, checkpoints)`` of a stored document (see ``_document``), or None."""
        try:
            data, etag = self.store.get(key)
        except NotFoundError:
            return None
        head, checkpoints, summary = split_document(data)
        return etag, head, checkpoints, summary

    def _build(self, parts: CachedDocument, heartbeat: Heartbeat | None) -> Experiment:
        _, head, checkpoints, summary = parts
        experiment = Experiment.from_json(
            head, repository=self, checkpoints=checkpoints, summary=summary
        )
        experiment.heartbeat = heartbeat
        return experiment

    def load_experiment(self, experiment_id: str) -> Experiment:
        """The experiment with this full id, with its heartbeat.

        Raises:
            DoesNotExistError: there is none.
        """
        parts = self._read_parts(layout.experiment_key(experiment_id))
        if parts is None:
            raise DoesNotExistError(f"experiment {experiment_id} does not exist in {self.url}")
        experiment = self._build(parts, self.heartbeat(experiment_id))
        if experiment.format == 0:
            self._attach_v0_commits([experiment])
        return experiment

    def list_experiments(self) -> ExperimentList:
        """Every experiment, oldest first, each with its heartbeat (for ``status``)."""
        with gc_paused():
            documents = self._documents()
            heartbeats = self.heartbeats()
            experiments = ExperimentList(
                self._build(parts, heartbeats.get(layout.id_from_key(key)))
                for key, parts in documents.items()
            )
            if any(experiment.format == 0 for experiment in experiments):
                self._attach_v0_commits(experiments)
            experiments.sort(key=lambda experiment: experiment.created)
            return experiments

    def _documents(self) -> dict[str, CachedDocument]:
        """Every experiment document by key, as ``(etag, head, checkpoints)``.

        One listing; only documents not in the listing cache with the same etag are read.
        """
        listing = self.store.list(layout.EXPERIMENTS_PREFIX)
        infos = [info for info in listing.objects if info.key.endswith(".json")]
        cache = None if isinstance(self.store, MemoryStore) else ListingCache(self.url)
        cached = cache.load() if cache is not None else {}
        fresh = {
            info.key: cached[info.key]
            for info in infos
            if info.key in cached and cached[info.key][0] == info.etag
        }
        changed = [info.key for info in infos if info.key not in fresh]
        for key, parts in zip(changed, self._map(self._read_parts, changed)):
            if parts is not None:  # else deleted between the listing and the read
                fresh[key] = parts
        if cache is not None and (changed or len(fresh) != len(cached)):
            cache.save(fresh)
        return fresh

    def _attach_v0_commits(self, experiments: Iterable[Experiment]) -> None:
        """2020 repositories kept each commit in its own file: fold them into experiments."""
        by_id = {experiment.id: experiment for experiment in experiments if experiment.format == 0}
        listing = self.store.list(layout.COMMITS_METADATA_PREFIX)
        documents = self._map(self._get_document, [info.key for info in listing.objects])
        for found in documents:
            if found is None:
                continue
            experiment = by_id.get(str(found[0].get("experiment_id")))
            if experiment is not None:
                checkpoint = Checkpoint.from_json(found[0])
                if checkpoint.primary_metric is None:
                    checkpoint.primary_metric = _v0_primary_metric(experiment)
                checkpoint.experiment = experiment
                experiment.checkpoints.append(checkpoint)
        for experiment in by_id.values():
            experiment.checkpoints.sort(key=lambda checkpoint: checkpoint.created)

    def find(self, prefix: str) -> Union[Experiment, Checkpoint]:
        """The experiment or checkpoint whose id starts with ``prefix`` (one search for both).

        One listing of the experiment documents (through the listing cache); only the
        checkpoints of documents that contain the prefix are parsed, and only the match is
        built, with its heartbeat.

        Raises:
            DoesNotExistError: nothing matches.
            AmbiguousPrefixError: several match (and none exactly).
        """
        return self.find_all([prefix])[0]

    def find_all(self, prefixes: Iterable[str]) -> list[Union[Experiment, Checkpoint]]:
        """:meth:`find` for several prefixes, from one listing, in their order.

        Every prefix is resolved before anything is returned, so one that matches nothing
        (or several) raises and returns none. Checkpoints of one experiment share its object.

        Raises:
            DoesNotExistError: a prefix matches nothing.
            AmbiguousPrefixError: a prefix matches several (and none exactly).
        """
        wanted = [_normalize_prefix(prefix) for prefix in prefixes]
        with gc_paused():
            documents = self._documents()
        commits: list[str] | None = None
        if any(_is_v0(head) for _, head, _, _ in documents.values()):
            listing = self.store.list(layout.COMMITS_METADATA_PREFIX)
            commits = [layout.id_from_key(info.key) for info in listing.objects]
        chosen = [self._match(prefix, documents, commits) for prefix in wanted]
        experiments: dict[str, Experiment] = {}
        found: list[Union[Experiment, Checkpoint]] = []
        for prefix, (found_id, found_key, is_checkpoint) in zip(wanted, chosen):
            if found_key is None:  # a 2020 commit: its experiment gathers it
                found.append(self._v0_commit(found_id))
                continue
            experiment = experiments.get(found_key)
            if experiment is None:
                experiment_id = layout.id_from_key(found_key)
                experiment = self._build(documents[found_key], self.heartbeat(experiment_id))
                if experiment.format == 0:
                    self._attach_v0_commits([experiment])
                experiments[found_key] = experiment
            if not is_checkpoint:
                found.append(experiment)
                continue
            match = next((c for c in experiment.checkpoints if c.id == found_id), None)
            if match is None:
                raise DoesNotExistError(f"no checkpoint matches {prefix!r} in {self.url}")
            found.append(match)
        return found

    def _match(
        self,
        prefix: str,
        documents: dict[str, CachedDocument],
        commits: Optional[list[str]],
    ) -> tuple[str, Optional[str], bool]:
        """``(id, key of its experiment document or None for a 2020 commit, is a checkpoint)``."""
        matches: list[tuple[str, Optional[str], bool]] = []
        needle = b'"' + prefix.encode()
        for key, (_, _, checkpoints, _) in documents.items():
            experiment_id = layout.id_from_key(key)
            if experiment_id.startswith(prefix):
                matches.append((experiment_id, key, False))
            if isinstance(checkpoints, bytes) and needle not in checkpoints:
                continue  # ids are plain hex: no checkpoint of this one matches
            for item in parse_checkpoints(checkpoints):
                if not isinstance(item, dict):
                    continue
                checkpoint_id = str(cast("dict[str, Any]", item).get("id", ""))
                if checkpoint_id.startswith(prefix):
                    matches.append((checkpoint_id, key, True))
        for commit_id in commits or ():
            if commit_id.startswith(prefix):
                matches.append((commit_id, None, True))
        return self._choose(prefix, matches, include_checkpoints=True)

    def _v0_commit(self, commit_id: str) -> Checkpoint:
        found = self._get_document(f"{layout.COMMITS_METADATA_PREFIX}{commit_id}.json")
        if found is not None:
            experiment = self.load_experiment(str(found[0].get("experiment_id")))
            for checkpoint in experiment.checkpoints:
                if checkpoint.id == commit_id:
                    return checkpoint
        raise DoesNotExistError(f"checkpoint {commit_id} does not exist in {self.url}")

    def get(self, prefix: str) -> Experiment:
        """The experiment whose id starts with ``prefix``.

        One listing of the experiment documents' names; only the match is read.

        Raises:
            DoesNotExistError: no experiment matches.
            AmbiguousPrefixError: several match (and none exactly).
        """
        prefix = _normalize_prefix(prefix)
        listing = self.store.list(layout.EXPERIMENTS_PREFIX)
        matches: list[tuple[str, Optional[str], bool]] = [
            (experiment_id, info.key, False)
            for info in listing.objects
            if info.key.endswith(".json")
            and (experiment_id := layout.id_from_key(info.key)).startswith(prefix)
        ]
        found_id, _, _ = self._choose(prefix, matches, include_checkpoints=False)
        return self.load_experiment(found_id)

    def _choose(
        self,
        prefix: str,
        matches: list[tuple[str, Optional[str], bool]],
        include_checkpoints: bool,
    ) -> tuple[str, Optional[str], bool]:
        exact = [match for match in matches if match[0] == prefix]
        if exact:
            return exact[0]
        if not matches:
            kind = "experiment or checkpoint" if include_checkpoints else "experiment"
            raise DoesNotExistError(f"no {kind} matches {prefix!r} in {self.url}")
        if len(matches) > 1:
            raise AmbiguousPrefixError(
                f"Prefix is ambiguous: {prefix} ({len(matches)} matching "
                f"{'experiments and checkpoints' if include_checkpoints else 'experiments'})"
            )
        return matches[0]

    def read_manifest(self, manifest_id: str) -> list[ManifestEntry]:
        """The files of a manifest.

        Raises:
            DoesNotExistError: the manifest is missing.
        """
        from ._manifest import decode_manifest

        try:
            data, _ = self.store.get(layout.manifest_key(manifest_id))
        except NotFoundError:
            raise DoesNotExistError(f"manifest {manifest_id} is missing from {self.url}") from None
        return decode_manifest(data)

    # --- writing ----------------------------------------------------------------------

    def create_experiment(self, experiment: Union[Experiment, Document]) -> None:
        """Publish a new experiment (an object, or its document).

        Raises:
            PreconditionFailed: an experiment with this id exists.
        """
        document = experiment.to_json() if isinstance(experiment, Experiment) else experiment
        self.store.put_if_absent(
            layout.experiment_key(str(document["id"])), encode_document(document)
        )

    def update_experiment(
        self, experiment_id: str, change: Callable[[Document], None], *, attempts: int = 50
    ) -> Document | None:
        """Apply ``change`` to the stored document by compare-and-swap; returns the new one.

        ``change`` edits the document in place and is re-run on the fresh document when
        another writer got there first. Returns None if the experiment was deleted.

        Raises:
            StorageError: still conflicting after ``attempts`` tries, or the store failed.
        """
        key = layout.experiment_key(experiment_id)
        for _ in range(attempts):
            found = self._get_document(key)
            if found is None:
                return None
            document, etag = found
            change(document)
            document["seq"] = int(document.get("seq") or 0) + 1
            try:
                self.store.put_if_match(key, encode_document(document), etag)
            except PreconditionFailed:
                continue
            return document
        raise PreconditionFailed(f"{key}: gave up after {attempts} conflicting writes")

    def write_heartbeat(self, heartbeat: Heartbeat) -> None:
        self.store.put_bytes(
            layout.heartbeat_key(heartbeat.experiment_id), json.dumps(heartbeat.to_json()).encode()
        )

    def delete_heartbeat(self, experiment_id: str) -> None:
        self.store.delete(layout.heartbeat_key(experiment_id))

    def has_object(self, sha256: str) -> bool:
        return self.store.exists(layout.object_key(sha256))

    def put_object(self, sha256: str, path: Path, *, consume: bool = False) -> None:
        """Store a file's content under its sha256 (the caller computed it)."""
        self.store.put_file(layout.object_key(sha256), path, consume=consume)

    def put_manifest(self, entries: Iterable[ManifestEntry]) -> str:
        """Store a manifest (once) and return its id."""
        from ._manifest import encode_manifest

        manifest_id, data = encode_manifest(entries)
        key = layout.manifest_key(manifest_id)
        if not self.store.exists(key):
            with contextlib.suppress(PreconditionFailed):  # same bytes, from another writer
                self.store.put_if_absent(key, data)
        return manifest_id

    def delete_experiment(self, experiment: Experiment) -> None:
        """Delete the document first (the experiment vanishes at once), then the rest.

        Shared file contents stay: other experiments may use them.
        """
        self.store.delete(layout.experiment_key(experiment.id))
        self.store.delete(layout.heartbeat_key(experiment.id))
        if experiment.format == 1:
            self.store.delete(layout.v1_experiment_tarball(experiment.id))
            for checkpoint in experiment.checkpoints:
                self.store.delete(layout.v1_checkpoint_tarball(checkpoint.id))
        elif experiment.format == 0:
            prefixes = [layout.v0_experiment_prefix(experiment.id)]
            for checkpoint in experiment.checkpoints:
                self.store.delete(f"{layout.COMMITS_METADATA_PREFIX}{checkpoint.id}.json")
                prefixes.append(layout.v0_commit_prefix(checkpoint.id))
            for prefix in prefixes:
                for info in self.store.list(prefix).objects:
                    self.store.delete(info.key)

    def delete_checkpoint(self, checkpoint: Checkpoint) -> None:
        """Remove a checkpoint from its experiment's document (compare-and-swap)."""
        if checkpoint.experiment is None:
            raise DoesNotExistError(f"checkpoint {checkpoint.id} has no experiment")

        def remove(document: Document) -> None:
            items: list[Document] = document.get("checkpoints") or []
            document["checkpoints"] = [item for item in items if item.get("id") != checkpoint.id]

        self.update_experiment(checkpoint.experiment.id, remove)
        if checkpoint.experiment.format == 1:
            self.store.delete(layout.v1_checkpoint_tarball(checkpoint.id))

    # --- checkout ---------------------------------------------------------------------

    def _checkout_manifest(
        self, manifest_id: str, directory: Path, skip: Iterable[str] = ()
    ) -> list[Path]:
        from ._checkout import safe_join, write_stream

        skipped = set(skip)
        written: list[Path] = []
        for entry in self.read_manifest(manifest_id):
            if entry.path in skipped:
                continue
            target = safe_join(directory, entry.path)
            with self.store.open_read(layout.object_key(entry.sha256)) as stream:
                write_stream(stream, target, entry.sha256, entry.mode)
            written.append(target)
        return written

    def _checkout_prefix(
        self, prefix: str, directory: Path, skip: Iterable[str] = ()
    ) -> list[Path]:
        from ._checkout import safe_join, write_stream

        skipped = set(skip)
        written: list[Path] = []
        for info in self.store.list(prefix).objects:
            relative = info.key[len(prefix) :]
            if relative in skipped:
                continue
            target = safe_join(directory, relative)
            with self.store.open_read(info.key) as stream:
                write_stream(stream, target)
            written.append(target)
        return written

    def checkout_checkpoint(self, checkpoint: Checkpoint, directory: Path) -> list[Path]:
        """See :meth:`Checkpoint.checkout`."""
        directory.mkdir(parents=True, exist_ok=True)
        if checkpoint.files is not None:
            return self._checkout_manifest(checkpoint.files.manifest, directory)
        fmt = checkpoint.experiment.format if checkpoint.experiment else FORMAT_VERSION
        if fmt == 1 and checkpoint.path:
            return self._checkout_tarball(layout.v1_checkpoint_tarball(checkpoint.id), directory)
        if fmt == 0 and checkpoint.path:
            return self._checkout_prefix(layout.v0_commit_prefix(checkpoint.id), directory)
        raise DoesNotExistError(f"checkpoint {checkpoint.short_id} saved no files")

    def checkout_experiment(self, experiment: Experiment, directory: Path) -> list[Path]:
        """See :meth:`Experiment.checkout`."""
        directory.mkdir(parents=True, exist_ok=True)
        if experiment.files is not None:
            return self._checkout_manifest(experiment.files.manifest, directory, CONFIG_FILES)
        if experiment.format == 1 and experiment.path:
            return self._checkout_tarball(
                layout.v1_experiment_tarball(experiment.id), directory, CONFIG_FILES
            )
        if experiment.format == 0:
            return self._checkout_prefix(
                layout.v0_experiment_prefix(experiment.id), directory, CONFIG_FILES
            )
        raise DoesNotExistError(f"experiment {experiment.short_id} saved no files")

    def _checkout_tarball(
        self, key: str, directory: Path, skip: Iterable[str] = (), only: str | None = None
    ) -> list[Path]:
        from ._checkout import extract_tarball

        try:
            with self.store.open_read(key) as stream:
                return extract_tarball(stream, directory, skip=set(skip), only=only)
        except NotFoundError:
            raise DoesNotExistError(f"{key} is missing from {self.url}") from None

    def open_checkpoint_file(self, checkpoint: Checkpoint, path: str) -> BinaryIO:
        """See :meth:`Checkpoint.open`."""
        wanted = path.strip("/")
        if checkpoint.files is not None:
            for entry in self.read_manifest(checkpoint.files.manifest):
                if entry.path == wanted:
                    return self.store.open_read(layout.object_key(entry.sha256))
        else:
            fmt = checkpoint.experiment.format if checkpoint.experiment else FORMAT_VERSION
            if fmt == 0:
                try:
                    return self.store.open_read(layout.v0_commit_prefix(checkpoint.id) + wanted)
                except NotFoundError:
                    pass
            elif fmt == 1:
                return self._open_from_tarball(checkpoint, wanted)
        raise DoesNotExistError(f"checkpoint {checkpoint.short_id} has no file {path!r}")

    def _open_from_tarball(self, checkpoint: Checkpoint, wanted: str) -> BinaryIO:
        import tempfile

        # A gzip stream cannot seek: extract the one member to a temporary directory.
        with tempfile.TemporaryDirectory(prefix="replicate-open-") as scratch:
            written = self._checkout_tarball(
                layout.v1_checkpoint_tarball(checkpoint.id), Path(scratch), only=wanted
            )
            for target in written:
                if target.relative_to(scratch).as_posix() == wanted:
                    spooled = tempfile.TemporaryFile()  # noqa: SIM115 (the caller closes it)
                    with open(target, "rb") as source:
                        while chunk := source.read(1024 * 1024):
                            spooled.write(chunk)
                    spooled.seek(0)
                    return cast(BinaryIO, spooled)
        raise DoesNotExistError(f"checkpoint {checkpoint.short_id} has no file {wanted!r}")


def _normalize_prefix(prefix: str) -> str:
    normalized = prefix.strip().lower()
    if not normalized:
        raise DoesNotExistError("an empty id matches nothing")
    return normalized


def _is_v0(head: Document) -> bool:
    """Whether a document head is of a 2020 experiment (its commits are files of their own)."""
    return "checkpoints" not in head and not head.get("format")


def _v0_primary_metric(experiment: Experiment) -> Optional[PrimaryMetric]:
    metrics: list[Any] = experiment.config.get("metrics") or []
    for metric in metrics:
        if isinstance(metric, dict):
            spec = cast("dict[str, Any]", metric)
            if spec.get("primary") and spec.get("goal"):
                return PrimaryMetric.parse({"name": spec.get("name"), "goal": spec.get("goal")})
    return None
