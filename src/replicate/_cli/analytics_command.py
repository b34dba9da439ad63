"""``replicate analytics on|off|status``."""

from __future__ import annotations

import argparse
import json
import uuid
from typing import TYPE_CHECKING

from . import analytics
from .errors import UsageError
from .exp_common import add_ignored_project_directory

if TYPE_CHECKING:
    from .console import Console

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate analytics``."""
    parser.description = f"""{parser.description}

Analytics are off by default, and nothing is ever sent unless they are on AND an
endpoint is configured. Each command then sends: a random id for this machine, the
command's name without its arguments, the version, the CPU architecture and the
operating system. DO_NOT_TRACK, REPLICATE_NO_ANALYTICS and CI turn them off."""
    parser.add_argument("action", choices=["on", "off", "status"], help="what to do")
    parser.add_argument(
        "--endpoint", metavar="URL", help="with 'on': where to send them (stored in the settings)"
    )
    add_ignored_project_directory(parser)
    parser.set_defaults(handler=_analytics)


def _analytics(args: argparse.Namespace, console: Console) -> int:
    settings = analytics.load_settings()
    if args.endpoint is not None and args.action != "on":
        raise UsageError(f"--endpoint goes with 'on', not {args.action!r}")
    if args.action == "on":
        settings["analytics_enabled"] = True
        settings["analytics_id"] = settings.get("analytics_id") or str(uuid.uuid4())
        if args.endpoint is not None:
            settings["analytics_endpoint"] = args.endpoint
        analytics.save_settings(settings)
        console.print("Analytics are on.")
    elif args.action == "off":
        settings["analytics_enabled"] = False
        settings["analytics_id"] = None
        analytics.save_settings(settings)
        console.print("Analytics are off; this machine's analytics id is deleted.")
    _print_status(settings, console)
    return 0


def _print_status(settings: dict[str, object], console: Console) -> None:
    url = analytics.endpoint(settings)  # pyright: ignore[reportArgumentType]
    blocked = analytics.disabled_by_environment()
    console.print(f"Settings: {analytics.settings_path()}")
    console.print(f"Enabled: {'yes' if settings.get('analytics_enabled') is True else 'no'}")
    console.print(f"Endpoint: {url or '(none)'}")
    if blocked is not None:
        reason = f"{blocked} is set"
    elif settings.get("analytics_enabled") is not True:
        reason = "analytics are off"
    elif url is None:
        reason = "no endpoint is configured"
    else:
        reason = None
    if reason is not None:
        console.print(f"Nothing is sent: {reason}.")
        return
    example = analytics.payload(settings, "ls")  # pyright: ignore[reportArgumentType]
    console.print(f"After each command, this is POSTed to {url} (here for 'replicate ls'):")
    console.print(json.dumps(example, indent=2))
