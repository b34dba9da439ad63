"""Path parameters are checked and split before any request is built."""

from __future__ import annotations

import pytest

from replicate._core.path_params import owner_and_name, path_param
from replicate._types import NOT_GIVEN


def test_path_param_returns_a_non_empty_string() -> None:
    assert path_param("prediction_id", "abc") == "abc"


@pytest.mark.parametrize("value", ["", "   ", None, 3])
def test_path_param_rejects_empty_or_non_strings(value: object) -> None:
    with pytest.raises(ValueError, match="prediction_id must be a non-empty string"):
        path_param("prediction_id", value)


def test_owner_and_name_given_separately() -> None:
    assert owner_and_name("model_owner", "model_name", "acme", "hello") == ("acme", "hello")


def test_owner_and_name_split_from_one_string() -> None:
    assert owner_and_name("model_owner", "model_name", "acme/hello", NOT_GIVEN) == ("acme", "hello")


@pytest.mark.parametrize("value", ["acme", "acme/", "/hello", "a/b/c"])
def test_owner_without_a_name_must_be_owner_slash_name(value: str) -> None:
    with pytest.raises(ValueError, match="model_name is missing: pass model_owner='owner/name'"):
        owner_and_name("model_owner", "model_name", value, NOT_GIVEN)


def test_a_separate_part_must_not_contain_a_slash() -> None:
    with pytest.raises(ValueError, match="model_owner must be a single path segment"):
        owner_and_name("model_owner", "model_name", "acme/x", "hello")


def test_a_separate_empty_part_is_refused() -> None:
    with pytest.raises(ValueError, match="model_name must be a non-empty string; got ''"):
        owner_and_name("model_owner", "model_name", "acme", "")
