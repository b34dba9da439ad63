"""2,000 sequential ``predictions.get`` on one sync client: CPU and wall time per call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..contenders import OURS, RAW_HTTPX, V1, V2
from ..harness import Variant
from ..stats import seconds
from ._base import Metric, Options, Target, Workload

__all__ = ["WORKLOAD"]

CALLS = 2000


def variants(options: Options, resources: Mapping[str, Any]) -> list[Variant]:
    params = {"calls": CALLS}
    return [
        Variant("raw_httpx", RAW_HTTPX, params),
        Variant("ours", OURS, params),
        Variant("v1", V1, params),
        Variant("v2", V2, params),
    ]


WORKLOAD = Workload(
    key="sync_get",
    title=f"{CALLS:,} sequential predictions.get",
    variants=variants,
    metrics=(
        Metric("cpu_per_call", "CPU per call", seconds),
        Metric("wall_per_call", "wall per call", seconds),
    ),
    repetitions=5,
    quick_repetitions=2,
    targets=(
        Target("ours", "cpu_per_call", "≤ 1.10x raw", lambda v, r: r is not None and r <= 1.10),
    ),
)
