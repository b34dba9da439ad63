"""Tests of webhook signature verification."""

from __future__ import annotations

import base64
import doctest
import hashlib
import hmac
from dataclasses import dataclass
from typing import Callable, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replicate._core.webhooks import (
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
    verify_webhook,
)

KEY = b"a test key that is long enough!!"
SECRET = "whsec_" + base64.b64encode(KEY).decode()
OTHER_SECRET = "whsec_" + base64.b64encode(b"another key entirely").decode()
NOW = 1_700_000_000
BODY = b'{"id": "p1", "status": "succeeded", "output": "caf\xc3\xa9"}'


def signed_headers(
    body: bytes = BODY, secret: str = SECRET, timestamp: int = NOW
) -> dict[str, str]:
    return sign_webhook(body=body, secret=secret, webhook_id="msg_2abc", timestamp=timestamp)


def test_signature_is_hmac_sha256_of_id_timestamp_and_body() -> None:
    # Computed independently of the module, straight from the scheme's definition.
    digest = hmac.new(KEY, b"msg_2abc.1700000000." + BODY, hashlib.sha256).digest()
    headers = signed_headers()
    assert headers == {
        "webhook-id": "msg_2abc",
        "webhook-timestamp": "1700000000",
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
    }


def test_valid_signature_passes_with_bytes_and_str_bodies() -> None:
    headers = signed_headers()
    verify_webhook(headers=headers, body=BODY, secret=SECRET, now=NOW)
    verify_webhook(headers=headers, body=bytearray(BODY), secret=SECRET, now=NOW)
    verify_webhook(headers=headers, body=memoryview(BODY), secret=SECRET, now=NOW)
    verify_webhook(headers=headers, body=BODY.decode(), secret=SECRET, now=NOW)


def test_header_names_are_case_insensitive() -> None:
    headers = {k.title(): v for k, v in signed_headers().items()}
    assert "Webhook-Signature" in headers
    verify_webhook(headers=headers, body=BODY, secret=SECRET, now=NOW)


def test_secret_may_be_an_object_with_a_key_attribute() -> None:
    @dataclass
    class SigningSecret:
        key: str

    verify_webhook(headers=signed_headers(), body=BODY, secret=SigningSecret(SECRET), now=NOW)


def test_secret_without_prefix_is_accepted() -> None:
    bare = SECRET[len("whsec_") :]
    verify_webhook(headers=signed_headers(), body=BODY, secret=bare, now=NOW)


def test_any_of_several_signatures_may_match() -> None:
    good = signed_headers()["webhook-signature"]
    stale = signed_headers(secret=OTHER_SECRET)["webhook-signature"]
    headers = {**signed_headers(), "webhook-signature": f"{stale} v1a,ignored {good}"}
    verify_webhook(headers=headers, body=BODY, secret=SECRET, now=NOW)


Tamper = Callable[[dict[str, str]], dict[str, str]]
TAMPERS: list[Tamper] = [
    lambda h: {**h, "webhook-id": "msg_other"},
    lambda h: {**h, "webhook-timestamp": str(NOW + 1)},
    lambda h: {**h, "webhook-signature": h["webhook-signature"].replace("v1,", "v1,AA")},
]


@pytest.mark.parametrize("tamper", TAMPERS, ids=["id", "timestamp", "signature"])
def test_tampered_headers_fail(tamper: Callable[[dict[str, str]], dict[str, str]]) -> None:
    headers = tamper(signed_headers())
    with pytest.raises(InvalidWebhookSignatureError):
        verify_webhook(headers=headers, body=BODY, secret=SECRET, now=NOW)


def test_tampered_body_fails() -> None:
    with pytest.raises(InvalidWebhookSignatureError, match="none of the 1 signature"):
        verify_webhook(headers=signed_headers(), body=BODY + b" ", secret=SECRET, now=NOW)


def test_wrong_secret_fails_and_message_never_contains_it() -> None:
    with pytest.raises(InvalidWebhookSignatureError) as info:
        verify_webhook(headers=signed_headers(), body=BODY, secret=OTHER_SECRET, now=NOW)
    assert OTHER_SECRET[6:] not in str(info.value)
    assert SECRET[6:] not in str(info.value)


@pytest.mark.parametrize(
    "signature", ["", "   ", "v2,abc", "v1", "v1,not*base64", "nocomma"], ids=repr
)
def test_header_without_usable_signature(signature: str) -> None:
    headers = {**signed_headers(), "webhook-signature": signature}
    error = MissingWebhookHeaderError if not signature else InvalidWebhookSignatureError
    with pytest.raises(error):
        verify_webhook(headers=headers, body=BODY, secret=SECRET, now=NOW)


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_missing_header_is_named(missing: str) -> None:
    headers = {k: v for k, v in signed_headers().items() if k != missing}
    with pytest.raises(MissingWebhookHeaderError, match=missing):
        verify_webhook(headers=headers, body=BODY, secret=SECRET, now=NOW)


@pytest.mark.parametrize(
    ("offset", "ok"),
    [
        (0, True),
        (DEFAULT_TOLERANCE, True),
        (-DEFAULT_TOLERANCE, True),
        (DEFAULT_TOLERANCE + 1, False),
        (-DEFAULT_TOLERANCE - 1, False),
    ],
)
def test_timestamp_tolerance_both_directions(offset: int, ok: bool) -> None:
    headers = signed_headers()
    if ok:
        verify_webhook(headers=headers, body=BODY, secret=SECRET, now=NOW + offset)
    else:
        with pytest.raises(WebhookTimestampError, match=r"ago|future"):
            verify_webhook(headers=headers, body=BODY, secret=SECRET, now=NOW + offset)


def test_old_webhook_message_says_replay_and_future_says_clock() -> None:
    with pytest.raises(WebhookTimestampError, match="replay"):
        verify_webhook(headers=signed_headers(), body=BODY, secret=SECRET, now=NOW + 3600)
    with pytest.raises(WebhookTimestampError, match="clock"):
        verify_webhook(headers=signed_headers(), body=BODY, secret=SECRET, now=NOW - 3600)


def test_custom_tolerance_and_disabled_check() -> None:
    headers = signed_headers()
    with pytest.raises(WebhookTimestampError):
        verify_webhook(headers=headers, body=BODY, secret=SECRET, now=NOW + 11, tolerance=10)
    verify_webhook(headers=headers, body=BODY, secret=SECRET, now=NOW + 10**6, tolerance=None)


def test_default_now_is_the_current_clock() -> None:
    headers = sign_webhook(body=BODY, secret=SECRET, webhook_id="msg_now")
    verify_webhook(headers=headers, body=BODY, secret=SECRET)
    with pytest.raises(WebhookTimestampError):
        verify_webhook(headers=signed_headers(), body=BODY, secret=SECRET)


def test_non_numeric_timestamp() -> None:
    headers = {**signed_headers(), "webhook-timestamp": "yesterday"}
    with pytest.raises(WebhookTimestampError, match="whole seconds"):
        verify_webhook(headers=headers, body=BODY, secret=SECRET, now=NOW)


@pytest.mark.parametrize("secret", ["", "whsec_", "whsec_not base64!", "whsec_abc"], ids=repr)
def test_invalid_secret_is_reported_without_echoing_it(secret: str) -> None:
    with pytest.raises(InvalidSecretKeyError) as info:
        verify_webhook(headers=signed_headers(), body=BODY, secret=secret, now=NOW)
    if len(secret) > len("whsec_"):
        assert secret[6:] not in str(info.value)


def test_errors_form_one_hierarchy_of_value_errors() -> None:
    for error in (
        MissingWebhookHeaderError,
        MissingWebhookBodyError,
        InvalidSecretKeyError,
        InvalidWebhookSignatureError,
        WebhookTimestampError,
    ):
        assert issubclass(error, WebhookVerificationError)
    assert issubclass(WebhookVerificationError, ValueError)
    assert WebhookValidationError is WebhookVerificationError
    assert InvalidSignatureError is InvalidWebhookSignatureError
    assert InvalidTimestampError is WebhookTimestampError


# --- the 1.x-compatible entry point ------------------------------------------


def test_validate_returns_true_and_skips_timestamp_by_default() -> None:
    old = signed_headers(timestamp=1)
    assert validate(headers=old, body=BODY.decode(), secret=SECRET) is True


def test_validate_checks_timestamp_when_tolerance_given() -> None:
    with pytest.raises(InvalidTimestampError):
        validate(headers=signed_headers(timestamp=1), body=BODY, secret=SECRET, tolerance=300)


def test_validate_raises_on_bad_signature_and_empty_body() -> None:
    with pytest.raises(InvalidSignatureError):
        validate(headers=signed_headers(), body=b"{}", secret=SECRET)
    with pytest.raises(MissingWebhookBodyError):
        validate(headers=signed_headers(), body="", secret=SECRET)


@settings(deadline=None)
@given(
    body=st.binary(max_size=200),
    webhook_id=st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1),
    timestamp=st.integers(min_value=0, max_value=2**40),
    key=st.binary(min_size=1, max_size=64),
)
def test_sign_then_verify_round_trips(
    body: bytes, webhook_id: str, timestamp: int, key: bytes
) -> None:
    secret = "whsec_" + base64.b64encode(key).decode()
    headers = sign_webhook(body=body, secret=secret, webhook_id=webhook_id, timestamp=timestamp)
    verify_webhook(headers=headers, body=body, secret=secret, now=timestamp)


@settings(deadline=None)
@given(body=st.binary(max_size=100), flip=st.integers(min_value=0, max_value=99))
def test_any_single_byte_change_is_detected(body: bytes, flip: int) -> None:
    headers = signed_headers(body=body)
    changed: Optional[bytes]
    if body:
        index = flip % len(body)
        changed = body[:index] + bytes([body[index] ^ 1]) + body[index + 1 :]
    else:
        changed = b"x"
    with pytest.raises(InvalidWebhookSignatureError):
        verify_webhook(headers=headers, body=changed, secret=SECRET, now=NOW)


def test_docstring_examples_hold() -> None:
    from replicate._core import webhooks

    result = doctest.testmod(webhooks)
    assert result.attempted > 0
    assert result.failed == 0
