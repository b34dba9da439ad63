"""Clocks that drive the emulator's notion of time.

Every timestamp, lifecycle step, ``Prefer: wait`` hold and ``Cancel-After`` deadline is
measured on one clock, so tests can run the emulator in real time, sped up, or stepped
by hand.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
import weakref
from typing import Protocol

__all__ = ["Clock", "ManualClock", "SystemClock"]


class Clock(Protocol):
    """What the emulator needs from a clock: the current time and a way to wait for one."""

    def now(self) -> float:
        """Seconds since the Unix epoch, as seen by the emulator."""
        ...

    async def sleep_until(self, deadline: float) -> None:
        """Return once ``now()`` has reached ``deadline``."""
        ...


class SystemClock:
    """Wall-clock time, optionally sped up.

    ``SystemClock(speed=100)`` makes a model that takes 10 simulated seconds finish in
    0.1 real seconds, while timestamps still show the 10 seconds. The read timeout of a
    request through the in-process transports runs on this clock too: at speed 100 a
    client's 60 s read timeout lasts 0.6 real seconds.
    """

    def __init__(self, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be positive, got {speed!r}")
        self.speed = speed
        self._origin_wall = time.time()
        self._origin_monotonic = time.monotonic()

    def now(self) -> float:
        """Simulated seconds since the Unix epoch."""
        elapsed = time.monotonic() - self._origin_monotonic
        return self._origin_wall + elapsed * self.speed

    async def sleep_until(self, deadline: float) -> None:
        """Sleep, in real time, for the simulated time left until ``deadline``."""
        remaining = deadline - self.now()
        if remaining > 0:
            await asyncio.sleep(remaining / self.speed)


class _Sleeper:
    __slots__ = ("deadline", "future", "task")

    def __init__(
        self, deadline: float, future: asyncio.Future[None], task: asyncio.Task[object] | None
    ) -> None:
        self.deadline = deadline
        self.future = future
        self.task = task


class ManualClock:
    """A clock that only moves when told to, for exact and instant tests.

    ``advance(seconds)`` moves time forward step by step through every pending wake-up,
    and returns once the emulator has caught up (each woken task is waiting again or has
    finished, and what they set off has run), so a request made right after sees the new
    state. A request's read timeout through the in-process transports runs out only when
    the clock is advanced past it.

    Example::

        clock = ManualClock()
        emulator = Emulator(clock=clock)
        ...  # create a prediction on the slow model
        clock.advance(5)  # five simulated seconds later
    """

    def __init__(self, start: float = 1_700_000_000.0, *, settle_timeout: float = 2.0) -> None:
        self._now = start
        self._settle_timeout = settle_timeout
        self._lock = threading.Condition()
        self._sleepers: list[_Sleeper] = []
        self._awake: set[asyncio.Task[object]] = set()
        self._watched: weakref.WeakSet[asyncio.Task[object]] = weakref.WeakSet()

    def now(self) -> float:
        """The current simulated time."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds``, waking every sleeper due on the way, in order."""
        if seconds < 0:
            raise ValueError(f"cannot move a clock backwards (got {seconds!r})")
        target = self._now + seconds
        while True:
            with self._lock:
                due = [s for s in self._sleepers if s.deadline <= target]
                if not due:
                    self._now = target
                    return
                step = min(s.deadline for s in due)
                self._now = max(self._now, step)
                woken = [s for s in self._sleepers if s.deadline <= self._now]
                self._sleepers = [s for s in self._sleepers if s.deadline > self._now]
                for sleeper in woken:
                    if sleeper.task is not None:
                        self._awake.add(sleeper.task)
            for sleeper in woken:
                sleeper.future.get_loop().call_soon_threadsafe(_resolve, sleeper.future)
            self._wait_until_settled(woken)

    def _wait_until_settled(self, woken: list[_Sleeper]) -> None:
        loops = {s.future.get_loop() for s in woken}
        if any(_running_in(loop) for loop in loops):
            return  # advancing from inside the emulator: waiting here would deadlock
        deadline = time.monotonic() + self._settle_timeout
        with self._lock:
            while self._awake:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self._awake.clear()
                    return
                self._lock.wait(remaining)
        # What the woken tasks set off (a response finishing, a timer being cancelled)
        # happens at this instant too: let each loop run it before time moves on.
        for loop in loops:
            if loop.is_closed():
                continue
            settle = asyncio.run_coroutine_threadsafe(_run_ready_callbacks(), loop)
            try:
                settle.result(max(0.0, deadline - time.monotonic()))
            except (TimeoutError, concurrent.futures.TimeoutError, RuntimeError):
                settle.cancel()

    async def sleep_until(self, deadline: float) -> None:
        """Wait until ``advance`` has brought the clock to ``deadline``."""
        task: asyncio.Task[object] | None = asyncio.current_task()
        with self._lock:
            self._mark_settled(task)
            if deadline <= self._now:
                return
            future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            sleeper = _Sleeper(deadline, future, task)
            self._sleepers.append(sleeper)
            if task is not None and task not in self._watched:
                self._watched.add(task)
                task.add_done_callback(self._on_task_done)
        try:
            await future
        finally:
            with self._lock:
                if sleeper in self._sleepers:
                    self._sleepers.remove(sleeper)

    def _mark_settled(self, task: asyncio.Task[object] | None) -> None:
        if task is not None and task in self._awake:
            self._awake.discard(task)
            self._lock.notify_all()

    def _on_task_done(self, task: asyncio.Task[object]) -> None:
        with self._lock:
            self._mark_settled(task)


_SETTLE_ROUNDS = 20


async def _run_ready_callbacks() -> None:
    """Yield to the loop a few rounds, so chains of ready callbacks run to their end."""
    for _ in range(_SETTLE_ROUNDS):
        await asyncio.sleep(0)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _running_in(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False
