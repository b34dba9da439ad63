"""Keeping the token out of logs and reprs (replicate._core.redact)."""

from __future__ import annotations

from replicate._core.redact import mask_token, redact_headers


def test_mask_token_keeps_only_the_prefix() -> None:
    assert mask_token("r8_abcdefghijklmnop") == "r8_****"
    assert mask_token(None) == "<not set>"
    assert mask_token("") == "<not set>"


def test_redact_headers_hides_credentials_case_insensitively() -> None:
    headers = [("Authorization", "Bearer r8_secret"), ("cookie", "a=b"), ("User-Agent", "x")]
    assert redact_headers(headers) == {
        "Authorization": "<redacted>",
        "cookie": "<redacted>",
        "User-Agent": "x",
    }
