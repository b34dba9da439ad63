"""The client behind ``replicate.predictions`` and friends: created at first use, from the environment."""

from __future__ import annotations

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

_lock = threading.Lock()
_client: Replicate | None = None


def default_client() -> Replicate:
    """The module-level client, created on first use with the environment's settings."""
    global _client
    if _client is None:
        with _lock:
            if _client is None:
                from ._sync._client import Replicate

                _client = Replicate()
    return _client


def module_client_attribute(name: str) -> Any:
    """``replicate.<name>``: the attribute of the default client."""
    return getattr(default_client(), name)
