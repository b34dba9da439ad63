"""Path parameters are checked and split before any request is built."""

from __future__ import annotations

import pytest

from replicate._core.path_params import owner_and_name, path_param
from replicate._types import NOT_GIVEN


@pytest.mark.parametrize("value", ["abc", "v1", "version_id", " ", "a b", "a:b", "...", "ü"])
def test_path_param_passes_any_one_segment_through_unchanged(value: str) -> None:
    # Whether the id exists is the server's to say; it is percent-encoded when sent.
    assert path_param("prediction_id", value) is value


@pytest.mark.parametrize("value", ["", None, 3])
def test_path_param_rejects_empty_or_non_strings(value: object) -> None:
    with pytest.raises(ValueError, match="prediction_id must be a non-empty string"):
        path_param("prediction_id", value)


@pytest.mark.parametrize("value", ["a/b", "/", "abc/"])
def test_path_param_rejects_a_slash(value: str) -> None:
    with pytest.raises(ValueError, match="prediction_id must be a single path segment"):
        path_param("prediction_id", value)


@pytest.mark.parametrize("value", [".", ".."])
def test_path_param_rejects_dot_segments(value: str) -> None:
    with pytest.raises(ValueError, match="prediction_id cannot be"):
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


@pytest.mark.parametrize("owner", ["../x", "acme/..", "./x"])
def test_dot_segments_of_owner_slash_name_are_refused(owner: str) -> None:
    with pytest.raises(ValueError, match="cannot be"):
        owner_and_name("model_owner", "model_name", owner, NOT_GIVEN)


def test_parts_are_passed_through_as_given() -> None:
    assert owner_and_name("model_owner", "model_name", "Acme Co", " x ") == ("Acme Co", " x ")
    assert owner_and_name("model_owner", "model_name", "a b/c:d", NOT_GIVEN) == ("a b", "c:d")
