"""``replicate ls`` and ``replicate ps``: list the experiments of a project.

Filtering, sorting and running status come from :mod:`replicate.experiments`; this
module chooses the columns and draws them. Only params and metrics whose values differ
between the listed experiments are shown, unless ``--all``.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional

from . import exp_format, table
from .console import terminal_width
from .errors import UsageError
from .exp_common import add_repository_options, experiment_errors, open_repository

if TYPE_CHECKING:
    from ..experiments import Checkpoint, Experiment
    from .console import Console

__all__ = ["configure_ls", "configure_ps", "render_experiments"]

_LS_EXAMPLES = """\
examples:
  List all experiments in the current project:
    replicate ls
  List experiments that have run for 50 steps or less:
    replicate ls --filter "step <= 50"
  List experiments where the parameter "optimizer" is "adam" and
  the best "accuracy" metric is greater than 0.8:
    replicate ls --filter "optimizer = adam" --filter "accuracy > 0.8"
  Sort all stopped experiments by the metric "val_loss":
    replicate ls --sort "val_loss" --filter "status = stopped"

filters: "<name> <operator> <value>"; operators = != < <= > >= ~= (glob); names are
params, metrics (of the best checkpoint, else the latest), started, step, user, host,
command, status (running|stopped), exit (how a stopped one ended: finished, failed,
killed, lost) and id; "params." and "metrics." pick the source."""


def _configure(parser: argparse.ArgumentParser, *, running_only: bool) -> None:
    parser.epilog = (
        _LS_EXAMPLES.replace("replicate ls", "replicate ps") if running_only else _LS_EXAMPLES
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="show all params and metrics (default: only those that differ)",
    )
    parser.add_argument(
        "-f",
        "--filter",
        action="append",
        default=[],
        metavar="FILTER",
        help='keep experiments matching "<name> <operator> <value>"; repeat to AND them',
    )
    parser.add_argument("--json", action="store_true", help="print the experiments as JSON")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only experiment ids")
    parser.add_argument(
        "-s",
        "--sort",
        default="started",
        metavar="KEY",
        help="sort key; add -desc to reverse, e.g. --sort=started-desc (default: started)",
    )
    parser.add_argument(
        "--format",
        choices=["auto", "wide", "compact"],
        default="auto",
        help="wide: a column per param and metric; compact: one multi-line cell each "
        "(default: wide when it fits the terminal)",
    )
    add_repository_options(parser)
    parser.set_defaults(handler=experiment_errors(_list), running_only=running_only)


def configure_ls(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate ls``."""
    _configure(parser, running_only=False)


def configure_ps(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate ps``: ``ls`` of running experiments only."""
    _configure(parser, running_only=True)


def _filters(args: argparse.Namespace) -> list[str]:
    filters: list[str] = list(args.filter)
    if args.running_only:
        from ..experiments._query import parse_filter

        # `ps` replaces any status filter of the user's with its own.
        filters = [text for text in filters if parse_filter(text).name != "status"]
        filters.append("status = running")
    return filters


def _list(args: argparse.Namespace, console: Console) -> int:
    from .exp_select import select

    if args.quiet and (args.json or args.all):
        raise UsageError("-q/--quiet prints only ids: it does not go with --json or --all")
    experiments = open_repository(args).list_experiments()
    selected = select(experiments, _filters(args), args.sort)
    if args.json:
        console.json([exp_format.json_row(experiment) for experiment in selected])
    elif args.quiet:
        for experiment in selected:
            console.print(experiment.id)
    elif not selected:
        console.info(
            "No running experiments found" if args.running_only else "No experiments found"
        )
    else:
        width = terminal_width()
        for line in render_experiments(
            selected,
            show_all=args.all,
            layout=args.format,
            width=width,
            style=lambda text: console.style(text, "bold"),
        ):
            console.print(line)
    return 0


def _differing(values_per_experiment: list[Mapping[str, Any]], show_all: bool) -> list[str]:
    """Names, in first-seen order, whose values differ between experiments (all with ``show_all``).

    The values are flattened (:func:`exp_format.flatten`): nested objects are a name
    each, ``optimizer.lr``; lists are shown as JSON. Values differ when their ``repr``
    does (so ``1`` and ``1.0`` differ).
    """
    names: dict[str, None] = {}
    # Experiments mostly share their names, in the same order: each order once.
    for order in dict.fromkeys(tuple(values) for values in values_per_experiment):
        names.update(dict.fromkeys(order))
    if show_all:
        return list(names)
    shown: list[str] = []
    for name in names:
        column = [values.get(name) for values in values_per_experiment]
        first = repr(column[0])
        if any(repr(value) != first for value in column):
            shown.append(name)
    return shown


def _metric_values(
    best: Optional[Checkpoint], latest: Optional[Checkpoint], show_all: bool
) -> Mapping[str, Any]:
    """Metrics shown for an experiment: its best checkpoint's primary metric, or with
    ``show_all`` every metric of its best (else latest) checkpoint."""
    if show_all:
        checkpoint = best or latest
        return {} if checkpoint is None else exp_format.flatten(checkpoint.metrics)
    if best is None or best.primary_metric is None:
        return {}
    name = best.primary_metric.name
    return {name: best.metrics[name]} if name in best.metrics else {}


def _labels(checkpoints: list[Optional[Checkpoint]]) -> list[str]:
    """Each checkpoint's ``abc1234 (step 9)``, or ``""`` for None."""
    label = exp_format.checkpoint_label
    return [label(checkpoint) if checkpoint is not None else "" for checkpoint in checkpoints]


def render_experiments(
    experiments: list[Experiment],
    *,
    show_all: bool = False,
    layout: str = "auto",
    width: int = 80,
    style: Optional[Callable[[str], str]] = None,
) -> list[str]:
    """The lines of the ``ls`` table for ``experiments`` (already filtered and sorted).

    ``layout`` is ``wide`` (a column per param and metric), ``compact`` (multi-line
    cells, a blank line between experiments) or ``auto`` (wide if it fits ``width``).
    ``style`` is applied to the header line (bold, on a terminal).

    The best and latest checkpoints come from each experiment's stored summary: no
    experiment's checkpoints are decoded. The table is built column by column.
    """
    bests = [experiment.best() for experiment in experiments]
    latests = [experiment.latest() for experiment in experiments]
    reference = exp_format.now()
    relative_time = exp_format.relative_time
    status = exp_format.status
    headers: list[str] = ["EXPERIMENT", "STARTED", "STATUS"]
    columns: list[list[str]] = [
        [experiment.short_id for experiment in experiments],
        [relative_time(experiment.created, reference) for experiment in experiments],
        [status(experiment) for experiment in experiments],
    ]
    hosts = [experiment.host for experiment in experiments]
    if len(set(hosts)) > 1:
        headers.append("HOST")
        columns.append(hosts)
    users = [experiment.user for experiment in experiments]
    if len(set(users)) > 1:
        headers.append("USER")
        columns.append(users)
    flatten = exp_format.flatten
    params = [flatten(experiment.params) for experiment in experiments]
    param_names = _differing(params, show_all)
    metrics = [_metric_values(best, latest, show_all) for best, latest in zip(bests, latests)]
    metric_names = _differing(metrics, show_all)
    has_best = any(best is not None for best in bests)
    value = exp_format.value_formatter()

    if layout != "compact":
        wide_headers = [*headers, *param_names, "LATEST CHECKPOINT"]
        wide_columns = [
            *columns,
            *([value(values.get(name)) for values in params] for name in param_names),
            _labels(latests),
        ]
        if has_best:
            wide_headers.append("BEST CHECKPOINT")
            wide_columns.append(_labels(bests))
        wide_headers += metric_names
        wide_columns += ([value(shown.get(name)) for shown in metrics] for name in metric_names)
        wide = table.render_columns(wide_headers, wide_columns)
        if layout == "wide" or max(map(len, wide)) <= width:
            if style is not None:
                wide[0] = style(wide[0])
            return wide

    compact_headers = [*headers, "PARAMS"]
    columns.append(
        [
            "\n".join(f"{name}={value(values.get(name))}" for name in param_names if name in values)
            for values in params
        ]
    )
    if has_best:
        compact_headers.append("BEST CHECKPOINT")
    compact_headers.append("LATEST CHECKPOINT")
    for checkpoints in [bests, latests] if has_best else [latests]:
        cells: list[str] = []
        for checkpoint in checkpoints:
            if checkpoint is None:
                cells.append("")
                continue
            checkpoint_metrics = flatten(checkpoint.metrics)
            lines = [exp_format.checkpoint_label(checkpoint)]
            lines += [
                f"{name}={value(checkpoint_metrics[name])}"
                for name in metric_names
                if name in checkpoint_metrics
            ]
            cells.append("\n".join(lines))
        columns.append(cells)
    return table.render(
        compact_headers,
        [list(row) for row in zip(*columns)],
        blank_line_between_rows=True,
        style_header=style,
    )
