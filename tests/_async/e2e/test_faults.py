"""What the SDK does under each fault the emulator can inject: retry, raise or resume."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from replicate import (
    APIConnectionError,
    APITimeoutError,
    AsyncReplicate,
    InternalServerError,
    RateLimitError,
)
from replicate.testing import (
    DEFAULT_TOKEN,
    HELLO_WORLD_VERSION,
    Cut,
    Delay,
    Drop,
    Emulator,
    Status,
)

from .conftest import emulator_client


@pytest.fixture
async def retrying(emulator: Emulator, sleeps: list[float]) -> AsyncIterator[AsyncReplicate]:
    """The emulator's client, retrying twice; waits are recorded, not slept."""
    async with emulator_client(emulator) as client:
        yield client.with_options(max_retries=2)


async def test_429_with_retry_after_is_waited_out_then_succeeds(
    retrying: AsyncReplicate, emulator: Emulator, sleeps: list[float]
) -> None:
    emulator.faults.add("POST /predictions", Status(429, retry_after=1), times=1)
    prediction = await retrying.predictions.create(version=HELLO_WORLD_VERSION, input={})
    assert prediction.id
    assert sleeps == [1.0]
    assert emulator.requests.count("predictions.create") == 2


async def test_429_with_retry_after_ms_after_the_last_retry_raises(
    retrying: AsyncReplicate, emulator: Emulator, sleeps: list[float]
) -> None:
    emulator.faults.add("account.get", Status(429, retry_after_ms=250), times=None)
    with pytest.raises(RateLimitError):
        await retrying.account.get()
    assert sleeps == [0.25, 0.25]


async def test_5xx_json_is_retried_on_a_read_and_raised_once_on_a_create(
    retrying: AsyncReplicate, emulator: Emulator
) -> None:
    emulator.faults.add("hardware.list", Status(500), times=2)
    assert await retrying.hardware.list()
    emulator.faults.add("POST /predictions", Status(500, processed=True), times=1)
    with pytest.raises(InternalServerError) as raised:
        await retrying.predictions.create(version=HELLO_WORLD_VERSION, input={})
    assert raised.value.title == "Injected fault"
    assert emulator.requests.count("predictions.create") == 1
    assert len(emulator.prediction_ids()) == 1  # processed once, never duplicated


async def test_5xx_html_page_becomes_a_status_error(
    retrying: AsyncReplicate, emulator: Emulator
) -> None:
    emulator.faults.add("account.get", Status(502, html=True), times=None)
    with pytest.raises(InternalServerError) as raised:
        await retrying.account.get()
    assert raised.value.status_code == 502
    assert "<html>" not in str(raised.value)


async def test_dropped_connection_is_retried_on_a_read_not_on_a_create(
    retrying: AsyncReplicate, emulator: Emulator
) -> None:
    emulator.faults.add("account.get", Drop(), times=1)
    assert (await retrying.account.get()).username
    emulator.faults.add("POST /predictions", Drop(processed=True), times=1)
    with pytest.raises(APIConnectionError):
        await retrying.predictions.create(version=HELLO_WORLD_VERSION, input={})
    assert emulator.requests.count("predictions.create") == 1


async def test_response_cut_midway_is_retried_on_a_read(
    retrying: AsyncReplicate, emulator: Emulator
) -> None:
    emulator.faults.add("hardware.list", Cut(after_bytes=10), times=1)
    assert await retrying.hardware.list()
    assert emulator.requests.count("hardware.list") == 2


async def test_slow_answer_past_the_timeout_raises_a_timeout_error(emulator: Emulator) -> None:
    emulator.faults.add("account.get", Delay(1.0), times=None)
    with emulator.serve() as server:
        async with AsyncReplicate(
            bearer_token=DEFAULT_TOKEN,
            base_url=server.base_url,
            timeout=0.1,
            max_retries=0,
        ) as client:
            with pytest.raises(APITimeoutError):
                await client.account.get()
