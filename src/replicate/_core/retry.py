"""When to send a request again, and how long to wait first.

Plain decisions, no I/O: the transport asks ``should_retry_*`` after each failed
attempt and sleeps ``retry_delay()`` seconds before the next one.

A request is *replay-safe* when sending it twice does no harm. Reads and the other
idempotent methods are; a POST is not (it may create a second prediction), unless it
carries an ``Idempotency-Key`` header. A request that is not replay-safe is sent again
only when the first attempt provably never reached the server (the connection could
not be opened) or the server said it did not process it (429, or 503 with Retry-After).
"""

from __future__ import annotations

import email.utils
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx
from typing_extensions import Literal

__all__ = [
    "REPLAY_SAFE_METHODS",
    "Backoff",
    "FailureKind",
    "classify_failure",
    "is_replay_safe",
    "parse_retry_after",
    "retry_delay",
    "should_retry_failure",
    "should_retry_status",
]

REPLAY_SAFE_METHODS = frozenset(
    {"GET", "HEAD", "OPTIONS", "TRACE", "DELETE", "PUT", "PATCH", "QUERY"}
)

FailureKind = Literal["connect", "timeout", "disconnect", "fatal"]
"""How an attempt failed without an HTTP answer.

- ``connect``: no connection was made, so the request was never sent;
- ``timeout``: sent, but no answer in time — the server may be working on it;
- ``disconnect``: the connection broke mid-exchange — the server may have processed it;
- ``fatal``: a mistake that sending again cannot fix (for example an unsupported URL scheme).
"""

# 501 and 505 say the server will never support the request: sending it again cannot help.
_PERMANENT_SERVER_ERRORS = frozenset({501, 505})


@dataclass(frozen=True)
class Backoff:
    """Waiting times between attempts, in seconds.

    Attempt ``n`` (0-based) waits ``initial * 2**n``, at most ``maximum``, shortened by up to
    ``jitter`` (a fraction) at random so that many clients do not retry in lockstep. A
    server's ``Retry-After`` replaces that delay, but never beyond ``retry_after_cap``.
    """

    initial: float = 0.5
    maximum: float = 8.0
    jitter: float = 0.25
    retry_after_cap: float = 60.0


def is_replay_safe(method: str, *, creates: bool = False, idempotency_key: bool = False) -> bool:
    """Whether sending this request twice is harmless."""
    if idempotency_key:
        return True
    if creates:
        return False
    return method.upper() in REPLAY_SAFE_METHODS


def classify_failure(error: Exception) -> FailureKind:
    """Which kind of failure an httpx exception reports (see ``FailureKind``)."""
    if isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return "connect"
    if isinstance(error, httpx.TimeoutException):
        return "timeout"
    if isinstance(error, (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError)):
        return "disconnect"
    return "fatal"


def should_retry_failure(kind: FailureKind, *, replay_safe: bool) -> bool:
    """Whether an attempt that got no answer should be sent again."""
    if kind == "connect":
        return True
    if kind == "fatal":
        return False
    return replay_safe


def should_retry_status(status_code: int, headers: Mapping[str, str], *, replay_safe: bool) -> bool:
    """Whether an attempt answered with ``status_code`` should be sent again."""
    if status_code == 429:
        return True
    if replay_safe:
        return status_code == 408 or (
            status_code >= 500 and status_code not in _PERMANENT_SERVER_ERRORS
        )
    # Only a 503 that names a time to come back is a promise that nothing was processed.
    return status_code == 503 and _has_retry_after(headers)


def parse_retry_after(headers: Mapping[str, str], *, now: float) -> float | None:
    """Seconds the server asked us to wait, from ``retry-after-ms`` or ``Retry-After``.

    ``Retry-After`` may be a number of seconds or an HTTP date; ``now`` is the current
    Unix time, used for the date form. Unreadable values give ``None``; a date in the
    past gives ``0``.
    """
    milliseconds = _parse_seconds(_header(headers, "retry-after-ms"))
    if milliseconds is not None:
        return milliseconds / 1000
    value = _header(headers, "retry-after")
    if value is None:
        return None
    seconds = _parse_seconds(value)
    if seconds is not None:
        return seconds
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


def retry_delay(
    attempt: int,
    *,
    retry_after: float | None,
    backoff: Backoff,
    random: Callable[[], float],
) -> float:
    """Seconds to wait before retry number ``attempt + 1``; ``random()`` returns [0, 1)."""
    if retry_after is not None:
        return min(retry_after, backoff.retry_after_cap)
    base = min(backoff.initial * (2.0 ** min(attempt, 32)), backoff.maximum)
    return base * (1 - backoff.jitter * random())


def _has_retry_after(headers: Mapping[str, str]) -> bool:
    return (
        _header(headers, "retry-after") is not None
        or _header(headers, "retry-after-ms") is not None
    )


def _header(headers: Mapping[str, str], name: str) -> str | None:
    # httpx.Headers is case-insensitive already; plain dicts in tests may not be.
    value = headers.get(name)
    if value is None:
        for key, candidate in headers.items():
            if key.lower() == name:
                return candidate
    return value


def _parse_seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    if math.isnan(seconds) or math.isinf(seconds):
        return None
    return max(0.0, seconds)
