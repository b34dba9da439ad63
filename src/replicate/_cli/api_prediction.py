"""``replicate prediction list|get|cancel|wait``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from .._sync._objects import Prediction
    from .console import Console

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate prediction``."""
    actions = add_actions(parser)
    listing = add_action(
        actions, "list", "List your predictions, newest first", _list, aliases=["ls"]
    )
    add_list_options(listing)
    get = add_action(actions, "get", "Show a prediction", _get)
    get.add_argument("id", metavar="ID", help="the prediction's id")
    get.add_argument("--json", action="store_true", help="print it as JSON")
    cancel = add_action(actions, "cancel", "Cancel a prediction", _cancel)
    cancel.add_argument("id", metavar="ID", help="the prediction's id")
    cancel.add_argument("--json", action="store_true", help="print the canceled prediction as JSON")
    wait = add_action(
        actions, "wait", "Wait for a prediction to finish and print its output", _wait
    )
    wait.add_argument("id", metavar="ID", help="the prediction's id")
    wait.add_argument("--json", action="store_true", help="print the finished prediction as JSON")
    wait.add_argument(
        "-o", "--output-dir", metavar="DIR", type=Path, help="save output files in DIR"
    )


def _list(args: argparse.Namespace, console: Console) -> int:
    predictions: list[Prediction] = take(make_client().predictions.list(), args.limit)
    print_listing(
        console,
        args,
        predictions,
        item_id=lambda p: p.id,
        headers=["ID", "MODEL", "STATUS", "CREATED"],
        row=lambda p: [p.id, p.model or p.version or "", p.status, short_time(p.created_at)],
        empty="No predictions found",
    )
    return 0


def _describe(prediction: Prediction, console: Console) -> None:
    import json

    metrics = prediction.metrics.model_dump(exclude_none=True) if prediction.metrics else {}
    fields = [
        ("ID", prediction.id),
        ("Model", prediction.model or ""),
        ("Version", prediction.version or ""),
        ("Status", prediction.status),
        ("Created", short_time(prediction.created_at)),
        ("Started", short_time(prediction.started_at)),
        ("Completed", short_time(prediction.completed_at)),
        ("Predict time", f"{metrics['predict_time']:.2f} s" if "predict_time" in metrics else ""),
        ("Input", json.dumps(prediction.input, ensure_ascii=False)),
        ("Error", str(prediction.error or "")),
    ]
    print_fields(console, fields)
    if prediction.output is not None:
        console.print(console.style("Output:", "bold"))
        output = prediction.output
        text = (
            output if isinstance(output, str) else json.dumps(output, indent=2, ensure_ascii=False)
        )
        for line in text.splitlines():
            console.print(f"  {line}")
    if prediction.logs:
        console.print(console.style("Logs:", "bold"))
        for line in prediction.logs.rstrip("\n").splitlines():
            console.print(f"  {line}")


def _get(args: argparse.Namespace, console: Console) -> int:
    prediction = make_client().predictions.get(args.id)
    if args.json:
        console.json(as_json(prediction))
    else:
        _describe(prediction, console)
    return 0


def _cancel(args: argparse.Namespace, console: Console) -> int:
    prediction = make_client().predictions.cancel(args.id)
    if args.json:
        console.json(as_json(prediction))
    else:
        console.print(f"Prediction {prediction.id} is {prediction.status}")
    return 0


def _wait(args: argparse.Namespace, console: Console) -> int:
    client = make_client()
    prediction = client.predictions.get(args.id)
    wait_with_progress(prediction, console)
    report(client, prediction, console, as_json_document=args.json, output_dir=args.output_dir)
    return 0
