"""Webhooks are sent for the chosen events and signed like Replicate's."""

from __future__ import annotations

import base64
import hashlib
import hmac

import httpx

from replicate.testing import (
    DEFAULT_WEBHOOK_SECRET,
    HELLO_WORLD_VERSION,
    Emulator,
    ManualClock,
    log,
    sleep,
)


def verify(secret: str, headers: httpx.Headers, body: bytes) -> bool:
    key = base64.b64decode(secret.split("_", 1)[1])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return headers["webhook-signature"] == f"v1,{expected}"


def test_webhooks_are_signed_and_filtered() -> None:
    received: list[httpx.Request] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        received.append(request)
        return httpx.Response(200)

    clock = ManualClock()
    with Emulator(clock=clock, webhook_transport=httpx.MockTransport(receiver)) as emulator:
        client = httpx.Client(
            base_url=emulator.base_url,
            transport=emulator.transport(),
            headers={"Authorization": "Bearer r8_emulator_test_token"},
        )
        secret = client.get("/webhooks/default/secret").json()["key"]
        assert secret == DEFAULT_WEBHOOK_SECRET == emulator.webhook_secret
        version = emulator.model("emulator/slow").version_id
        client.post(
            "/predictions",
            json={
                "version": version,
                "input": {"seconds": 2, "steps": 2},
                "webhook": "https://hooks.test/in",
                "webhook_events_filter": ["start", "completed"],
            },
        )
        clock.advance(2)
        deliveries = emulator.wait_for_webhooks()
    assert [d.event for d in deliveries] == ["start", "completed"]
    assert [r.url for r in received] == ["https://hooks.test/in"] * 2
    for request in received:
        assert verify(secret, request.headers, request.content)
    assert deliveries[-1].json()["status"] == "succeeded"
    assert len({r.headers["webhook-id"] for r in received}) == 2


def test_default_filter_sends_logs_and_output_events() -> None:
    seen: list[str] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["webhook-id"])
        return httpx.Response(204)

    clock = ManualClock()
    with Emulator(clock=clock, webhook_transport=httpx.MockTransport(receiver)) as emulator:
        client = httpx.Client(
            base_url=emulator.base_url,
            transport=emulator.transport(),
            headers={"Authorization": "Bearer r8_emulator_test_token"},
        )
        client.post(
            "/models/meta/meta-llama-3-8b-instruct/predictions",
            json={
                "input": {"prompt": "a", "seconds_per_token": 1},
                "webhook": "https://hooks.test/x",
            },
        )
        clock.advance(10)
        events = [d.event for d in emulator.wait_for_webhooks()]
    assert events[0] == "start" and events[-1] == "completed"
    assert {"logs", "output"} <= set(events)
    assert len(seen) == len(events)


def test_invalid_events_filter_is_422(client: httpx.Client) -> None:
    body = {
        "version": HELLO_WORLD_VERSION,
        "input": {},
        "webhook": "https://x",
        "webhook_events_filter": ["nope"],
    }
    assert client.post("/predictions", json=body).status_code == 422


def chatty(count: int = 20) -> object:
    """A model that logs and outputs every 0.1 s."""

    async def run() -> object:
        for number in range(count):
            log(f"line {number}")
            await sleep(0.1)
            yield number

    return run


def test_output_and_logs_webhooks_come_at_most_every_half_second() -> None:
    clock = ManualClock()
    sent_at: list[float] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        sent_at.append(clock.now())
        return httpx.Response(200)

    with Emulator(clock=clock, webhook_transport=httpx.MockTransport(receiver)) as emulator:
        emulator.add_model("me/chatty", chatty(), official=True)
        client = httpx.Client(
            base_url=emulator.base_url,
            transport=emulator.transport(),
            headers={"Authorization": "Bearer r8_emulator_test_token"},
        )
        client.post(
            "/models/me/chatty/predictions",
            json={"input": {}, "webhook": "https://hooks.test/in"},
        )
        for _ in range(25):
            clock.advance(0.1)
            emulator.wait_for_webhooks()
        events = [d.event for d in emulator.wait_for_webhooks()]
    assert events[0] == "start" and events[-1] == "completed"
    progress = [at for event, at in zip(events, sent_at) if event in ("output", "logs")]
    # 20 outputs and 20 log lines over 2 seconds: about 4 progress webhooks, not 40.
    assert 2 <= len(progress) <= 6
    assert all(b - a >= 0.5 - 1e-6 for a, b in zip(progress, progress[1:])), progress


def test_failed_webhooks_are_retried_with_the_same_id() -> None:
    answers = iter([503, 500, 200])
    received: list[str] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        received.append(request.headers["webhook-id"])
        return httpx.Response(next(answers))

    with Emulator(webhook_transport=httpx.MockTransport(receiver)) as emulator:
        client = httpx.Client(
            base_url=emulator.base_url,
            transport=emulator.transport(),
            headers={"Authorization": "Bearer r8_emulator_test_token"},
        )
        client.post(
            "/predictions",
            json={
                "version": HELLO_WORLD_VERSION,
                "input": {},
                "webhook": "https://hooks.test/in",
                "webhook_events_filter": ["completed"],
            },
            headers={"Prefer": "wait"},
        )
        deliveries = emulator.wait_for_webhooks()
    assert [(d.status_code, d.attempt) for d in deliveries] == [(503, 1), (500, 2), (200, 3)]
    assert len(set(received)) == 1


def test_a_webhook_answered_with_4xx_is_not_retried() -> None:
    with Emulator(
        webhook_transport=httpx.MockTransport(lambda request: httpx.Response(404))
    ) as emulator:
        client = httpx.Client(
            base_url=emulator.base_url,
            transport=emulator.transport(),
            headers={"Authorization": "Bearer r8_emulator_test_token"},
        )
        client.post(
            "/predictions",
            json={
                "version": HELLO_WORLD_VERSION,
                "input": {},
                "webhook": "https://hooks.test/in",
                "webhook_events_filter": ["completed"],
            },
            headers={"Prefer": "wait"},
        )
        assert [d.status_code for d in emulator.wait_for_webhooks()] == [404]


def test_a_redirect_is_not_followed() -> None:
    received: list[str] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        received.append(str(request.url))
        return httpx.Response(301, headers={"location": "https://hooks.test/elsewhere"})

    with Emulator(webhook_transport=httpx.MockTransport(receiver)) as emulator:
        client = httpx.Client(
            base_url=emulator.base_url,
            transport=emulator.transport(),
            headers={"Authorization": "Bearer r8_emulator_test_token"},
        )
        client.post(
            "/predictions",
            json={
                "version": HELLO_WORLD_VERSION,
                "input": {},
                "webhook": "https://hooks.test/in",
                "webhook_events_filter": ["completed"],
            },
            headers={"Prefer": "wait"},
        )
        assert [d.status_code for d in emulator.wait_for_webhooks()] == [301]
    assert received == ["https://hooks.test/in"]
