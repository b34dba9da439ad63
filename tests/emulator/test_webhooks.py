"""Webhooks are sent for the chosen events and signed like Replicate's."""

from __future__ import annotations

import base64
import hashlib
import hmac

import httpx

from replicate.testing import DEFAULT_WEBHOOK_SECRET, HELLO_WORLD_VERSION, Emulator, ManualClock


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
