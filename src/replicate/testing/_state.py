"""What every request handler shares: the store, the clock, the lifecycle and settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._clock import Clock
from ._lifecycle import Lifecycle
from ._store import Store
from ._webhooks import WebhookSender

__all__ = ["State"]


@dataclass
class State:
    """Shared by the handlers of one emulator."""

    store: Store
    clock: Clock
    lifecycle: Lifecycle
    webhooks: WebhookSender
    username: str
    page_size: int
    files_secret: bytes
    file_lifetime: float

    def account(self) -> dict[str, Any]:
        """The account the tokens belong to."""
        return {
            "type": "user",
            "username": self.username,
            "name": self.username.replace("-", " ").title(),
            "github_url": f"https://github.com/{self.username}",
        }
