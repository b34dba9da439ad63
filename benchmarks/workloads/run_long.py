"""``run()`` of a five-minute prediction, played out on a sped-up clock.

The server's clock and every sleep inside the client's process run ``TIME_SCALE`` times
fast, so each client's own poll schedule (fixed, backing off, or held requests) plays out
as in a real five-minute wait, in a fraction of the time and without touching its settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from ..contenders import OURS, RAW_HTTPX, V1, V2
from ..harness import Sample, Variant
from ..server import SLEEP, version_id
from ..stats import count, seconds
from ._base import Metric, Options, Target, Workload

__all__ = ["WORKLOAD"]

TIME_SCALE = 30.0
PREDICTION_SECONDS = 300


def variants(options: Options, resources: Mapping[str, Any]) -> list[Variant]:
    params = {
        "version": version_id(SLEEP, PREDICTION_SECONDS * 1000),
        "poll_interval": 0.5,
        "sleep_scale": TIME_SCALE,
    }
    return [
        Variant("raw_httpx", RAW_HTTPX, params, label="raw httpx (Prefer: wait, then poll 0.5 s)"),
        Variant("ours", OURS, params),
        Variant("v1", V1, params),
        Variant("v2", V2, params),
    ]


def completion_to_return(sample: Sample) -> Optional[float]:
    """Simulated delay: the server's part scaled back up, the client's own part as measured."""
    done = sample.get("server_last_done")
    told = sample.get("server_last_terminal_sent")
    if done is None or told is None:
        return None
    return (told - done) * TIME_SCALE + (sample["returned_at"] - told)


WORKLOAD = Workload(
    key="run_long",
    title="run() of a 5-minute prediction",
    variants=variants,
    metrics=(
        Metric("server_last_requests", "requests while waiting", count, compare=False),
        Metric(
            "delay", "completion → return", seconds, extract=completion_to_return, compare=False
        ),
    ),
    repetitions=2,
    quick_repetitions=1,
    time_scale=TIME_SCALE,
    targets=(
        Target("ours", "server_last_requests", "≤ 10", lambda v, r: v <= 10),
        Target("ours", "delay", "≤ 100 ms", lambda v, r: v <= 0.100),
    ),
    notes=(
        f"The server's clock and the client process's sleeps run {TIME_SCALE:g}x fast: the "
        f"prediction completes after {PREDICTION_SECONDS / TIME_SCALE:g} real seconds and "
        f"`Prefer: wait` is held {60 / TIME_SCALE:g} s. Requests are those about the "
        "prediction (create, reads, streams).",
        "Completion → return is the server's wait from completion until it first told the "
        f"client (scaled up {TIME_SCALE:g}x) plus the client's time from that answer to "
        "returning. The scaling also multiplies the sub-millisecond time of sending the "
        "telling request, so the figure is a slight overestimate for polling clients.",
    ),
)
