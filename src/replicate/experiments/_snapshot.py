"""Choosing the files to save, and copying them aside while hashing them (one read pass).

Files are copied before ``init()``/``checkpoint()`` return, so training may overwrite
them at once; the copies are uploaded in the background. Always skipped: version-control
and tool directories (``.git``, ``.hg``, ``.svn``, ``.replicate``, ``.keepsake``,
``.mypy_cache``, ``__pycache__``), virtual environments (any directory holding
``pyvenv.cfg``), the repository itself when it lies inside the project, and whatever the
project's ``.replicateignore`` (gitignore syntax) excludes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Optional

from ._manifest import ManifestEntry

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

__all__ = ["SKIPPED_DIRECTORIES", "SourceFile", "StagedFile", "collect_files", "stage_files"]

SKIPPED_DIRECTORIES = frozenset(
    {".git", ".hg", ".svn", ".replicate", ".keepsake", ".mypy_cache", "__pycache__"}
)
IGNORE_FILES = (".replicateignore", ".keepsakeignore")
CHUNK_SIZE = 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """A file to save: ``relative`` to the project directory (``/``-separated)."""

    relative: str
    absolute: Path


@dataclass(frozen=True)
class StagedFile:
    """A file copied aside: its manifest entry and where the copy is."""

    entry: ManifestEntry
    staged: Path


def validate_path(path: str, project_directory: Path) -> Path:
    """The absolute path of ``path`` (relative to the project directory).

    Raises:
        ValueError: empty, absolute, leaving the project directory, or missing.
    """
    if path == "":
        raise ValueError("path is empty: use '.' for the whole project directory, or None")
    pure = PurePosixPath(path.replace(os.sep, "/"))
    if pure.is_absolute() or (pure.parts and pure.parts[0] == ".."):
        raise ValueError(
            f"path {path!r} must be relative to the project directory {project_directory} "
            "and inside it"
        )
    absolute = project_directory / path
    if not absolute.exists():
        raise ValueError(f"path {path!r} does not exist in {project_directory}")
    return absolute


def load_ignore_spec(project_directory: Path) -> Optional[GitIgnoreSpec]:
    """The project's ignore rules, or None without an ignore file."""
    lines: list[str] = []
    for name in IGNORE_FILES:
        try:
            lines.extend((project_directory / name).read_text(encoding="utf-8").splitlines())
        except FileNotFoundError:
            continue
    if not lines:
        return None
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def collect_files(
    project_directory: Path, path: str, *, exclude: Optional[Path] = None
) -> list[SourceFile]:
    """The files to save for ``path`` (a file or directory), sorted, with the skip rules.

    ``exclude`` is a directory never entered (the repository, when it is inside).

    Raises:
        ValueError: see :func:`validate_path`.
    """
    project_directory = project_directory.resolve()
    absolute = validate_path(path, project_directory)
    spec = load_ignore_spec(project_directory)
    if absolute.is_file():
        relative = absolute.resolve().relative_to(project_directory).as_posix()
        return [SourceFile(relative, absolute)]
    files = list(_walk(project_directory, absolute.resolve(), spec, exclude))
    files.sort(key=lambda source: source.relative)
    return files


def _walk(
    root: Path, start: Path, spec: Optional[GitIgnoreSpec], exclude: Optional[Path]
) -> Iterator[SourceFile]:
    excluded = str(exclude.resolve()) if exclude is not None else None
    for dirpath, dirnames, filenames in os.walk(start):
        relative_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if relative_dir == "." else relative_dir + "/"
        kept: list[str] = []
        for name in dirnames:
            full = os.path.join(dirpath, name)
            if name in SKIPPED_DIRECTORIES or full == excluded:
                continue
            if os.path.exists(os.path.join(full, "pyvenv.cfg")):
                continue
            if spec is not None and spec.match_file(prefix + name + "/"):
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            relative = prefix + name
            if spec is not None and spec.match_file(relative):
                continue
            full_path = Path(dirpath, name)
            if not full_path.is_file():
                continue  # broken links, sockets, fifos
            yield SourceFile(relative, full_path)


def stage_files(files: list[SourceFile], staging_directory: Path) -> list[StagedFile]:
    """Copy each file into ``staging_directory`` while computing its sha256.

    Memory stays at one chunk (1 MiB) whatever the file sizes. A file that vanishes
    meanwhile is left out.
    """
    staging_directory.mkdir(parents=True, exist_ok=True)
    staged: list[StagedFile] = []
    for number, source in enumerate(files):
        target = staging_directory / f"{number:08d}"
        digest = hashlib.sha256()
        size = 0
        try:
            with open(source.absolute, "rb") as reader, open(target, "wb") as writer:
                mode = stat.S_IMODE(os.fstat(reader.fileno()).st_mode)
                while chunk := reader.read(CHUNK_SIZE):
                    digest.update(chunk)
                    writer.write(chunk)
                    size += len(chunk)
        except FileNotFoundError:
            target.unlink(missing_ok=True)
            continue
        entry = ManifestEntry(source.relative, size, digest.hexdigest(), mode)
        staged.append(StagedFile(entry, target))
    return staged
