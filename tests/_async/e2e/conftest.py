"""Fixtures for end-to-end tests: an in-memory emulator and a client wired to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from replicate import AsyncReplicate
from replicate.testing import DEFAULT_TOKEN, Emulator


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture(autouse=True)
def fast_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Poll predictions every 10 ms, so tests of waiting finish quickly."""
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL", "0.01")


def emulator_client(
    emulator: Emulator, transport: httpx.AsyncBaseTransport | None = None
) -> AsyncReplicate:
    """A client talking to ``emulator`` in-process (or through ``transport``)."""
    return AsyncReplicate(
        bearer_token=DEFAULT_TOKEN,
        base_url=emulator.base_url,
        http_client=httpx.AsyncClient(transport=transport or emulator.async_transport()),
        max_retries=0,
    )


@pytest.fixture
async def client(emulator: Emulator) -> AsyncIterator[AsyncReplicate]:
    async with emulator_client(emulator) as client:
        yield client
