"""Write generated files into place, remove stale ones, and format what was written."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .formatting import format_python

__all__ = ["write_files"]


def write_files(root: Path, files: Mapping[Path, str], stale: Iterable[Path] = ()) -> list[Path]:
    """Write ``files`` (paths relative to ``root``), delete ``stale``, then ruff-format.

    Returns the absolute paths written. Empty directories left behind are removed.
    """
    written: list[Path] = []
    for relative, text in sorted(files.items()):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    for relative in stale:
        target = root / relative
        target.unlink()
        parent = target.parent
        while (
            parent != root
            and parent.is_dir()
            and not any(p for p in parent.iterdir() if p.name != "__pycache__")
        ):
            for cache in parent.glob("__pycache__"):
                for item in cache.iterdir():
                    item.unlink()
                cache.rmdir()
            parent.rmdir()
            parent = parent.parent
    format_python(written, cwd=root)
    return written
