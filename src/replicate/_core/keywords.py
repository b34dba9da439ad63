"""Unknown keyword arguments caught by name, with the closest valid one suggested.

A typo such as ``timout=10`` in a call that gathers extra options with ``**options``
would otherwise be dropped silently; this turns it into the ``TypeError`` Python gives
for a fixed signature, plus a suggestion.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Mapping

from .._exceptions import ArgumentTypeError

__all__ = ["check_keywords", "check_options", "suggestion"]


def check_keywords(function: str, given: Iterable[str], valid: Collection[str]) -> None:
    """Raise ``ArgumentTypeError`` (a ``TypeError``) for the first name in ``given`` that
    is not in ``valid``.

    >>> check_keywords("run", ["wait"], ["wait", "timeout"])
    >>> check_keywords("run", ["timout"], ["wait", "timeout"])
    Traceback (most recent call last):
    ...
    replicate._exceptions.ArgumentTypeError: run() got an unexpected keyword argument 'timout'; did you mean 'timeout'?
    """
    for name in given:
        if name not in valid:
            hint = suggestion(name, valid, listed_as="valid")
            raise ArgumentTypeError(
                f"{function}() got an unexpected keyword argument {name!r}{hint}"
            )


def suggestion(name: str, valid: Collection[str], *, listed_as: str) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``valid``, else ``"; <listed_as>: ..."``.

    >>> suggestion("timout", ["timeout", "wait"], listed_as="valid")
    "; did you mean 'timeout'?"
    >>> suggestion("zzz", ["timeout", "wait"], listed_as="options")
    '; options: timeout, wait'
    """
    close = difflib.get_close_matches(name, sorted(valid), n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; {listed_as}: {', '.join(sorted(valid))}"


def check_options(method: Callable[..., object], options: Mapping[str, object]) -> None:
    """Raise ``ArgumentTypeError`` for a name in ``options`` (a method's ``**options``) that
    is neither a request option nor one of the method's parameters, suggesting the closest.

    For hand-written methods that check their arguments before building the request, so
    that ``create(modle=...)`` is reported as a typo of ``model``, not as a missing model.
    """
    from .request import OPTION_NAMES

    if not set(options) - OPTION_NAMES:
        return
    import inspect

    parameters = set(inspect.signature(method).parameters) - {"self", "options"}
    public = {name for name in OPTION_NAMES if not name.startswith("_")}
    check_keywords(method.__qualname__, options, public | parameters | OPTION_NAMES)
