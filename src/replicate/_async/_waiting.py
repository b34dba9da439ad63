"""Waiting for a prediction or training: the one place ``run``, ``use``, ``wait`` and
``output_iterator`` wait.

A prediction with a stream URL is followed on its event stream until ``done`` (one
open request, told of the end at once; ``logs`` events drive ``progress``); without
one, or when the stream keeps failing, it is polled with backoff. Everything waits
under a deadline: when it passes the prediction is canceled and
:class:`PredictionTimeoutError` raised. An interrupt (Ctrl-C, task cancellation)
while waiting for a prediction that was created for the caller cancels it on the
server before the interrupt goes on. The decisions (delays, deadlines) are the plain
functions of ``replicate._core.polling``; this module sleeps and fetches.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, Literal, Optional, Protocol, TypeVar

from .. import _primitives, _timing
from .._core.polling import Deadline, PollPolicy, poll_delays
from .._core.progress import Progress, parse_progress
from .._exceptions import APIConnectionError, APIResponseValidationError, APIStatusError, ModelError
from .._logs import logger
from .._run_errors import PredictionTimeoutError

if TYPE_CHECKING:
    from ._base_client import AsyncBaseClient

__all__ = [
    "CANCEL_ON_INTERRUPT_SECONDS",
    "FINAL_STATUSES",
    "PROGRESS_POLL_MAXIMUM",
    "AsyncWaitable",
    "ProgressCallback",
    "cancel_on_interrupt",
    "is_final",
    "iter_output_items",
    "poll_policy",
    "start_deadline",
    "stream_url",
    "wait_for",
    "wait_until_final",
]

FINAL_STATUSES = frozenset({"succeeded", "failed", "canceled", "aborted"})
"""Statuses after which a prediction or training never changes again."""

PROGRESS_POLL_MAXIMUM = 1.0
"""The longest delay between polls of a prediction whose progress is reported, in seconds."""

CANCEL_ON_INTERRUPT_SECONDS = 2.0
"""How long an interrupted wait tries to cancel its prediction before giving up."""

ProgressCallback = Callable[[Progress], object]


class AsyncWaitable(Protocol):
    """A prediction or training: a ``status``, and ``reload``/``cancel`` that update it."""

    @property
    def id(self) -> Any:
        """Its id."""
        ...

    @property
    def status(self) -> object:
        """``starting``, ``processing``, ``succeeded``, ``failed``, ``canceled``, ..."""
        ...

    @property
    def logs(self) -> Optional[str]:
        """Its logs so far."""
        ...

    @property
    def output(self) -> Any:
        """Its output so far."""
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


def _client_of(obj: object) -> Optional[AsyncBaseClient]:
    client: Optional[AsyncBaseClient] = getattr(obj, "_client", None)
    return client


def stream_url(obj: object) -> Optional[str]:
    """The stream URL of a prediction, or ``None`` when it has none.

    Leniently parsed answers may lack ``urls`` or hold something else there.
    """
    url: object = getattr(getattr(obj, "urls", None), "stream", None)
    return url if isinstance(url, str) and url else None


async def wait_for(
    obj: AsyncWaitable,
    *,
    deadline: Deadline,
    timeout: Optional[float] = None,
    progress: Optional[ProgressCallback] = None,
    follow_stream: bool = True,
) -> None:
    """Wait until ``obj`` reaches a final status, updating it in place.

    Follows its event stream when it has a stream URL and ``follow_stream`` (``progress``
    is then called as ``logs`` events arrive), then polls with backoff until it is final
    (with ``progress``, at most :data:`PROGRESS_POLL_MAXIMUM` apart).
    ``deadline`` may have started before this call (``run`` starts it before creating
    the prediction); ``timeout`` is only reported in the error.

    Raises:
        PredictionTimeoutError: ``deadline`` passed; ``obj`` was canceled on the server.
    """
    report = _progress_reporter(progress)
    report(obj.logs)
    if follow_stream and not is_final(obj.status):
        await _wait_on_stream(obj, deadline=deadline, report=report)
    policy = poll_policy(_client_of(obj))
    if progress is not None and policy.fixed is None:
        # Progress is read at each poll: back off no further than a second.
        policy = dataclasses.replace(policy, maximum=PROGRESS_POLL_MAXIMUM)
    await wait_until_final(
        obj,
        deadline=deadline,
        timeout=timeout,
        on_update=lambda current: report(current.logs),
        policy=policy,
    )


async def _wait_on_stream(
    obj: AsyncWaitable, *, deadline: Deadline, report: Callable[[Optional[str]], None]
) -> None:
    """Follow ``obj``'s event stream until ``done``, then fetch its final state.

    Without a stream URL, or when the stream keeps failing, this returns without
    waiting and the caller polls; it also returns, unchanged, when ``deadline`` passes.
    """
    from ._stream import iter_events

    client, url = _client_of(obj), stream_url(obj)
    if client is None or url is None:
        return
    logs = obj.logs or ""
    try:
        async for event in iter_events(client, url, deadline=deadline):
            if event.event in ("done", "error"):
                break
            if event.event == "logs":
                logs += event.data + "\n"
                report(logs)
        else:
            return  # the deadline passed
    except (APIConnectionError, APIResponseValidationError, APIStatusError):
        return  # no usable stream: poll instead
    await obj.reload()


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
    fixed interval: the client's ``poll_interval``, ``REPLICATE_POLL_INTERVAL``). When
    ``deadline`` passes first, the object is canceled on the server and
    :class:`PredictionTimeoutError` raised, carrying it.
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


async def iter_output_items(
    current: AsyncWaitable, *, policy: Optional[PollPolicy] = None
) -> AsyncIterator[Any]:
    """The items of ``current``'s output as they appear, each once, until it is final.

    A list output yields its items; any other output, once there, is one item.

    Raises:
        ModelError: the prediction failed.
    """
    delays = poll_delays(policy if policy is not None else poll_policy(_client_of(current)))
    seen = 0
    while True:
        items = _output_items(current.output)
        for item in items[seen:]:
            yield item
        seen = max(seen, len(items))
        if is_final(current.status):
            break
        await _primitives.async_sleep(next(delays))
        await current.reload()
    if current.status == "failed":
        raise ModelError(current)  # pyright: ignore[reportArgumentType]


def _output_items(output: object) -> list[Any]:
    if output is None:
        return []
    if isinstance(output, list):
        return list(output)  # pyright: ignore[reportUnknownArgumentType]
    return [output]


def _progress_reporter(callback: Optional[ProgressCallback]) -> Callable[[Optional[str]], None]:
    """A function to call with the logs so far; calls ``callback`` when the progress moved."""
    last: list[Optional[Progress]] = [None]

    def report(logs: Optional[str]) -> None:
        if callback is None:
            return
        progress = parse_progress(logs)
        if progress is not None and progress != last[0]:
            last[0] = progress
            callback(progress)

    return report


class cancel_on_interrupt:
    """On an interrupt inside the block, cancel ``current`` on the server, then re-raise.

    An interrupt is ``KeyboardInterrupt`` (Ctrl-C) or the cancellation of the task.
    The cancel is best effort: it gets :data:`CANCEL_ON_INTERRUPT_SECONDS`, no
    retries, and its own failure is logged, never raised in place of the interrupt.
    """

    def __init__(self, current: AsyncWaitable) -> None:
        self._current = current

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, kind: Optional[type[BaseException]], *_: object) -> Literal[False]:
        if (
            kind is None
            or not _primitives.AsyncInterrupts.caught(kind)
            or is_final(self._current.status)
        ):
            return False
        current = self._current
        with _primitives.AsyncInterrupts.cleanup_scope(CANCEL_ON_INTERRUPT_SECONDS):
            try:
                await _cancel_quickly(current)
            except Exception as error:
                logger.warning("Could not cancel %s after the interrupt: %s", current.id, error)
            else:
                logger.info("Canceled %s after the interrupt", current.id)
        return False


async def _cancel_quickly(current: AsyncWaitable) -> None:
    """``current.cancel()`` through a copy of its client without retries and a short timeout."""
    client = _client_of(current)
    if client is None:
        await current.cancel()
        return
    from .resources.predictions import AsyncPredictionsResource

    quick = client.with_options(max_retries=0, timeout=CANCEL_ON_INTERRUPT_SECONDS)
    await AsyncPredictionsResource(quick).cancel(current.id)
