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
    each, ``optimizer.lr``; lists are shown as JSON.
    """
    names: dict[str, None] = {}
    for values in values_per_experiment:
        names.update(dict.fromkeys(values))
    shown: list[str] = []
    for name in names:
        column = [values.get(name) for values in values_per_experiment]
        if show_all or len({repr(value) for value in column}) > 1:
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
    """
    bests = [experiment.best() for experiment in experiments]
    latests = [experiment.latest() for experiment in experiments]
    headers: list[str] = ["EXPERIMENT", "STARTED", "STATUS"]
    show_host = len({experiment.host for experiment in experiments}) > 1
    show_user = len({experiment.user for experiment in experiments}) > 1
    if show_host:
        headers.append("HOST")
    if show_user:
        headers.append("USER")
    params = [exp_format.flatten(experiment.params) for experiment in experiments]
    param_names = _differing(params, show_all)
    metrics = [_metric_values(best, latest, show_all) for best, latest in zip(bests, latests)]
    metric_names = _differing(metrics, show_all)
    has_best = any(best is not None for best in bests)
    reference = exp_format.now()

    def common(experiment: Experiment) -> list[str]:
        cells = [
            experiment.short_id,
            exp_format.relative_time(experiment.created, reference),
            exp_format.status(experiment),
        ]
        if show_host:
            cells.append(experiment.host)
        if show_user:
            cells.append(experiment.user)
        return cells

    def label(checkpoint: Optional[Checkpoint]) -> str:
        return exp_format.checkpoint_label(checkpoint) if checkpoint is not None else ""

    if layout != "compact":
        wide_headers = [*headers, *param_names, "LATEST CHECKPOINT"]
        if has_best:
            wide_headers.append("BEST CHECKPOINT")
        wide_headers += metric_names
        wide_rows: list[list[str]] = []
        for experiment, values, shown, best, latest in zip(
            experiments, params, metrics, bests, latests
        ):
            row = common(experiment)
            row += [exp_format.format_value(values.get(name)) for name in param_names]
            row.append(label(latest))
            if has_best:
                row.append(label(best))
            row += [exp_format.format_value(shown.get(name)) for name in metric_names]
            wide_rows.append(row)
        wide = table.render(wide_headers, wide_rows)
        if layout == "wide" or max(len(line) for line in wide) <= width:
            if style is not None:
                wide[0] = style(wide[0])
            return wide

    compact_headers = [*headers, "PARAMS"]
    if has_best:
        compact_headers.append("BEST CHECKPOINT")
    compact_headers.append("LATEST CHECKPOINT")
    compact_rows: list[list[str]] = []
    for experiment, values, best, latest in zip(experiments, params, bests, latests):
        row = common(experiment)
        row.append(
            "\n".join(
                f"{name}={exp_format.format_value(values.get(name))}"
                for name in param_names
                if name in values
            )
        )
        for checkpoint in [best, latest] if has_best else [latest]:
            if checkpoint is None:
                row.append("")
                continue
            lines = [label(checkpoint)]
            checkpoint_metrics = exp_format.flatten(checkpoint.metrics)
            lines += [
                f"{name}={exp_format.format_value(checkpoint_metrics[name])}"
                for name in metric_names
                if name in checkpoint_metrics
            ]
            row.append("\n".join(lines))
        compact_rows.append(row)
    return table.render(
        compact_headers, compact_rows, blank_line_between_rows=True, style_header=style
    )
