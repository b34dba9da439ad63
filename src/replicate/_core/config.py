"""Client settings: explicit arguments first, then environment variables, then defaults.

Resolved once per client, so that no request repeats the work.
"""

from __future__ import annotations

import platform
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

import httpx

from .._exceptions import ArgumentTypeError, InvalidArgumentError
from .._types import NotGiven, Timeout
from .._version import __version__
from .timeouts import DEFAULT_TIMEOUT

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "ClientConfig",
    "api_origin_url",
    "environment_base_url",
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

    Whatever can go in an HTTP header is kept as it is (the API judges whether it is a
    valid token).

    Raises:
        ValueError: the token holds a character that cannot go in a header (CR, LF,
            another control character, or a non-ASCII character), usually a bad paste.
    """
    if token is None:
        return None
    given = cast(object, token)  # checked at run time: callers may not be type-checked
    if not isinstance(given, str):
        raise ArgumentTypeError(f"The API token must be a string, got {type(given).__name__}")
    token = token.strip()
    if not token:
        return None
    for position, character in enumerate(token):
        if not " " <= character <= "~" and character != "\t":
            kind = (
                "a line break"
                if character in "\r\n"
                else ("a control character" if character.isascii() else "a non-ASCII character")
            )
            raise InvalidArgumentError(
                f"The Replicate API token contains {kind} ({character!r} at position {position}), "
                "which cannot be sent in an HTTP header; copy the token again from "
                "https://replicate.com/account/api-tokens"
            )
    return token


def _checked_url(value: str | httpx.URL, name: str) -> httpx.URL:
    url = httpx.URL(str(value).strip())
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidArgumentError(
            f"{name} must be an absolute http(s) URL such as {DEFAULT_BASE_URL!r}, got {str(value)!r}"
        )
    return url.copy_with(query=None, fragment=None)


def normalize_base_url(value: str | httpx.URL, *, name: str = "base_url") -> httpx.URL:
    """A base URL used as given: its path is the prefix of every request path.

    ``http://localhost:4010`` sends ``GET /predictions`` to ``http://localhost:4010/predictions``;
    ``https://api.replicate.com/v1/`` is ``https://api.replicate.com/v1``. This is the
    meaning of ``base_url=`` for ``Replicate`` and ``AsyncReplicate``.

    Raises:
        ValueError: ``value`` is not an absolute http(s) URL.
    """
    url = _checked_url(value, name)
    return url.copy_with(path=url.path.rstrip("/") or "")


def api_origin_url(value: str | httpx.URL, *, name: str = "base_url") -> httpx.URL:
    """An origin with ``/v1`` added: the 1.x meaning of ``base_url=`` for ``Client``.

    ``http://localhost:8000`` becomes ``http://localhost:8000/v1``; a URL that already
    ends in ``/v1`` is kept.

    Raises:
        ValueError: ``value`` is not an absolute http(s) URL.
    """
    url = _checked_url(value, name)
    path = url.path.rstrip("/")
    if not path.endswith(_API_VERSION_SUFFIX):
        path += _API_VERSION_SUFFIX
    return url.copy_with(path=path)


def environment_base_url(value: str) -> httpx.URL:
    """``REPLICATE_BASE_URL``: an origin with no path gets ``/v1``; a URL with a path is kept.

    Raises:
        ValueError: ``value`` is not an absolute http(s) URL.
    """
    url = _checked_url(value, "REPLICATE_BASE_URL")
    if url.path.strip("/"):
        return normalize_base_url(url, name="REPLICATE_BASE_URL")
    return api_origin_url(url, name="REPLICATE_BASE_URL")


def normalize_timeout(timeout: Timeout) -> httpx.Timeout:
    """An ``httpx.Timeout`` from seconds, an ``httpx.Timeout``, or ``None`` (no limit)."""
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if timeout is None:
        return httpx.Timeout(None)
    seconds = cast(object, timeout)  # checked at run time: callers may not be type-checked
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds <= 0:
        raise InvalidArgumentError(
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
    base_url_is_origin: bool = False,
) -> ClientConfig:
    """Validate the client's arguments and fill the gaps from ``environ`` and the defaults.

    ``base_url`` is used as given (2.x), or with ``base_url_is_origin`` as an origin to
    which ``/v1`` is added (1.x's ``Client``); see :func:`environment_base_url` for
    ``REPLICATE_BASE_URL``.
    """
    retries = cast(object, max_retries)  # checked at run time: callers may not be type-checked
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise InvalidArgumentError(f"max_retries must be a whole number >= 0, got {max_retries!r}")
    token = normalize_token(
        bearer_token if bearer_token is not None else environ.get("REPLICATE_API_TOKEN")
    )
    if base_url is not None:
        url = api_origin_url(base_url) if base_url_is_origin else normalize_base_url(base_url)
    elif environ.get("REPLICATE_BASE_URL", "").strip():
        url = environment_base_url(environ["REPLICATE_BASE_URL"])
    else:
        url = httpx.URL(DEFAULT_BASE_URL)
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
