"""Tests of model-reference parsing and endpoint choice."""

from __future__ import annotations

import doctest
from dataclasses import dataclass
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replicate._core.refs import (
    ModelRef,
    deployment_prediction_endpoint,
    parse_ref,
    prediction_endpoint,
    resolve_ref,
    training_endpoint,
)

VERSION = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("meta/llama-3", ModelRef("meta", "llama-3")),
        ("black-forest-labs/flux-schnell", ModelRef("black-forest-labs", "flux-schnell")),
        ("a_b/c.d", ModelRef("a_b", "c.d")),
        (f"stability-ai/sdxl:{VERSION}", ModelRef("stability-ai", "sdxl", VERSION)),
        (VERSION, ModelRef(version=VERSION)),
        (VERSION.upper(), ModelRef(version=VERSION.upper())),
        ("  meta/llama-3  ", ModelRef("meta", "llama-3")),
        # Any non-empty version after ':' is taken as it is, as the 1.x client did.
        ("owner/name:latest", ModelRef("owner", "name", "latest")),
        ("owner/name:v1", ModelRef("owner", "name", "v1")),
        ("owner/name:v1:v2", ModelRef("owner", "name", "v1:v2")),
        ("owner/name:a/b", ModelRef("owner", "name", "a/b")),
    ],
)
def test_parse_valid_refs(text: str, expected: ModelRef) -> None:
    assert parse_ref(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("foo", ""),
        ("", ""),
        ("abc123", "64 hex characters"),
        ("owner/", ""),
        ("/name", ""),
        ("a/b/c", ""),
        ("owner/name:", "the version after ':' is empty"),
        ("owner/name:   ", "the version after ':' is empty"),
        ("owner name/model", ""),
        ("https://replicate.com/meta/llama", ""),
        (VERSION + "0", ""),
    ],
)
def test_parse_invalid_refs_say_what_is_expected(text: str, hint: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_ref(text)
    message = str(info.value)
    assert message.startswith(
        "expected 'owner/name' or 'owner/name:version' or a 64-character version id; got "
        + repr(text)
    )
    assert hint in message


def test_error_message_is_bounded_for_huge_input() -> None:
    with pytest.raises(ValueError) as info:
        parse_ref("x" * 10_000)
    assert len(str(info.value)) < 300


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="got a int"):
        parse_ref(42)  # type: ignore[arg-type]


def test_str_round_trips() -> None:
    for text in ("meta/llama-3", f"o/n:{VERSION}", VERSION):
        assert str(parse_ref(text)) == text
    assert parse_ref("o/n").model == "o/n"
    assert parse_ref(VERSION).model is None


def test_model_ref_invariants() -> None:
    with pytest.raises(ValueError, match="both owner and name"):
        ModelRef(owner="o")
    with pytest.raises(ValueError, match="empty reference"):
        ModelRef()


_names = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)


@settings(deadline=None)
@given(
    owner=_names,
    name=_names,
    version=st.one_of(st.none(), st.from_regex(r"[0-9a-f]{64}", fullmatch=True)),
)
def test_parse_round_trip_property(owner: str, name: str, version: Optional[str]) -> None:
    ref = ModelRef(owner, name, version)
    assert parse_ref(str(ref)) == ref


# --- duck-typed objects -----------------------------------------------------


@dataclass
class Model:
    owner: str
    name: str


@dataclass
class PinnedModel:
    owner: str
    name: str
    version: str


@dataclass
class Version:
    id: str


def test_resolve_objects() -> None:
    assert resolve_ref(Model("meta", "llama")) == ModelRef("meta", "llama")
    assert resolve_ref(PinnedModel("o", "n", VERSION)) == ModelRef("o", "n", VERSION)
    assert resolve_ref(Version(VERSION)) == ModelRef(version=VERSION)
    ref = ModelRef("o", "n")
    assert resolve_ref(ref) is ref
    assert resolve_ref("o/n") == ref


def test_resolve_takes_any_version_id_of_an_object() -> None:
    assert resolve_ref(Version("v1")) == ModelRef(version="v1")
    assert resolve_ref(PinnedModel("o", "n", "latest")) == ModelRef("o", "n", "latest")
    assert prediction_endpoint(Version("v1")).version == "v1"


def test_resolve_rejects_bad_objects() -> None:
    with pytest.raises(ValueError, match="with an empty id"):
        resolve_ref(Version(""))
    with pytest.raises(ValueError, match="64-character version id"):
        resolve_ref(Model("bad owner", "n"))
    with pytest.raises(TypeError, match="model or version object; got a object"):
        resolve_ref(object())  # type: ignore[arg-type]


# --- endpoints ----------------------------------------------------------------


def test_version_goes_to_predictions_with_version_in_body() -> None:
    for ref in (VERSION, f"o/n:{VERSION}", Version(VERSION)):
        endpoint = prediction_endpoint(ref)
        assert endpoint.operation_id == "predictions.create"
        assert (endpoint.method, endpoint.path) == ("POST", "/predictions")
        assert endpoint.version == VERSION
        assert endpoint.path_params == {}


def test_model_goes_to_models_predictions() -> None:
    endpoint = prediction_endpoint("black-forest-labs/flux-schnell")
    assert endpoint.operation_id == "models.predictions.create"
    assert endpoint.path == "/models/black-forest-labs/flux-schnell/predictions"
    assert endpoint.path_params == {
        "model_owner": "black-forest-labs",
        "model_name": "flux-schnell",
    }
    assert endpoint.version is None


def test_deployment_flag() -> None:
    endpoint = prediction_endpoint("acme/my-deploy", deployment=True)
    assert endpoint.operation_id == "deployments.predictions.create"
    assert endpoint.path == "/deployments/acme/my-deploy/predictions"
    assert endpoint.path_params == {"deployment_owner": "acme", "deployment_name": "my-deploy"}
    assert (
        deployment_prediction_endpoint(Model("acme", "d")).path == "/deployments/acme/d/predictions"
    )


@pytest.mark.parametrize("ref", [f"acme/d:{VERSION}", VERSION, "nonsense"])
def test_deployment_rejects_versions_and_garbage(ref: str) -> None:
    with pytest.raises(ValueError, match="deployment-owner/deployment-name"):
        prediction_endpoint(ref, deployment=True)


def test_training_endpoint_needs_model_and_version() -> None:
    endpoint = training_endpoint(f"stability-ai/sdxl:{VERSION}")
    assert endpoint.operation_id == "trainings.create"
    assert endpoint.path == f"/models/stability-ai/sdxl/versions/{VERSION}/trainings"
    assert endpoint.path_params["version_id"] == VERSION
    for ref in ("stability-ai/sdxl", VERSION):
        with pytest.raises(ValueError, match="a training needs 'owner/name:version'"):
            training_endpoint(ref)


def test_training_endpoint_takes_any_version_that_is_one_path_segment() -> None:
    assert training_endpoint("o/n:v1").path == "/models/o/n/versions/v1/trainings"
    for version in ("a/b", "..", "."):
        with pytest.raises(ValueError, match="version_id"):
            training_endpoint(f"o/n:{version}")


def test_a_version_after_the_colon_goes_to_predictions_as_given() -> None:
    endpoint = prediction_endpoint("o/n:v1")
    assert (endpoint.path, endpoint.version) == ("/predictions", "v1")


def test_docstring_examples_hold() -> None:
    from replicate._core import refs

    result = doctest.testmod(refs)
    assert result.attempted > 0
    assert result.failed == 0
