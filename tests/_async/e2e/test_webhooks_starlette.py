# unasync: skip  (Starlette bodies are awaited: this test is about the async client only)
"""Verifying a webhook from a Starlette/FastAPI request, whose body must be awaited."""

from __future__ import annotations

import json
import time

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request

from replicate import AsyncReplicate
from replicate._async._webhooks import AsyncWebhooks
from replicate.testing import DEFAULT_WEBHOOK_SECRET, sign_webhook
from replicate.webhook import WebhookVerificationError

BODY = json.dumps({"id": "p1", "status": "succeeded"}).encode()


async def test_fastapi_request_object(client: AsyncReplicate) -> None:
    webhooks = AsyncWebhooks(client)
    secret = (await webhooks.default.secret.get()).key
    app = FastAPI()

    @app.post("/hook")
    async def receive(request: Request) -> dict[str, bool]:
        try:
            await webhooks.verify(request, secret=secret)
        except WebhookVerificationError:
            return {"valid": False}
        return {"valid": True}

    sent = int(time.time())
    headers = {
        "webhook-id": "msg_9",
        "webhook-timestamp": str(sent),
        "webhook-signature": sign_webhook(DEFAULT_WEBHOOK_SECRET, "msg_9", sent, BODY),
    }
    with TestClient(app) as http:
        assert http.post("/hook", content=BODY, headers=headers).json() == {"valid": True}
        assert http.post("/hook", content=b"{}", headers=headers).json() == {"valid": False}


def test_a_sync_client_refuses_a_body_that_must_be_awaited() -> None:
    from replicate import Replicate
    from replicate._sync._webhooks import Webhooks

    scope = {"type": "http", "method": "POST", "path": "/", "headers": []}
    request = Request(scope)
    with pytest.raises(TypeError, match="AsyncReplicate"):
        Webhooks(Replicate(bearer_token="r8_x")).verify(request, secret=DEFAULT_WEBHOOK_SECRET)
