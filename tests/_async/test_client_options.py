"""Client construction, copies with other options, and closing."""

from __future__ import annotations

import httpx
import pytest
import respx

from replicate import AsyncReplicate

from .conftest import API, TOKEN, prediction_json


async def test_settings_are_exposed(client: AsyncReplicate) -> None:
    assert client.bearer_token == TOKEN
    assert client.api_token == TOKEN
    assert str(client.base_url) == API
    assert client.max_retries == 2
    assert client.timeout == httpx.Timeout(60.0, connect=5.0)


async def test_with_options_changes_only_what_is_given(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    copy = client.with_options(timeout=120, max_retries=0, default_headers={"X-A": "1"})
    assert isinstance(copy, AsyncReplicate)
    assert copy.max_retries == 0
    assert copy.timeout.read == 120
    assert copy.bearer_token == TOKEN
    assert client.max_retries == 2
    route = respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    await copy.predictions.get("p1")
    assert route.calls.last.request.headers["X-A"] == "1"
    assert route.calls.last.request.extensions["timeout"]["read"] == 120


async def test_with_options_merges_or_replaces_default_headers(
    respx_mock: respx.MockRouter,
) -> None:
    route = respx_mock.get(f"{API}/account").respond(200, json={})
    async with AsyncReplicate(bearer_token=TOKEN, default_headers={"X-A": "1"}) as client:
        await client.with_options(default_headers={"X-B": "2"}).get("/account")
        assert route.calls.last.request.headers["X-A"] == "1"
        assert route.calls.last.request.headers["X-B"] == "2"
        await client.with_options(set_default_headers={"X-B": "2"}).get("/account")
        assert "X-A" not in route.calls.last.request.headers
        with pytest.raises(ValueError, match="not both"):
            client.with_options(default_headers={}, set_default_headers={})


async def test_copies_share_the_connection_pool_and_leave_it_open(
    respx_mock: respx.MockRouter,
) -> None:
    respx_mock.get(f"{API}/account").respond(200, json={})
    client = AsyncReplicate(bearer_token=TOKEN)
    copy = client.copy(max_retries=5)
    assert copy._transport.http_client is client._transport.http_client
    await copy.close()
    assert await client.get("/account") == {}
    await client.close()
    assert client._transport.http_client.is_closed


async def test_a_given_http_client_is_used_and_closed_with_the_client(
    respx_mock: respx.MockRouter,
) -> None:
    route = respx_mock.get(f"{API}/account").respond(200, json={})
    http_client = httpx.AsyncClient(headers={"X-From-Http-Client": "yes"})
    async with AsyncReplicate(bearer_token=TOKEN, http_client=http_client) as client:
        await client.get("/account")
    assert route.calls.last.request.headers["X-From-Http-Client"] == "yes"
    assert http_client.is_closed


async def test_wrong_kind_of_http_client_is_rejected() -> None:
    with pytest.raises(TypeError, match="http_client must be an httpx"):
        AsyncReplicate(bearer_token=TOKEN, http_client=object())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"max_retries": -1}, "max_retries"),
        ({"timeout": 0}, "timeout"),
        ({"base_url": "api.replicate.com"}, "base_url"),
        ({"bearer_token": "a", "api_token": "b"}, "once"),
        ({"default_headers": {}, "headers": {}}, "not both"),
    ],
)
async def test_bad_arguments_fail_at_construction(
    arguments: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        AsyncReplicate(**arguments)  # type: ignore[arg-type]
