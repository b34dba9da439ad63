"""What goes on the wire: URL, credentials, headers, timeouts, logs, and error mapping."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import httpx
import pytest
import respx
from dribbling_body import DribblingBody

import replicate
from replicate import (
    APIResponseValidationError,
    APITimeoutError,
    AsyncReplicate,
    AuthenticationError,
    InternalServerError,
    MissingAPITokenError,
    NotFoundError,
    UnprocessableEntityError,
    _logs,
)

from .conftest import API, TOKEN, prediction_json

pytestmark = pytest.mark.usefixtures("sleeps")


async def test_token_and_user_agent_are_sent_to_the_api(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    await client.predictions.get("p1")
    headers = route.calls.last.request.headers
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["User-Agent"].startswith(f"replicate-python/{replicate.__version__} httpx/")
    assert headers["Accept"] == "application/json"


async def test_token_is_never_sent_to_another_host(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    foreign = respx_mock.get("https://files.example.com/output.png").respond(200, json={"ok": 1})
    other_port = respx_mock.get("https://api.replicate.com:8443/v1/account").respond(200, json={})
    plain_http = respx_mock.get("http://api.replicate.com/v1/account").respond(200, json={})
    await client.get("https://files.example.com/output.png")
    await client.get("https://api.replicate.com:8443/v1/account")
    await client.get("http://api.replicate.com/v1/account")
    for route in (foreign, other_port, plain_http):
        assert "Authorization" not in route.calls.last.request.headers
    assert foreign.calls.last.request.headers["User-Agent"].startswith("replicate-python/")


async def test_token_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_from_env")
    route = respx_mock.get(f"{API}/account").respond(200, json={"type": "user", "username": "me"})
    async with AsyncReplicate() as client:
        await client.get("/account")
    assert route.calls.last.request.headers["Authorization"] == "Bearer r8_from_env"


async def test_1x_api_token_and_headers_arguments(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.get(f"{API}/account").respond(200, json={})
    async with replicate.AsyncClient(
        api_token="r8_v1", headers={"User-Agent": "my-app/1.0"}
    ) as client:
        await client.get("/account")
    headers = route.calls.last.request.headers
    assert headers["Authorization"] == "Bearer r8_v1"
    assert headers["User-Agent"] == "my-app/1.0"


async def test_missing_token_fails_at_the_first_request_without_sending(
    respx_mock: respx.MockRouter,
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    client = AsyncReplicate()  # constructing is fine
    with pytest.raises(MissingAPITokenError, match="REPLICATE_API_TOKEN") as caught:
        await client.predictions.get("p1")
    await client.close()
    assert "bearer_token=" in str(caught.value)
    assert route.call_count == 0


async def test_missing_token_is_no_obstacle_for_other_hosts(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.get("https://files.example.com/a.txt").respond(200, json="hello")
    async with AsyncReplicate() as client:
        assert await client.get("https://files.example.com/a.txt") == "hello"
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("base_url", "path"),
    [
        ("http://127.0.0.1:5000", "/predictions/p1"),
        ("http://127.0.0.1:5000/v1/", "/v1/predictions/p1"),
    ],
)
async def test_base_url_is_the_prefix_as_given(
    respx_mock: respx.MockRouter, base_url: str, path: str
) -> None:
    route = respx_mock.get(f"http://127.0.0.1:5000{path}").respond(200, json=prediction_json())
    async with AsyncReplicate(bearer_token=TOKEN, base_url=base_url) as client:
        await client.predictions.get("p1")
    assert route.call_count == 1
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"


async def test_base_url_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    monkeypatch.setenv("REPLICATE_BASE_URL", "http://127.0.0.1:5001")
    route = respx_mock.get("http://127.0.0.1:5001/v1/account").respond(200, json={})
    async with AsyncReplicate(bearer_token=TOKEN) as client:
        await client.get("/account")
    assert route.call_count == 1


async def test_default_headers_and_query_reach_the_api_only(respx_mock: respx.MockRouter) -> None:
    api = respx_mock.get(f"{API}/account").respond(200, json={})
    other = respx_mock.get("https://files.example.com/x").respond(200, json={})
    async with AsyncReplicate(
        bearer_token=TOKEN, default_headers={"X-Team": "a"}, default_query={"tag": "t"}
    ) as client:
        await client.get("/account")
        await client.get("https://files.example.com/x")
    assert api.calls.last.request.headers["X-Team"] == "a"
    assert api.calls.last.request.url.params["tag"] == "t"
    assert "tag" not in other.calls.last.request.url.params


async def test_prefer_wait_raises_the_read_timeout_above_the_hold(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.post(f"{API}/predictions").respond(201, json=prediction_json())
    await client.predictions.create(version="v1", input={}, prefer="wait=55")
    timeout = route.calls.last.request.extensions["timeout"]
    assert route.calls.last.request.headers["Prefer"] == "wait=55"
    assert timeout["read"] >= 60
    assert timeout["connect"] == 5.0


async def test_default_and_per_call_timeouts(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    await client.predictions.get("p1")
    assert route.calls.last.request.extensions["timeout"] == {
        "connect": 5.0,
        "read": 60.0,
        "write": 60.0,
        "pool": 60.0,
    }
    await client.predictions.get("p1", timeout=2.5)
    assert route.calls.last.request.extensions["timeout"]["read"] == 2.5


async def test_status_errors_carry_the_problem_fields(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.post(f"{API}/predictions").respond(
        422,
        json={"title": "Invalid input", "detail": "prompt is required", "status": 422},
        headers={"content-type": "application/problem+json"},
    )
    with pytest.raises(UnprocessableEntityError) as caught:
        await client.predictions.create(version="v1", input={})
    error = caught.value
    assert (error.status_code, error.status, error.title, error.detail) == (
        422,
        422,
        "Invalid input",
        "prompt is required",
    )
    assert error.response.status_code == 422
    assert error.request.url == f"{API}/predictions"
    assert TOKEN not in str(error)


async def test_html_error_page_is_mapped(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(
        502, text="<html><h1>Bad gateway</h1></html>", headers={"content-type": "text/html"}
    )
    with pytest.raises(InternalServerError) as caught:
        await client.predictions.get("p1")
    assert caught.value.body == "<html><h1>Bad gateway</h1></html>"
    assert "<h1>" not in str(caught.value)


async def test_not_found_and_unauthorized(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/gone").respond(404, json={"detail": "Not found."})
    respx_mock.get(f"{API}/account").respond(401, json={"detail": "Invalid token."})
    with pytest.raises(NotFoundError, match="Not found"):
        await client.predictions.get("gone")
    with pytest.raises(AuthenticationError, match="REPLICATE_API_TOKEN"):
        await client.get("/account")


async def test_bad_path_parameter_fails_before_the_network(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    with pytest.raises(ValueError, match="prediction_id"):
        await client.predictions.get("")
    assert not respx_mock.calls


async def test_non_json_success_is_a_validation_error(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(
        200, text="oops", headers={"content-type": "text/plain"}
    )
    with pytest.raises(APIResponseValidationError, match="Expected JSON"):
        await client.predictions.get("p1")


@pytest.fixture
def replicate_logger() -> Iterator[logging.Logger]:
    """The package logger, restored after the test."""
    logger = logging.getLogger("replicate")
    level = logger.level
    yield logger
    logger.setLevel(level)
    if _logs._handler is not None:
        logger.removeHandler(_logs._handler)
        _logs._handler = None


async def test_replicate_log_debug_logs_requests_without_the_token(
    monkeypatch: pytest.MonkeyPatch,
    respx_mock: respx.MockRouter,
    caplog: pytest.LogCaptureFixture,
    replicate_logger: logging.Logger,
) -> None:
    monkeypatch.setenv("REPLICATE_LOG", "debug")
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    # No caplog.set_level: the variable alone must switch the logger to debug.
    async with AsyncReplicate(bearer_token=TOKEN) as client:
        assert replicate_logger.level == logging.DEBUG
        await client.predictions.get("p1")
    assert f"GET {API}/predictions/p1" in caplog.text
    assert "<redacted>" in caplog.text
    assert TOKEN not in caplog.text
    assert TOKEN[4:] not in caplog.text


async def test_replicate_log_info_logs_one_line_per_request(
    monkeypatch: pytest.MonkeyPatch,
    respx_mock: respx.MockRouter,
    caplog: pytest.LogCaptureFixture,
    replicate_logger: logging.Logger,
) -> None:
    monkeypatch.setenv("REPLICATE_LOG", "info")
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    async with AsyncReplicate(bearer_token=TOKEN) as client:
        assert replicate_logger.level == logging.INFO
        await client.predictions.get("p1")
    assert f'HTTP Request: GET {API}/predictions/p1 "200 OK"' in caplog.text
    assert "headers" not in caplog.text


async def test_retries_are_logged_at_info(
    client: AsyncReplicate, respx_mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1")
    route.side_effect = [httpx.Response(503), httpx.Response(200, json=prediction_json())]
    with caplog.at_level(logging.INFO, logger="replicate"):
        await client.predictions.get("p1")
    assert "Retrying GET" in caplog.text
    assert "503" in caplog.text


async def test_repr_masks_the_token(client: AsyncReplicate) -> None:
    assert TOKEN not in repr(client)
    assert "r8_****" in repr(client)


async def test_headers_params_and_cookies_of_a_given_http_client_are_sent(
    respx_mock: respx.MockRouter,
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    http_client = httpx.AsyncClient(
        headers={"X-Team": "a", "User-Agent": "theirs"}, params={"tag": "t"}, cookies={"c": "1"}
    )
    async with AsyncReplicate(bearer_token=TOKEN, http_client=http_client) as client:
        await client.predictions.get("p1")
        request = route.calls.last.request
        assert request.headers["X-Team"] == "a"
        assert request.headers["User-Agent"].startswith("replicate-python/")
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"
        assert request.headers["Cookie"] == "c=1"
        assert request.url.params["tag"] == "t"


async def test_headers_set_on_the_http_client_later_are_sent_too(
    respx_mock: respx.MockRouter,
) -> None:
    route = respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    http_client = httpx.AsyncClient()
    async with AsyncReplicate(bearer_token=TOKEN, http_client=http_client) as client:
        await client.predictions.get("p1")
        assert "X-Later" not in route.calls.last.request.headers
        http_client.headers["X-Later"] = "yes"
        await client.predictions.get("p1", extra_headers={"X-Call": "1"})
        headers = route.calls.last.request.headers
        assert (headers["X-Later"], headers["X-Call"]) == ("yes", "1")
        assert headers["Authorization"] == f"Bearer {TOKEN}"
        await client.predictions.get("p1")
        assert "X-Call" not in route.calls.last.request.headers


async def test_a_repeated_path_is_parsed_once_and_each_base_url_keeps_its_own(
    client: AsyncReplicate,
) -> None:
    transport = client._transport
    first = transport.url_for("/predictions")
    assert transport.url_for("predictions") is first
    assert str(first) == f"{API}/predictions"
    async with AsyncReplicate(bearer_token=TOKEN, base_url="http://localhost:9/v1") as other:
        assert str(other._transport.url_for("/predictions")) == "http://localhost:9/v1/predictions"


async def test_the_timeout_bounds_the_whole_response_not_each_read(
    respx_mock: respx.MockRouter,
) -> None:
    # A byte every 0.1 s: no single read waits 0.5 s, but the whole takes 3 s.
    route = respx_mock.get(f"{API}/account").mock(
        side_effect=lambda request: httpx.Response(
            200, headers={"Content-Type": "application/json"}, stream=DribblingBody(30, 0.1)
        )
    )
    async with AsyncReplicate(bearer_token=TOKEN, timeout=0.5, max_retries=0) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await client.get("/account")
        assert time.monotonic() - started < 2
    assert route.call_count == 1


async def test_a_slow_body_within_the_timeout_is_read_whole(respx_mock: respx.MockRouter) -> None:
    respx_mock.get(f"{API}/account").mock(
        side_effect=lambda request: httpx.Response(
            200, headers={"Content-Type": "application/json"}, stream=DribblingBody(5, 0.01)
        )
    )
    async with AsyncReplicate(bearer_token=TOKEN, timeout=5, max_retries=0) as client:
        assert await client.get("/account") == "xxx"
