"""Webhook deliveries: signed like Replicate's, sent in order, recorded for tests."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any

import httpx

from ._store import Signal

__all__ = ["RETRY_DELAYS", "WEBHOOK_EVENTS", "WebhookDelivery", "WebhookSender", "sign_webhook"]

WEBHOOK_EVENTS = frozenset({"start", "output", "logs", "completed"})

RETRY_DELAYS = (0.05, 0.1, 0.2)
"""Real seconds before each retry of a webhook that failed to connect or got 429 or 5xx."""


def sign_webhook(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value: ``v1,`` and the base64 HMAC-SHA256 of ``id.timestamp.body``.

    The key is the base64 text after the ``whsec_`` prefix of ``secret``, decoded.
    """
    encoded = secret[len("whsec_") :] if secret.startswith("whsec_") else secret
    key = base64.b64decode(encoded)
    message = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


@dataclass(frozen=True)
class WebhookDelivery:
    """One webhook POST: where it went, for which event, what it carried and how it ended.

    ``status_code`` is ``None`` when the request failed (``error`` says why). A webhook
    that fails to connect or gets 429 or a 5xx is retried a few times with the same
    ``webhook-id``; ``attempt`` counts from 1.
    """

    url: str
    event: str
    headers: dict[str, str]
    body: bytes
    status_code: int | None
    error: str | None
    attempt: int = 1

    def json(self) -> Any:
        """The body parsed: the prediction or training as it was at that event."""
        return json.loads(self.body)


class WebhookSender:
    """Sends webhooks one after another per URL (so a receiver sees events in order)."""

    def __init__(self, secret: str, transport: httpx.AsyncBaseTransport | None) -> None:
        self.secret = secret
        self.deliveries: list[WebhookDelivery] = []
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._queues: dict[str, asyncio.Queue[tuple[str, bytes]]] = {}
        self._workers: set[asyncio.Task[None]] = set()
        self._sequence = 0
        self._pending = 0
        self._drained = Signal()

    def send(self, url: str, event: str, payload: dict[str, Any]) -> None:
        """Queue a delivery of ``payload`` (serialised now, so later changes do not leak in)."""
        body = json.dumps(payload, separators=(",", ":")).encode()
        queue = self._queues.get(url)
        if queue is None:
            queue = self._queues[url] = asyncio.Queue()
            worker = asyncio.get_running_loop().create_task(self._deliver_all(url, queue))
            self._workers.add(worker)
        self._pending += 1
        queue.put_nowait((event, body))

    async def drain(self) -> None:
        """Wait until every queued delivery has been attempted."""
        while self._pending:
            await self._drained.wait()

    async def _deliver_all(self, url: str, queue: asyncio.Queue[tuple[str, bytes]]) -> None:
        while True:
            event, body = await queue.get()
            try:
                await self._deliver(url, event, body)
            finally:
                self._pending -= 1
                if self._pending == 0:
                    self._drained.notify()

    async def _deliver(self, url: str, event: str, body: bytes) -> None:
        # Every attempt at one webhook carries the same webhook-id, so receivers can tell
        # a retry from a new event.
        self._sequence += 1
        webhook_id = f"msg_{self._sequence:020d}"
        if self._client is None:
            self._client = httpx.AsyncClient(transport=self._transport, timeout=10.0)
        for attempt, delay in enumerate((*RETRY_DELAYS, None)):
            timestamp = int(time.time())
            headers = {
                "content-type": "application/json",
                "webhook-id": webhook_id,
                "webhook-timestamp": str(timestamp),
                "webhook-signature": sign_webhook(self.secret, webhook_id, timestamp, body),
                "user-agent": "replicate-emulator-webhooks",
            }
            status: int | None = None
            error: str | None = None
            try:
                # Redirects are not followed: the URL must answer itself.
                response = await self._client.post(url, content=body, headers=headers)
                status = response.status_code
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            self.deliveries.append(
                WebhookDelivery(url, event, headers, body, status, error, attempt + 1)
            )
            if delay is None or not (status is None or status == 429 or status >= 500):
                return
            await asyncio.sleep(delay)

    async def aclose(self) -> None:
        """Stop the senders and close the HTTP client."""
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers.clear()
        if self._client is not None:
            await self._client.aclose()
