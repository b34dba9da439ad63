"""Values recorded as params and metrics: JSON encoding that survives NaN, infinities and tensors.

JSON has no NaN or infinities, so they are stored as the strings Keepsake used:
``"[NaN]"``, ``"[+Infinity]"`` and ``"[-Infinity]"``, and read back as floats. numpy and
torch scalars and arrays (anything with ``.tolist()``) become plain numbers and lists,
without importing numpy or torch.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["decode_value", "encode_mapping", "encode_value"]

NAN = "[NaN]"
POSITIVE_INFINITY = "[+Infinity]"
NEGATIVE_INFINITY = "[-Infinity]"
_SPECIAL = {NAN: math.nan, POSITIVE_INFINITY: math.inf, NEGATIVE_INFINITY: -math.inf}


def encode_value(value: Any) -> Any:
    """A JSON-safe copy of ``value``.

    Raises:
        TypeError: ``value`` (or something inside it) has no JSON form; the message names it.
    """
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return NAN
        if math.isinf(value):
            return POSITIVE_INFINITY if value > 0 else NEGATIVE_INFINITY
        return value
    if isinstance(value, Mapping):
        encoded: dict[str, Any] = {}
        for key, item in value.items():  # pyright: ignore[reportUnknownVariableType]
            if not isinstance(key, str):
                raise TypeError(f"keys must be strings, got {key!r}")
            encoded[key] = encode_value(item)
        return encoded
    if isinstance(value, (list, tuple)):
        return [encode_value(item) for item in value]  # pyright: ignore[reportUnknownVariableType]
    # torch tensors must leave the GPU and the autograd graph first.
    detach = getattr(value, "detach", None)
    if callable(detach):
        value = detach()
        cpu = getattr(value, "cpu", None)
        if callable(cpu):
            value = cpu()
    to_list = getattr(value, "tolist", None)  # numpy and torch scalars and arrays
    if callable(to_list):
        return encode_value(to_list())
    raise TypeError(
        f"{value!r} ({type(value).__name__}) cannot be recorded: "
        "use numbers, strings, booleans, None, lists or dicts of them"
    )


def encode_mapping(values: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`encode_value` of each value of a dict of params or metrics."""
    return {str(key): encode_value(value) for key, value in values.items()}


def decode_value(value: Any) -> Any:
    """The value :func:`encode_value` was given, as far as JSON can tell (arrays stay lists)."""
    if isinstance(value, str):
        return _SPECIAL.get(value, value)
    if isinstance(value, dict):
        items: dict[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
        for item in items.values():
            if isinstance(item, (dict, list)) or (isinstance(item, str) and item in _SPECIAL):
                return {key: decode_value(item) for key, item in items.items()}
        return items  # plain numbers and strings: nothing to decode (the common case)
    if isinstance(value, list):
        return [decode_value(item) for item in value]  # pyright: ignore[reportUnknownVariableType]
    return value
