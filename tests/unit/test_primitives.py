"""The hand-written async/sync pairs (replicate._primitives)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator

import anyio

from replicate._core.sse import ServerSentEvent
from replicate._primitives import (
    AsyncEager,
    AsyncInterrupts,
    Eager,
    Interrupts,
    async_sleep,
    sleep,
)


def test_sleep_blocks_for_about_the_time_asked() -> None:
    started = time.monotonic()
    sleep(0.01)
    assert time.monotonic() - started >= 0.01


async def test_async_sleep_waits_for_about_the_time_asked() -> None:
    started = time.monotonic()
    await async_sleep(0.01)
    assert time.monotonic() - started >= 0.009


def test_sync_interrupts_are_ctrl_c() -> None:
    assert Interrupts.caught(KeyboardInterrupt)
    assert not Interrupts.caught(ValueError)
    with Interrupts.cleanup_scope(1.0):
        pass


async def test_async_interrupts_include_cancellation_and_the_cleanup_is_shielded() -> None:
    assert AsyncInterrupts.caught(KeyboardInterrupt)
    assert AsyncInterrupts.caught(anyio.get_cancelled_exc_class())
    assert not AsyncInterrupts.caught(ValueError)
    finished: list[str] = []

    async def cancelled_then_cleans_up() -> None:
        try:
            await anyio.sleep(10)
        finally:
            with AsyncInterrupts.cleanup_scope(1.0):
                await anyio.sleep(0.01)  # would raise at once without the shield
                finished.append("cleanup")

    async with anyio.create_task_group() as group:
        group.start_soon(cancelled_then_cleans_up)
        await anyio.sleep(0.01)
        group.cancel_scope.cancel()
    assert finished == ["cleanup"]


async def test_async_cleanup_scope_gives_up_after_its_seconds() -> None:
    started = time.monotonic()
    with AsyncInterrupts.cleanup_scope(0.05):
        await anyio.sleep(10)
    assert time.monotonic() - started < 5


def test_eager_runs_a_generator_to_its_started_marker_at_once() -> None:
    ran: list[str] = []

    def events() -> Iterator[ServerSentEvent]:
        ran.append("created")
        assert Eager.STARTED is not None
        yield Eager.STARTED
        yield ServerSentEvent(event="output", data="hi")

    started = Eager.start(events())
    assert ran == ["created"]
    assert [event.data for event in started] == ["hi"]


async def test_async_eager_starts_at_the_first_iteration() -> None:
    assert AsyncEager.STARTED is None
    ran: list[str] = []

    async def events() -> AsyncIterator[ServerSentEvent]:
        ran.append("created")
        yield ServerSentEvent(event="output", data="hi")

    started = AsyncEager.start(events())
    assert ran == []
    assert [event.data async for event in started] == ["hi"]
