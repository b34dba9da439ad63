"""How experiment values look on the terminal (no I/O): times, numbers, shortened text, rows.

``now()`` is the one clock of the experiment commands' output (relative times), so tests
can fix it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Optional, cast

if TYPE_CHECKING:
    from ..experiments import Checkpoint, Experiment

__all__ = [
    "checkpoint_label",
    "flatten",
    "format_value",
    "value_formatter",
    "json_row",
    "local_time",
    "long_time",
    "now",
    "relative_time",
    "shorten",
    "status",
]


def now() -> datetime:
    """The current time (aware, UTC)."""
    return datetime.now(timezone.utc)


def relative_time(moment: datetime, reference: Optional[datetime] = None) -> str:
    """``"16 seconds ago"``, ``"3 minutes ago"``, ``"2 days ago"``; ``"just now"`` under a second."""
    seconds = int(((reference or now()) - moment).total_seconds())
    if seconds < 1:
        return "just now"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    return "just now"  # unreachable: seconds >= 1 matched "second"


def local_time(moment: datetime) -> str:
    """``2026-11-30 14:00:05`` in the local time zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def long_time(moment: datetime) -> str:
    """RFC 1123 in the local time zone: ``Mon, 30 Nov 2026 14:00:05 CET``."""
    return moment.astimezone().strftime("%a, %d %b %Y %H:%M:%S %Z")


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in ``...`` when cut."""
    return text if len(text) <= width else text[: width - 3] + "..."


def format_value(value: Any, *, width: int = 20) -> str:
    """A param or metric for a table cell.

    Floats get 5 significant digits (all the digits of their integer part when it is
    longer); strings are cut to ``width``; lists and objects are JSON.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return str(value)
        digits = max(5, len(str(int(abs(value)))))
        return f"{value:.{digits}g}"
    if isinstance(value, (list, dict)):
        return shorten(json.dumps(value), width)
    return shorten(str(value), width)


def value_formatter() -> Callable[[Any], str]:
    """:func:`format_value` that remembers what it gave for each string, integer, boolean
    and non-zero float, for the thousands of cells of a listing that repeat a few values.

    (``0.0`` and ``-0.0`` are equal keys that print differently; other types may have
    equal values that print differently too, so they are formatted each time.)
    """
    cache: dict[tuple[type, Any], str] = {}

    def formatted(value: Any) -> str:
        if value is None:
            return ""
        kind = value.__class__
        if kind not in _CACHED or (kind is float and not value):
            return format_value(value)
        key = (kind, value)
        text = cache.get(key)
        if text is None:
            text = cache[key] = format_value(value)
        return text

    return formatted


_CACHED = (str, int, float, bool)


def flatten(values: Mapping[str, Any]) -> Mapping[str, Any]:
    """Nested objects as dotted names, for a column each: ``{"optimizer": {"lr": 0.1}}``
    gives ``{"optimizer.lr": 0.1}``. Lists and empty objects stay values (shown as JSON).
    ``values`` itself is returned when nothing in it is nested.
    """
    if not any(isinstance(value, dict) for value in values.values()):
        return values
    flat: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, dict) and value:
            nested = cast("dict[str, Any]", value)
            flat.update((f"{name}.{key}", item) for key, item in flatten(nested).items())
        else:
            flat[name] = value
    return flat


def checkpoint_label(checkpoint: Checkpoint) -> str:
    """``abc1234 (step 9)``, or just the short id when it has no step."""
    if checkpoint.step is None:
        return checkpoint.short_id
    return f"{checkpoint.short_id} (step {checkpoint.step})"


def status(experiment: Experiment) -> str:
    """``running``, or ``stopped`` and how it ended where that is recorded:
    ``stopped (finished)``, ``stopped (failed)``, ``stopped (killed)``, ``stopped (lost)``
    (its heartbeat stopped). Keepsake's experiments recorded no end: plain ``stopped``."""
    state = experiment.status
    reason = experiment.exit_reason if state != "running" else None
    return f"{state} ({reason})" if reason else state


def json_row(experiment: Experiment) -> dict[str, Any]:
    """An experiment as ``ls --json`` prints it: Keepsake's row, plus status, exit and tags."""
    from ..experiments._timefmt import format_time
    from ..experiments._values import encode_mapping

    latest, best = experiment.latest(), experiment.best()
    latest_json = latest.to_json() if latest is not None else None
    # Mostly the same checkpoint (the summary gives one object for both): encoded once.
    best_json = latest_json if best is latest else best.to_json() if best is not None else None
    # Not experiment.to_json(): that encodes every checkpoint again, for two fields.
    return {
        "id": experiment.id,
        "created": format_time(experiment.created),
        "params": encode_mapping(experiment.params),
        "command": experiment.command,
        "num_checkpoints": experiment.num_checkpoints,  # from the summary: none parsed
        "latest_checkpoint": latest_json,
        "best_checkpoint": best_json,
        "user": experiment.user,
        "host": experiment.host,
        "running": experiment.status == "running",
        "status": experiment.status,
        "exit": experiment.exit_reason,
        "tags": experiment.tags,
    }
