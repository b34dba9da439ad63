"""What only one world has: an async task cancelled mid-run, a sync stream that starts at the call."""

from __future__ import annotations

import anyio
import httpx
import pytest

from replicate import AsyncReplicate, NotFoundError, Replicate
from replicate.testing import DEFAULT_TOKEN, Emulator, SystemClock


@pytest.fixture
def emulator() -> Emulator:
    return Emulator(clock=SystemClock(speed=100))


async def test_cancelling_the_task_of_a_run_cancels_the_prediction(emulator: Emulator) -> None:
    async with AsyncReplicate(
        bearer_token=DEFAULT_TOKEN,
        base_url=emulator.base_url,
        http_client=httpx.AsyncClient(transport=emulator.async_transport()),
    ) as client:
        async with anyio.create_task_group() as group:
            group.start_soon(
                lambda: client.run("emulator/slow", {"seconds": 3000, "steps": 1}, wait=False)
            )
            while not emulator.prediction_ids():  # noqa: ASYNC110  (the emulator has no event for it)
                await anyio.sleep(0.01)
            await anyio.sleep(0.05)  # the create has been answered: the run is waiting
            group.cancel_scope.cancel()
        [prediction_id] = emulator.prediction_ids()
        assert emulator.requests.count("predictions.cancel") == 1
        assert (await client.predictions.get(prediction_id)).status == "canceled"


def test_the_sync_stream_creates_the_prediction_at_the_call(emulator: Emulator) -> None:
    with Replicate(
        bearer_token=DEFAULT_TOKEN,
        base_url=emulator.base_url,
        http_client=httpx.Client(transport=emulator.transport()),
    ) as client:
        with pytest.raises(NotFoundError):
            client.stream("nobody/nothing", input={"prompt": "hi"})  # no iteration
        events = client.stream("meta/meta-llama-3-8b-instruct", input={"prompt": "hi"})
        assert len(emulator.prediction_ids()) == 1  # created before the first event is read
        assert "".join(str(event) for event in events) == "You said: hi."


async def test_the_async_stream_creates_the_prediction_at_the_first_iteration(
    emulator: Emulator,
) -> None:
    async with AsyncReplicate(
        bearer_token=DEFAULT_TOKEN,
        base_url=emulator.base_url,
        http_client=httpx.AsyncClient(transport=emulator.async_transport()),
    ) as client:
        events = client.stream("meta/meta-llama-3-8b-instruct", input={"prompt": "hi"})
        assert emulator.prediction_ids() == []
        assert "".join([str(event) async for event in events]) == "You said: hi."
