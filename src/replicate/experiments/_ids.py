"""Experiment and checkpoint ids: 64 random lowercase hex characters, as Keepsake's."""

from __future__ import annotations

import secrets

__all__ = ["new_id"]


def new_id() -> str:
    """A new id; its first 7 characters are the short form shown by the command line."""
    return secrets.token_hex(32)
