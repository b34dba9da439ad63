"""``replicate rm <id>...``: delete experiments or checkpoints, after one confirmation.

Composes with ``ls -q``: ``replicate rm $(replicate ls -q --filter "val_accuracy < 0.2")``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Union

from .errors import CLIError
from .exp_common import add_repository_options, experiment_errors, open_repository
from .exp_ids import find_all

if TYPE_CHECKING:
    from ..experiments import Checkpoint, Experiment
    from .console import Console

__all__ = ["LISTED", "configure"]

LISTED = 10
"""How many of the items to delete the confirmation lists, one a line."""


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate rm``."""
    parser.description = f"""{parser.description}.

To remove experiments or checkpoints, pass any number of IDs (or prefixes). With none
(an `ls -q` that matched nothing), there is nothing to remove: it says so and succeeds."""
    parser.epilog = """\
examples:
  Delete an experiment and its checkpoints (where a1b2c3d4 is an experiment ID):
    replicate rm a1b2c3d4
  Delete all experiments where the metric "val_accuracy" is less than 0.2 at the best
  checkpoints:
    replicate rm $(replicate ls -q --filter "val_accuracy < 0.2")"""
    parser.add_argument(
        "ids", nargs="*", metavar="ID", help="experiment or checkpoint ids (or unique prefixes)"
    )
    parser.add_argument(
        "-f",
        "--force",
        action="store_true",
        help="delete without asking, running experiments too",
    )
    add_repository_options(parser)
    parser.set_defaults(handler=experiment_errors(_rm))


def _name(item: Union[Experiment, Checkpoint]) -> str:
    """``experiment abc1234`` or ``checkpoint abc1234``."""
    from ..experiments import Experiment

    kind = "experiment" if isinstance(item, Experiment) else "checkpoint"
    return f"{kind} {item.short_id}"


def _describe(item: Union[Experiment, Checkpoint]) -> str:
    """What the confirmation lists: ``Experiment abc1234 (3 checkpoints, running)``."""
    from ..experiments import Experiment

    if isinstance(item, Experiment):
        count = len(item.checkpoints)
        running = ", running" if item.status == "running" else ""
        detail = f"{count} checkpoint{'' if count == 1 else 's'}{running}"
    else:
        detail = f"of experiment {item.experiment.short_id if item.experiment else '?'}"
    return f"{_name(item).capitalize()} ({detail})"


def _rm(args: argparse.Namespace, console: Console) -> int:
    from ..experiments import Experiment

    if not args.ids:
        console.info("Nothing to remove: no ids given")
        return 0
    repository = open_repository(args)
    # Every prefix is resolved before anything is deleted: one bad id deletes nothing.
    chosen: dict[str, Union[Experiment, Checkpoint]] = {}
    for found in find_all(repository, args.ids):
        chosen.setdefault(found.id, found)
    experiments = {item.id for item in chosen.values() if isinstance(item, Experiment)}
    # A checkpoint of an experiment being deleted goes with it.
    items = [
        item
        for item in chosen.values()
        if isinstance(item, Experiment)
        or item.experiment is None
        or item.experiment.id not in experiments
    ]
    running = [item for item in items if isinstance(item, Experiment) and item.status == "running"]
    if running and not args.force:
        ids = ", ".join(item.short_id for item in running)
        raise CLIError(f"experiment {ids} is running; stop it first, or use --force")
    if not args.force:
        for item in items[:LISTED]:
            console.info(_describe(item))
        if len(items) > LISTED:
            console.info(f"... and {len(items) - LISTED} more")
        count = len(items)
        if not console.confirm(f"Delete {count} item{'s' if count > 1 else ''}?"):
            raise CLIError("nothing deleted")
    for item in items:
        if isinstance(item, Experiment):
            repository.delete_experiment(item)
        else:
            repository.delete_checkpoint(item)
        console.print(f"Deleted {_name(item)}")
    return 0
