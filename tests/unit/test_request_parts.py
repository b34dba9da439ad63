"""From arguments to request parts, and the errors bad arguments give (replicate._core.request)."""

from __future__ import annotations

import datetime

import pytest

from replicate._core.request import NO_BODY, build_operation_request, build_request
from replicate._operation import Operation
from replicate._types import NOT_GIVEN

_GET = Operation(id="predictions.get", method="GET", path="/predictions/{prediction_id}")
_CREATE = Operation(id="predictions.create", method="POST", path="/predictions", creates=True)
_VERSION = Operation(
    id="models.versions.get",
    method="GET",
    path="/models/{model_owner}/{model_name}/versions/{version_id}",
)


def test_path_parameters_are_filled_and_encoded() -> None:
    parts = build_operation_request(
        _VERSION, path_params={"model_owner": "me", "model_name": "a b", "version_id": "v/1"}
    )
    assert parts.url == "/models/me/a%20b/versions/v%2F1"
    assert parts.method == "GET"
    assert parts.replay_safe


@pytest.mark.parametrize("value", ["", None, 5])
def test_bad_path_parameter_fails_before_the_network(value: object) -> None:
    with pytest.raises(
        ValueError, match=r"predictions\.get: expected a non-empty string for `prediction_id`"
    ):
        build_operation_request(_GET, path_params={"prediction_id": value})  # type: ignore[dict-item]


def test_not_given_is_dropped_and_none_is_sent_as_null() -> None:
    parts = build_operation_request(
        _CREATE,
        headers={"Prefer": NOT_GIVEN, "Cancel-After": "5m"},
        body={"version": "v", "input": {}, "webhook": NOT_GIVEN, "stream": None},
    )
    assert parts.headers == {"Cancel-After": "5m"}
    assert parts.json == {"version": "v", "input": {}, "stream": None}
    assert not parts.replay_safe


def test_options_merge_over_what_the_method_built() -> None:
    parts = build_operation_request(
        _CREATE,
        body={"version": "v"},
        options={
            "extra_headers": {"X-Trace": "1"},
            "extra_query": {"debug": True},
            "extra_body": {"version": "w", "new": 1},
            "timeout": 3.0,
        },
    )
    assert parts.headers == {"X-Trace": "1"}
    assert parts.params == {"debug": "true"}
    assert parts.json == {"version": "w", "new": 1}
    assert parts.timeout == 3.0


def test_idempotency_key_makes_a_create_replay_safe() -> None:
    parts = build_operation_request(
        _CREATE, body={}, options={"extra_headers": {"Idempotency-Key": "k1"}}
    )
    assert parts.replay_safe


def test_query_values_are_encoded() -> None:
    when = datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    parts = build_request(
        "get",
        "/predictions",
        query={
            "created_after": when,
            "flag": False,
            "gone": None,
            "skip": NOT_GIVEN,
            "ids": [True, "x"],
        },
    )
    assert parts.params == {
        "created_after": "2025-01-02T03:04:05+00:00",
        "flag": "false",
        "ids": ["true", "x"],
    }
    assert parts.json is NO_BODY


def test_multipart_body_fields_become_form_fields() -> None:
    parts = build_request(
        "POST",
        "/files",
        body={"filename": "a.txt", "metadata": {"k": [1]}, "type": NOT_GIVEN},
        files={"content": b"hello"},
        creates=True,
    )
    assert parts.data == {"filename": "a.txt", "metadata": '{"k": [1]}'}
    assert parts.json is NO_BODY
    assert parts.files == {"content": b"hello"}


def test_unknown_option_is_rejected_by_name() -> None:
    with pytest.raises(TypeError, match="extra_heders"):
        build_request("GET", "/x", options={"extra_heders": {}})  # type: ignore[typeddict-unknown-key]


def test_extra_body_needs_an_object_body() -> None:
    with pytest.raises(TypeError, match="extra_body"):
        build_request("POST", "/x", body=[1], options={"extra_body": {"a": 1}})
    assert build_request("POST", "/x", options={"extra_body": {"a": 1}}).json == {"a": 1}


def test_text_body_is_sent_as_plain_text() -> None:
    search = Operation(id="models.search", method="QUERY", path="/models")
    parts = build_operation_request(search, body="flux schnell")
    assert parts.content == b"flux schnell"
    assert parts.json is NO_BODY
    assert parts.headers == {"Content-Type": "text/plain; charset=utf-8"}
    assert parts.replay_safe


@pytest.mark.parametrize(
    ("response", "accept"),
    [("text", "text/plain, application/json;q=0.5"), ("binary", "*/*"), ("json", None)],
)
def test_non_json_operations_ask_for_their_content_type(response: str, accept: str | None) -> None:
    op = Operation(id="x.get", method="GET", path="/x", response=response)  # type: ignore[arg-type]
    parts = build_operation_request(op)
    assert parts.headers.get("Accept") == accept


def test_an_explicit_accept_header_wins() -> None:
    op = Operation(id="x.get", method="GET", path="/x", response="binary")
    parts = build_operation_request(op, headers={"accept": "image/png"})
    assert parts.headers == {"accept": "image/png"}
