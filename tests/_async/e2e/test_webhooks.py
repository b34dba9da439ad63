"""Verifying webhooks with the client: headers and body, request objects, and the secret fetched once."""

from __future__ import annotations

import json
import time

import pytest
from starlette.requests import Request

from replicate import AsyncReplicate
from replicate._async._webhooks import AsyncWebhooks
from replicate.testing import DEFAULT_WEBHOOK_SECRET, Emulator, sign_webhook
from replicate.webhook import (
    InvalidWebhookSignatureError,
    MissingWebhookBodyError,
    MissingWebhookHeaderError,
    WebhookTimestampError,
)

BODY = json.dumps({"id": "p1", "status": "succeeded", "output": "hello"}).encode()
OTHER_SECRET = "whsec_" + "b3RoZXItc2VjcmV0LWtleS0xMjM0NTY3OA=="


def signed(
    body: bytes = BODY, secret: str = DEFAULT_WEBHOOK_SECRET, timestamp: int | None = None
) -> dict[str, str]:
    """Headers as Replicate sends them, signed by the emulator's own signer."""
    sent = int(time.time()) if timestamp is None else timestamp
    signature = sign_webhook(secret, "msg_1", sent, body)
    return {"webhook-id": "msg_1", "webhook-timestamp": str(sent), "webhook-signature": signature}


class FlaskLikeRequest:
    """Stands in for a sync framework's request: headers plus ``get_data()``."""

    def __init__(self, headers: dict[str, str], body: bytes) -> None:
        self.headers = headers
        self._body = body

    def get_data(self) -> bytes:
        return self._body


def starlette_request(headers: dict[str, str], body: bytes) -> Request:
    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/hook",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    return Request(scope, receive)


@pytest.fixture
def webhooks(client: AsyncReplicate) -> AsyncWebhooks:
    return AsyncWebhooks(client)


async def test_valid_webhook_with_the_secret_fetched_once(
    webhooks: AsyncWebhooks, emulator: Emulator
) -> None:
    await webhooks.verify(headers=signed(), body=BODY)
    await webhooks.verify(headers=signed(), body=BODY.decode())  # the body as text works too
    assert emulator.requests.count("webhooks.default.secret.get") == 1


async def test_given_secret_needs_no_request(webhooks: AsyncWebhooks, emulator: Emulator) -> None:
    await webhooks.verify(headers=signed(secret=OTHER_SECRET), body=BODY, secret=OTHER_SECRET)
    assert len(emulator.requests) == 0


async def test_any_of_several_signatures_matches(webhooks: AsyncWebhooks) -> None:
    old = signed(secret=OTHER_SECRET)["webhook-signature"]
    headers = signed()
    headers["webhook-signature"] = f"{old} {headers['webhook-signature']}"
    await webhooks.verify(headers=headers, body=BODY, secret=DEFAULT_WEBHOOK_SECRET)


async def test_bad_signature_is_rejected(webhooks: AsyncWebhooks) -> None:
    with pytest.raises(InvalidWebhookSignatureError):
        await webhooks.verify(headers=signed(), body=BODY + b" ", secret=DEFAULT_WEBHOOK_SECRET)
    with pytest.raises(InvalidWebhookSignatureError):
        await webhooks.verify(headers=signed(secret=OTHER_SECRET), body=BODY)


async def test_stale_timestamp_is_rejected(webhooks: AsyncWebhooks) -> None:
    old = signed(timestamp=int(time.time()) - 3600)
    with pytest.raises(WebhookTimestampError, match="ago"):
        await webhooks.verify(headers=old, body=BODY)
    await webhooks.verify(headers=old, body=BODY, tolerance=None)
    # The 1.x validate checks the timestamp only when asked to.
    assert await webhooks.validate(headers=old, body=BODY) is True
    with pytest.raises(WebhookTimestampError):
        await webhooks.validate(headers=old, body=BODY, tolerance=300)


@pytest.mark.parametrize("header", ["webhook-id", "webhook-timestamp", "webhook-signature"])
async def test_missing_header_is_named(webhooks: AsyncWebhooks, header: str) -> None:
    headers = signed()
    del headers[header]
    with pytest.raises(MissingWebhookHeaderError, match=header):
        await webhooks.verify(headers=headers, body=BODY, secret=DEFAULT_WEBHOOK_SECRET)


async def test_validate_the_1x_way(webhooks: AsyncWebhooks) -> None:
    headers = {key.title(): value for key, value in signed().items()}  # any header case
    assert await webhooks.validate(
        headers=headers, body=BODY.decode(), secret=DEFAULT_WEBHOOK_SECRET
    )
    with pytest.raises(MissingWebhookBodyError):
        await webhooks.validate(headers=headers, body="", secret=DEFAULT_WEBHOOK_SECRET)


async def test_a_sync_frameworks_request_object(webhooks: AsyncWebhooks) -> None:
    await webhooks.verify(FlaskLikeRequest(signed(), BODY))
    with pytest.raises(InvalidWebhookSignatureError):
        await webhooks.verify(FlaskLikeRequest(signed(), b"{}"))


async def test_request_and_headers_together_are_refused(webhooks: AsyncWebhooks) -> None:
    with pytest.raises(TypeError, match="not both"):
        await webhooks.verify(FlaskLikeRequest(signed(), BODY), body=BODY)
    with pytest.raises(TypeError, match="headers= and body="):
        await webhooks.verify(headers=signed())


async def test_default_secret_is_callable_as_in_1x(webhooks: AsyncWebhooks) -> None:
    secret = await webhooks.default.secret()
    assert secret.key == DEFAULT_WEBHOOK_SECRET
    assert (await webhooks.default.secret.get()).key == DEFAULT_WEBHOOK_SECRET
