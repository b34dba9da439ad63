"""Plain-text tables: aligned columns, cells of several lines, no dependency.

Example::

    >>> print("\\n".join(render(["ID", "STATUS"], [["abc1234", "running"], ["def5678", "x"]])))
    ID        STATUS
    abc1234   running
    def5678   x
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

__all__ = ["render", "render_columns"]

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
    # A row of one-line cells is used as it is (fast for the 10,000 rows of a large
    # listing); a row with a multi-line cell is split into each cell's lines.
    split_rows: list[Optional[list[list[str]]]] = []
    for row in rows:
        if any("\n" in cell for cell in row):
            split = [cell.split("\n") for cell in row]
            for index, lines in enumerate(split):
                widths[index] = max(widths[index], *map(len, lines))
            split_rows.append(split)
        else:
            for index, cell in enumerate(row):
                if len(cell) > widths[index]:
                    widths[index] = len(cell)
            split_rows.append(None)
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
    for number, (row, cell_lines) in enumerate(zip(rows, split_rows)):
        if blank_line_between_rows and number:
            out.append("")
        if cell_lines is None:
            out.append(GAP.join([cell.ljust(width) for cell, width in zip(row, widths)]).rstrip())
            continue
        for index in range(max(len(lines) for lines in cell_lines)):
            cells = [
                (lines[index] if index < len(lines) else "").ljust(width)
                for lines, width in zip(cell_lines, widths)
            ]
            out.append(GAP.join(cells).rstrip())
    return out


def render_columns(
    headers: Sequence[str],
    columns: Sequence[Sequence[str]],
    *,
    style_header: Optional[Callable[[str], str]] = None,
) -> list[str]:
    """:func:`render` of one-line cells given column by column: the same lines, built a
    column at a time (each width is one ``max``, each column padded in one pass), which
    is what a listing of thousands of rows wants.
    """
    if not columns:
        return render(headers, [])
    widths = [
        max(len(header), max(map(len, column), default=0))
        for header, column in zip(headers, columns)
    ]
    # The last column is not padded: the padding would be stripped from the line anyway.
    padded = [[cell.ljust(width) for cell in column] for column, width in zip(columns[:-1], widths)]
    padded.append(list(columns[-1]))
    style: Callable[[str], str] = style_header or _unstyled
    header = GAP.join(
        [*(text.ljust(width) for text, width in zip(headers[:-1], widths)), headers[-1]]
    ).rstrip()
    join = GAP.join
    return [style(header), *[join(cells).rstrip() for cells in zip(*padded)]]
