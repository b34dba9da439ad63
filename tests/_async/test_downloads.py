"""Downloads and event streams go through the one transport: its origin rule, retries, logs, errors."""

from __future__ import annotations

import logging

import httpx
import pytest
import respx

from replicate import AsyncReplicate, NotFoundError
from replicate._async._file_output import AsyncFileOutput
from replicate._async._stream import iter_events

from .conftest import API, TOKEN

pytestmark = pytest.mark.usefixtures("sleeps")

FILE = "https://files.example.com/out.png"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.replicate.com/v1/predictions/abc", True),
        ("https://API.Replicate.com:443/v1/files/x", True),
        ("/v1/predictions?cursor=abc", True),
        ("predictions", True),
        ("http://api.replicate.com/v1/predictions", False),
        ("https://api.replicate.com:8443/v1/predictions", False),
        ("https://replicate.delivery/x/out.png", False),
        ("https://api.replicate.com.evil.example/v1", False),
        ("https://api.replicate.com@evil.example/v1", False),
    ],
)
async def test_the_token_goes_to_the_api_origin_only(
    client: AsyncReplicate, url: str, expected: bool
) -> None:
    transport = client._transport  # pyright: ignore[reportPrivateUsage]
    assert transport.is_api_url(transport.url_for(url)) is expected


async def test_a_download_is_retried_like_any_other_request(
    client: AsyncReplicate, respx_mock: respx.MockRouter, sleeps: list[float]
) -> None:
    route = respx_mock.get(FILE).mock(
        side_effect=[
            httpx.ConnectError("refused"),
            httpx.Response(503),
            httpx.Response(200, content=b"png"),
        ]
    )
    assert await AsyncFileOutput(FILE, client).read() == b"png"
    assert route.call_count == 3
    assert len(sleeps) == 2
    assert "Authorization" not in route.calls.last.request.headers


async def test_a_download_is_logged_like_any_other_request(
    client: AsyncReplicate, respx_mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    respx_mock.get(FILE).respond(200, content=b"png")
    with caplog.at_level(logging.INFO, logger="replicate"):
        await AsyncFileOutput(FILE, client).read()
    assert any(
        "HTTP Request: GET https://files.example.com/out.png" in record.getMessage()
        for record in caplog.records
    )


async def test_a_missing_file_raises_the_mapped_status_error(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(FILE).respond(404, text="gone")
    with pytest.raises(NotFoundError):
        await AsyncFileOutput(FILE, client).read()


async def test_an_auth_set_on_a_callers_http_client_stays_on_the_api_host(
    respx_mock: respx.MockRouter,
) -> None:
    api = respx_mock.get(f"{API}/account").respond(200, json={"type": "user", "username": "u"})
    files = respx_mock.get(FILE).respond(200, content=b"png")
    http = httpx.AsyncClient(auth=httpx.BasicAuth("user", "secret"))
    async with AsyncReplicate(bearer_token=TOKEN, http_client=http) as client:
        await client.get("/account")
        await AsyncFileOutput(FILE, client).read()
    assert api.calls.last.request.headers["Authorization"] == "Basic dXNlcjpzZWNyZXQ="
    assert "Authorization" not in files.calls.last.request.headers


async def test_an_event_stream_follows_a_redirect_without_the_token(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    start = f"{API}/stream/p1"
    moved = "https://stream.example.com/p1"
    first = respx_mock.get(start).respond(307, headers={"Location": moved})
    second = respx_mock.get(moved).respond(
        200,
        headers={"Content-Type": "text/event-stream"},
        content=b"event: output\ndata: hi\n\nevent: done\ndata: {}\n\n",
    )
    events = [event.event async for event in iter_events(client, start)]
    assert events == ["output", "done"]
    assert first.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert "Authorization" not in second.calls.last.request.headers
