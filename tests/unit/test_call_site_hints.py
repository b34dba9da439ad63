"""Mistakes at the call site get a message that says what to write instead."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import replicate
from replicate import AsyncReplicate, Replicate
from replicate.testing import DEFAULT_TOKEN, Emulator, Server


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with Emulator() as emulator, emulator.serve() as server:
        yield server


@pytest.mark.parametrize(
    ("url", "suggestion"),
    [
        (
            "https://replicate.com/black-forest-labs/flux-schnell",
            "'black-forest-labs/flux-schnell'",
        ),
        ("replicate.com/acme/model/", "'acme/model'"),
        ("https://www.replicate.com/acme/model?tab=api", "'acme/model'"),
        (f"https://replicate.com/acme/model/versions/{'a' * 64}", f"'acme/model:{'a' * 64}'"),
    ],
)
def test_a_model_page_url_as_reference_suggests_owner_name(url: str, suggestion: str) -> None:
    client = Replicate(bearer_token="r8_x")
    with pytest.raises(ValueError, match="a model page's URL: pass") as raised:
        client.run(url, {})
    assert suggestion in str(raised.value)


def test_a_reference_that_is_not_a_string_says_what_a_reference_looks_like() -> None:
    client = Replicate(bearer_token="r8_x")
    with pytest.raises(TypeError, match=r"expected 'owner/name'.*got a int"):
        client.run(123, {})  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


async def test_an_async_list_not_awaited_says_to_await_it(server: Server) -> None:
    async with AsyncReplicate(bearer_token=DEFAULT_TOKEN, base_url=server.base_url) as client:
        listing = client.predictions.list()
        with pytest.raises(AttributeError, match=r"await client\.<resource>\.list"):
            listing.results  # type: ignore[attr-defined]  # noqa: B018  # pyright: ignore[reportAttributeAccessIssue]
        with pytest.raises(TypeError, match="async for"):
            for _ in listing:  # type: ignore[attr-defined]  # pyright: ignore[reportGeneralTypeIssues]
                pass
        page = await listing
        assert isinstance(page.results, list)


async def test_async_stream_iterates_awaited_or_not(
    monkeypatch: pytest.MonkeyPatch, server: Server
) -> None:
    monkeypatch.setenv("REPLICATE_API_TOKEN", DEFAULT_TOKEN)
    monkeypatch.setenv("REPLICATE_BASE_URL", server.base_url)
    awaited = [
        str(event)
        async for event in await replicate.async_stream(
            "meta/meta-llama-3-8b-instruct", {"prompt": "a"}
        )
    ]
    direct = [
        str(event)
        async for event in replicate.async_stream("meta/meta-llama-3-8b-instruct", {"prompt": "b"})
    ]
    assert "".join(awaited) == "You said: a."
    assert "".join(direct) == "You said: b."


async def test_async_stream_of_a_client_on_a_custom_transport(server: Server) -> None:
    del server
    with Emulator() as emulator:
        client = Replicate(
            bearer_token=DEFAULT_TOKEN,
            base_url=emulator.base_url,
            http_client=httpx.Client(transport=emulator.transport()),
        )
        events = client.async_stream("meta/meta-llama-3-8b-instruct", {"prompt": "c"})
        assert "".join([str(event) async for event in events]) == "You said: c."
        await events.aclose()
        client.close()
