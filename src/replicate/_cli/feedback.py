"""``replicate feedback``: where to say what works and what does not. No network."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .exp_common import add_ignored_project_directory

if TYPE_CHECKING:
    from .console import Console

__all__ = ["ISSUES_URL", "configure"]

ISSUES_URL = "https://github.com/replicate/replicate-python/issues"


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate feedback`` (``-D`` only, which it ignores)."""
    add_ignored_project_directory(parser)
    parser.set_defaults(handler=_feedback)


def _feedback(args: argparse.Namespace, console: Console) -> int:
    console.print("We would love to hear what works for you and what does not.")
    console.print(f"Open an issue, or comment on one, at {ISSUES_URL}")
    return 0
