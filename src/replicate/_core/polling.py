"""When to poll a prediction, and for how long, while waiting for it to finish.

``run()`` first asks the API to hold the create request open (``Prefer: wait``);
a prediction still running after that is polled. Polls start quickly, since
many predictions finish soon after the hold, and slow down to a cap, so
long jobs do not spend the rate limit.

``REPLICATE_POLL_INTERVAL`` (seconds), when set, makes every poll wait exactly
that long, without backoff. That is what the variable meant in the 1.x client
(a fixed ``poll_interval``), and people set it to pin the request rate, so a
fixed interval honours it where a mere floor would not.

Time is always passed in (``now``), so these functions need no clock.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Iterator, Mapping, Optional, Union, cast

from .._exceptions import ArgumentTypeError, InvalidArgumentError
from .._types import NOT_GIVEN, NotGiven

__all__ = [
    "MAX_PREFER_WAIT",
    "POLL_INTERVAL_ENV",
    "Deadline",
    "PollPolicy",
    "poll_delays",
    "poll_interval_from_env",
    "prefer_header",
    "prefer_wait_header",
]

POLL_INTERVAL_ENV = "REPLICATE_POLL_INTERVAL"
MAX_PREFER_WAIT = 60
"""The longest hold, in seconds, the API grants for ``Prefer: wait=n``."""


@dataclass(frozen=True)
class PollPolicy:
    """Delays between polls: ``initial``, times ``factor`` each poll, at most ``maximum``.

    With ``fixed`` set, every delay is ``fixed`` instead.
    """

    initial: float = 0.25
    factor: float = 1.5
    maximum: float = 2.0
    fixed: Optional[float] = None

    def __post_init__(self) -> None:
        if not (self.initial > 0 and self.maximum >= self.initial and self.factor >= 1):
            raise InvalidArgumentError(
                "a poll policy needs 0 < initial <= maximum and factor >= 1; got "
                f"initial={self.initial}, maximum={self.maximum}, factor={self.factor}"
            )
        if self.fixed is not None and not self.fixed > 0:
            raise InvalidArgumentError(f"a fixed poll interval must be positive; got {self.fixed}")

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None) -> PollPolicy:
        """The default policy, or a fixed interval if ``REPLICATE_POLL_INTERVAL`` is set."""
        return cls(fixed=poll_interval_from_env(environ))


def poll_interval_from_env(environ: Optional[Mapping[str, str]] = None) -> Optional[float]:
    """``REPLICATE_POLL_INTERVAL`` as seconds; ``None`` when unset or empty.

    Raises:
        ValueError: the value is not a positive, finite number of seconds.
    """
    raw = (os.environ if environ is None else environ).get(POLL_INTERVAL_ENV, "").strip()
    if not raw:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise InvalidArgumentError(
            f"{POLL_INTERVAL_ENV} must be a positive number of seconds, like 0.5; got {raw!r}"
        )
    return seconds


def poll_delays(policy: PollPolicy = PollPolicy()) -> Iterator[float]:
    """The delay before each poll, forever: growing to the cap, or fixed.

    Example::

        >>> from itertools import islice
        >>> list(islice(poll_delays(), 7))
        [0.25, 0.375, 0.5625, 0.84375, 1.265625, 1.8984375, 2.0]
        >>> list(islice(poll_delays(PollPolicy(fixed=1.0)), 3))
        [1.0, 1.0, 1.0]
    """
    if policy.fixed is not None:
        while True:
            yield policy.fixed
    delay = policy.initial
    while True:
        yield delay
        delay = min(delay * policy.factor, policy.maximum)


@dataclass(frozen=True)
class Deadline:
    """The moment a ``timeout=`` runs out, on a monotonic clock; ``at=None`` never does.

    Example::

        >>> deadline = Deadline.after(10.0, now=100.0)
        >>> deadline.remaining(now=104.0)
        6.0
        >>> deadline.clamp(2.0, now=109.5)
        0.5
    """

    at: Optional[float]

    @classmethod
    def after(cls, timeout: Optional[float], *, now: float) -> Deadline:
        """The deadline ``timeout`` seconds after ``now``; ``None`` means no deadline.

        Raises:
            ArgumentTypeError: ``timeout`` is not a number (a ``TypeError``).
            InvalidArgumentError: ``timeout`` is zero, negative or NaN (a ``ValueError``).
        """
        if timeout is None:
            return cls(at=None)
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise ArgumentTypeError(
                f"timeout must be a number of seconds or None; got {type(timeout).__name__} "
                f"{timeout!r}"
            )
        if not timeout > 0:  # also false for NaN
            raise InvalidArgumentError(
                f"timeout must be a positive number of seconds or None; got {timeout!r}"
            )
        return cls(at=now + timeout)

    def remaining(self, *, now: float) -> Optional[float]:
        """Seconds left (never negative), or ``None`` without a deadline."""
        if self.at is None:
            return None
        return max(self.at - now, 0.0)

    def expired(self, *, now: float) -> bool:
        """Whether the deadline has passed."""
        return self.at is not None and now >= self.at

    def clamp(self, delay: float, *, now: float) -> float:
        """``delay`` shortened so that it ends no later than the deadline."""
        left = self.remaining(now=now)
        return delay if left is None else min(delay, left)


def prefer_wait_header(
    wait: Union[bool, float], *, remaining: Optional[float] = None
) -> Optional[str]:
    """The ``Prefer`` header value asking the API to hold the create request.

    ``wait=True`` asks for the longest hold, ``False`` for none, a number for
    that many seconds (1 to 60). The hold never outlasts ``remaining``, the
    time left before the caller's deadline.

    Raises:
        TypeError: ``wait`` is neither a boolean nor a number.
        ValueError: ``wait`` is a number outside 1..60.

    Example::

        >>> prefer_wait_header(True)
        'wait'
        >>> prefer_wait_header(30)
        'wait=30'
        >>> prefer_wait_header(True, remaining=4.2)
        'wait=5'
    """
    given = cast(object, wait)  # checked at run time: callers may not be type-checked
    if not isinstance(given, (bool, int, float)):
        raise ArgumentTypeError(
            f"wait must be True, False or a number of seconds from 1 to 60, got {wait!r}"
        )
    if wait is False:
        return None
    if wait is True:
        seconds = MAX_PREFER_WAIT
    else:
        if not (1 <= wait <= MAX_PREFER_WAIT):
            raise InvalidArgumentError(
                f"wait must be True, False or a number of seconds from 1 to {MAX_PREFER_WAIT}; "
                f"got {wait!r}"
            )
        seconds = math.ceil(wait)
    if remaining is not None:
        seconds = max(1, min(seconds, math.ceil(remaining)))
    elif wait is True:
        return "wait"
    return f"wait={seconds}"


def prefer_header(
    wait: Union[bool, float, NotGiven], prefer: Union[str, NotGiven]
) -> Union[str, NotGiven]:
    """The ``Prefer`` header of a create request, from 1.x's ``wait=`` or 2.x's ``prefer=``.

    ``wait`` is as for :func:`prefer_wait_header`; ``prefer`` is the header value as
    given. Neither given: no header.

    Raises:
        ValueError: both are given, or ``wait`` is a number outside 1..60.

    Example::

        >>> prefer_header(True, NOT_GIVEN)
        'wait'
        >>> prefer_header(NOT_GIVEN, "wait=5")
        'wait=5'
    """
    if isinstance(wait, NotGiven):
        return prefer
    if not isinstance(prefer, NotGiven):
        raise InvalidArgumentError("Pass wait= or prefer=, not both")
    header = prefer_wait_header(wait)
    return NOT_GIVEN if header is None else header
