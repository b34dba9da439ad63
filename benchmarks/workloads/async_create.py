"""2,000 ``predictions.create`` from 100 asyncio tasks sharing one async client."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..contenders import OURS, RAW_AIOHTTP, RAW_HTTPX, V1, V2
from ..harness import Variant
from ..server import INSTANT_VERSION
from ..stats import bytes_mib, count, per_second, seconds
from ._base import Metric, Options, Target, Workload

__all__ = ["WORKLOAD"]

CALLS = 2000
TASKS = 100


def variants(options: Options, resources: Mapping[str, Any]) -> list[Variant]:
    default = {"calls": CALLS, "tasks": TASKS, "transport": "default", "version": INSTANT_VERSION}
    aiohttp = {**default, "transport": "aiohttp"}
    return [
        Variant("raw_httpx", RAW_HTTPX, default),
        Variant("raw_aiohttp", RAW_AIOHTTP, aiohttp),
        Variant("ours", OURS, default, label="this SDK (httpx)"),
        Variant("ours_aiohttp", OURS, aiohttp, label="this SDK (aiohttp)"),
        Variant("v1", V1, default),
        Variant("v2", V2, default, label="replicate 2.0.0b4 (httpx)"),
        Variant("v2_aiohttp", V2, aiohttp, label="replicate 2.0.0b4 (aiohttp)"),
    ]


def _at_least(limit: float) -> Any:
    return lambda value, relative: relative is not None and relative >= limit


WORKLOAD = Workload(
    key="async_create",
    title=f"{CALLS:,} predictions.create, {TASKS} tasks",
    variants=variants,
    metrics=(
        Metric("calls_per_second", "throughput", per_second, higher_is_better=True),
        Metric("cpu_per_call", "CPU per call", seconds),
        Metric("peak_rss", "peak RSS", bytes_mib),
        Metric("server_accepts", "TCP connections opened", count, compare=False),
    ),
    repetitions=3,
    quick_repetitions=2,
    targets=(
        Target("ours", "calls_per_second", "≥ 1.0x raw httpx", _at_least(1.0)),
        Target("ours_aiohttp", "calls_per_second", "≥ 3.0x raw httpx", _at_least(3.0)),
    ),
    notes=(
        "raw httpx uses `httpx.AsyncClient()` defaults (100 connections, 20 kept alive), as a "
        "hand-written client would; the connection count shows what each pool does under 100 "
        "concurrent tasks.",
        "1.x has no aiohttp-backed transport; its async calls use its one httpx.AsyncClient.",
    ),
)
