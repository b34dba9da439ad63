"""``run()`` of a prediction that takes one second: time beyond the second, requests per run."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from ..contenders import OURS, RAW_HTTPX, V1, V2
from ..harness import Sample, Variant
from ..server import SLEEP, version_id
from ..stats import count, seconds
from ._base import Metric, Options, Target, Workload

__all__ = ["WORKLOAD"]

PREDICTION_SECONDS = 1.0


def variants(options: Options, resources: Mapping[str, Any]) -> list[Variant]:
    params = {
        "version": version_id(SLEEP, int(PREDICTION_SECONDS * 1000)),
        "seconds": PREDICTION_SECONDS,
        "calls": 2 if options.quick else 4,
        "poll_interval": 0.5,
    }
    return [
        Variant("raw_httpx", RAW_HTTPX, params, label="raw httpx (Prefer: wait)"),
        Variant("ours", OURS, params),
        Variant("v1", V1, params),
        Variant("v2", V2, params),
    ]


def requests_per_run(sample: Sample) -> Optional[float]:
    return sample["server_requests"] / sample["calls"] if "calls" in sample else None


WORKLOAD = Workload(
    key="run_short",
    title="run() of a 1 s prediction",
    variants=variants,
    metrics=(
        Metric("later_beyond", "beyond 1 s (warm)", seconds),
        Metric("first_beyond", "beyond 1 s (first call)", seconds),
        Metric(
            "requests_per_run", "requests per run", count, extract=requests_per_run, compare=False
        ),
    ),
    repetitions=3,
    quick_repetitions=1,
    targets=(
        Target("ours", "later_beyond", "≤ 5 ms", lambda v, r: v <= 0.005),
        Target("ours", "first_beyond", "≤ 20 ms", lambda v, r: v <= 0.020),
        Target("ours", "requests_per_run", "1 request", lambda v, r: v <= 1.0),
    ),
    notes=(
        "Each process makes one first call (lazy imports, connection set-up) and then warm "
        "calls; 'beyond 1 s' is the call's wall time minus the prediction's one second.",
        "The reference model is given as `owner/name:version`; 1.x fetches the version "
        "before creating the prediction, which shows in its request count.",
    ),
)
