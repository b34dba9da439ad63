"""``replicate show <id>``: everything about one experiment or checkpoint."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from . import exp_format, table
from .exp_common import add_repository_options, experiment_errors, open_repository
from .exp_ids import find

if TYPE_CHECKING:
    from ..experiments import Checkpoint, Experiment
    from .console import Console

__all__ = ["ML_PACKAGES", "configure", "show_lines"]

ML_PACKAGES = (
    "torch",
    "tensorflow",
    "keras",
    "jax",
    "numpy",
    "scikit-learn",
    "pandas",
    "transformers",
    "pytorch-lightning",
    "xgboost",
    "lightgbm",
)
"""Packages listed first when an experiment recorded more than :data:`MAX_PACKAGES`."""
MAX_PACKAGES = 5


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate show``."""
    parser.add_argument(
        "ids", nargs=1, metavar="ID", help="an experiment or checkpoint id (or a unique prefix)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the experiment or checkpoint as JSON"
    )
    add_repository_options(parser)
    parser.set_defaults(handler=experiment_errors(_show))


def _show(args: argparse.Namespace, console: Console) -> int:
    from ..experiments import Experiment

    found = find(open_repository(args), args.ids[0])
    if args.json:
        console.json(found.to_json())
        return 0
    if isinstance(found, Experiment):
        lines = show_lines(found, None, console)
    else:
        assert found.experiment is not None
        lines = show_lines(found.experiment, found, console)
    for line in lines:
        console.print(line)
    return 0


def _fields(rows: list[tuple[str, str]]) -> list[str]:
    return table.render(None, [[f"{name}:", value] for name, value in rows])


def _packages(packages: dict[str, str]) -> list[str]:
    if not packages:
        return ["(none)"]
    names = sorted(packages)
    if len(names) > MAX_PACKAGES:
        known = [name for name in ML_PACKAGES if name in packages]
        shown = known or names[:MAX_PACKAGES]
    else:
        shown = names
    lines = _fields([(name, packages[name]) for name in shown])
    if len(shown) < len(names):
        lines.append(f"... and {len(names) - len(shown)} more")
    return lines


def _experiment_block(experiment: Experiment) -> list[tuple[str, str]]:
    return [
        ("Created", exp_format.long_time(experiment.created)),
        ("Status", exp_format.status(experiment)),
        ("Host", experiment.host),
        ("User", experiment.user),
        ("Command", experiment.command),
    ]


def _params(params: dict[str, Any]) -> list[str]:
    if not params:
        return ["(none)"]
    return _fields(
        [(name, exp_format.format_value(params[name], width=60)) for name in sorted(params)]
    )


def _checkpoint_table(experiment: Experiment) -> list[str]:
    if not experiment.checkpoints:
        return ["(none)"]
    first = experiment.checkpoints[0]
    names = list(first.metrics)
    best = experiment.best()
    primary = first.primary_metric
    rows: list[list[str]] = []
    for checkpoint in experiment.checkpoints:
        row = [
            checkpoint.short_id,
            "" if checkpoint.step is None else str(checkpoint.step),
            exp_format.local_time(checkpoint.created),
        ]
        for name in names:
            value = exp_format.format_value(checkpoint.metrics.get(name))
            if checkpoint is best and primary is not None and name == primary.name:
                value += " (best)"
            row.append(value)
        rows.append(row)
    headers = ["ID", "STEP", "CREATED", *(name.upper() for name in names)]
    return table.render(headers, rows)


def show_lines(
    experiment: Experiment, checkpoint: Checkpoint | None, console: Console
) -> list[str]:
    """What ``show`` prints for an experiment, or for one of its checkpoints."""

    def heading(text: str) -> str:
        return console.style(text, "bold")

    lines: list[str] = []
    if checkpoint is None:
        lines.append(console.style(f"Experiment: {experiment.id}", "bold", "underline"))
        lines.append("")
        lines += _fields(_experiment_block(experiment))
    else:
        lines.append(console.style(f"Checkpoint: {checkpoint.id}", "bold", "underline"))
        lines.append("")
        lines += _fields(
            [
                ("Created", exp_format.long_time(checkpoint.created)),
                ("Path", checkpoint.path or "(none)"),
                ("Step", "" if checkpoint.step is None else str(checkpoint.step)),
            ]
        )
        lines += ["", heading("Experiment")]
        lines += _fields([("ID", experiment.id), *_experiment_block(experiment)])
    lines += ["", heading("Params"), *_params(experiment.params)]
    if checkpoint is not None:
        lines += ["", heading("Metrics")]
        if not checkpoint.metrics:
            lines.append("(none)")
        primary = checkpoint.primary_metric
        rows: list[tuple[str, str]] = []
        for name in checkpoint.metrics:
            value = exp_format.format_value(checkpoint.metrics[name], width=60)
            if primary is not None and name == primary.name:
                value += f" (primary, {primary.goal})"
            rows.append((name, value))
        lines += _fields(rows) if rows else []
        return lines
    lines += [
        "",
        heading("System"),
        *_fields([("Python version", experiment.python_version or "(unknown)")]),
    ]
    lines += ["", heading("Python packages"), *_packages(experiment.python_packages)]
    lines += ["", heading("Checkpoints"), *_checkpoint_table(experiment)]
    if experiment.checkpoints:
        lines += [
            "",
            "To see more details about a checkpoint, run:",
            "  replicate show <checkpoint ID>",
        ]
    return lines
