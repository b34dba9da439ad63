"""One-line descriptions of the SDK's errors, for ``error: ...`` on standard error."""

from __future__ import annotations

from .._exceptions import AuthenticationError, MissingAPITokenError, ReplicateError

__all__ = ["NO_TOKEN", "TOKENS_URL", "describe"]

TOKENS_URL = "https://replicate.com/account/api-tokens"
NO_TOKEN = f"no API token: set REPLICATE_API_TOKEN (tokens are at {TOKENS_URL})"


def _refused_token(error: AuthenticationError) -> str:
    """The 401 in one sentence: the SDK's own message also tells a Python caller about
    ``bearer_token=``, which a command-line user has no use for."""
    try:
        host = f" by {error.response.request.url.host}"
    except RuntimeError:  # a response built without its request
        host = ""
    return (
        f"REPLICATE_API_TOKEN was refused{host} (401): set it to a valid token "
        f"(tokens are at {TOKENS_URL})"
    )


def describe(error: ReplicateError) -> str:
    """What went wrong, on one line, with what to do about it where the SDK knows."""
    if isinstance(error, MissingAPITokenError):
        return NO_TOKEN
    if isinstance(error, AuthenticationError):
        return _refused_token(error)
    return " ".join(str(error).split())
