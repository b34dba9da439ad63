"""The client behind ``replicate.predictions`` and friends: created at first use, from the environment."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._sync._client import Replicate

__all__ = ["CLIENT_ATTRIBUTES", "default_client", "module_client_attribute"]

CLIENT_ATTRIBUTES = frozenset(
    {
        "account",
        "accounts",
        "collections",
        "deployments",
        "files",
        "hardware",
        "models",
        "predictions",
        "trainings",
        "webhooks",
        "search",
    }
)
"""Attributes of ``replicate`` that forward to the default client."""

_ENVIRONMENT = ("REPLICATE_API_TOKEN", "REPLICATE_BASE_URL")
_MODULE_SETTINGS = ("bearer_token", "base_url")
"""Settings given as ``replicate.bearer_token = ...`` (2.x); they win over the environment."""
"""The variables the module-level client is made from: when one changes, so does the client."""

_lock = threading.Lock()
_client: Replicate | None = None
_client_environment: tuple[str | None, ...] = ()
_retired: list[Replicate] = []


def default_client() -> Replicate:
    """The module-level client, made from the environment as it is now.

    It is made on first use and made again when ``REPLICATE_API_TOKEN`` or
    ``REPLICATE_BASE_URL`` has changed since, so setting the token after a
    ``MissingAPITokenError`` works. ``replicate.bearer_token = ...`` and
    ``replicate.base_url = ...``, as 2.x reads them, win over the environment. Clients
    it replaces stay usable by whoever holds them and are closed when the interpreter
    exits.
    """
    global _client, _client_environment
    environment = current_environment()
    client = _client
    if client is None or environment != _client_environment:
        with _lock:
            if _client is None or environment != _client_environment:
                from ._sync._client import Replicate

                if _client is None:
                    atexit.register(_close_all)
                else:
                    _retired.append(_client)
                token, base_url = environment[len(_ENVIRONMENT) :]
                _client = Replicate(bearer_token=token, base_url=base_url)
                _client_environment = environment
            client = _client
    return client


def current_environment() -> tuple[str | None, ...]:
    """What the module-level client is made from, now: the variables, then the settings."""
    settings = vars(sys.modules[__package__ or "replicate"])
    return (
        *(os.environ.get(name) for name in _ENVIRONMENT),
        *(_setting(settings.get(name)) for name in _MODULE_SETTINGS),
    )


def _setting(value: object) -> str | None:
    return None if value is None else str(value)


def _close_all() -> None:
    """Close the module-level clients' connections at exit (no unclosed-socket warnings)."""
    for client in [*_retired, *([_client] if _client is not None else [])]:
        with contextlib.suppress(Exception):
            client.close()


def module_client_attribute(name: str) -> Any:
    """``replicate.<name>``: the attribute of the default client."""
    return getattr(default_client(), name)
