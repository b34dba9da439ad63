"""Client settings: explicit arguments first, then environment variables, then defaults.

Resolved once per client, so that no request repeats the work.
"""

from __future__ import annotations

import platform
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

import httpx

from .._types import NotGiven, Timeout
from .._version import __version__
from .timeouts import DEFAULT_TIMEOUT

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "ClientConfig",
    "normalize_base_url",
    "normalize_timeout",
    "normalize_token",
    "resolve_config",
    "user_agent",
]

DEFAULT_BASE_URL = "https://api.replicate.com/v1"
DEFAULT_MAX_RETRIES = 2
_API_VERSION_SUFFIX = "/v1"


@dataclass(frozen=True)
class ClientConfig:
    """Everything a client needs to send requests, validated."""

    bearer_token: str | None
    base_url: httpx.URL
    timeout: httpx.Timeout
    max_retries: int
    default_headers: Mapping[str, str] = field(default_factory=dict[str, str])
    default_query: Mapping[str, object] = field(default_factory=dict[str, object])
    strict_response_validation: bool = False


def user_agent() -> str:
    """The ``User-Agent`` the SDK sends: its version, httpx's and Python's."""
    return f"replicate-python/{__version__} httpx/{httpx.__version__} python/{platform.python_version()}"


def normalize_token(token: str | None) -> str | None:
    """The token without surrounding whitespace; ``None`` for an empty one.

    Raises ``ValueError`` for a token with whitespace inside (usually a bad copy-paste),
    which would otherwise corrupt the ``Authorization`` header.
    """
    if token is None:
        return None
    token = token.strip()
    if not token:
        return None
    if any(character.isspace() for character in token):
        raise ValueError(
            "The Replicate API token contains whitespace; copy it again from your account settings"
        )
    return token


def normalize_base_url(value: str | httpx.URL) -> httpx.URL:
    """An API base URL ending in ``/v1``, whether or not it was given.

    ``http://localhost:8000``, ``http://localhost:8000/`` and ``http://localhost:8000/v1/``
    all become ``http://localhost:8000/v1``.
    """
    url = httpx.URL(str(value).strip())
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(
            f"base_url must be an absolute http(s) URL such as {DEFAULT_BASE_URL!r}, got {str(value)!r}"
        )
    path = url.path.rstrip("/")
    if not path.endswith(_API_VERSION_SUFFIX):
        path += _API_VERSION_SUFFIX
    return url.copy_with(path=path, query=None, fragment=None)


def normalize_timeout(timeout: Timeout) -> httpx.Timeout:
    """An ``httpx.Timeout`` from seconds, an ``httpx.Timeout``, or ``None`` (no limit)."""
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if timeout is None:
        return httpx.Timeout(None)
    seconds = cast(object, timeout)  # checked at run time: callers may not be type-checked
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds <= 0:
        raise ValueError(
            f"timeout must be a positive number of seconds, an httpx.Timeout or None, got {timeout!r}"
        )
    return httpx.Timeout(
        float(timeout), connect=min(float(timeout), DEFAULT_TIMEOUT.connect or float(timeout))
    )


def resolve_config(
    *,
    bearer_token: str | None,
    base_url: str | httpx.URL | None,
    timeout: Timeout | NotGiven,
    max_retries: int,
    default_headers: Mapping[str, str] | None,
    default_query: Mapping[str, object] | None,
    strict_response_validation: bool | None,
    environ: Mapping[str, str],
) -> ClientConfig:
    """Validate the client's arguments and fill the gaps from ``environ`` and the defaults."""
    retries = cast(object, max_retries)  # checked at run time: callers may not be type-checked
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise ValueError(f"max_retries must be a whole number >= 0, got {max_retries!r}")
    token = normalize_token(
        bearer_token if bearer_token is not None else environ.get("REPLICATE_API_TOKEN")
    )
    url = normalize_base_url(base_url or environ.get("REPLICATE_BASE_URL") or DEFAULT_BASE_URL)
    if strict_response_validation is None:
        strict_response_validation = environ.get(
            "REPLICATE_STRICT_RESPONSES", ""
        ).strip().lower() in ("1", "true", "yes")
    return ClientConfig(
        bearer_token=token,
        base_url=url,
        timeout=DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else normalize_timeout(timeout),
        max_retries=max_retries,
        default_headers=dict(default_headers or {}),
        default_query=dict(default_query or {}),
        strict_response_validation=strict_response_validation,
    )
