"""Keeping the API token out of logs, reprs and messages."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["SENSITIVE_HEADERS", "mask_token", "redact_headers"]

SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})

# Replicate tokens start with "r8_"; keeping the prefix tells which kind of secret it was.
_KEPT_PREFIX = 3


def mask_token(token: str | None) -> str:
    """A printable stand-in for a token: its first three characters, then asterisks."""
    if not token:
        return "<not set>"
    return token[:_KEPT_PREFIX] + "****"


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """A copy of ``headers`` (name, value pairs) with credentials replaced by ``<redacted>``."""
    return {
        name: "<redacted>" if name.lower() in SENSITIVE_HEADERS else value
        for name, value in headers
    }
