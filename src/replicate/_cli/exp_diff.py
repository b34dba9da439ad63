"""``replicate diff <A> <B>``: what differs between two experiments or checkpoints.

An experiment id stands for its best checkpoint (by the primary metric), else its latest.
Each section lists only the keys whose values differ.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Optional, Union

from . import exp_format, table
from .errors import CLIError
from .exp_common import add_repository_options, experiment_errors, open_repository
from .exp_ids import find_all

if TYPE_CHECKING:
    from ..experiments import Checkpoint, Experiment
    from .console import Console

__all__ = ["NOT_SET", "configure", "diff_sections"]

NOT_SET = "(not set)"
WIDTH = 50
Side = tuple["Experiment", Optional["Checkpoint"]]


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate diff``."""
    parser.description = f"""{parser.description}.

If an experiment ID is passed, it picks the best checkpoint from that experiment; if it
has no primary metric, the latest."""
    parser.add_argument(
        "ids", nargs=2, metavar="ID", help="an experiment or checkpoint id (or a unique prefix)"
    )
    parser.add_argument("--json", action="store_true", help="print the differences as JSON")
    add_repository_options(parser)
    parser.set_defaults(handler=experiment_errors(_diff))


def _side(found: Union[Experiment, Checkpoint]) -> tuple[Side, str]:
    """The (experiment, checkpoint) an id stands for, and how to name the checkpoint in
    the line that says which checkpoints are compared."""
    from ..experiments import Experiment

    if not isinstance(found, Experiment):
        assert found.experiment is not None
        return (found.experiment, found), found.short_id
    best = found.best()
    if best is not None:
        return (found, best), f"{best.short_id} (best of experiment {found.short_id})"
    latest = found.latest()
    if latest is None:
        raise CLIError(f"experiment {found.short_id} has no checkpoints to compare")
    return (found, latest), (
        f"{latest.short_id} (latest of experiment {found.short_id}, which has no primary metric)"
    )


def _cell(value: Any) -> str:
    return " ".join(exp_format.format_value(value, width=WIDTH).splitlines())


def _section(
    left: dict[str, Any], right: dict[str, Any], *, in_order: bool = False
) -> list[tuple[str, str, str]]:
    """The differing keys: sorted, or in the order of ``left`` then ``right`` (``in_order``)."""
    names = list(dict.fromkeys([*left, *right])) if in_order else sorted({*left, *right})
    rows: list[tuple[str, str, str]] = []
    for name in names:
        a = _cell(left[name]) if name in left else NOT_SET
        b = _cell(right[name]) if name in right else NOT_SET
        if a != b:
            rows.append((name, a, b))
    return rows


def _checkpoint_fields(checkpoint: Optional[Checkpoint]) -> dict[str, Any]:
    if checkpoint is None:
        return {}
    return {
        "Step": checkpoint.step,
        "Created": exp_format.local_time(checkpoint.created),
        "Path": checkpoint.path,
    }


def diff_sections(a: Side, b: Side) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """``[(section title, [(key, left, right), ...]), ...]``, only differing keys in each.

    The experiment section always starts with the two ids (and the checkpoint section
    likewise); its other fields appear only when the experiments are different ones.
    """
    (experiment_a, checkpoint_a), (experiment_b, checkpoint_b) = a, b
    experiment_rows = [("ID", experiment_a.short_id, experiment_b.short_id)]
    if experiment_a.id != experiment_b.id:

        def fields(experiment: Experiment) -> dict[str, Any]:
            return {
                "Created": exp_format.local_time(experiment.created),
                "Host": experiment.host,
                "User": experiment.user,
                "Command": experiment.command,
                "Python version": experiment.python_version,
            }

        experiment_rows += _section(fields(experiment_a), fields(experiment_b), in_order=True)
    checkpoint_rows = [
        (
            "ID",
            checkpoint_a.short_id if checkpoint_a else NOT_SET,
            checkpoint_b.short_id if checkpoint_b else NOT_SET,
        )
    ]
    checkpoint_rows += _section(
        _checkpoint_fields(checkpoint_a), _checkpoint_fields(checkpoint_b), in_order=True
    )
    return [
        ("Experiment", experiment_rows),
        ("Params", _section(experiment_a.params, experiment_b.params)),
        ("Python Packages", _section(experiment_a.python_packages, experiment_b.python_packages)),
        ("Checkpoint", checkpoint_rows),
        (
            "Metrics",
            _section(
                checkpoint_a.metrics if checkpoint_a else {},
                checkpoint_b.metrics if checkpoint_b else {},
            ),
        ),
    ]


def _diff(args: argparse.Namespace, console: Console) -> int:
    from ..experiments import Experiment

    found = find_all(open_repository(args), args.ids)
    (a, a_name), (b, b_name) = _side(found[0]), _side(found[1])
    if any(isinstance(item, Experiment) for item in found):
        console.info(f"Comparing checkpoints {a_name} and {b_name}")
    sections = diff_sections(a, b)
    if args.json:
        console.json(
            {title: {key: [left, right] for key, left, right in rows} for title, rows in sections}
        )
        return 0
    # One table for every section, so that the columns line up from top to bottom.
    all_rows: list[list[str]] = []
    titles: set[int] = set()
    for number, (title, rows) in enumerate(sections):
        if number:
            all_rows.append(["", "", ""])
        titles.add(len(all_rows))
        all_rows.append([title, "", ""])
        if rows:
            all_rows += [[f"{key}:", left, right] for key, left, right in rows]
        else:
            all_rows.append(["(no difference)", "", ""])
    for index, line in enumerate(table.render(None, all_rows)):
        console.print(console.style(line, "bold") if index in titles else line)
    return 0
