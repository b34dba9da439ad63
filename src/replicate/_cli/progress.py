"""Progress bars on standard error, drawn only when it is a terminal.

Predictions report progress through the bars in their logs; uploads through the bytes
sent. Both use the SDK's one-line bar (:class:`replicate._progress_bar.ProgressBar`).
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, Any, Callable, Optional

from .._core.progress import Progress
from .._progress_bar import ProgressBar

if TYPE_CHECKING:
    from .console import Console

__all__ = ["ProgressReader", "bar_for", "byte_progress"]


def bar_for(console: Console) -> Optional[ProgressBar]:
    """A progress bar on the console's standard error if it is a terminal, else ``None``."""
    return ProgressBar(console.err) if console.interactive else None


def byte_progress(done: int, total: int) -> Progress:
    """``done`` of ``total`` bytes as a :class:`Progress`."""
    return Progress(percentage=done / total if total else 1.0, current=done, total=total)


class ProgressReader(io.RawIOBase):
    """A file opened for reading that reports the bytes read so far to ``on_read``.

    Example::

        with ProgressReader(path, lambda done, total: print(done, total)) as file:
            client.files.create(file)
    """

    def __init__(self, path: str | os.PathLike[str], on_read: Callable[[int, int], Any]) -> None:
        super().__init__()
        self._file = open(path, "rb")  # noqa: SIM115 (closed by close())
        self.name: str = os.path.basename(os.fspath(path))
        self._total = os.fstat(self._file.fileno()).st_size
        self._on_read = on_read

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def readinto(self, buffer: Any) -> int:
        count = self._file.readinto(buffer)
        if count:
            self._on_read(self._file.tell(), self._total)
        return count or 0

    def close(self) -> None:
        self._file.close()
        super().close()
