"""Verifying webhooks without a client: the functions and exception classes.

``replicate.webhooks`` is the client's webhooks resource (``replicate.webhooks.validate``
and ``.verify`` are on it); this module offers the same checks as plain functions for
code that holds the signing secret already.

Example::

    from replicate.webhook import WebhookVerificationError, verify

    try:
        verify(headers=request.headers, body=raw_body, secret=os.environ["REPLICATE_WEBHOOK_SECRET"])
    except WebhookVerificationError:
        return Response(status_code=400)
"""

from __future__ import annotations

from ._core.webhooks import (
    DEFAULT_TOLERANCE,
    InvalidSecretKeyError,
    InvalidSignatureError,
    InvalidTimestampError,
    InvalidWebhookSignatureError,
    MissingWebhookBodyError,
    MissingWebhookHeaderError,
    WebhookTimestampError,
    WebhookValidationError,
    WebhookVerificationError,
    sign_webhook,
    validate,
)
from ._core.webhooks import verify_webhook as verify

__all__ = [
    "DEFAULT_TOLERANCE",
    "InvalidSecretKeyError",
    "InvalidSignatureError",
    "InvalidTimestampError",
    "InvalidWebhookSignatureError",
    "MissingWebhookBodyError",
    "MissingWebhookHeaderError",
    "WebhookTimestampError",
    "WebhookValidationError",
    "WebhookVerificationError",
    "sign_webhook",
    "validate",
    "verify",
]
