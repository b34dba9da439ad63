"""Is an experiment running? Decided from its exit record and its heartbeat (no I/O here).

::

    ended recorded in the experiment            -> stopped (exit: finished | failed | killed)
    heartbeat age <= max(3 * interval, 30 s)    -> running
    heartbeat stale or absent                   -> stopped (exit: lost; Keepsake data: None)

The age is measured on the store's clock (listing time minus the heartbeat object's
modification time), so a reader with a wrong clock still gets it right; the
``last_heartbeat`` timestamp inside the file is the fallback.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping, Optional

from ._timefmt import format_time, parse_time, utc_now

__all__ = [
    "DEFAULT_INTERVAL",
    "EXITS",
    "STATUSES",
    "Heartbeat",
    "Status",
    "experiment_status",
    "is_fresh",
]

DEFAULT_INTERVAL = 10.0
MINIMUM_STALE_AGE = 30.0
STOPPED, RUNNING = "stopped", "running"
STATUSES = (RUNNING, STOPPED)
# How a stopped experiment ended (None for Keepsake's, which recorded nothing).
EXITS = ("finished", "failed", "killed", "lost")


@dataclass(frozen=True)
class Heartbeat:
    """A heartbeat file as read from the store.

    ``age`` is seconds since it was written by the store's clock (None if unknown);
    ``process_gone`` is True when the writer ran on this host and its process is gone.
    """

    experiment_id: str
    last_heartbeat: Optional[datetime]
    age: Optional[float] = None
    interval: float = DEFAULT_INTERVAL
    hostname: Optional[str] = None
    pid: Optional[int] = None
    process_started: Optional[float] = None
    process_gone: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "experiment_id": self.experiment_id,
            "last_heartbeat": format_time(self.last_heartbeat) if self.last_heartbeat else None,
            "interval": self.interval,
            "pid": self.pid,
            "hostname": self.hostname,
            "process_started": self.process_started,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], age: Optional[float] = None) -> Heartbeat:
        last = data.get("last_heartbeat")
        interval = data.get("interval")
        pid = data.get("pid")
        started = data.get("process_started")
        return cls(
            experiment_id=str(data.get("experiment_id", "")),
            last_heartbeat=parse_time(last) if isinstance(last, str) else None,
            age=age,
            interval=float(interval) if isinstance(interval, (int, float)) else DEFAULT_INTERVAL,
            hostname=data.get("hostname"),
            pid=pid if isinstance(pid, int) else None,
            process_started=float(started) if isinstance(started, (int, float)) else None,
        )


@dataclass(frozen=True)
class Status:
    """``status`` is ``running`` or ``stopped``; ``exit`` says how it stopped (or None)."""

    status: str
    exit: Optional[str]


def is_fresh(heartbeat: Heartbeat, now: Optional[datetime] = None) -> bool:
    """Whether the heartbeat is recent enough for its experiment to count as running."""
    if heartbeat.process_gone:
        return False
    limit = max(3 * heartbeat.interval, MINIMUM_STALE_AGE)
    age = heartbeat.age
    if age is None:
        if heartbeat.last_heartbeat is None:
            return False
        age = ((now or utc_now()) - heartbeat.last_heartbeat).total_seconds()
    return age <= limit


def experiment_status(
    ended: Optional[datetime],
    exit: Optional[str],
    heartbeat: Optional[Heartbeat],
    *,
    legacy: bool = False,
    now: Optional[datetime] = None,
) -> Status:
    """The status of an experiment from its exit record and heartbeat (None if absent).

    ``legacy`` is for Keepsake data, which recorded no exit: a stopped one has exit None.
    """
    if ended is not None:
        return Status(STOPPED, exit or "finished")
    if heartbeat is not None and is_fresh(heartbeat, now):
        return Status(RUNNING, None)
    return Status(STOPPED, None if legacy else "lost")
