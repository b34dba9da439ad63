"""Tests of file discovery in prediction inputs, URL substitution and data-URL encoding."""

from __future__ import annotations

import base64
import doctest
import io
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replicate._core.file_inputs import (
    FileUpload,
    data_url,
    encode_files_as_data_urls,
    is_file_input,
    iter_data_url,
    iter_file_chunks,
    open_binary,
    plan_uploads,
    sniff_content_type,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


@pytest.fixture
def image(tmp_path: Path) -> Path:
    path = tmp_path / "photo.jpg"
    path.write_bytes(JPEG)
    return path


# --- sniffing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (PNG, ("image/png", ".png")),
        (JPEG, ("image/jpeg", ".jpg")),
        (b"GIF89a....", ("image/gif", ".gif")),
        (b"GIF87a....", ("image/gif", ".gif")),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", ("image/webp", ".webp")),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", ("audio/wav", ".wav")),
        (b"RIFF\x00\x00\x00\x00AVI LIST", None),
        (b"II*\x00\x08\x00", ("image/tiff", ".tiff")),
        (b"\x00\x00\x00\x1cftypavif", ("image/avif", ".avif")),
        (b"\x00\x00\x00\x18ftypheic", ("image/heic", ".heic")),
        (b"\x00\x00\x00\x20ftypM4A ", ("audio/mp4", ".m4a")),
        (b"\x00\x00\x00\x14ftypqt  ", ("video/quicktime", ".mov")),
        (b"\x00\x00\x00\x18ftypisom", ("video/mp4", ".mp4")),
        (b"ID3\x04\x00", ("audio/mpeg", ".mp3")),
        (b"\xff\xfb\x90\x00", ("audio/mpeg", ".mp3")),
        (b"OggS\x00\x02", ("audio/ogg", ".ogg")),
        (b"fLaC\x00\x00", ("audio/flac", ".flac")),
        (b"\x1a\x45\xdf\xa3\x01", ("video/webm", ".webm")),
        (b"%PDF-1.7", ("application/pdf", ".pdf")),
        (b"PK\x03\x04", ("application/zip", ".zip")),
        (b"\x1f\x8b\x08", ("application/gzip", ".gz")),
        (b"hello world", None),
        (b"", None),
    ],
)
def test_sniff_content_type(head: bytes, expected: Optional[tuple[str, str]]) -> None:
    assert sniff_content_type(head) == expected


# --- what counts as a file ---------------------------------------------------------


class FileOutputLike:
    """Like an earlier run's file output: readable, but it has a URL."""

    url = "https://replicate.delivery/abc/out.png"

    def read(self) -> bytes:
        raise AssertionError("must not be downloaded")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Path("x.png"), True),
        (b"raw", True),
        (bytearray(b"raw"), True),
        (memoryview(b"raw"), True),
        (io.BytesIO(b"raw"), True),
        (io.StringIO("text"), True),
        ("x.png", False),
        ("/etc/passwd", False),
        ("https://example.com/a.png", False),
        ("data:text/plain;base64,aGk=", False),
        (42, False),
        (None, False),
        (FileOutputLike(), False),
    ],
    ids=repr,
)
def test_is_file_input(value: object, expected: bool) -> None:
    assert is_file_input(value) is expected


# --- planning --------------------------------------------------------------


def test_plan_describes_path_without_reading_it(image: Path) -> None:
    plan = plan_uploads({"image": image, "prompt": "describe"})
    assert len(plan) == 1
    upload = plan.uploads[0]
    assert (upload.filename, upload.content_type, upload.size) == (
        "photo.jpg",
        "image/jpeg",
        len(JPEG),
    )
    assert upload.locations == (("image",),)


def test_plan_uses_handle_name_and_remaining_size(image: Path) -> None:
    with image.open("rb") as handle:
        handle.read(4)
        upload = plan_uploads({"image": handle}).uploads[0]
        assert (upload.filename, upload.content_type, upload.size) == (
            "photo.jpg",
            "image/jpeg",
            len(JPEG) - 4,
        )
        assert handle.tell() == 4  # planning left the position alone


def test_text_handle_to_binary_file_uses_its_buffer(image: Path) -> None:
    # open(path) without "b", as some older examples do.
    with image.open() as handle:
        upload = plan_uploads({"image": handle}).uploads[0]
        assert (upload.filename, upload.content_type, upload.size) == (
            "photo.jpg",
            "image/jpeg",
            len(JPEG),
        )
        assert b"".join(iter_file_chunks(upload)) == JPEG


@pytest.mark.parametrize(
    ("value", "filename", "content_type", "size"),
    [
        (PNG, "file.png", "image/png", len(PNG)),
        (bytearray(JPEG), "file.jpg", "image/jpeg", len(JPEG)),
        (memoryview(b"ID3abc"), "file.mp3", "audio/mpeg", 6),
        (b"\x00\x01\x02", "file", "application/octet-stream", 3),
        (io.BytesIO(b"OggS" + b"\x00" * 10), "file.ogg", "audio/ogg", 14),
        (io.StringIO("some text"), "file.txt", "text/plain", None),
    ],
)
def test_plan_sniffs_unnamed_values(
    value: object, filename: str, content_type: str, size: Optional[int]
) -> None:
    upload = plan_uploads({"f": value}).uploads[0]
    assert (upload.filename, upload.content_type, upload.size) == (filename, content_type, size)


def test_bytesio_position_is_respected() -> None:
    buffer = io.BytesIO(b"skip" + PNG)
    buffer.seek(4)
    upload = plan_uploads([buffer]).uploads[0]
    assert (upload.content_type, upload.size) == ("image/png", len(PNG))
    assert buffer.tell() == 4


def test_named_handle_with_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "upload.weird"
    path.write_bytes(PNG)
    with path.open("rb") as handle:
        upload = plan_uploads({"f": handle}).uploads[0]
    assert (upload.filename, upload.content_type) == ("upload.weird", "image/png")


def test_handle_named_like_stdin_gets_default_name() -> None:
    class Stream(io.BytesIO):
        name = "<stdin>"

    upload = plan_uploads({"f": Stream(JPEG)}).uploads[0]
    assert upload.filename == "file.jpg"


def test_unseekable_stream_has_unknown_size() -> None:
    class Pipe(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            return 0

    upload = plan_uploads({"f": Pipe()}).uploads[0]
    assert (upload.filename, upload.content_type, upload.size) == (
        "file",
        "application/octet-stream",
        None,
    )


def test_strings_are_never_read_as_paths(image: Path) -> None:
    value = {"image": str(image), "url": "https://example.com/x.png", "data": "data:,hi"}
    plan = plan_uploads(value)
    assert plan.uploads == ()
    assert plan.with_urls([]) == value


def test_missing_path_fails_before_network_and_says_where(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"input\['images'\]\[1\]: cannot read file"):
        plan_uploads({"images": [PNG, tmp_path / "nope.png"]})


def test_nested_structures_and_locations(image: Path) -> None:
    value = {"a": [1, {"b": (image, "keep")}], "c": {"d": PNG}, "n": None}
    plan = plan_uploads(value)
    assert [u.locations for u in plan.uploads] == [(("a", 1, "b", 0),), (("c", "d"),)]
    rebuilt = plan.with_urls(["https://u/1", "https://u/2"])
    assert rebuilt == {
        "a": [1, {"b": ("https://u/1", "keep")}],
        "c": {"d": "https://u/2"},
        "n": None,
    }
    assert value["c"] == {"d": PNG}  # the original is untouched


def test_same_object_twice_is_one_upload(image: Path) -> None:
    with image.open("rb") as handle:
        plan = plan_uploads({"first": handle, "again": [handle]})
        assert len(plan) == 1
        assert plan.uploads[0].locations == (("first",), ("again", 0))
        assert plan.with_urls(["https://u/1"]) == {"first": "https://u/1", "again": ["https://u/1"]}


def test_url_objects_are_replaced_by_their_url() -> None:
    output = FileOutputLike()
    plan = plan_uploads({"image": output})
    assert plan.uploads == ()
    assert plan.with_urls([]) == {"image": FileOutputLike.url}


def test_with_urls_needs_one_url_per_upload() -> None:
    plan = plan_uploads({"a": PNG})
    with pytest.raises(ValueError, match=r"expected 1 URL\(s\), one per upload; got 0"):
        plan.with_urls([])


def test_top_level_file() -> None:
    plan = plan_uploads(PNG)
    assert plan.uploads[0].locations == ((),)
    assert plan.with_urls(["https://u"]) == "https://u"


# --- reading and encoding ---------------------------------------------------------


def test_open_binary_opens_and_closes_paths(image: Path) -> None:
    upload = plan_uploads(image).uploads[0]
    with open_binary(upload) as stream:
        assert stream.read() == JPEG
    assert stream.closed


def test_open_binary_leaves_callers_handle_open(image: Path) -> None:
    with image.open("rb") as handle:
        with open_binary(plan_uploads(handle).uploads[0]) as stream:
            assert stream is handle
        assert not handle.closed


def test_open_binary_encodes_in_memory_text() -> None:
    with open_binary(plan_uploads(io.StringIO("caf\u00e9")).uploads[0]) as stream:
        assert stream.read() == "caf\u00e9".encode()


def test_chunks_have_exact_sizes_despite_short_reads() -> None:
    class Trickle(io.RawIOBase):
        """Returns at most 2 bytes per read."""

        def __init__(self, data: bytes) -> None:
            self._data = data

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            piece, self._data = self._data[:2], self._data[2:]
            buffer[: len(piece)] = piece
            return len(piece)

    upload = plan_uploads(Trickle(bytes(range(20)))).uploads[0]
    chunks = list(iter_file_chunks(upload, 6))
    assert [len(c) for c in chunks] == [6, 6, 6, 2]
    assert b"".join(chunks) == bytes(range(20))


def test_chunk_size_must_be_valid() -> None:
    upload = plan_uploads(b"abc").uploads[0]
    with pytest.raises(ValueError, match="positive"):
        list(iter_file_chunks(upload, 0))
    with pytest.raises(ValueError, match="multiple of 3"):
        list(iter_data_url(upload, 4))


def test_data_url_of_path(image: Path) -> None:
    upload = plan_uploads(image).uploads[0]
    assert (
        data_url(upload, chunk_size=3)
        == "data:image/jpeg;base64," + base64.b64encode(JPEG).decode()
    )


def test_data_url_streams_in_bounded_chunks(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(bytes(range(256)) * 100)
    upload = plan_uploads(path).uploads[0]
    pieces = list(iter_data_url(upload, chunk_size=300))
    assert pieces[0] == "data:application/octet-stream;base64,"
    assert max(len(p) for p in pieces[1:]) == 400  # 300 bytes -> 400 characters
    assert base64.b64decode("".join(pieces[1:])) == path.read_bytes()


def test_encode_files_as_data_urls() -> None:
    value = {"audio": b"ID3...", "text": io.StringIO("hi"), "keep": "x.png", "n": [1]}
    assert encode_files_as_data_urls(value) == {
        "audio": "data:audio/mpeg;base64,SUQzLi4u",
        "text": "data:text/plain;base64,aGk=",
        "keep": "x.png",
        "n": [1],
    }


@settings(deadline=None)
@given(data=st.binary(max_size=2000), chunk_thirds=st.integers(min_value=1, max_value=200))
def test_chunked_base64_equals_one_shot(data: bytes, chunk_thirds: int) -> None:
    upload = FileUpload(source=io.BytesIO(data), filename="f", content_type="x/y", size=len(data))
    encoded = data_url(upload, chunk_size=3 * chunk_thirds)
    assert encoded == "data:x/y;base64," + base64.b64encode(data).decode()


def test_docstring_examples_hold() -> None:
    from replicate._core import file_inputs

    result = doctest.testmod(file_inputs)
    assert result.attempted > 0
    assert result.failed == 0
