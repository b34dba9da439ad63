"""Writing files out of a repository: streamed, verified, never outside the target directory."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tarfile
import tempfile
from collections.abc import Collection
from pathlib import Path, PurePosixPath
from typing import BinaryIO, cast

from ._errors import StorageError

__all__ = ["extract_tarball", "safe_join", "write_stream"]

CHUNK_SIZE = 1024 * 1024


def safe_join(directory: Path, relative: str) -> Path:
    """``directory / relative``, refusing absolute paths and ``..`` (a hostile repository).

    Raises:
        StorageError: the path would leave ``directory``.
    """
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
        raise StorageError(f"refusing to write {relative!r} outside {directory}")
    return directory.joinpath(*parts)


def write_stream(
    stream: BinaryIO, target: Path, expected_sha256: str | None = None, mode: int | None = None
) -> None:
    """Copy ``stream`` to ``target`` in chunks through a temporary file, checking its sha256.

    Raises:
        StorageError: the content does not match ``expected_sha256`` (nothing is written).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK_SIZE):
                digest.update(chunk)
                out.write(chunk)
        if expected_sha256 is not None and digest.hexdigest() != expected_sha256:
            raise StorageError(
                f"{target}: content does not match its sha256 {expected_sha256} "
                "(the repository is damaged)"
            )
        if mode is not None:
            os.chmod(temp_name, mode & 0o777)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def extract_tarball(
    stream: BinaryIO,
    output_directory: Path,
    *,
    only: str | None = None,
    skip: Collection[str] = (),
) -> list[Path]:
    """Extract a Keepsake tarball (members ``<id>/<path>``) into ``output_directory``.

    The leading ``<id>/`` is removed. ``only`` keeps one file or directory (as saved);
    ``skip`` lists paths never written. Reads the stream once, in order.
    """
    written: list[Path] = []
    with tarfile.open(fileobj=stream, mode="r|gz") as archive:
        for member in archive:
            _, _, relative = member.name.partition("/")
            if not relative or not member.isfile() or relative in skip:
                continue
            if (
                only is not None
                and relative != only
                and not relative.startswith(only.rstrip("/") + "/")
            ):
                continue
            source = archive.extractfile(member)
            if source is None:
                continue
            target = safe_join(output_directory, relative)
            with source:
                write_stream(cast(BinaryIO, source), target, mode=member.mode)
            written.append(target)
    return written
