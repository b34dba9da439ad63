"""The argument shapes 1.x methods took, turned into the (owner, name) and input of 2.x calls.

1.x named a model or deployment as ``"owner/name"``, an ``(owner, name)`` tuple or an
object with ``owner`` and ``name``, and took a create's ``input`` as the second
positional argument; 2.x takes ``owner, name`` positionally. Both forms reach the same
request through these plain functions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, Optional, TypeVar, Union, cast

from ._core.path_params import owner_and_name
from ._exceptions import ArgumentTypeError, InvalidArgumentError
from ._types import NOT_GIVEN, NotGiven

__all__ = [
    "OwnerNameLike",
    "completed_webhook",
    "legacy_keywords",
    "owner_and_name_of",
    "split_target_and_input",
]

OwnerNameLike = Union[str, tuple[str, str], Any]
"""``"owner/name"``, ``("owner", "name")``, or an object with ``owner`` and ``name``."""


def owner_and_name_of(kind: str, value: object) -> tuple[str, str]:
    """``(owner, name)`` of ``"owner/name"``, an ``(owner, name)`` tuple or an object with both.

    Raises:
        ValueError: a string that is not ``owner/name``.
        TypeError: any other shape (``kind`` names the argument in the message).
    """
    shape = type(value).__name__
    if isinstance(value, tuple):
        pair = cast("tuple[object, ...]", value)
        if len(pair) == 2:
            return owner_and_name(f"{kind}_owner", f"{kind}_name", pair[0], cast(str, pair[1]))
    elif isinstance(value, str):
        return owner_and_name(f"{kind}_owner", f"{kind}_name", value, NOT_GIVEN)
    else:
        owner, name = getattr(value, "owner", None), getattr(value, "name", None)
        if isinstance(owner, str) and isinstance(name, str):
            return owner_and_name(f"{kind}_owner", f"{kind}_name", owner, name)
    raise ArgumentTypeError(
        f"{kind}= takes 'owner/name', an (owner, name) tuple or a {kind} object; got {shape}"
    )


def split_target_and_input(
    kind: str,
    owner: object,
    name: object,
    target: Optional[OwnerNameLike],
    input: Optional[Mapping[str, object]],
) -> tuple[str, str, Mapping[str, object]]:
    """``(owner, name, input)`` of a create on a model or deployment, from either form.

    ``kind`` is ``"model"`` or ``"deployment"``. 2.x: ``owner`` and ``name`` (or
    ``owner="owner/name"``), ``input=``. 1.x: ``target`` given by keyword
    (``model=``/``deployment=``), or ``owner`` a tuple or object, and the input as the
    second positional argument (which arrives here as ``name``).

    Raises:
        ValueError: the model or deployment is given twice, not at all, or the input twice.
        TypeError: a value of a shape neither client took.

    Example::

        >>> split_target_and_input("model", "acme/hello", {"text": "hi"}, None, None)
        ('acme', 'hello', {'text': 'hi'})
        >>> split_target_and_input("model", None, NOT_GIVEN, ("acme", "hello"), {"text": "hi"})
        ('acme', 'hello', {'text': 'hi'})
    """
    if isinstance(name, Mapping):
        # 1.x: create(target, input)
        if input is not None:
            raise InvalidArgumentError("Pass the input positionally or as input=, not both")
        input, name = cast("Mapping[str, object]", name), NOT_GIVEN
    if target is not None:
        if owner is not None or not isinstance(name, NotGiven):
            raise InvalidArgumentError(
                f"Pass the {kind} once: as {kind}= or positionally, not both"
            )
        owner_name = owner_and_name_of(kind, target)
    elif owner is None:
        raise InvalidArgumentError(
            f"Say which {kind}: 'owner/name', or {kind}_owner and {kind}_name"
        )
    elif isinstance(name, NotGiven):
        owner_name = owner_and_name_of(kind, owner)
    else:
        owner_name = owner_and_name(f"{kind}_owner", f"{kind}_name", owner, cast(str, name))
    return owner_name[0], owner_name[1], {} if input is None else input


_F = TypeVar("_F", bound=Callable[..., Any])


def legacy_keywords(**names: str) -> Callable[[_F], _F]:
    """Let a method take its 1.x keyword names too: ``legacy_keywords(id="prediction_id")``.

    1.x code calls ``predictions.get(id=...)`` where 2.x names the parameter
    ``prediction_id``; both reach the same parameter. The method's signature (what type
    checkers see) stays the 2.x one.

    Raises:
        ArgumentTypeError: both names given in one call.
    """

    def decorate(method: _F) -> _F:
        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            for old, new in names.items():
                if old in kwargs:
                    if new in kwargs:
                        raise ArgumentTypeError(
                            f"{method.__name__}() got {new}= and its 1.x name {old}=; pass one"
                        )
                    kwargs[new] = kwargs.pop(old)
            return method(*args, **kwargs)

        return cast("_F", call)

    return decorate


def completed_webhook(
    webhook: Union[str, NotGiven],
    webhook_events_filter: Union[list[Any], NotGiven],
    webhook_completed: Union[str, NotGiven],
) -> tuple[Union[str, NotGiven], Union[list[Any], NotGiven]]:
    """``(webhook, webhook_events_filter)`` with 1.x's ``webhook_completed`` folded in.

    1.x took ``webhook_completed=URL`` for a webhook sent once the prediction is done:
    today's ``webhook=URL, webhook_events_filter=["completed"]``.

    Raises:
        InvalidArgumentError: ``webhook_completed`` with ``webhook`` or
            ``webhook_events_filter``.
    """
    if isinstance(webhook_completed, NotGiven):
        return webhook, webhook_events_filter
    if not isinstance(webhook, NotGiven) or not isinstance(webhook_events_filter, NotGiven):
        raise InvalidArgumentError(
            "Pass webhook_completed= (1.x) or webhook= with webhook_events_filter=, not both"
        )
    return webhook_completed, ["completed"]
