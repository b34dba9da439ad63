"""Fixtures: an emulator on a manual clock, and raw httpx clients reaching it three ways."""

from __future__ import annotations

from typing import AsyncIterator, Iterator

import httpx
import pytest

from replicate.testing import DEFAULT_TOKEN, Emulator, ManualClock

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def emulator(clock: ManualClock) -> Iterator[Emulator]:
    with Emulator(clock=clock, page_size=2) as instance:
        yield instance


@pytest.fixture
def client(emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=emulator.base_url, transport=emulator.transport(), headers=AUTH
    ) as c:
        yield c


@pytest.fixture
async def aclient(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=emulator.base_url, transport=emulator.async_transport(), headers=AUTH
    ) as c:
        yield c


@pytest.fixture
def served(emulator: Emulator) -> Iterator[httpx.Client]:
    with emulator.serve() as server, httpx.Client(base_url=server.base_url, headers=AUTH) as c:
        yield c
