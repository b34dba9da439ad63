"""Settings as code written for 2.x and 1.x passes them: tokens, base URLs, httpx options."""

from __future__ import annotations

import httpx
import pytest
import respx

from replicate import AsyncClient, AsyncReplicate

from .conftest import TOKEN, prediction_json

# -- tokens (2.x: whatever fits in a header is the server's to judge) -----------------------


@pytest.mark.parametrize("token", ["My Bearer Token", "r8_abc def", "tab\tinside"])
async def test_a_token_with_inner_spaces_is_sent_as_given(
    token: str, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get("http://127.0.0.1:4010/account").respond(200, json={"type": "user"})
    async with AsyncReplicate(bearer_token=token, base_url="http://127.0.0.1:4010") as client:
        await client.account.get()
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {token}"


async def test_surrounding_whitespace_is_stripped(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.get("http://127.0.0.1:4010/account").respond(200, json={"type": "user"})
    async with AsyncReplicate(
        bearer_token=f"  {TOKEN}\n", base_url="http://127.0.0.1:4010"
    ) as client:
        await client.account.get()
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(
    ("token", "kind"),
    [
        ("r8_abc\ndef", "a line break"),
        ("r8_abc\rdef", "a line break"),
        ("r8_abc\x00def", "a control character"),
        ("r8_abc\x7fdef", "a control character"),
        ("r8_abcédef", "a non-ASCII character"),
    ],
)
async def test_a_token_that_cannot_go_in_a_header_is_refused_before_the_network(
    token: str, kind: str, respx_mock: respx.MockRouter
) -> None:
    with pytest.raises(ValueError, match=kind) as raised:
        AsyncReplicate(bearer_token=token)
    assert "HTTP header" in str(raised.value)
    assert not respx_mock.calls


async def test_a_token_from_the_environment_follows_the_same_rules(
    monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    monkeypatch.setenv("REPLICATE_API_TOKEN", " placeholder token ")
    route = respx_mock.get("https://api.replicate.com/v1/account").respond(200, json={})
    async with AsyncReplicate() as client:
        await client.account.get()
    assert route.calls.last.request.headers["Authorization"] == "Bearer placeholder token"


# -- base URLs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("http://127.0.0.1:4010", "http://127.0.0.1:4010/predictions/p1"),
        ("http://127.0.0.1:4010/", "http://127.0.0.1:4010/predictions/p1"),
        ("http://127.0.0.1:4010/v1", "http://127.0.0.1:4010/v1/predictions/p1"),
        (
            "https://proxy.example/replicate/api",
            "https://proxy.example/replicate/api/predictions/p1",
        ),
    ],
)
async def test_base_url_is_used_as_given(
    base_url: str, expected: str, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get(expected).respond(200, json=prediction_json())
    async with AsyncReplicate(bearer_token=TOKEN, base_url=base_url) as client:
        await client.predictions.get("p1")
    assert route.called


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("http://127.0.0.1:4010", "http://127.0.0.1:4010/v1/predictions/p1"),
        ("http://127.0.0.1:4010/v1/", "http://127.0.0.1:4010/v1/predictions/p1"),
    ],
)
async def test_the_1x_client_takes_an_origin_and_adds_v1(
    base_url: str, expected: str, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get(expected).respond(200, json=prediction_json())
    async with AsyncClient(api_token=TOKEN, base_url=base_url) as client:
        await client.predictions.get("p1")
    assert route.called


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ("http://127.0.0.1:4010", "http://127.0.0.1:4010/v1/predictions/p1"),
        ("http://127.0.0.1:4010/", "http://127.0.0.1:4010/v1/predictions/p1"),
        ("http://127.0.0.1:4010/v1", "http://127.0.0.1:4010/v1/predictions/p1"),
        ("http://127.0.0.1:4010/custom", "http://127.0.0.1:4010/custom/predictions/p1"),
    ],
)
async def test_replicate_base_url_adds_v1_to_an_origin_only(
    environment: str, expected: str, monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    monkeypatch.setenv("REPLICATE_BASE_URL", environment)
    route = respx_mock.get(expected).respond(200, json=prediction_json())
    async with AsyncReplicate(bearer_token=TOKEN) as client:
        await client.predictions.get("p1")
    assert route.called


async def test_with_options_keeps_a_base_url_without_v1(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.get("http://127.0.0.1:4010/predictions/p1").respond(
        200, json=prediction_json()
    )
    async with AsyncReplicate(bearer_token=TOKEN, base_url="http://127.0.0.1:4010") as client:
        await client.with_options(max_retries=0).predictions.get("p1")
    assert route.called


# -- 1.x: keyword arguments go to the httpx client -------------------------------------------


async def test_the_1x_client_passes_httpx_options_to_the_client_it_builds() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=prediction_json())

    async with AsyncClient(
        api_token=TOKEN,
        headers={"X-App": "one"},
        transport=httpx.MockTransport(answer),
        timeout=httpx.Timeout(12.0),
    ) as client:
        prediction = await client.predictions.get("p1")
    assert prediction.id == "p1"
    [request] = seen
    assert request.headers["X-App"] == "one"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.extensions["timeout"]["read"] == 12.0


async def test_the_1x_client_applies_limits_and_verify() -> None:
    limits = httpx.Limits(max_connections=3)
    async with AsyncClient(api_token=TOKEN, limits=limits, verify=False) as client:
        pool = client._transport.http_client._transport._pool  # type: ignore[attr-defined]  # pyright: ignore[reportPrivateUsage, reportAttributeAccessIssue, reportUnknownMemberType]
        assert pool._max_connections == 3  # pyright: ignore[reportUnknownMemberType]


async def test_httpx_options_and_an_http_client_together_are_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        AsyncClient(api_token=TOKEN, http_client=httpx.AsyncClient(), proxy="http://proxy:1")


async def test_the_2x_client_refuses_unknown_keyword_arguments() -> None:
    with pytest.raises(TypeError):
        AsyncReplicate(bearer_token=TOKEN, proxy="http://proxy:1")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
