"""Uploads through the Files API: every kind of local file, streamed, and files found in inputs."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from replicate import AsyncReplicate
from replicate._async._files import AsyncFiles
from replicate._async._uploads import prepare_input, upload_file
from replicate._async.resources.predictions import AsyncPredictionsResource
from replicate.testing import Emulator

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def test_upload_path_keeps_name_and_type(client: AsyncReplicate, tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_bytes(b'{"a": 1}')
    file = await upload_file(client, path, metadata={"kind": "notes"})
    assert file.name == "notes.json"  # type: ignore[attr-defined]
    assert file.content_type == "application/json"
    assert file.size == 8
    assert file.checksums.sha256 == sha256(b'{"a": 1}')
    assert file.metadata == {"kind": "notes"}
    assert file.urls.get and file.urls.get.endswith(f"/files/{file.id}")


async def test_upload_text_handle_sends_its_bytes(client: AsyncReplicate, tmp_path: Path) -> None:
    path = tmp_path / "poem.txt"
    path.write_text("héllo\n", encoding="utf-8")
    with open(path, encoding="utf-8") as handle:  # noqa: ASYNC230 - a caller's open file is the input
        file = await upload_file(client, handle)
    assert file.checksums.sha256 == sha256("héllo\n".encode())
    assert file.content_type == "text/plain"


@pytest.mark.parametrize(
    "content", [PNG, bytearray(PNG), memoryview(PNG), io.BytesIO(PNG)], ids=type
)
async def test_upload_in_memory_content_sniffs_type(
    client: AsyncReplicate, content: object
) -> None:
    file = await upload_file(client, content)
    assert (file.name, file.content_type) == ("file.png", "image/png")  # type: ignore[attr-defined]
    assert file.checksums.sha256 == sha256(PNG)


async def test_explicit_name_and_type_win(client: AsyncReplicate) -> None:
    file = await upload_file(client, b"data", filename="a.bin", content_type="application/x-thing")
    assert (file.name, file.content_type) == ("a.bin", "application/x-thing")  # type: ignore[attr-defined]


@pytest.mark.parametrize("content", ["photo.jpg", 42, None], ids=repr)
async def test_not_a_file_fails_before_the_network(
    client: AsyncReplicate, emulator: Emulator, content: object
) -> None:
    with pytest.raises(TypeError, match="content must be a file"):
        await upload_file(client, content)
    assert len(emulator.requests) == 0


async def test_missing_path_fails_before_the_network(
    client: AsyncReplicate, emulator: Emulator, tmp_path: Path
) -> None:
    with pytest.raises(FileNotFoundError, match=r"missing\.png"):
        await upload_file(client, tmp_path / "missing.png")
    assert len(emulator.requests) == 0


async def test_files_create_takes_paths_strings_tuples_and_handles(
    client: AsyncReplicate, tmp_path: Path
) -> None:
    path = tmp_path / "weights.bin"
    path.write_bytes(b"w" * 1000)
    files = AsyncFiles(client)
    by_path = await files.create(content=path, metadata={"run": 7})
    by_string = await files.create(str(path))  # the 1.x form: a path string, positional
    by_tuple = await files.create(content=("renamed.txt", b"abc", "text/plain"))
    with open(path, "rb") as handle:  # noqa: ASYNC230 - a caller's open file is the input
        by_handle = await files.create(content=handle, filename="handle.bin")
    assert by_path.metadata == {"run": 7}
    assert by_path.checksums.sha256 == by_string.checksums.sha256 == sha256(b"w" * 1000)
    assert by_string.name == "weights.bin"  # type: ignore[attr-defined]
    assert (by_tuple.name, by_tuple.content_type) == ("renamed.txt", "text/plain")  # type: ignore[attr-defined]
    assert by_handle.name == "handle.bin"  # type: ignore[attr-defined]
    named_bytes = await files.create(content=b"hello", filename="notes.txt")
    assert (named_bytes.name, named_bytes.content_type) == ("notes.txt", "text/plain")  # type: ignore[attr-defined]


async def test_files_create_rejects_a_malformed_tuple(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    with pytest.raises(TypeError, match="content tuple"):
        await AsyncFiles(client).create(content=(b"no name",))  # type: ignore[arg-type]
    assert len(emulator.requests) == 0


async def test_prepare_input_uploads_nested_files_once_each(
    client: AsyncReplicate, emulator: Emulator, tmp_path: Path
) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(PNG)
    shared = io.BytesIO(b"shared")
    given = {
        "image": path,
        "more": [shared, {"again": shared, "url": "https://example.com/x.png"}],
        "inline": "data:text/plain;base64,aGk=",
        "prompt": "a cat",
        "n": 3,
    }
    prepared = await prepare_input(client, given)
    assert emulator.requests.count("files.create") == 2
    image_url = prepared["image"]
    more = prepared["more"]
    assert isinstance(image_url, str) and "/files/" in image_url
    assert isinstance(more, list)
    assert more[1]["again"] == more[0]  # the same object is one upload
    assert more[1]["url"] == "https://example.com/x.png"
    assert prepared["inline"] == "data:text/plain;base64,aGk="
    assert (prepared["prompt"], prepared["n"]) == ("a cat", 3)
    assert given["image"] is path  # the caller's input is not modified


async def test_prepare_input_uploads_several_files(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    prepared = await prepare_input(client, {"files": [bytes([i]) * 10 for i in range(6)]})
    urls = prepared["files"]
    assert isinstance(urls, list) and len(set(urls)) == 6
    assert emulator.requests.count("files.create") == 6


async def test_prepare_input_base64_makes_data_urls_without_requests(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    prepared = await prepare_input(client, {"audio": [b"ID3abc"]}, file_encoding_strategy="base64")
    assert prepared == {"audio": ["data:audio/mpeg;base64,SUQzYWJj"]}
    assert len(emulator.requests) == 0


async def test_prepare_input_rejects_an_unknown_strategy(client: AsyncReplicate) -> None:
    with pytest.raises(ValueError, match="file_encoding_strategy"):
        await prepare_input(client, {"a": b"x"}, file_encoding_strategy="inline")  # type: ignore[arg-type]


async def test_every_create_uploads_the_files_in_its_input(
    client: AsyncReplicate, emulator: Emulator, tmp_path: Path
) -> None:
    echo = emulator.add_model("me/echo", lambda image: image)
    emulator.add_model("me/official-echo", lambda image: image, official=True)
    path = tmp_path / "cat.png"
    path.write_bytes(PNG)
    await client.deployments.create(
        name="echoer", model="me/echo", version=echo.version_id, hardware="cpu",
        min_instances=0, max_instances=1,
    )  # fmt: skip
    by_model = await client.models.predictions.create("me/official-echo", input={"image": path})
    by_deployment = await client.deployments.predictions.create(
        "test-user/echoer", input={"image": [io.BytesIO(b"a")]}
    )
    inlined = await client.models.predictions.create(
        "me/official-echo", input={"image": b"b"}, file_encoding_strategy="base64"
    )
    # A trainer whose input takes an object, so a file can sit inside one.
    trainable = emulator.add_model("me/trainable", lambda: None, trainer=lambda style: {})
    await client.models.create(
        owner="test-user", name="trained", visibility="private", hardware="cpu"
    )
    training = await client.trainings.create(
        "me", "trainable", trainable.version_id,
        input={"style": {"nested": path}}, destination="test-user/trained",
    )  # fmt: skip
    uploaded = emulator.base_url + "/files/"
    assert str(by_model.input["image"]).startswith(uploaded)
    assert str(by_deployment.input["image"][0]).startswith(uploaded)
    assert inlined.input["image"] == "data:application/octet-stream;base64,Yg=="
    assert str((training.input or {})["style"]["nested"]).startswith(uploaded)
    assert emulator.requests.count("files.create") == 3


async def test_a_generated_create_uploads_without_the_client_layer(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    echo = emulator.add_model("me/echo", lambda image: image)
    prediction = await AsyncPredictionsResource(client).create(
        version=echo.version_id, input={"image": io.BytesIO(PNG)}
    )
    assert str(prediction.input["image"]).startswith(emulator.base_url + "/files/")
    assert emulator.requests.count("files.create") == 1


@pytest.mark.parametrize("bad_input", [["a list"], "a string"], ids=repr)
async def test_a_create_with_an_input_that_is_not_a_dict_fails_before_the_network(
    client: AsyncReplicate, emulator: Emulator, bad_input: object
) -> None:
    with pytest.raises(TypeError, match="input must be a dict"):
        await client.models.predictions.create("me/echo", input=bad_input)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="input must be a dict"):
        await client.trainings.create(
            "emulator/trainable",
            "a" * 64,
            input=bad_input,
            destination="test-user/trained",  # type: ignore[arg-type]
        )
    assert len(emulator.requests) == 0


async def test_a_create_with_an_unknown_strategy_fails_before_the_network(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    with pytest.raises(ValueError, match="file_encoding_strategy"):
        await client.deployments.predictions.create(
            "test-user/echoer",
            input={"image": b"x"},
            file_encoding_strategy="inline",  # type: ignore[arg-type]
        )
    assert len(emulator.requests) == 0
