"""Experiment and checkpoint ids on the command line: prefixes resolved, ambiguity explained.

Ids are resolved by the repository (:meth:`~replicate.experiments.Repository.find_all`):
several (``rm``, ``diff``) from one listing, so that ``replicate rm $(replicate ls -q ...)``
reads the repository once however many ids it is given. What this adds is the message
of an ambiguous prefix, which lists what it matches (the repository's says how many).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Union

from .errors import CLIError

if TYPE_CHECKING:
    from ..experiments import Checkpoint, Experiment, Repository

__all__ = ["SHOWN_CANDIDATES", "find", "find_all"]

Item = Union["Experiment", "Checkpoint"]
SHOWN_CANDIDATES = 4
"""How many of the ids an ambiguous prefix matches its error message lists."""
_SHORT = 7


def _matches(experiments: Sequence[Experiment], prefix: str) -> list[Item]:
    """Experiments, then checkpoints, whose id starts with ``prefix``, in listing order."""
    found: list[Item] = [e for e in experiments if e.id.startswith(prefix)]
    for experiment in experiments:
        found.extend(c for c in experiment.checkpoints if c.id.startswith(prefix))
    return found


def _ambiguous(prefix: str, candidates: Sequence[Item]) -> CLIError:
    """``id prefix 'e' is ambiguous: it matches checkpoint e0e0e0e, ...; give more of the id``.

    Each id is shown long enough to tell it from the others listed.
    """
    from ..experiments import Experiment

    shown = list(candidates[:SHOWN_CANDIDATES])
    length = _SHORT
    while length < 64 and len({item.id[:length] for item in shown}) < len(shown):
        length += 1
    names = ", ".join(
        f"{'experiment' if isinstance(item, Experiment) else 'checkpoint'} {item.id[:length]}"
        for item in shown
    )
    more = len(candidates) - len(shown)
    if more:
        names += f" and {more} more"
    return CLIError(f"id prefix {prefix!r} is ambiguous: it matches {names}; give more of the id")


def find_all(repository: Repository, prefixes: Sequence[str]) -> list[Item]:
    """What each prefix names, in order, resolved against one listing of the repository.

    Raises:
        DoesNotExistError: a prefix matches nothing.
        CLIError: a prefix matches several; the message lists them.
    """
    from ..experiments import AmbiguousPrefixError

    try:
        return repository.find_all(prefixes)
    except AmbiguousPrefixError as error:
        # The repository stopped at the first ambiguous prefix: find it again, with
        # what it matches (this reads every checkpoint, on this failing path only).
        experiments = repository.list_experiments()
        for given in prefixes:
            prefix = given.strip().lower()
            candidates = _matches(experiments, prefix)
            if len(candidates) > 1 and all(item.id != prefix for item in candidates):
                raise _ambiguous(prefix, candidates) from None
        raise CLIError(str(error)) from None


def find(repository: Repository, prefix: str) -> Item:
    """The experiment or checkpoint whose id starts with ``prefix``.

    Raises:
        DoesNotExistError: nothing matches.
        CLIError: several match; the message lists them.
    """
    return find_all(repository, [prefix])[0]
