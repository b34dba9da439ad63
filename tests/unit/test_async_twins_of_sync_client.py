"""The 1.x ``async_*`` methods of the sync client and its objects, against the emulator."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

import replicate
from replicate import AsyncReplicate, Replicate, _module_client
from replicate._async._use import AsyncFunction
from replicate.testing import DEFAULT_TOKEN, HELLO_WORLD_VERSION, Emulator, SystemClock


def use_as_module_client(monkeypatch: pytest.MonkeyPatch, client: Replicate) -> None:
    """Make ``client`` the module-level client for the current environment."""
    monkeypatch.setattr(_module_client, "_client", client)
    monkeypatch.setattr(
        _module_client,
        "_client_environment",
        _module_client.current_environment(),
    )


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[Replicate]:
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL", "0.01")
    # The async twin is built from this client's settings, so it needs a real URL:
    # serve on loopback rather than through an in-process transport.
    with (
        Emulator(clock=SystemClock(speed=200)) as emulator,
        emulator.serve() as server,
        Replicate(bearer_token=DEFAULT_TOKEN, base_url=server.base_url) as client,
    ):
        yield client


async def test_async_run_and_async_stream_on_the_sync_client(client: Replicate) -> None:
    assert await client.async_run("replicate/hello-world", {"text": "a"}) == "hello a"
    events = [
        e async for e in await client.async_stream("meta/meta-llama-3-8b-instruct", {"prompt": "x"})
    ]
    assert "".join(str(e) for e in events) == "You said: x."


async def test_async_wait_reload_cancel_and_stream_update_the_sync_object(
    client: Replicate,
) -> None:
    prediction = client.predictions.create(version=HELLO_WORLD_VERSION, input={"text": "w"})
    await prediction.async_wait()
    assert (prediction.status, prediction.output) == ("succeeded", "hello w")
    slow = client.predictions.create(model="emulator/slow", input={"seconds": 100})
    await slow.async_cancel()
    await slow.async_reload()
    assert slow.status == "canceled"
    streamed = client.predictions.create(
        model="meta/meta-llama-3-8b-instruct", input={"prompt": "s"}
    )
    assert "".join([str(e) async for e in streamed.async_stream()]) == "You said: s."


def test_the_async_side_shares_the_clients_configuration(client: Replicate) -> None:
    async def side() -> AsyncReplicate:
        return client._async_client()  # pyright: ignore[reportPrivateUsage]

    twin = asyncio.run(side())
    assert twin._transport.config is client._transport.config  # pyright: ignore[reportPrivateUsage]
    assert isinstance(twin._transport.http_client, httpx.AsyncClient)  # pyright: ignore[reportPrivateUsage]
    # The loop that made it has shut down, and closed it with it.
    assert twin._transport.http_client.is_closed  # pyright: ignore[reportPrivateUsage]


async def test_use_async_gives_an_awaitable_model_from_the_sync_client(client: Replicate) -> None:
    hello = client.use("replicate/hello-world", use_async=True)
    assert await hello(text="a") == "hello a"
    run = await hello.create(text="b")
    assert await run.output() == "hello b"


async def test_module_level_use_async(client: Replicate, monkeypatch: pytest.MonkeyPatch) -> None:
    use_as_module_client(monkeypatch, client)
    hello = replicate.use("replicate/hello-world", use_async=True)
    assert await hello(text="c") == "hello c"
    assert replicate.use("replicate/hello-world")(text="d") == "hello d"


async def test_use_async_on_the_async_client_is_its_usual_function(client: Replicate) -> None:
    async with AsyncReplicate(bearer_token=DEFAULT_TOKEN, base_url=client.base_url) as aclient:
        hello = aclient.use("replicate/hello-world", use_async=True)
        assert isinstance(hello, AsyncFunction)
        assert await hello(text="e") == "hello e"
