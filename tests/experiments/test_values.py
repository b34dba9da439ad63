"""Params and metrics survive JSON: NaN, infinities, numpy- and torch-like values."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from replicate.experiments._values import decode_value, encode_mapping, encode_value


class FakeScalar:
    """Looks like a numpy scalar: ``tolist()`` gives the Python number."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def tolist(self) -> Any:
        return self.value


class FakeTensor:
    """Looks like a torch tensor on a GPU: must be detached and moved to the CPU first."""

    def __init__(self, values: list[float], where: str = "cuda") -> None:
        self.values, self.where, self.detached = values, where, False

    def detach(self) -> FakeTensor:
        copy = FakeTensor(self.values, self.where)
        copy.detached = True
        return copy

    def cpu(self) -> FakeTensor:
        copy = FakeTensor(self.values, "cpu")
        copy.detached = self.detached
        return copy

    def tolist(self) -> list[float]:
        assert self.detached and self.where == "cpu", "converted without detach().cpu()"
        return self.values


def test_special_floats_are_stored_as_strings_and_read_back() -> None:
    encoded = encode_mapping({"a": math.nan, "b": math.inf, "c": -math.inf, "d": 1.5})
    assert encoded == {"a": "[NaN]", "b": "[+Infinity]", "c": "[-Infinity]", "d": 1.5}
    text = json.dumps(encoded, allow_nan=False)  # strict JSON
    decoded = decode_value(json.loads(text))
    assert math.isnan(decoded["a"])
    assert decoded["b"] == math.inf and decoded["c"] == -math.inf and decoded["d"] == 1.5


def test_nested_values_and_array_likes() -> None:
    value = {"layers": [FakeScalar(3), {"dropout": FakeScalar(math.nan)}], "t": FakeTensor([1.0])}
    assert encode_value(value) == {"layers": [3, {"dropout": "[NaN]"}], "t": [1.0]}


def test_unrecordable_values_name_the_culprit() -> None:
    with pytest.raises(TypeError, match="object"):
        encode_value({"model": object()})
    with pytest.raises(TypeError, match="keys must be strings"):
        encode_value({1: 2})


def test_plain_values_are_unchanged() -> None:
    for value in (None, True, 0, -3, "text", [1, "a"], {"k": [True]}):
        assert decode_value(encode_value(value)) == value
