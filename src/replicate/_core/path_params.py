"""Check and split the path parameters of API methods, before anything is sent.

Ids and names go into URL paths as they are given (percent-encoded): whether they
exist is the server's to say. Only a value that would change the shape of the URL is
refused here, with a ``ValueError`` that says what to pass instead: an empty one
(``/predictions/`` lists instead of fetching), one with a ``/`` (two segments instead
of one), and ``.`` or ``..`` (which URLs resolve to the same or the parent path).
"""

from __future__ import annotations

from .._exceptions import InvalidArgumentError
from .._types import NotGiven

__all__ = ["owner_and_name", "path_param"]

_DOT_SEGMENTS = (".", "..")


def path_param(name: str, value: object) -> str:
    """``value``, unchanged, if it can be one segment of a URL path.

    Raises:
        ValueError: ``value`` is not a string, is empty, contains ``/``, or is ``.``
            or ``..``; the message names ``name``.

    >>> path_param("prediction_id", "xyz")
    'xyz'
    >>> path_param("version_id", "v1")
    'v1'
    """
    if not isinstance(value, str) or not value:
        raise InvalidArgumentError(f"{name} must be a non-empty string; got {value!r}")
    if "/" in value:
        raise InvalidArgumentError(
            f"{name} must be a single path segment without '/'; got {value!r}"
        )
    if value in _DOT_SEGMENTS:
        raise InvalidArgumentError(
            f"{name} cannot be {value!r}: a URL would read it as a relative path"
        )
    return value


def owner_and_name(
    owner_param: str, name_param: str, owner: object, name: str | NotGiven
) -> tuple[str, str]:
    """The (owner, name) pair, given separately or as ``"owner/name"`` with ``name`` left out.

    Raises:
        ValueError: ``name`` is left out and ``owner`` is not ``"owner/name"``, or a part
            cannot be a path segment (see :func:`path_param`).

    >>> from replicate._types import NOT_GIVEN
    >>> owner_and_name("model_owner", "model_name", "acme/hello", NOT_GIVEN)
    ('acme', 'hello')
    >>> owner_and_name("model_owner", "model_name", "acme", "hello")
    ('acme', 'hello')
    """
    if isinstance(name, NotGiven):
        if not isinstance(owner, str) or not owner:
            raise InvalidArgumentError(f"{owner_param} must be a non-empty string; got {owner!r}")
        parts = owner.split("/")
        if len(parts) != 2 or not all(parts):
            raise InvalidArgumentError(
                f"{name_param} is missing: pass {owner_param}='owner/name', or both "
                f"{owner_param}= and {name_param}=; got {owner_param}={owner!r}"
            )
        return path_param(owner_param, parts[0]), path_param(name_param, parts[1])
    return path_param(owner_param, owner), path_param(name_param, name)
