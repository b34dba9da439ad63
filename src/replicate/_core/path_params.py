"""Check and split the path parameters of API methods, before anything is sent.

Ids are placed in URL paths, so an empty or malformed one would address the wrong
resource (``/predictions/`` lists instead of fetching). These checks turn such
mistakes into a ``ValueError`` that says what to pass instead.
"""

from __future__ import annotations

from .._types import NotGiven

__all__ = ["owner_and_name", "path_param"]


def path_param(name: str, value: object) -> str:
    """``value`` if it is a non-empty string, else a ``ValueError`` naming ``name``.

    >>> path_param("prediction_id", "xyz")
    'xyz'
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string; got {value!r}")
    return value


def _segment(name: str, value: object) -> str:
    text = path_param(name, value)
    if "/" in text:
        raise ValueError(f"{name} must be a single path segment without '/'; got {text!r}")
    return text


def owner_and_name(
    owner_param: str, name_param: str, owner: object, name: str | NotGiven
) -> tuple[str, str]:
    """The (owner, name) pair, given separately or as ``"owner/name"`` with ``name`` left out.

    >>> from replicate._types import NOT_GIVEN
    >>> owner_and_name("model_owner", "model_name", "acme/hello", NOT_GIVEN)
    ('acme', 'hello')
    >>> owner_and_name("model_owner", "model_name", "acme", "hello")
    ('acme', 'hello')
    """
    if isinstance(name, NotGiven):
        text = path_param(owner_param, owner)
        parts = text.split("/")
        if len(parts) != 2 or not all(part.strip() for part in parts):
            raise ValueError(
                f"{name_param} is missing: pass {owner_param}='owner/name', or both "
                f"{owner_param}= and {name_param}=; got {owner_param}={text!r}"
            )
        return parts[0], parts[1]
    return _segment(owner_param, owner), _segment(name_param, name)
