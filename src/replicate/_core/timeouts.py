"""Timeouts: the defaults, the read timeout a ``Prefer: wait`` hold needs, and the limit
on a whole response."""

from __future__ import annotations

import re
from collections.abc import Mapping

import httpx

__all__ = [
    "DEFAULT_TIMEOUT",
    "HOLD_MARGIN",
    "SERVER_DEFAULT_WAIT",
    "requested_wait",
    "timeout_for_hold",
    "whole_response_limit",
]

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)

# Seconds the API holds a ``Prefer: wait`` request when no number is given.
SERVER_DEFAULT_WAIT = 60.0
# Extra read time beyond the hold: the server answers after the hold ends, not at its end.
HOLD_MARGIN = 10.0

_WAIT = re.compile(r"(?:^|[\s,;])wait(?:\s*=\s*(\d+(?:\.\d+)?))?(?=$|[\s,;])", re.IGNORECASE)


def requested_wait(prefer: str | None) -> float | None:
    """Seconds of hold asked for by a ``Prefer`` header value (``wait=30``), if any."""
    if not prefer:
        return None
    match = _WAIT.search(prefer)
    if match is None:
        return None
    return float(match.group(1)) if match.group(1) else SERVER_DEFAULT_WAIT


def timeout_for_hold(timeout: httpx.Timeout, prefer: str | None) -> httpx.Timeout:
    """``timeout`` with its read limit raised, if needed, so a ``Prefer: wait`` hold fits."""
    wait = requested_wait(prefer)
    if wait is None or timeout.read is None:
        return timeout
    needed = wait + HOLD_MARGIN
    if timeout.read >= needed:
        return timeout
    return httpx.Timeout(
        connect=timeout.connect, read=needed, write=timeout.write, pool=timeout.pool
    )


def whole_response_limit(timeout: Mapping[str, float | None] | None) -> float | None:
    """Seconds a whole non-streaming response may take: the longest of its limits.

    httpx applies each limit per step (a read limit per read), so a server that sends
    a byte a second would never time out; the transport also ends a response that
    has taken longer than this in all (``None``: no limit).

    Example::

        >>> whole_response_limit(httpx.Timeout(2.0).as_dict())
        2.0
        >>> whole_response_limit(httpx.Timeout(60.0, connect=5.0).as_dict())
        60.0
    """
    if not timeout:
        return None
    limits = [value for value in timeout.values() if value is not None]
    return max(limits) if limits else None
