"""examples/fastapi_service.py: its client's lifespan, the model endpoint and the webhook receiver.

The app's client talks to a loopback emulator; requests reach the app in-process.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from example_support import Served, load_example
from fastapi import FastAPI

import replicate
from replicate.testing import DEFAULT_TOKEN, HELLO_WORLD_VERSION, sign_webhook

WEBHOOK_PATH = "/webhooks/replicate"
OTHER_SECRET = "whsec_" + base64.b64encode(b"a key that is not the account's").decode()


@pytest.fixture
def app(served: Served, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    """The example's app, in an environment that points its client at the emulator."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", DEFAULT_TOKEN)
    monkeypatch.setenv("REPLICATE_BASE_URL", served.server.base_url)
    service: FastAPI = load_example("fastapi_service").app
    return service


@pytest.fixture
async def http(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    # The app's lifespan creates its AsyncReplicate at startup and closes it at shutdown.
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app), base_url="http://service.test"
        ) as client,
    ):
        yield client


async def test_the_client_is_created_at_startup_and_closed_at_shutdown(app: FastAPI) -> None:
    async with app.router.lifespan_context(app):
        client = app.state.replicate
        assert (await client.account.get()).username == "test-user"

    with pytest.raises(RuntimeError, match="client has been closed"):
        await client.account.get()


async def prediction_payload(served: Served) -> bytes:
    """A finished prediction, serialised as a webhook carries it."""
    async with replicate.AsyncReplicate(
        bearer_token=DEFAULT_TOKEN, base_url=served.server.base_url
    ) as sdk:
        prediction = await sdk.predictions.create(
            version=HELLO_WORLD_VERSION, input={"text": "webhook"}, prefer="wait"
        )
    return json.dumps(served.emulator.prediction(prediction.id), separators=(",", ":")).encode()


def webhook_headers(
    secret: str, body: bytes, *, timestamp: int | None = None, webhook_id: str = "msg_1"
) -> dict[str, str]:
    sent_at = int(time.time()) if timestamp is None else timestamp
    return {
        "content-type": "application/json",
        "webhook-id": webhook_id,
        "webhook-timestamp": str(sent_at),
        "webhook-signature": sign_webhook(secret, webhook_id, sent_at, body),
    }


async def test_greetings_runs_the_model(http: httpx.AsyncClient, served: Served) -> None:
    response = await http.post("/greetings", json={"text": "service"})

    assert response.status_code == 200
    assert response.json() == {"output": "hello service"}
    [prediction_id] = served.emulator.prediction_ids()
    assert served.emulator.prediction(prediction_id)["status"] == "succeeded"


async def test_a_signed_webhook_is_accepted(http: httpx.AsyncClient, served: Served) -> None:
    body = await prediction_payload(served)

    response = await http.post(
        WEBHOOK_PATH, content=body, headers=webhook_headers(served.emulator.webhook_secret, body)
    )

    assert response.status_code == 200
    assert response.json() == {"received": json.loads(body)["id"]}


async def test_the_signing_secret_is_fetched_once(http: httpx.AsyncClient, served: Served) -> None:
    body = await prediction_payload(served)
    for webhook_id in ("msg_1", "msg_2"):
        headers = webhook_headers(served.emulator.webhook_secret, body, webhook_id=webhook_id)
        response = await http.post(WEBHOOK_PATH, content=body, headers=headers)
        assert response.status_code == 200

    paths = [request.path for request in served.emulator.requests]
    assert sum(path.endswith("/webhooks/default/secret") for path in paths) == 1


Webhook = tuple[bytes, dict[str, str]]


def body_changed(body: bytes, headers: dict[str, str]) -> Webhook:
    return body + b" ", headers


def wrong_signature(body: bytes, headers: dict[str, str]) -> Webhook:
    return body, {**headers, "webhook-signature": "v1,AAAA"}


def signed_with_another_secret(body: bytes, headers: dict[str, str]) -> Webhook:
    return body, webhook_headers(OTHER_SECRET, body)


def unsigned(body: bytes, headers: dict[str, str]) -> Webhook:
    return body, {name: value for name, value in headers.items() if name != "webhook-signature"}


@pytest.mark.parametrize(
    "tamper", [body_changed, wrong_signature, signed_with_another_secret, unsigned]
)
async def test_a_badly_signed_webhook_is_rejected(
    http: httpx.AsyncClient, served: Served, tamper: Callable[[bytes, dict[str, str]], Webhook]
) -> None:
    body = await prediction_payload(served)
    sent_body, headers = tamper(body, webhook_headers(served.emulator.webhook_secret, body))

    response = await http.post(WEBHOOK_PATH, content=sent_body, headers=headers)

    assert response.status_code == 401
    assert response.json()["detail"]


async def test_a_stale_webhook_is_rejected(http: httpx.AsyncClient, served: Served) -> None:
    body = await prediction_payload(served)
    an_hour_ago = int(time.time()) - 3600
    headers = webhook_headers(served.emulator.webhook_secret, body, timestamp=an_hour_ago)

    response = await http.post(WEBHOOK_PATH, content=body, headers=headers)

    assert response.status_code == 401
    assert "sent 3600 s ago" in response.json()["detail"]
