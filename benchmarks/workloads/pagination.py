"""Iterating 50 pages of 100 predictions: CPU per item."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..contenders import OURS, RAW_HTTPX, V1, V2
from ..harness import Variant
from ..stats import count, seconds
from ._base import Metric, Options, Target, Workload

__all__ = ["WORKLOAD"]


def variants(options: Options, resources: Mapping[str, Any]) -> list[Variant]:
    return [
        Variant("raw_httpx", RAW_HTTPX, {}, label="raw httpx + json.loads"),
        Variant("ours", OURS, {}),
        Variant("v1", V1, {}, label="replicate 1.0.7 (paginate)"),
        Variant("v2", V2, {}),
    ]


WORKLOAD = Workload(
    key="paginate",
    title="iterate 50 pages x 100 predictions",
    variants=variants,
    metrics=(
        Metric("cpu_per_item", "CPU per item", seconds),
        Metric("items", "items", count, compare=False),
    ),
    repetitions=5,
    quick_repetitions=2,
    targets=(
        Target("ours", "cpu_per_item", "≤ 2.0x raw", lambda v, r: r is not None and r <= 2.0),
    ),
)
