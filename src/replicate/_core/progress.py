"""Reading a prediction's progress from the progress bars in its logs.

Models commonly print tqdm bars, redrawn in place with ``\\r``::

    45%|████▌     | 45/100 [00:03<00:04, 12.3it/s]

The last such bar in the logs is the current progress.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

__all__ = ["Progress", "parse_progress"]

# A percentage, then the bar between pipes, then "current/total". Counts may
# be unit-scaled ("1.23G/4.50G"), so they are numbers with an optional suffix.
_BAR = re.compile(
    r"(?P<percent>\d{1,3})%\s*\|[^|\n]*\|\s*"
    r"(?P<current>\d+(?:\.\d+)?)(?P<current_unit>[kMGTPEZY]?)"
    r"\s*/\s*"
    r"(?P<total>\d+(?:\.\d+)?)(?P<total_unit>[kMGTPEZY]?)"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SCALE = {"": 1, "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15}
_SCALE.update({"E": 10**18, "Z": 10**21, "Y": 10**24})


@dataclass(frozen=True)
class Progress:
    """How far a prediction has got.

    Example::

        >>> parse_progress(" 45%|████▌     | 45/100 [00:03<00:04, 12.3it/s]")
        Progress(percentage=0.45, current=45, total=100)
    """

    percentage: float
    """The fraction done, from 0.0 to 1.0, as the bar printed it."""
    current: int
    """Steps done."""
    total: int
    """Steps in all."""


def _count(number: str, unit: str) -> int:
    return round(float(number) * _SCALE[unit])


def parse_progress(logs: Optional[str]) -> Optional[Progress]:
    """The progress shown by the last progress bar in ``logs``; ``None`` if there is none.

    Lines may be separated by ``\\n``, ``\\r`` or ``\\r\\n``; a bar without a
    known total (``45it [00:03, 12.3it/s]``) is not progress and is skipped.
    """
    if not logs:
        return None
    for line in reversed(_LINE_BREAK.split(logs)):
        matches = list(_BAR.finditer(line))
        if not matches:
            continue
        found = matches[-1]
        percent = min(int(found["percent"]), 100)
        return Progress(
            percentage=percent / 100,
            current=_count(found["current"], found["current_unit"]),
            total=_count(found["total"], found["total_unit"]),
        )
    return None
