"""1.x compatibility helpers and optional HTTP clients."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
import respx

import replicate
from replicate import ModelError, ReplicateError
from replicate.testing import DEFAULT_TOKEN, Emulator

API = "https://api.replicate.com/v1"
PAGE_2 = f"{API}/models?cursor=2"


def _model(name: str) -> dict[str, Any]:
    return {
        "owner": "me",
        "name": name,
        "url": f"https://replicate.com/me/{name}",
        "visibility": "public",
    }


@pytest.fixture
def two_pages() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=True) as router:
        router.get(PAGE_2).respond(200, json={"results": [_model("c")], "next": None})
        router.get(f"{API}/models").respond(
            200, json={"results": [_model("a"), _model("b")], "next": PAGE_2}
        )
        yield router


def test_paginate_yields_pages_that_iterate_their_own_items(two_pages: respx.MockRouter) -> None:
    with replicate.Replicate(bearer_token="r8_x") as client:
        pages = list(replicate.paginate(client.models.list))
        assert [[m.name for m in page.results] for page in pages] == [["a", "b"], ["c"]]
        assert [m.name for page in pages for m in page] == ["a", "b", "c"]


async def test_async_paginate(two_pages: respx.MockRouter) -> None:
    async with replicate.AsyncReplicate(bearer_token="r8_x") as client:
        pages = [page async for page in replicate.async_paginate(client.models.list)]
    assert [[m.name for m in page.results] for page in pages] == [["a", "b"], ["c"]]
    per_page = []
    for page in pages:
        per_page.append([m.name async for m in page])
    assert per_page == [["a", "b"], ["c"]]


def test_paginate_of_something_that_is_not_a_list_method_says_so() -> None:
    with pytest.raises(replicate.ArgumentTypeError, match="takes a list method"):
        next(replicate.paginate(lambda: {"id": "x"}))


def test_model_error_carries_the_prediction() -> None:
    prediction = SimpleNamespace(id="p1", error="CUDA out of memory", logs="...")
    error = ModelError(prediction)
    assert isinstance(error, ReplicateError)
    assert error.prediction is prediction
    assert str(error) == "Prediction p1 failed: CUDA out of memory"
    assert error.to_dict() == {}
    assert error.status is None  # 1.x code reads problem fields from any ReplicateError


def test_default_http_clients_keep_the_sdk_defaults() -> None:
    with replicate.DefaultHttpxClient(headers={"X": "1"}) as sync_client:
        assert sync_client.timeout == httpx.Timeout(60.0, connect=5.0)
        assert sync_client.follow_redirects is False
        assert sync_client.headers["X"] == "1"
    assert isinstance(replicate.DefaultAsyncHttpxClient(timeout=3.0), httpx.AsyncClient)


async def test_aiohttp_client_sends_through_aiohttp() -> None:
    from httpx_aiohttp import AiohttpTransport

    async with replicate.DefaultAioHttpClient() as client:
        assert isinstance(client._transport, AiohttpTransport)  # pyright: ignore[reportPrivateUsage]


async def test_async_client_over_aiohttp_runs_streams_uploads_and_downloads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL", "0.01")
    with Emulator() as emulator, emulator.serve() as server:
        async with replicate.AsyncReplicate(
            bearer_token=DEFAULT_TOKEN,
            base_url=server.base_url,
            http_client=replicate.DefaultAioHttpClient(),
        ) as client:
            assert await client.run("replicate/hello-world", input={"text": "a"}) == "hello a"
            events = client.stream("meta/meta-llama-3-8b-instruct", input={"prompt": "b"})
            assert "".join([str(event) async for event in events]) == "You said: b."
            uploaded = await client.files.create(content=b"abc", filename="c.txt")
            assert uploaded.size == 3
            images = await client.run("black-forest-labs/flux-schnell", input={"prompt": "d"})
            assert (await images[0].aread()).startswith(b"\x89PNG")
        assert {request.method for request in emulator.requests} >= {"GET", "POST"}


def test_aiohttp_client_without_the_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "httpx_aiohttp", None)
    with pytest.raises(ImportError, match=r"pip install 'replicate\[aiohttp\]'"):
        replicate.DefaultAioHttpClient()
