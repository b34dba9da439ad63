"""What the API commands share: the client, JSON of API objects, dates, tables."""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Sequence

from . import table
from .api_errors import NO_TOKEN
from .errors import CLIError

if TYPE_CHECKING:
    import argparse

    from .._sync._client import Replicate
    from .console import Console

__all__ = [
    "add_action",
    "add_actions",
    "add_list_options",
    "as_json",
    "print_fields",
    "print_listing",
    "make_client",
    "print_table",
    "short_time",
    "take",
]


def make_client() -> Replicate:
    """A client configured from ``REPLICATE_API_TOKEN`` and ``REPLICATE_BASE_URL``.

    Raises:
        CLIError: no token is set.
    """
    if not os.environ.get("REPLICATE_API_TOKEN"):
        raise CLIError(NO_TOKEN)
    from .._sync._client import Replicate

    return Replicate()


def as_json(value: Any) -> Any:
    """An API object (a pydantic model, or a list of them) as plain JSON data."""
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [as_json(item) for item in value]  # pyright: ignore[reportUnknownVariableType]
    return value


def short_time(value: object) -> str:
    """An API timestamp (a datetime or an ISO 8601 string) in local time, to the second.

    Example: ``2026-11-30 06:35:23``; ``""`` for none.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    else:
        return str(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone()
    return parsed.strftime("%Y-%m-%d %H:%M:%S")


def add_list_options(parser: argparse.ArgumentParser, *, default_limit: int = 20) -> None:
    """``--json``, ``-q/--quiet`` and ``-n/--limit`` of the ``list`` commands."""
    parser.add_argument("--json", action="store_true", help="print the items as a JSON list")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only ids, one per line")
    parser.add_argument(
        "-n",
        "--limit",
        type=int,
        default=default_limit,
        metavar="N",
        help=f"at most N items, newest first (default: {default_limit}; 0: all)",
    )


def take(items: Iterable[Any], limit: int) -> list[Any]:
    """The first ``limit`` items (all of them when ``limit`` is 0); later pages are not fetched."""
    if limit < 0:
        raise CLIError(f"--limit must be 0 or more, got {limit}")
    taken: list[Any] = []
    for item in items:
        if limit and len(taken) >= limit:
            break
        taken.append(item)
    return taken


def print_table(console: Console, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print an aligned table, headers in bold when colour is on."""
    for line in table.render(headers, rows, style_header=lambda text: console.style(text, "bold")):
        console.print(line)


def add_action(
    actions: Any, name: str, summary: str, handler: Any, *, aliases: Sequence[str] = ()
) -> argparse.ArgumentParser:
    """Add ``replicate <noun> <name>`` to a group's subparsers, with the global options."""
    from .main import add_global_options

    parser: argparse.ArgumentParser = actions.add_parser(
        name, help=summary, description=summary, aliases=list(aliases)
    )
    add_global_options(parser, top_level=False)
    parser.set_defaults(handler=handler)
    return parser


def add_actions(parser: argparse.ArgumentParser) -> Any:
    """The subparsers of a group command (``prediction``, ``model``...): one is required."""
    return parser.add_subparsers(dest="action", metavar="<action>", required=True)


def print_fields(console: Console, fields: Sequence[tuple[str, Optional[str]]]) -> None:
    """``Name:  value`` lines, aligned on the longest name, names in bold; empty values skipped."""
    width = max(len(name) for name, _ in fields) + 2
    for name, value in fields:
        if value:
            console.print(console.style(f"{name}:".ljust(width), "bold") + value)


def print_listing(
    console: Console,
    args: argparse.Namespace,
    items: Sequence[Any],
    *,
    item_id: Callable[[Any], str],
    headers: Sequence[str],
    row: Callable[[Any], Sequence[str]],
    empty: str,
) -> None:
    """What every ``list`` prints: JSON with ``--json``, ids with ``-q``, else a table.

    ``empty`` goes to standard error when there is nothing to list.
    """
    if args.json:
        console.json(as_json(list(items)))
    elif args.quiet:
        for item in items:
            console.print(item_id(item))
    elif not items:
        console.info(empty)
    else:
        print_table(console, headers, [row(item) for item in items])
