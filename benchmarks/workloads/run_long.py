"""``run()`` of a five-minute prediction on the server's sped-up clock.

Two passes per contender: one with the clients' poll intervals sped up by the same factor
as the server's clock (where the client lets them be set), which counts the requests a real
five-minute wait would make; and one with the clients' default intervals, which measures
the delay between the prediction completing and ``run()`` returning.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from ..contenders import OURS, RAW_HTTPX, V1, V2
from ..harness import Sample, Variant
from ..stats import count, seconds
from ._base import Metric, Options, Target, Workload

__all__ = ["WORKLOAD"]

TIME_SCALE = 100.0
PREDICTION_SECONDS = 300
DEFAULT_POLL_INTERVAL = 0.5


def variants(options: Options, resources: Mapping[str, Any]) -> list[Variant]:
    params = {
        "version": f"sleep-{PREDICTION_SECONDS * 1000}",
        "poll_interval": DEFAULT_POLL_INTERVAL,
    }
    fast = f"{DEFAULT_POLL_INTERVAL / TIME_SCALE:g}"
    scaled = {**params, "poll_interval": DEFAULT_POLL_INTERVAL / TIME_SCALE}
    scaled_env = {"REPLICATE_POLL_INTERVAL": fast}
    result: list[Variant] = []
    for key, contender, label in (
        ("raw_httpx", RAW_HTTPX, "raw httpx (wait, then poll 0.5 s)"),
        ("ours", OURS, ""),
        ("v1", V1, ""),
        ("v2", V2, ""),
    ):
        name = label or contender.label
        result.append(
            Variant(
                f"{key}_requests",
                contender,
                scaled,
                env=scaled_env,
                label=f"{name} [clock-scaled polling]",
                only_metrics=("server_requests",),
            )
        )
        result.append(
            Variant(
                f"{key}_delay",
                contender,
                params,
                label=f"{name} [default polling]",
                only_metrics=("delay",),
            )
        )
    return result


def completion_to_return(sample: Sample) -> Optional[float]:
    done = sample.get("server_last_done")
    return sample["returned_at"] - done if done is not None else None


WORKLOAD = Workload(
    key="run_long",
    title="run() of a 5-minute prediction",
    variants=variants,
    metrics=(
        Metric("server_requests", "requests while waiting", count),
        Metric("delay", "completion → return", seconds, extract=completion_to_return),
    ),
    repetitions=2,
    quick_repetitions=1,
    baseline=None,
    time_scale=TIME_SCALE,
    targets=(
        Target("ours_requests", "server_requests", "≤ 10", lambda v, r: v <= 10),
        Target("ours_delay", "delay", "≤ 100 ms", lambda v, r: v <= 0.100),
    ),
    notes=(
        f"The server's clock runs {TIME_SCALE:g}x fast: the prediction completes after "
        f"{PREDICTION_SECONDS / TIME_SCALE:g} real seconds and `Prefer: wait` is held "
        f"{60 / TIME_SCALE:g} s. Request counts include the create.",
        "Clock-scaled polling sets REPLICATE_POLL_INTERVAL (read by 1.x and 2.x) to "
        f"{DEFAULT_POLL_INTERVAL}/{TIME_SCALE:g} s so the count matches a real five minutes.",
    ),
)
