"""``import replicate`` in a fresh process, against ``import httpx`` (which it needs anyway)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..contenders import OURS, RAW_HTTPX, V1, V2
from ..harness import Variant
from ..stats import seconds
from ._base import Metric, Options, Target, Workload

__all__ = ["WORKLOAD"]


def variants(options: Options, resources: Mapping[str, Any]) -> list[Variant]:
    return [
        Variant("raw_httpx", RAW_HTTPX, {}, label="import httpx"),
        Variant("ours", OURS, {}),
        Variant("v1", V1, {}),
        Variant("v2", V2, {}),
    ]


WORKLOAD = Workload(
    key="import",
    title="import in a fresh process",
    variants=variants,
    metrics=(Metric("seconds", "import time", seconds),),
    repetitions=15,
    quick_repetitions=5,
    targets=(
        Target("ours", "seconds", "≤ 1.4x import httpx", lambda v, r: r is not None and r <= 1.4),
    ),
)
