"""Experiment and checkpoint ids on the command line: prefixes resolved, ambiguity explained.

One id is found by the repository's own search. Several (``rm``, ``diff``) are all
resolved against one listing of the repository, not one listing each, so that
``replicate rm $(replicate ls -q ...)`` reads the repository once however many ids
it is given. An ambiguous prefix is an error that lists what it matches.
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


def find(repository: Repository, prefix: str) -> Item:
    """The experiment or checkpoint whose id starts with ``prefix``.

    Raises:
        DoesNotExistError: nothing matches.
        CLIError: several match; the message lists them.
    """
    from ..experiments import AmbiguousPrefixError

    try:
        return repository.find(prefix)
    except AmbiguousPrefixError:
        wanted = prefix.strip().lower()
        raise _ambiguous(wanted, _matches(repository.list_experiments(), wanted)) from None


def find_all(repository: Repository, prefixes: Sequence[str]) -> list[Item]:
    """What each prefix names, in order, resolved against one listing of the repository.

    A full experiment id is found without reading any checkpoint.

    Raises:
        DoesNotExistError: a prefix matches nothing.
        CLIError: a prefix matches several; the message lists them.
    """
    from ..experiments import DoesNotExistError

    if len(prefixes) == 1:
        return [find(repository, prefixes[0])]
    experiments = repository.list_experiments()
    by_id = {experiment.id: experiment for experiment in experiments}
    resolved: list[Item] = []
    for given in prefixes:
        prefix = given.strip().lower()
        if not prefix:
            raise DoesNotExistError("an empty id matches nothing")
        if prefix in by_id:
            resolved.append(by_id[prefix])
            continue
        candidates = _matches(experiments, prefix)
        exact = [item for item in candidates if item.id == prefix]
        if exact:
            resolved.append(exact[0])
        elif not candidates:
            raise DoesNotExistError(
                f"no experiment or checkpoint matches {prefix!r} in {repository.url}"
            )
        elif len(candidates) > 1:
            raise _ambiguous(prefix, candidates)
        else:
            resolved.append(candidates[0])
    return resolved
