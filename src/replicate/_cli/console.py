"""Where a command writes: results to standard output, everything else to standard error.

Colour is used only when the stream is a terminal, ``NO_COLOR`` is not set and
``--no-color`` was not given; ``--color`` forces it on.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Optional, TextIO

__all__ = ["Console", "terminal_width", "use_color"]

_STYLES = {"bold": "1", "dim": "2", "underline": "4", "red": "31", "green": "32", "yellow": "33"}


def use_color(flag: Optional[bool], stream: TextIO) -> bool:
    """Whether to write ANSI colours to ``stream``: ``--color``/``--no-color`` win, then
    ``NO_COLOR`` (any non-empty value turns colour off), then whether it is a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def terminal_width(default: int = 80) -> int:
    """Columns of the terminal: ``COLUMNS`` if set, else standard output's, else ``default``.

    Like :func:`shutil.get_terminal_size`, without importing :mod:`shutil`.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = sys.__stdout__
    if stream is None:
        return default
    try:
        return os.get_terminal_size(stream.fileno()).columns or default
    except (ValueError, OSError):  # not a terminal, or closed
        return default


class Console:
    """The output of one command run.

    Args:
        color: ``True``/``False`` from ``--color``/``--no-color``; ``None`` decides by
            ``NO_COLOR`` and whether standard output is a terminal.
        verbose: ``-v/--verbose`` was given.
    """

    def __init__(
        self,
        *,
        color: Optional[bool] = None,
        verbose: bool = False,
        out: Optional[TextIO] = None,
        err: Optional[TextIO] = None,
    ) -> None:
        self.out: TextIO = out if out is not None else sys.stdout
        self.err: TextIO = err if err is not None else sys.stderr
        self.color = use_color(color, self.out)
        self.verbose = verbose

    def print(self, text: str = "", *, end: str = "\n", flush: bool = False) -> None:
        """Write ``text`` to standard output."""
        self.out.write(text + end)
        if flush:
            self.out.flush()

    def info(self, text: str) -> None:
        """Write a line meant for the person watching (not for a pipe) to standard error."""
        self.err.write(text + "\n")
        self.err.flush()

    def debug(self, text: str) -> None:
        """Like :meth:`info`, only with ``--verbose``."""
        if self.verbose:
            self.info(text)

    def json(self, value: Any) -> None:
        """Write ``value`` as indented JSON to standard output."""
        import json

        self.print(json.dumps(value, indent=2, ensure_ascii=False, default=str))

    def style(self, text: str, *styles: str) -> str:
        """``text`` wrapped in the ANSI codes of ``styles`` (``bold``, ``red``...) when colour is on."""
        if not self.color or not styles:
            return text
        codes = ";".join(_STYLES[name] for name in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def confirm(self, question: str) -> bool:
        """Ask ``question [y/N]`` on standard error; read the answer from standard input.

        Only ``y``/``yes`` (any case) is yes; an empty answer or the end of the input is no,
        so a script with nothing on its standard input never confirms by accident.
        """
        self.err.write(f"{question} [y/N] ")
        self.err.flush()
        answer = sys.stdin.readline()
        if not answer.endswith("\n"):
            self.err.write("\n")
        return answer.strip().lower() in ("y", "yes")

    @property
    def interactive(self) -> bool:
        """Whether standard error is a terminal: progress bars and prompts go there."""
        return self.err.isatty()
