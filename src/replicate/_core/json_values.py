"""Errors for values that JSON cannot hold, naming where they are and what to pass instead.

A request body is encoded to JSON by httpx, whose error (``Object of type datetime is
not JSON serializable``) names neither the input key nor a fix. On that failure the body
is searched for the first such value (only then: nothing is checked on the way out).
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import math
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Optional, cast

from .._exceptions import ArgumentTypeError

__all__ = ["check_json_input", "json_value_error", "not_a_mapping_error"]

_JSON_SCALARS = (str, int, float, bool, type(None))


def _find(
    value: object, path: str, skip: Callable[[object], bool] = lambda value: False
) -> Optional[tuple[str, object]]:
    """The path and value of the first thing in ``value`` that JSON cannot hold.

    Values for which ``skip`` is true are left alone (local files, uploaded later).
    """
    if isinstance(value, float) and not math.isfinite(value):
        return path, value
    if isinstance(value, _JSON_SCALARS) or skip(value):
        return None
    if isinstance(value, Mapping):
        for key, item in cast("Mapping[object, object]", value).items():
            if not isinstance(key, str):
                return f"{path} (key {key!r})", key
            found = _find(item, f"{path}[{key!r}]", skip)
            if found is not None:
                return found
        return None
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(cast("Sequence[object]", value)):
            found = _find(item, f"{path}[{index}]", skip)
            if found is not None:
                return found
        return None
    return path, value


def _suggestion(value: object, path: str) -> str:
    if isinstance(value, float):
        return "JSON has no NaN or infinity: pass None, or a large finite number"
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return f"pass {path}.isoformat() (an ISO 8601 string)"
    if isinstance(value, (set, frozenset)):
        return f"pass list({path})"
    if isinstance(value, decimal.Decimal):
        return f"pass float({path}) or str({path})"
    if isinstance(value, uuid.UUID):
        return f"pass str({path})"
    if isinstance(value, enum.Enum):
        return f"pass {path}.value"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return f"pass dataclasses.asdict({path})"
    if callable(getattr(value, "model_dump", None)):
        return f"pass {path}.model_dump(mode='json')"
    if callable(getattr(value, "tolist", None)):
        return f"pass {path}.tolist()"
    return "pass a string, number, boolean, None, list or dict"


def json_value_error(body: object, *, name: str = "the request body") -> ArgumentTypeError:
    """A ``TypeError`` naming the value in ``body`` that JSON cannot hold and what to pass.

    A value inside a JSON object body is named by its field (``input['when']``); ``name``
    names a body of another kind.
    """
    found: Optional[tuple[str, object]] = None
    if isinstance(body, Mapping):
        # A JSON object body: its fields are what the caller passed (``input``, ...).
        for key, item in cast("Mapping[object, object]", body).items():
            found = _find(item, str(key))
            if found is not None:
                break
    else:
        found = _find(body, name)
    if found is None:
        return ArgumentTypeError(f"{name} could not be encoded as JSON")
    return _not_json(*found)


def _not_json(path: str, value: object) -> ArgumentTypeError:
    """The error for ``value`` at ``path``: what it is, and what to pass instead."""
    shown = f" ({value!r})" if isinstance(value, float) else ""
    return ArgumentTypeError(
        f"{path} is a {type(value).__name__}{shown}, which JSON cannot hold: "
        f"{_suggestion(value, path)}"
    )


def check_json_input(
    value: object, *, name: str = "input", skip: Callable[[object], bool] = lambda value: False
) -> None:
    """Raise the :func:`json_value_error` for ``value`` if anything in it (but what ``skip``
    accepts) is not JSON, before any request, upload included, is sent.

    Raises:
        TypeError: a value JSON cannot hold, named by its path, with what to pass instead.
    """
    found = _find(value, name, skip)
    if found is not None:
        raise _not_json(*found)


def not_a_mapping_error(value: object, *, name: str = "input") -> ArgumentTypeError:
    """A ``TypeError`` for ``name=`` given something other than a dict, saying how to convert it."""
    kind = type(value).__name__
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fix = f"pass {name}=dataclasses.asdict(...)"
    elif callable(getattr(value, "model_dump", None)):
        fix = f"pass {name}=....model_dump()"
    else:
        fix = f"pass {name} as a dict of the model's inputs, e.g. {name}={{'prompt': '...'}}"
    return ArgumentTypeError(
        f"{name} must be a dict (a mapping of input names to values), got a {kind}: {fix}"
    )
