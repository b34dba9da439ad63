"""Tests of output file detection, data-URL decoding and the API-host check."""

from __future__ import annotations

import base64
import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replicate._core.outputs import (
    DataURL,
    decode_data_url,
    find_file_urls,
    is_file_url,
    transform_output_files,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://replicate.delivery/a/out.png", True),
        ("http://localhost:8000/x", True),
        ("HTTPS://EXAMPLE.COM/X", True),
        ("data:image/png;base64,iVBORw0KGgo=", True),
        ("a cat sitting on a mat", False),
        ("see https://example.com", False),
        ("ftp://example.com/file", False),
        ("", False),
        (b"https://example.com", False),
        (None, False),
    ],
)
def test_is_file_url(value: object, expected: bool) -> None:
    assert is_file_url(value) is expected


def wrap(url: str) -> tuple[str, str]:
    return ("file", url)


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("https://x/1.png", ("file", "https://x/1.png")),
        ("plain text", "plain text"),
        (
            ["https://x/1.png", "https://x/2.png"],
            [("file", "https://x/1.png"), ("file", "https://x/2.png")],
        ),
        (("data:,a", 3), [("file", "data:,a"), 3]),
        (
            {"image": "https://x/1.png", "caption": "hi", "meta": {"mask": ["data:,m"]}},
            {
                "image": ("file", "https://x/1.png"),
                "caption": "hi",
                "meta": {"mask": [("file", "data:,m")]},
            },
        ),
        (None, None),
        (42, 42),
        ([], []),
    ],
)
def test_transform_output_files(output: object, expected: object) -> None:
    assert transform_output_files(output, wrap) == expected


def test_find_file_urls_in_document_order() -> None:
    output = {"a": ["https://x/1", "text", {"b": "data:,z"}], "c": "http://x/3"}
    assert find_file_urls(output) == ["https://x/1", "data:,z", "http://x/3"]


def test_streamed_text_tokens_are_untouched() -> None:
    tokens = ["Once", " upon", " a time"]
    assert transform_output_files(tokens, wrap) == tokens


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("data:text/plain;base64,aGVsbG8=", DataURL("text/plain", b"hello")),
        ("data:image/png;base64,iVBORw0KGgo", DataURL("image/png", b"\x89PNG\r\n\x1a\n")),
        ("data:;base64,aGk=", DataURL("text/plain;charset=US-ASCII", b"hi")),
        ("data:,Hello%2C%20World%21", DataURL("text/plain;charset=US-ASCII", b"Hello, World!")),
        (
            "data:text/plain;charset=utf-8,caf%C3%A9",
            DataURL("text/plain;charset=utf-8", "caf\u00e9".encode()),
        ),
        ("data:;charset=utf-8,x", DataURL("text/plain;charset=utf-8", b"x")),
        ("DATA:application/json;BASE64,e30%3D", DataURL("application/json", b"{}")),
        ("data:text/plain;base64,aGVs\nbG8=", DataURL("text/plain", b"hello")),
        ("data:application/octet-stream,", DataURL("application/octet-stream", b"")),
    ],
)
def test_decode_data_url(url: str, expected: DataURL) -> None:
    assert decode_data_url(url) == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://example.com", "expected a 'data:' URL"),
        ("data:text/plain;base64", "needs a ','"),
        ("data:text/plain;base64,@@@@", "not valid base64"),
    ],
)
def test_decode_data_url_errors(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decode_data_url(url)


def test_mime_type_drops_parameters() -> None:
    assert DataURL("Text/Plain; charset=utf-8", b"").mime_type == "text/plain"


@settings(deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["image/png", "audio/wav", "application/x-thing"]))
def test_base64_data_url_round_trip(data: bytes, media_type: str) -> None:
    url = f"data:{media_type};base64,{base64.b64encode(data).decode()}"
    assert decode_data_url(url) == DataURL(media_type, data)


def test_docstring_examples_hold() -> None:
    from replicate._core import outputs

    result = doctest.testmod(outputs)
    assert result.attempted > 0
    assert result.failed == 0
