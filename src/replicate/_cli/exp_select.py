"""The experiments ``ls`` and ``ps`` show: filtered and sorted, reading checkpoints only when needed.

The grammar, the name lookup and the comparisons are :mod:`replicate.experiments._query`'s.
What differs is the order of the work: names are checked against attributes and params
before any checkpoint is decoded, and a filter or sort key on an attribute (``status``,
``started``...) or on a ``params.`` name is applied without decoding checkpoints. So
``ps``, ``ls -q`` and ``ls -f "params.optimizer = adam"`` read the checkpoints of the
experiments they show, not of every experiment in the repository. (A name without a
prefix may be a metric, which is looked up before params, so it needs the checkpoints.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..experiments import Experiment
    from ..experiments._query import Condition

__all__ = ["check_names", "select"]


def _has_metric(experiments: Sequence[Experiment], name: str) -> bool:
    """Whether a checkpoint has the metric, stopping at the first that does."""
    return any(
        name in checkpoint.metrics
        for experiment in experiments
        for checkpoint in experiment.checkpoints
    )


def check_names(names: Iterable[tuple[str, str]], experiments: Sequence[Experiment]) -> None:
    """Raise :class:`~replicate.experiments.FilterError` for a ``(name, source)`` no
    experiment has, as the library's check does, with close matches.

    Attributes and params are looked up first; checkpoints are decoded only for a name
    that is neither, and only until one has it.
    """
    from ..experiments._query import ATTRIBUTES
    from ..experiments._query import check_names as check_every_checkpoint

    if not experiments:
        return
    for name, source in names:
        if source in ("", "attr") and name in ATTRIBUTES:
            continue
        if source in ("", "params") and any(name in e.params for e in experiments):
            continue
        if source in ("", "metrics") and _has_metric(experiments, name):
            continue
        # Unknown: the library's check has the error message, and the close matches.
        check_every_checkpoint([(name, source)], experiments)


def _passes(experiment: Experiment, conditions: Sequence[Condition]) -> bool:
    """Whether the experiment passes every condition; a comparison that fails names its filter."""
    from ..experiments import FilterError

    for condition in conditions:
        try:
            if not condition.matches(experiment):
                return False
        except FilterError as error:
            raise FilterError(f"filter {condition.text!r}: {error}") from None
    return True


def select(
    experiments: Sequence[Experiment], filters: Sequence[str], sort: str
) -> list[Experiment]:
    """The experiments passing every filter (ANDed), sorted by ``sort`` (``name[-desc]``).

    Numbers come first, then strings, then booleans; experiments without a comparable
    value come last whichever the direction.

    Raises:
        FilterError: a filter or the sort key is malformed, names nothing known, or
            compares mismatched types.
    """
    from ..experiments._query import (
        _sort_rank,  # pyright: ignore[reportPrivateUsage]
        field_value,
        parse_filter,
        parse_sort,
    )

    conditions = [parse_filter(text) for text in filters]
    name, source, descending = parse_sort(sort)
    check_names([*((c.name, c.source) for c in conditions), (name, source)], experiments)
    kept = [e for e in experiments if _passes(e, conditions)]
    ranked = [(_sort_rank(field_value(e, name, source)), e) for e in kept]
    ordered: list[Experiment] = []
    for group in (0, 1, 2, 3):
        members = [(rank[1], e) for rank, e in ranked if rank[0] == group]
        if group < 3:  # the last group, values that do not compare, keeps its order
            members.sort(key=lambda item: item[0], reverse=descending)
        ordered.extend(e for _, e in members)
    return ordered
