"""Plain-text tables: aligned columns, cells of several lines, no dependency.

Example::

    >>> print("\\n".join(render(["ID", "STATUS"], [["abc1234", "running"], ["def5678", "x"]])))
    ID        STATUS
    abc1234   running
    def5678   x
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

__all__ = ["render"]

GAP = "   "


def _unstyled(text: str) -> str:
    return text


def render(
    headers: Optional[Sequence[str]],
    rows: Sequence[Sequence[str]],
    *,
    blank_line_between_rows: bool = False,
    style_header: Optional[Callable[[str], str]] = None,
) -> list[str]:
    """The table's lines: a header line (none when ``headers`` is ``None``), then the rows.

    A cell holding ``"\\n"`` spans several lines; the other cells of its row are blank
    there. Trailing spaces are dropped. ``style_header`` (e.g. bold) is applied to each
    header after it has been padded, so that colour codes do not upset the alignment.
    """
    columns = len(headers) if headers is not None else max((len(row) for row in rows), default=0)
    widths = [len(header) for header in headers] if headers is not None else [0] * columns
    split_rows = [[cell.split("\n") for cell in row] for row in rows]
    for row in split_rows:
        for index, lines in enumerate(row):
            widths[index] = max(widths[index], *(len(line) for line in lines))
    style: Callable[[str], str] = style_header or _unstyled
    last = columns - 1
    out: list[str] = []
    if headers is not None:
        out.append(
            style(
                GAP.join(
                    header if index == last else header.ljust(widths[index])
                    for index, header in enumerate(headers)
                ).rstrip()
            )
        )
    for number, row in enumerate(split_rows):
        if blank_line_between_rows and number:
            out.append("")
        height = max((len(lines) for lines in row), default=1)
        for line_index in range(height):
            cells = [
                (lines[line_index] if line_index < len(lines) else "").ljust(widths[index])
                for index, lines in enumerate(row)
            ]
            out.append(GAP.join(cells).rstrip())
    return out
