"""``client.webhooks``: the generated operations plus verifying the webhooks Replicate sends.

``verify`` checks a request's ``webhook-*`` headers against its raw body and the
account's signing secret. Without ``secret=``, the secret is fetched once from
``webhooks.default.secret.get()`` and remembered. ``validate`` is the 1.x name, with
the 1.x defaults (no timestamp check unless ``tolerance`` is given; returns ``True``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Optional, Union

from .. import _webhook_requests
from .._core.webhooks import (
    DEFAULT_TOLERANCE,
    MissingWebhookBodyError,
    SigningSecretLike,
    verify_webhook,
)
from .._exceptions import ArgumentTypeError, InvalidArgumentError
from ..types.webhooks.default import SecretGetResponse
from .resources.webhooks import AsyncWebhooksResource
from .resources.webhooks_default import AsyncWebhooksDefaultResource
from .resources.webhooks_default_secret import AsyncWebhooksDefaultSecretResource

__all__ = ["AsyncWebhooks", "AsyncWebhooksDefault", "AsyncWebhooksDefaultSecret"]

Secret = Union[str, SigningSecretLike]
Body = Union[bytes, bytearray, memoryview, str]


class AsyncWebhooksDefaultSecret(AsyncWebhooksDefaultSecretResource):
    """``client.webhooks.default.secret``: ``.get()``, or called directly as in 1.x."""

    async def __call__(self) -> SecretGetResponse:
        """The signing secret of the account's webhooks (1.x: ``webhooks.default.secret()``)."""
        return await self.get()


class AsyncWebhooksDefault(AsyncWebhooksDefaultResource):
    """``client.webhooks.default``."""

    @functools.cached_property
    def secret(self) -> AsyncWebhooksDefaultSecret:
        """``client.webhooks.default.secret``."""
        return AsyncWebhooksDefaultSecret(self._client)


class AsyncWebhooks(AsyncWebhooksResource):
    """Operations on webhooks: ``client.webhooks``, and verifying received webhooks."""

    _secret: Optional[Secret] = None

    @functools.cached_property
    def default(self) -> AsyncWebhooksDefault:
        """``client.webhooks.default``."""
        return AsyncWebhooksDefault(self._client)

    async def verify(
        self,
        request: object = None,
        *,
        headers: Optional[Mapping[str, str]] = None,
        body: Optional[Body] = None,
        secret: Optional[Secret] = None,
        tolerance: Optional[float] = DEFAULT_TOLERANCE,
    ) -> None:
        """Check that a webhook came from Replicate, recently; raise if not.

        Pass the framework's ``request`` (Starlette/FastAPI, Flask, Django, httpx), or
        its ``headers`` and raw ``body`` exactly as received. ``secret`` defaults to the
        account's signing secret, fetched once and remembered. ``tolerance`` is how many
        seconds the timestamp may be off (``None``: no replay check).

        Raises:
            WebhookVerificationError: a subclass saying what is wrong (missing header,
                bad signature, stale timestamp, invalid secret).

        Example::

            @app.post("/webhooks/replicate")
            async def receive(request: Request) -> None:
                await client.webhooks.verify(request)
        """
        found_headers, found_body = await self._headers_and_body(request, headers, body)
        key = secret if secret is not None else await self._default_secret()
        verify_webhook(headers=found_headers, body=found_body, secret=key, tolerance=tolerance)

    async def validate(
        self,
        request: object = None,
        headers: Optional[Mapping[str, str]] = None,
        body: Optional[Body] = None,
        secret: Optional[Secret] = None,
        tolerance: Optional[float] = None,
    ) -> bool:
        """Validate a webhook as the 1.x client's ``webhooks.validate`` did; ``True`` if valid.

        The timestamp is checked only when ``tolerance`` is given, and an empty body is
        an error (:class:`MissingWebhookBodyError`). Every failure raises a
        ``WebhookVerificationError``.
        """
        found_headers, found_body = await self._headers_and_body(request, headers, body)
        if not found_body:
            raise MissingWebhookBodyError("the webhook body is empty; pass the raw request body")
        key = secret if secret is not None else await self._default_secret()
        verify_webhook(headers=found_headers, body=found_body, secret=key, tolerance=tolerance)
        return True

    async def _headers_and_body(
        self, request: object, headers: Optional[Mapping[str, str]], body: Optional[Body]
    ) -> tuple[Mapping[str, str], Body]:
        if request is not None:
            if headers is not None or body is not None:
                raise ArgumentTypeError(
                    "pass either a request object or headers= and body=, not both"
                )
            return await _webhook_requests.AsyncWebhookRequest.read(request)
        if headers is None or body is None:
            raise ArgumentTypeError(
                "pass the webhook's request object, or both headers= and body= (the raw body)"
            )
        return headers, body

    async def _default_secret(self) -> Secret:
        secret = self._secret
        if secret is None:
            fetched = await self.default.secret.get()
            if not fetched.key:
                raise InvalidArgumentError(
                    "the API returned no webhook signing secret; pass secret="
                )
            secret = self._secret = fetched.key
        return secret
