"""Verifying the signatures Replicate puts on webhook requests.

Replicate signs webhooks the Standard Webhooks way. Each request carries:

- ``webhook-id``: a unique id of the message;
- ``webhook-timestamp``: when it was sent, in whole seconds since the epoch;
- ``webhook-signature``: space-separated ``v1,<base64>`` signatures (more than
  one while a secret is being rotated; any one matching is enough).

A ``v1`` signature is the HMAC-SHA256 of ``"{id}.{timestamp}.{body}"`` keyed
with the base64-decoded part of the signing secret after ``whsec_``.

Exceptions (all are ``ValueError``s, as in the 1.x client)::

    WebhookVerificationError
     ├── MissingWebhookHeaderError
     ├── MissingWebhookBodyError
     ├── InvalidSecretKeyError
     ├── InvalidWebhookSignatureError
     └── WebhookTimestampError

No message ever contains the secret or a computed signature.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from typing import Mapping, Optional, Protocol, Union, runtime_checkable

from .._exceptions import ReplicateError

__all__ = [
    "DEFAULT_TOLERANCE",
    "InvalidSecretKeyError",
    "InvalidSignatureError",
    "InvalidTimestampError",
    "InvalidWebhookSignatureError",
    "MissingWebhookBodyError",
    "MissingWebhookHeaderError",
    "SigningSecretLike",
    "WebhookTimestampError",
    "WebhookValidationError",
    "WebhookVerificationError",
    "sign_webhook",
    "validate",
    "verify_webhook",
]

DEFAULT_TOLERANCE = 300
"""Seconds a webhook timestamp may differ from the clock, either way (5 minutes)."""

_SECRET_PREFIX = "whsec_"
_SIGNATURE_VERSION = "v1"


class WebhookVerificationError(ReplicateError, ValueError):
    """A webhook request could not be verified; the message says why.

    A :class:`~replicate.ReplicateError` like everything the SDK raises, and a
    ``ValueError`` as in 1.x.
    """


class MissingWebhookHeaderError(WebhookVerificationError):
    """A required ``webhook-*`` header is missing or empty."""


class MissingWebhookBodyError(WebhookVerificationError):
    """The webhook body is empty (raised by :func:`validate` only, as in 1.x)."""


class InvalidSecretKeyError(WebhookVerificationError):
    """The signing secret is not ``whsec_`` followed by base64."""


class InvalidWebhookSignatureError(WebhookVerificationError):
    """No signature in ``webhook-signature`` matches the body and secret."""


class WebhookTimestampError(WebhookVerificationError):
    """``webhook-timestamp`` is not a number, or too far from the current time."""


# The 1.x client's names for the same errors.
WebhookValidationError = WebhookVerificationError
InvalidSignatureError = InvalidWebhookSignatureError
InvalidTimestampError = WebhookTimestampError


@runtime_checkable
class SigningSecretLike(Protocol):
    """Anything with a ``key`` attribute holding the secret, like the API's signing-secret object."""

    @property
    def key(self) -> str:
        """The secret, ``whsec_...``."""
        ...


Secret = Union[str, SigningSecretLike]
Body = Union[bytes, bytearray, memoryview, str]


def _secret_key(secret: Secret) -> bytes:
    text = secret.key if isinstance(secret, SigningSecretLike) else secret
    if not text:
        raise InvalidSecretKeyError(
            "the webhook signing secret is empty; pass the 'whsec_...' value from "
            "webhooks.default.secret.get()"
        )
    encoded = text[len(_SECRET_PREFIX) :] if text.startswith(_SECRET_PREFIX) else text
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidSecretKeyError(
            "the webhook signing secret is not 'whsec_' followed by base64 "
            f"(a {len(text)}-character string was given)"
        ) from None
    if not key:
        raise InvalidSecretKeyError("the webhook signing secret has an empty key after 'whsec_'")
    return key


def _body_bytes(body: Body) -> bytes:
    if isinstance(body, str):
        return body.encode("utf-8")
    return bytes(body)


def _signature(key: bytes, webhook_id: str, timestamp: str, body: bytes) -> bytes:
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    return hmac.new(key, signed, hashlib.sha256).digest()


def _header(headers: Mapping[str, str], name: str) -> str:
    # HTTP header names are case-insensitive; plain dicts are not.
    value = headers.get(name)
    if value is None:
        for key, candidate in headers.items():
            if key.lower() == name:
                value = candidate
                break
    if not value:
        raise MissingWebhookHeaderError(
            f"the {name!r} header is missing; pass all the request's headers "
            "(webhook-id, webhook-timestamp, webhook-signature)"
        )
    return value


def _check_timestamp(timestamp: str, tolerance: float, now: float) -> None:
    try:
        sent = int(timestamp)
    except ValueError:
        raise WebhookTimestampError(
            f"the 'webhook-timestamp' header is not whole seconds since the epoch: {timestamp[:40]!r}"
        ) from None
    skew = now - sent
    if skew > tolerance:
        raise WebhookTimestampError(
            f"the webhook was sent {int(skew)} s ago, more than the {tolerance:g} s allowed; "
            "it may be a replay"
        )
    if -skew > tolerance:
        raise WebhookTimestampError(
            f"the webhook timestamp is {int(-skew)} s in the future, more than the "
            f"{tolerance:g} s allowed; check this machine's clock"
        )


def _candidate_signatures(header: str) -> list[bytes]:
    candidates: list[bytes] = []
    for entry in header.split():
        version, comma, encoded = entry.partition(",")
        if not comma or version != _SIGNATURE_VERSION:
            continue
        try:
            candidates.append(base64.b64decode(encoded, validate=True))
        except (binascii.Error, ValueError):
            continue
    return candidates


def verify_webhook(
    *,
    headers: Mapping[str, str],
    body: Body,
    secret: Secret,
    tolerance: Optional[float] = DEFAULT_TOLERANCE,
    now: Optional[float] = None,
) -> None:
    """Check that a webhook request was signed by Replicate with ``secret``, recently.

    Args:
        headers: the request's headers, any mapping; names are matched
            case-insensitively.
        body: the raw request body, exactly as received (bytes, or the text).
        secret: the signing secret (``"whsec_..."``) or an object with a ``key``
            attribute holding it.
        tolerance: seconds the timestamp may be off the clock, either way;
            ``None`` skips the replay check.
        now: the current Unix time; ``time.time()`` when omitted.

    Raises:
        MissingWebhookHeaderError: a ``webhook-*`` header is missing.
        InvalidSecretKeyError: ``secret`` is not a valid signing secret.
        WebhookTimestampError: the timestamp is malformed or out of tolerance.
        InvalidWebhookSignatureError: no signature matches.

    Example::

        >>> secret = "whsec_" + "c2VjcmV0LWtleS1mb3ItdGVzdHM="
        >>> headers = sign_webhook(body=b"{}", secret=secret, webhook_id="msg_1", timestamp=1700000000)
        >>> verify_webhook(headers=headers, body=b"{}", secret=secret, now=1700000010)
    """
    key = _secret_key(secret)
    webhook_id = _header(headers, "webhook-id")
    timestamp = _header(headers, "webhook-timestamp")
    signature_header = _header(headers, "webhook-signature")
    if tolerance is not None:
        _check_timestamp(timestamp, tolerance, time.time() if now is None else now)

    expected = _signature(key, webhook_id, timestamp, _body_bytes(body))
    candidates = _candidate_signatures(signature_header)
    if not candidates:
        raise InvalidWebhookSignatureError(
            "the 'webhook-signature' header holds no 'v1,<base64>' signature"
        )
    # Compare against every candidate, so timing does not reveal which one matched.
    matched = False
    for candidate in candidates:
        matched |= hmac.compare_digest(candidate, expected)
    if not matched:
        raise InvalidWebhookSignatureError(
            f"none of the {len(candidates)} signature(s) matches the body; check that the "
            "body is passed exactly as received and that the secret is this account's"
        )


def validate(
    headers: Mapping[str, str],
    body: Body,
    secret: Secret,
    tolerance: Optional[float] = None,
) -> bool:
    """Validate a webhook the way the 1.x client's ``webhooks.validate`` did.

    Differences from :func:`verify_webhook`, kept for 1.x code: the
    timestamp is only checked when ``tolerance`` is given, and an empty body
    raises :class:`MissingWebhookBodyError`. Returns ``True`` when valid;
    every failure raises (a :class:`WebhookVerificationError`).
    """
    if not body:
        raise MissingWebhookBodyError("the webhook body is empty; pass the raw request body")
    verify_webhook(headers=headers, body=body, secret=secret, tolerance=tolerance)
    return True


def sign_webhook(
    *,
    body: Body,
    secret: Secret,
    webhook_id: str,
    timestamp: Optional[int] = None,
) -> dict[str, str]:
    """The ``webhook-*`` headers Replicate would send with ``body``.

    For tests and emulators. ``timestamp`` defaults to the current time.
    """
    key = _secret_key(secret)
    sent = str(int(time.time()) if timestamp is None else timestamp)
    signature = base64.b64encode(_signature(key, webhook_id, sent, _body_bytes(body))).decode()
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": sent,
        "webhook-signature": f"{_SIGNATURE_VERSION},{signature}",
    }
