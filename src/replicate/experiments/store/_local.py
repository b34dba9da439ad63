"""A store in a local (or network-mounted) directory, with the standard library only.

Every write goes to a temporary file under ``<root>/tmp/``, is fsynced, then renamed into
place, so readers and crashes never see a partial file. Create-only writes use ``os.link``
(fails if the name exists); compare-and-swap holds a ``<key>.lock`` file created with
``O_EXCL``. The etag is the file's inode, size and modification time: every write is a new
inode, so it changes on every write without reading the content.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Generator
from pathlib import Path
from typing import BinaryIO

from ._base import Listing, NotFoundError, ObjectInfo, PreconditionFailed, StorageError

__all__ = ["LocalStore"]

TMP_DIR = "tmp"
LOCK_SUFFIX = ".lock"
# A lock file older than this was left by a killed process.
STALE_LOCK_SECONDS = 30.0
LOCK_TIMEOUT_SECONDS = 60.0


def _etag(stat: os.stat_result) -> str:
    return f"{stat.st_ino:x}-{stat.st_size:x}-{stat.st_mtime_ns:x}"


class LocalStore:
    """Keys are files under ``root`` (created on first write).

    ``parallel_uploads``: files are fsynced from several threads at once, which lets the
    filesystem commit them together (one at a time, 1,000 small files take seconds).
    """

    parallel_uploads = 8

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.url = self.root.as_uri()
        self._root = str(self.root)

    def path(self, key: str) -> Path:
        """The file that holds ``key``."""
        if key.startswith("/") or ".." in key.split("/"):
            raise StorageError(f"invalid key {key!r}")
        return self.root / key

    def _file(self, key: str) -> str:
        if key.startswith("/") or "/../" in f"/{key}/":
            raise StorageError(f"invalid key {key!r}")
        return os.path.join(self._root, key)

    @property
    def tmp_dir(self) -> Path:
        """Where writes are staged; on the same filesystem as the keys, so renames are atomic."""
        path = self.root / TMP_DIR
        path.mkdir(parents=True, exist_ok=True)
        return path

    def get(self, key: str) -> tuple[bytes, str]:
        try:
            # Plain strings and os calls: listing a large repository reads thousands of these.
            with open(self._file(key), "rb", buffering=0) as file:
                return file.read(), _etag(os.fstat(file.fileno()))
        except FileNotFoundError:
            raise NotFoundError(key) from None
        except OSError as error:
            raise StorageError(f"cannot read {key}: {error}") from error

    def open_read(self, key: str) -> BinaryIO:
        try:
            return open(self.path(key), "rb")
        except FileNotFoundError:
            raise NotFoundError(key) from None
        except OSError as error:
            raise StorageError(f"cannot read {key}: {error}") from error

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def _write_temp(self, data: bytes | Path) -> Path:
        """A fsynced temporary file holding ``data`` (bytes, or a copy of a file)."""
        import shutil  # writing only: reading a repository does without these
        import tempfile

        fd, name = tempfile.mkstemp(dir=self.tmp_dir, prefix="put-")
        try:
            with os.fdopen(fd, "wb") as out:
                if isinstance(data, Path):
                    with open(data, "rb") as source:
                        shutil.copyfileobj(source, out, 1024 * 1024)
                else:
                    out.write(data)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
        return Path(name)

    def _publish(self, temp: Path, key: str) -> str:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        # The inode moves with the rename: its etag is known before another writer can act.
        stat = os.stat(temp)
        os.replace(temp, target)
        return _etag(stat)

    def put_bytes(self, key: str, data: bytes) -> str:
        try:
            return self._publish(self._write_temp(data), key)
        except OSError as error:
            raise StorageError(f"cannot write {key}: {error}") from error

    def put_file(self, key: str, path: Path, *, consume: bool = False) -> None:
        try:
            if consume:
                with open(path, "rb+") as file:
                    os.fsync(file.fileno())
                try:
                    self._publish(path, key)
                    return
                except OSError:
                    pass  # another filesystem: copy below
            self._publish(self._write_temp(path), key)
        except OSError as error:
            raise StorageError(f"cannot write {key}: {error}") from error

    def put_if_absent(self, key: str, data: bytes) -> str:
        target = self.path(key)
        try:
            temp = self._write_temp(data)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(temp, target)
            except FileExistsError:
                raise PreconditionFailed(f"{key} already exists") from None
            finally:
                temp.unlink()
            return _etag(target.stat())
        except OSError as error:
            raise StorageError(f"cannot write {key}: {error}") from error

    def put_if_match(self, key: str, data: bytes, etag: str) -> str:
        try:
            with self._locked(key):
                try:
                    current = _etag(self.path(key).stat())
                except FileNotFoundError:
                    raise PreconditionFailed(f"{key} was deleted") from None
                if current != etag:
                    raise PreconditionFailed(f"{key} changed")
                return self._publish(self._write_temp(data), key)
        except OSError as error:
            raise StorageError(f"cannot write {key}: {error}") from error

    @contextlib.contextmanager
    def _locked(self, key: str) -> Generator[None, None, None]:
        lock = self.path(key + LOCK_SUFFIX)
        lock.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        while True:
            try:
                os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
                break
            except FileExistsError:
                with contextlib.suppress(FileNotFoundError):
                    if time.time() - lock.stat().st_mtime > STALE_LOCK_SECONDS:
                        lock.unlink()
                        continue
                if time.monotonic() > deadline:
                    raise StorageError(f"{lock} is held by another process") from None
                time.sleep(0.005)
        try:
            yield
        finally:
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()

    def list(self, prefix: str) -> Listing:
        server_time = time.time()
        directory, _, _ = prefix.rpartition("/")
        objects: list[ObjectInfo] = []
        # (directory, the key prefix of its entries); scandir: no path joins or extra stats
        pending = [(os.path.join(self._root, directory), f"{directory}/" if directory else "")]
        while pending:
            path, parent = pending.pop()
            try:
                entries = os.scandir(path)
            except (FileNotFoundError, NotADirectoryError):
                continue
            with entries:
                for entry in entries:
                    key = parent + entry.name
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            below = key + "/"
                            skip = not parent and entry.name == TMP_DIR
                            if not skip and (below.startswith(prefix) or prefix.startswith(below)):
                                pending.append((entry.path, below))
                            continue
                        if not key.startswith(prefix) or key.endswith(LOCK_SUFFIX):
                            continue
                        stat = entry.stat()
                    except FileNotFoundError:
                        continue  # removed while listing
                    objects.append(ObjectInfo(key, stat.st_size, _etag(stat), stat.st_mtime))
        return Listing(objects, server_time)

    def delete(self, key: str) -> None:
        try:
            self.path(key).unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise StorageError(f"cannot delete {key}: {error}") from error
