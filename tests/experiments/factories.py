"""Experiments built in memory for the I/O-free tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Optional

from replicate.experiments._model import Checkpoint, CheckpointList, Experiment, PrimaryMetric
from replicate.experiments._status import Heartbeat

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
LOSS = PrimaryMetric("loss", "minimize")


def make_experiment(
    number: int,
    params: Optional[dict[str, Any]] = None,
    metrics: Optional[list[dict[str, Any]]] = None,
    *,
    primary: Optional[PrimaryMetric] = LOSS,
    running: bool = False,
    **fields: Any,
) -> Experiment:
    """Experiment ``number`` (its id is that digit repeated), created ``number`` hours after T0."""
    created = T0 + timedelta(hours=number)
    checkpoints = CheckpointList(
        Checkpoint(
            id=f"{number}{index}".ljust(64, "c"),
            created=created + timedelta(minutes=index),
            metrics=values,
            step=index,
            primary_metric=primary,
        )
        for index, values in enumerate(metrics or [])
    )
    heartbeat = Heartbeat(str(number), created, age=1.0) if running else None
    return Experiment(
        id=str(number) * 64,
        created=created,
        params=params or {},
        checkpoints=checkpoints,
        heartbeat=heartbeat,
        **fields,
    )
