"""One-line descriptions of the SDK's errors, for ``error: ...`` on standard error."""

from __future__ import annotations

from .._exceptions import AuthenticationError, MissingAPITokenError, ReplicateError

__all__ = ["NO_TOKEN", "describe"]

NO_TOKEN = (
    "no API token: set REPLICATE_API_TOKEN (tokens are at https://replicate.com/account/api-tokens)"
)


def describe(error: ReplicateError) -> str:
    """What went wrong, on one line, with what to do about it where the SDK knows."""
    if isinstance(error, MissingAPITokenError):
        return NO_TOKEN
    message = " ".join(str(error).split())
    if isinstance(error, AuthenticationError):
        message += " Check REPLICATE_API_TOKEN."
    return message
