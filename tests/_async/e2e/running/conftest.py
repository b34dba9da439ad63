"""An emulator on a sped-up clock, with the client's sleeps and deadlines on the same clock.

A prediction that takes 100 simulated seconds finishes in a tenth of a real second,
and the client's polls, hold and ``timeout=`` are measured in the same simulated time.
These fixtures replace the parent conftest's ``emulator`` and ``client`` here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from replicate import AsyncReplicate, _primitives, _timing
from replicate.testing import Emulator, SystemClock

from ..conftest import emulator_client

SPEED = 1000.0
"""Simulated seconds per real second."""


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    """An emulator on a clock ``SPEED`` times faster than real time, shared with the client."""
    clock = SystemClock(speed=SPEED)
    real_sleep = _primitives.async_sleep

    async def simulated_sleep(seconds: float) -> None:
        await real_sleep(seconds / SPEED)

    monkeypatch.setattr(_primitives, "async_sleep", simulated_sleep)
    monkeypatch.setattr(_timing, "monotonic", clock.now)
    # Waiting is tested with the SDK's own backoff, not the conftest's fixed interval.
    monkeypatch.delenv("REPLICATE_POLL_INTERVAL", raising=False)
    with Emulator(clock=clock) as emulator:
        yield emulator


@pytest.fixture
async def client(emulator: Emulator) -> AsyncIterator[AsyncReplicate]:
    """A client of the sped-up emulator.

    The emulator measures a request's read timeout on its own clock, so the default
    60 s would be 60 ms of real time here: the client waits as long as it would in real
    time instead.
    """
    async with emulator_client(emulator) as client:
        yield client.with_options(timeout=httpx.Timeout(60.0 * SPEED, connect=5.0))
