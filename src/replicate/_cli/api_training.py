"""``replicate training create|get|list|cancel``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .._types import NOT_GIVEN
from .api_common import (
    add_action,
    add_actions,
    add_list_options,
    as_json,
    make_client,
    print_fields,
    print_listing,
    short_time,
    take,
)
from .api_output import report, wait_with_progress
from .errors import UsageError
from .inputs import build_input

if TYPE_CHECKING:
    from .._sync._objects import Training
    from .console import Console

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate training``."""
    actions = add_actions(parser)
    create = add_action(actions, "create", "Start a training of a model version", _create)
    create.add_argument(
        "model", metavar="OWNER/NAME:VERSION", help="the version to train (owner/name:version)"
    )
    create.add_argument(
        "inputs", nargs="*", metavar="KEY=VALUE", help="a training input; KEY=@PATH sends a file"
    )
    create.add_argument(
        "-d",
        "--destination",
        required=True,
        metavar="OWNER/NAME",
        help="the model the trained version is pushed to",
    )
    create.add_argument("--webhook", metavar="URL", help="a URL to notify as the training goes on")
    create.add_argument(
        "--wait", action="store_true", help="wait for it to finish and print its output"
    )
    create.add_argument("--json", action="store_true", help="print the training as JSON")
    listing = add_action(
        actions, "list", "List your trainings, newest first", _list, aliases=["ls"]
    )
    add_list_options(listing)
    get = add_action(actions, "get", "Show a training", _get)
    get.add_argument("id", metavar="ID", help="the training's id")
    get.add_argument("--json", action="store_true", help="print it as JSON")
    cancel = add_action(actions, "cancel", "Cancel a training", _cancel)
    cancel.add_argument("id", metavar="ID", help="the training's id")
    cancel.add_argument("--json", action="store_true", help="print the canceled training as JSON")


def _summary(training: Training, console: Console) -> None:
    fields = [
        ("ID", training.id),
        ("Model", training.model or ""),
        ("Version", training.version or ""),
        ("Status", training.status),
        ("Created", short_time(training.created_at)),
        ("Completed", short_time(training.completed_at)),
        ("Error", str(training.error or "")),
    ]
    print_fields(console, fields)
    if training.output is not None:
        console.print(console.style("Output:", "bold"))
        console.json(as_json(training.output))


def _create(args: argparse.Namespace, console: Console) -> int:
    from .._core.refs import parse_ref

    try:
        ref = parse_ref(args.model)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if ref.owner is None or ref.version is None:
        raise UsageError(f"a training needs owner/name:version, got {args.model!r}")
    client = make_client()
    training = client.trainings.create(
        version=str(ref),
        input=build_input(args.inputs, None),
        destination=args.destination,
        webhook=args.webhook or NOT_GIVEN,
    )
    if args.wait:
        wait_with_progress(training, console)
        report(client, training, console, as_json_document=args.json)
    elif args.json:
        console.json(as_json(training))
    else:
        console.print(f"Training {training.id} is {training.status}")
    return 0


def _list(args: argparse.Namespace, console: Console) -> int:
    trainings: list[Training] = take(make_client().trainings.list(), args.limit)
    print_listing(
        console,
        args,
        trainings,
        item_id=lambda t: t.id or "",
        headers=["ID", "MODEL", "STATUS", "CREATED"],
        row=lambda t: [t.id or "", t.model or "", t.status or "", short_time(t.created_at)],
        empty="No trainings found",
    )
    return 0


def _get(args: argparse.Namespace, console: Console) -> int:
    training = make_client().trainings.get(args.id)
    if args.json:
        console.json(as_json(training))
    else:
        _summary(training, console)
    return 0


def _cancel(args: argparse.Namespace, console: Console) -> int:
    training = make_client().trainings.cancel(args.id)
    if args.json:
        console.json(as_json(training))
    else:
        console.print(f"Training {training.id} is {training.status}")
    return 0
