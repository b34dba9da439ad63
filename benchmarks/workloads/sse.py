"""Streaming 50,000 server-sent output events: events per second, time to the first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..contenders import OURS, RAW_HTTPX, V1, V2
from ..harness import Variant
from ..server import STREAM, version_id
from ..stats import per_second, seconds
from ._base import Metric, Options, Target, Workload

__all__ = ["WORKLOAD"]

EVENTS = 50_000


def variants(options: Options, resources: Mapping[str, Any]) -> list[Variant]:
    params = {"version": version_id(STREAM, EVENTS)}
    return [
        Variant("raw_httpx", RAW_HTTPX, params, label="raw httpx (iter_lines + split)"),
        Variant("ours", OURS, params),
        Variant("v1", V1, params),
        Variant("v2", V2, params),
    ]


WORKLOAD = Workload(
    key="sse",
    title=f"stream {EVENTS:,} SSE events",
    variants=variants,
    metrics=(
        Metric("events_per_second", "events/s", per_second, higher_is_better=True),
        Metric("first_event", "time to first event", seconds),
    ),
    repetitions=5,
    quick_repetitions=2,
    targets=(
        Target("ours", "events_per_second", "≥ 0.5x raw", lambda v, r: r is not None and r >= 0.5),
    ),
    notes=("Times start before the prediction is created, so they include the create call.",),
)
