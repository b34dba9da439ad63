"""Making a client, against ``httpx.Client()``: what a script or a request handler pays each time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..contenders import OURS, RAW_HTTPX, V1, V2
from ..harness import Variant
from ..stats import seconds
from ._base import Metric, Options, Target, Workload

__all__ = ["WORKLOAD"]

CLIENTS = 20


def variants(options: Options, resources: Mapping[str, Any]) -> list[Variant]:
    params = {"clients": CLIENTS}
    return [
        Variant("raw_httpx", RAW_HTTPX, params, label="httpx.Client()"),
        Variant("ours", OURS, params),
        Variant("v1", V1, params),
        Variant("v2", V2, params),
    ]


WORKLOAD = Workload(
    key="construct",
    title="client construction (one client, imports paid)",
    variants=variants,
    metrics=(Metric("seconds", "per client", seconds),),
    repetitions=10,
    quick_repetitions=4,
    targets=(
        Target("ours", "seconds", "≤ 1.0x httpx.Client()", lambda v, r: r is not None and r <= 1.0),
    ),
)
