"""``replicate account`` and ``replicate hardware``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .api_common import as_json, make_client, print_fields, print_table

if TYPE_CHECKING:
    from .console import Console

__all__ = ["configure_account", "configure_hardware"]


def configure_account(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate account``."""
    parser.add_argument("--json", action="store_true", help="print it as JSON")
    parser.set_defaults(handler=_account)


def configure_hardware(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate hardware``."""
    parser.add_argument("--json", action="store_true", help="print it as JSON")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the SKUs")
    parser.set_defaults(handler=_hardware)


def _account(args: argparse.Namespace, console: Console) -> int:
    account = make_client().account.get()
    if args.json:
        console.json(as_json(account))
        return 0
    fields = [
        ("Username", account.username),
        ("Name", account.name or ""),
        ("Type", account.type),
        ("GitHub", account.github_url or ""),
    ]
    print_fields(console, fields)
    return 0


def _hardware(args: argparse.Namespace, console: Console) -> int:
    hardware = list(make_client().hardware.list())
    if args.json:
        console.json(as_json(hardware))
    elif args.quiet:
        for item in hardware:
            console.print(item.sku or "")
    else:
        print_table(console, ["SKU", "NAME"], [[h.sku or "", h.name or ""] for h in hardware])
    return 0
