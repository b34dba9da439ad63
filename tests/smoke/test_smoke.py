"""A quick tour of the SDK on every supported Python: run, stream, upload, async, pages, errors.

Run by the ``smoke`` session on each installed interpreter from 3.9 up, so it uses
only the package, pytest and pytest-asyncio, and the syntax of the oldest Python.
"""

from __future__ import annotations

import asyncio
import io
from typing import Iterator

import httpx
import pytest

import replicate
from replicate.testing import DEFAULT_TOKEN, Emulator


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL", "0.01")
    with Emulator() as emulator:
        emulator.add_model("acme/shout", lambda text: text.upper())
        yield emulator


@pytest.fixture
def client(emulator: Emulator) -> Iterator[replicate.Replicate]:
    with replicate.Replicate(
        bearer_token=DEFAULT_TOKEN,
        base_url=emulator.base_url,
        http_client=httpx.Client(transport=emulator.transport()),
        max_retries=0,
    ) as client:
        yield client


def test_run(client: replicate.Replicate) -> None:
    assert client.run("replicate/hello-world", {"text": "ada"}) == "hello ada"
    assert client.run("acme/shout", input={"text": "hi"}) == "HI"


def test_stream(client: replicate.Replicate) -> None:
    events = client.stream("meta/meta-llama-3-8b-instruct", input={"prompt": "x"})
    assert "".join(str(event) for event in events) == "You said: x."


def test_upload_and_download(client: replicate.Replicate) -> None:
    uploaded = client.files.create(io.BytesIO(b"contents"), filename="a.txt")
    assert uploaded.size == 8
    assert client.files.get(uploaded.id).name == "a.txt"
    [image] = client.run("black-forest-labs/flux-schnell", {"prompt": "a cat"})
    assert image.read()


def test_pagination(client: replicate.Replicate) -> None:
    for text in ("a", "b", "c"):
        client.run("replicate/hello-world", {"text": text})
    assert len(list(client.predictions.list())) >= 3


def test_errors(client: replicate.Replicate) -> None:
    with pytest.raises(replicate.NotFoundError) as raised:
        client.predictions.get("no-such-prediction")
    assert raised.value.status_code == 404
    with pytest.raises(TypeError, match="did you mean 'timeout'"):
        client.run("acme/shout", {"text": "x"}, timout=1)  # type: ignore[call-arg]


async def test_async_client(emulator: Emulator) -> None:
    async with replicate.AsyncReplicate(
        bearer_token=DEFAULT_TOKEN,
        base_url=emulator.base_url,
        http_client=httpx.AsyncClient(transport=emulator.async_transport()),
    ) as client:
        outputs = await asyncio.gather(
            *(client.run("replicate/hello-world", {"text": name}) for name in ("a", "b"))
        )
        assert outputs == ["hello a", "hello b"]
        events = [
            str(event)
            async for event in client.stream("meta/meta-llama-3-8b-instruct", {"prompt": "y"})
        ]
        assert "".join(events) == "You said: y."


def test_async_methods_of_the_sync_client_across_event_loops(client: replicate.Replicate) -> None:
    for name in ("a", "b"):
        assert (
            asyncio.run(client.async_run("replicate/hello-world", {"text": name}))
            == f"hello {name}"
        )
