"""Timestamps as stored in experiment metadata: RFC 3339, UTC, ``Z`` suffix."""

from __future__ import annotations

import re
from datetime import datetime, timezone

__all__ = ["format_time", "parse_time", "utc_now"]

# Go wrote nanoseconds; datetime (3.9) takes exactly 3 or 6 fraction digits.
_FRACTION = re.compile(r"\.(\d+)")


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


def format_time(moment: datetime) -> str:
    """``2026-11-30T06:40:00.123456Z``."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: str) -> datetime:
    """Parse an RFC 3339 timestamp (any fraction length, ``Z`` or an offset) as aware UTC.

    Raises:
        ValueError: ``text`` is not a timestamp.
    """
    if len(text) == 27 and text[19] == "." and text[26] == "Z":
        # The form this library writes: the fast path, for listing large repositories.
        return datetime.fromisoformat(text[:26]).replace(tzinfo=timezone.utc)
    text = _FRACTION.sub(lambda match: "." + match.group(1)[:6].ljust(6, "0"), text.strip())
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
