"""Which failed requests are sent again, and after how long."""

from __future__ import annotations

import httpx
import pytest
import respx

from replicate import (
    APIConnectionError,
    APITimeoutError,
    AsyncReplicate,
    InternalServerError,
    RateLimitError,
)

from .conftest import API, prediction_json

pytestmark = pytest.mark.usefixtures("sleeps")

CREATE = {"version": "v1", "input": {"prompt": "hi"}}


async def test_create_answered_500_is_sent_exactly_once(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.post(f"{API}/predictions").respond(500, json={"detail": "boom"})
    with pytest.raises(InternalServerError):
        await client.predictions.create(**CREATE)
    assert route.call_count == 1


async def test_create_answered_429_with_retry_after_is_sent_again_after_that_delay(
    client: AsyncReplicate, respx_mock: respx.MockRouter, sleeps: list[float]
) -> None:
    route = respx_mock.post(f"{API}/predictions")
    route.side_effect = [
        httpx.Response(429, headers={"Retry-After": "1"}, json={"detail": "slow down"}),
        httpx.Response(201, json=prediction_json()),
    ]
    prediction = await client.predictions.create(**CREATE)
    assert prediction.id == "p1"
    assert route.call_count == 2
    assert sleeps == [1.0]


async def test_create_answered_503_is_resent_only_with_retry_after(
    client: AsyncReplicate, respx_mock: respx.MockRouter, sleeps: list[float]
) -> None:
    route = respx_mock.post(f"{API}/predictions")
    route.side_effect = [httpx.Response(503), httpx.Response(201, json=prediction_json())]
    with pytest.raises(InternalServerError):
        await client.predictions.create(**CREATE)
    assert route.call_count == 1

    route.side_effect = [
        httpx.Response(503, headers={"retry-after-ms": "300"}),
        httpx.Response(201, json=prediction_json()),
    ]
    await client.predictions.create(**CREATE)
    assert route.call_count == 3
    assert sleeps == [0.3]


async def test_get_answered_503_twice_then_200_succeeds(
    client: AsyncReplicate, respx_mock: respx.MockRouter, sleeps: list[float]
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1")
    route.side_effect = [
        httpx.Response(503),
        httpx.Response(503),
        httpx.Response(200, json=prediction_json()),
    ]
    prediction = await client.predictions.get("p1")
    assert prediction.id == "p1"
    assert route.call_count == 3
    # Jittered exponential backoff: about 0.5 s, then about 1 s.
    assert len(sleeps) == 2
    assert 0.375 <= sleeps[0] <= 0.5
    assert 0.75 <= sleeps[1] <= 1.0


async def test_retries_stop_at_max_retries(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1").respond(502)
    with pytest.raises(InternalServerError):
        await client.predictions.get("p1")
    assert route.call_count == 3  # the first attempt and two retries


async def test_max_retries_zero_sends_once(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.get(f"{API}/predictions/p1").respond(429)
    async with AsyncReplicate(bearer_token="r8_x", max_retries=0) as client:
        with pytest.raises(RateLimitError):
            await client.predictions.get("p1")
    assert route.call_count == 1


@pytest.mark.parametrize("status", [408, 429, 500, 502, 504])
async def test_reads_are_retried_on_transient_statuses(
    client: AsyncReplicate, respx_mock: respx.MockRouter, status: int
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1")
    route.side_effect = [httpx.Response(status), httpx.Response(200, json=prediction_json())]
    await client.predictions.get("p1")
    assert route.call_count == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
async def test_client_errors_are_not_retried(
    client: AsyncReplicate, respx_mock: respx.MockRouter, status: int
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1").respond(status)
    with pytest.raises(Exception, match=str(status)):
        await client.predictions.get("p1")
    assert route.call_count == 1


@pytest.mark.parametrize("method", ["DELETE", "PUT", "PATCH"])
async def test_other_replay_safe_methods_are_retried_on_5xx(
    client: AsyncReplicate, respx_mock: respx.MockRouter, method: str
) -> None:
    route = respx_mock.route(method=method, url=f"{API}/things/1")
    route.side_effect = [httpx.Response(500), httpx.Response(200, json={"ok": True})]
    assert await client.request(method, "/things/1") == {"ok": True}
    assert route.call_count == 2


async def test_low_level_post_is_treated_as_a_create(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.post(f"{API}/custom").respond(500)
    with pytest.raises(InternalServerError):
        await client.post("/custom", json={"a": 1})
    assert route.call_count == 1


async def test_idempotency_key_allows_resending_a_create(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.post(f"{API}/predictions")
    route.side_effect = [httpx.Response(500), httpx.Response(201, json=prediction_json())]
    await client.predictions.create(**CREATE, extra_headers={"Idempotency-Key": "once"})
    assert route.call_count == 2
    assert route.calls.last.request.headers["Idempotency-Key"] == "once"


async def test_connect_error_on_a_create_is_retried(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.post(f"{API}/predictions")
    route.side_effect = [
        httpx.ConnectError("connection refused"),
        httpx.Response(201, json=prediction_json()),
    ]
    prediction = await client.predictions.create(**CREATE)
    assert prediction.id == "p1"
    assert route.call_count == 2


async def test_read_timeout_on_a_create_is_not_retried(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.post(f"{API}/predictions")
    route.side_effect = [
        httpx.ReadTimeout("timed out"),
        httpx.Response(201, json=prediction_json()),
    ]
    with pytest.raises(APITimeoutError, match="timed out"):
        await client.predictions.create(**CREATE)
    assert route.call_count == 1


async def test_dropped_connection_on_a_create_is_not_retried(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.post(f"{API}/predictions")
    route.side_effect = [
        httpx.RemoteProtocolError("peer closed"),
        httpx.Response(201, json=prediction_json()),
    ]
    with pytest.raises(APIConnectionError, match="RemoteProtocolError"):
        await client.predictions.create(**CREATE)
    assert route.call_count == 1


async def test_read_timeout_on_a_read_is_retried(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1")
    route.side_effect = [
        httpx.ReadTimeout("timed out"),
        httpx.Response(200, json=prediction_json()),
    ]
    await client.predictions.get("p1")
    assert route.call_count == 2


async def test_connection_failure_after_all_retries_says_what_to_check(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1").mock(
        side_effect=httpx.ConnectError("connection refused")
    )
    with pytest.raises(APIConnectionError) as caught:
        await client.predictions.get("p1")
    assert not isinstance(caught.value, APITimeoutError)
    assert "connection refused" in str(caught.value)
    assert "base_url" in str(caught.value)
    assert route.call_count == 3


async def test_timeout_after_all_retries_is_a_timeout_error(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/p1").mock(side_effect=httpx.ConnectTimeout("slow"))
    with pytest.raises(APITimeoutError, match="timeout="):
        await client.predictions.get("p1")
