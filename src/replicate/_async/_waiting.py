"""Waiting for a prediction or training to finish: polls that back off, under a deadline.

The decisions (how long between polls, when the deadline runs out) are the plain
functions of ``replicate._core.polling``; this module only sleeps and fetches.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Optional, Protocol, TypeVar

from .. import _primitives, _timing
from .._core.polling import Deadline, PollPolicy, poll_delays
from .._run_errors import PredictionTimeoutError

if TYPE_CHECKING:
    from ._base_client import AsyncBaseClient

__all__ = [
    "FINAL_STATUSES",
    "AsyncWaitable",
    "is_final",
    "poll_policy",
    "start_deadline",
    "wait_until_final",
]

FINAL_STATUSES = frozenset({"succeeded", "failed", "canceled", "aborted"})
"""Statuses after which a prediction or training never changes again."""


class AsyncWaitable(Protocol):
    """A prediction or training: a ``status``, and ``reload``/``cancel`` that update it."""

    @property
    def status(self) -> object:
        """``starting``, ``processing``, ``succeeded``, ``failed``, ``canceled``, ..."""
        ...

    async def reload(self) -> None:
        """Fetch the current state into this object."""
        ...

    async def cancel(self) -> None:
        """Cancel on the server; this object shows the answer."""
        ...


_T = TypeVar("_T", bound=AsyncWaitable)


def is_final(status: object) -> bool:
    """Whether ``status`` is one a prediction or training ends in."""
    return status in FINAL_STATUSES


def poll_policy(client: Optional[AsyncBaseClient]) -> PollPolicy:
    """How ``client`` polls: at its ``poll_interval`` when set, else backing off.

    Without a client, ``REPLICATE_POLL_INTERVAL`` decides, as for a client without one.
    """
    if client is None:
        return PollPolicy.from_env()
    return PollPolicy(fixed=client.poll_interval)


def start_deadline(timeout: Optional[float]) -> Deadline:
    """The deadline ``timeout`` seconds from now (``None``: no deadline).

    Raises:
        ValueError: ``timeout`` is not a positive number.
    """
    return Deadline.after(timeout, now=_timing.monotonic())


async def wait_until_final(
    current: _T,
    *,
    deadline: Deadline,
    timeout: Optional[float] = None,
    on_update: Optional[Callable[[_T], object]] = None,
    policy: Optional[PollPolicy] = None,
) -> None:
    """Reload ``current`` until it reaches a final status (it is updated in place).

    Polls back off from a quarter second to two seconds (or wait exactly ``policy``'s
    fixed interval: the client's ``poll_interval``, ``REPLICATE_POLL_INTERVAL``). When ``deadline`` passes
    first, the object is canceled on the server and :class:`PredictionTimeoutError`
    raised, carrying it.
    """
    delays = poll_delays(policy if policy is not None else PollPolicy.from_env())
    while not is_final(current.status):
        now = _timing.monotonic()
        if deadline.expired(now=now):
            await current.cancel()
            raise PredictionTimeoutError(current, timeout)
        await _primitives.async_sleep(deadline.clamp(next(delays), now=now))
        await current.reload()
        if on_update is not None:
            on_update(current)
