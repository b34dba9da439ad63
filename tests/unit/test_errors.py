"""Error answers to exceptions: classes, RFC 7807 fields, odd bodies (replicate._core.errors)."""

from __future__ import annotations

import json

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from replicate import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ReplicateError,
    UnprocessableEntityError,
)
from replicate._core.errors import make_status_error, parse_problem, status_error_class


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
        (599, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_status_error_class(status: int, error_class: type[APIStatusError]) -> None:
    assert status_error_class(status) is error_class


def _response(status: int, content: bytes, content_type: str) -> httpx.Response:
    request = httpx.Request("POST", "https://api.replicate.com/v1/predictions?secret=abc")
    return httpx.Response(
        status, content=content, headers={"content-type": content_type}, request=request
    )


def test_rfc7807_fields_are_exposed() -> None:
    body = {
        "type": "https://replicate.com/docs/errors/invalid-input",
        "title": "Invalid input",
        "status": 422,
        "detail": "input.prompt is required",
        "instance": "/predictions",
    }
    content = json.dumps(body).encode()
    error = make_status_error(_response(422, content, "application/problem+json"), content)
    assert isinstance(error, UnprocessableEntityError)
    assert isinstance(error, ReplicateError)
    assert (error.type, error.title, error.status, error.detail, error.instance) == (
        body["type"],
        "Invalid input",
        422,
        "input.prompt is required",
        "/predictions",
    )
    assert error.status_code == 422
    assert error.body == body
    assert error.request.method == "POST"
    assert error.to_dict() == body
    assert "input.prompt is required" in str(error)
    assert "POST https://api.replicate.com/v1/predictions" in str(error)
    assert "secret" not in str(error)  # the query string may hold signatures


def test_html_error_page_survives_without_markup_in_the_message() -> None:
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    error = make_status_error(_response(502, page, "text/html"), page)
    assert isinstance(error, InternalServerError)
    assert error.body == page.decode()
    assert error.detail is None
    assert "<html>" not in str(error)
    assert "502" in str(error)
    assert "try again later" in str(error)


def test_plain_text_body_becomes_a_short_detail() -> None:
    text = b"upstream overloaded " * 50
    problem = parse_problem(text, "text/plain")
    assert problem.body == text.decode()
    assert problem.detail is not None
    assert problem.detail.startswith("upstream overloaded")
    assert len(problem.detail) <= 203


def test_empty_and_non_object_bodies() -> None:
    assert parse_problem(b"", None).body is None
    assert parse_problem(b"[1, 2]", "application/json").body == [1, 2]
    assert parse_problem(b"\xff\xfe garbage", None).detail is not None


def test_legacy_error_key_is_used_as_detail() -> None:
    assert (
        parse_problem(b'{"error": "quota exceeded"}', "application/json").detail == "quota exceeded"
    )


def test_authentication_error_says_how_to_set_the_token() -> None:
    error = make_status_error(
        _response(401, b'{"detail": "Invalid token."}', "application/json"),
        b'{"detail": "Invalid token."}',
    )
    assert isinstance(error, AuthenticationError)
    assert "REPLICATE_API_TOKEN" in str(error)
    assert "bearer_token=" in str(error)


@given(
    st.binary(max_size=200), st.sampled_from([None, "application/json", "text/html", "text/plain"])
)
def test_parse_problem_never_raises(content: bytes, content_type: str | None) -> None:
    problem = parse_problem(content, content_type)
    assert problem.detail is None or isinstance(problem.detail, str)


def test_a_404_off_the_v1_paths_points_at_the_base_url() -> None:
    request = httpx.Request("GET", "http://127.0.0.1:8000/predictions/p1")
    error = make_status_error(httpx.Response(404, request=request), b"")
    assert "check the base URL" in str(error) and "/v1" in str(error)
    request = httpx.Request("GET", "https://api.replicate.com/v1/predictions/p1")
    error = make_status_error(httpx.Response(404, request=request), b"")
    assert "private resources are visible only to their owner" in str(error)
