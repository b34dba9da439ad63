"""A sync request made inside a running event loop warns once, pointing at the caller."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import httpx
import pytest

import replicate
from replicate._primitives import BlockingCallWarning, LoopGuard


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"id": "p1", "status": "succeeded", "urls": {}})


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[replicate.Replicate]:
    monkeypatch.setattr(LoopGuard, "_warned", False)
    with replicate.Replicate(
        bearer_token="r8_x", http_client=httpx.Client(transport=httpx.MockTransport(answer))
    ) as client:
        yield client


async def test_a_sync_call_in_a_running_loop_warns_once_and_names_the_alternative(
    client: replicate.Replicate,
) -> None:
    with pytest.warns(BlockingCallWarning, match="AsyncReplicate") as caught:
        client.predictions.get("p1")
    assert caught[0].filename == __file__
    assert "async_run" in str(caught[0].message)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client.predictions.get("p1")


def test_no_warning_outside_an_event_loop(client: replicate.Replicate) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client.predictions.get("p1")


async def test_the_async_methods_of_the_sync_client_do_not_warn(
    client: replicate.Replicate,
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        await client.predictions.async_get("p1")
