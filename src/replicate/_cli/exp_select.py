"""The experiments ``ls`` and ``ps`` show: filtered, then sorted, by the experiment library.

The grammar, the name check, the comparisons and the sort are
:mod:`replicate.experiments._query`'s. What this adds is the command's order of work and
its messages: every name (filters and sort key) is checked against all the experiments
before any is filtered, and a comparison that fails names its filter. Names are checked,
and attributes and ``params.`` names compared, without decoding checkpoints (metric
names come from each experiment's stored summary), so ``ps``, ``ls -q`` and
``ls -f "params.optimizer = adam"`` decode the checkpoints of none of the experiments.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..experiments import Experiment
    from ..experiments._query import Condition

__all__ = ["select"]


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
    value come last whichever the direction (:func:`~replicate.experiments._query.sort_experiments`).

    Raises:
        FilterError: a filter or the sort key is malformed, names nothing known, or
            compares mismatched types.
    """
    from ..experiments import FilterError
    from ..experiments._query import check_names, parse_filter, parse_sort, sort_experiments

    conditions = [parse_filter(text) for text in filters]
    name, source, _ = parse_sort(sort)
    check_names([*((c.name, c.source) for c in conditions), (name, source)], experiments)
    kept = [e for e in experiments if _passes(e, conditions)] if conditions else list(experiments)
    try:
        return sort_experiments(kept, sort)
    except FilterError:
        # The key was checked against every experiment above: none of those kept has
        # it, so each ranks last and the order is the listing's (what sorting gives).
        return kept
