"""``run(..., progress=True)``: a one-line progress bar on standard error."""

from __future__ import annotations

import sys
from typing import TextIO

from ._core.progress import Progress

__all__ = ["ProgressBar", "format_progress_bar"]

_WIDTH = 30


def format_progress_bar(progress: Progress, width: int = _WIDTH) -> str:
    """One line showing ``progress``.

    Example::

        >>> format_progress_bar(Progress(percentage=0.5, current=5, total=10), width=10)
        ' 50% |#####     | 5/10'
    """
    filled = round(progress.percentage * width)
    bar = "#" * filled + " " * (width - filled)
    return f"{progress.percentage * 100:3.0f}% |{bar}| {progress.current}/{progress.total}"


class ProgressBar:
    """Redraws one line on ``stream`` (standard error by default) with each new progress."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._drawn = False

    def __call__(self, progress: Progress) -> None:
        stream = self._stream if self._stream is not None else sys.stderr
        stream.write("\r" + format_progress_bar(progress))
        stream.flush()
        self._drawn = True

    def finish(self) -> None:
        """End the line, if anything was drawn."""
        if self._drawn:
            stream = self._stream if self._stream is not None else sys.stderr
            stream.write("\n")
            stream.flush()
            self._drawn = False
