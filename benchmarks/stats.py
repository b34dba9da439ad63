"""Medians, ratios and how each kind of figure is written."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Callable, Optional

__all__ = [
    "Formatter",
    "bytes_mib",
    "count",
    "median",
    "per_second",
    "ratio",
    "seconds",
]

Formatter = Callable[[float], str]


def median(values: Sequence[float]) -> Optional[float]:
    return statistics.median(values) if values else None


def ratio(value: Optional[float], baseline: Optional[float]) -> Optional[float]:
    if value is None or baseline is None or baseline == 0:
        return None
    return value / baseline


def seconds(value: float) -> str:
    """A duration in the unit that keeps three significant digits readable."""
    magnitude = abs(value)
    if magnitude < 1e-3:
        return f"{value * 1e6:.1f} µs"
    if magnitude < 1.0:
        return f"{value * 1e3:.1f} ms"
    return f"{value:.2f} s"


def per_second(value: float) -> str:
    return f"{value:,.0f}/s"


def bytes_mib(value: float) -> str:
    return f"{value / 2**20:.1f} MiB"


def count(value: float) -> str:
    return f"{value:g}"
