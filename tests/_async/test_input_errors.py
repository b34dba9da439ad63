"""Bad input is reported at the input, before the network, with what to pass instead."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
from pathlib import Path
from typing import Any

import pydantic
import pytest
import respx

from replicate import ArgumentTypeError, AsyncReplicate, InternalServerError, InvalidArgumentError

from .conftest import API


@dataclasses.dataclass
class Settings:
    prompt: str


class SettingsModel(pydantic.BaseModel):
    prompt: str


@pytest.mark.parametrize(
    ("value", "kind", "fix"),
    [
        (datetime.datetime(2025, 1, 1), "datetime", "input['value'].isoformat()"),
        (datetime.date(2025, 1, 1), "date", "input['value'].isoformat()"),
        ({"a", "b"}, "set", "list(input['value'])"),
        (decimal.Decimal("1.5"), "Decimal", "float(input['value'])"),
        (Settings("x"), "Settings", "dataclasses.asdict(input['value'])"),
        (SettingsModel(prompt="x"), "SettingsModel", "input['value'].model_dump(mode='json')"),
    ],
)
async def test_a_value_json_cannot_hold_is_named_with_its_key_and_a_fix(
    client: AsyncReplicate, respx_mock: respx.MockRouter, value: object, kind: str, fix: str
) -> None:
    with pytest.raises(TypeError) as raised:
        await client.run("owner/name", {"prompt": "a", "value": value})
    message = str(raised.value)
    assert message.startswith(f"input['value'] is a {kind}, which JSON cannot hold")
    assert fix in message
    assert not respx_mock.calls


async def test_a_nested_value_is_named_by_its_path(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    with pytest.raises(TypeError, match=r"input\['options'\]\['when'\]\[1\] is a datetime"):
        await client.predictions.create(
            model="owner/name",
            input={"options": {"when": ["now", datetime.datetime(2025, 1, 1)]}},
        )
    assert not respx_mock.calls


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        (Settings("x"), "input=dataclasses.asdict(...)"),
        (SettingsModel(prompt="x"), "input=....model_dump()"),
        ("a prompt", "input={'prompt': '...'}"),
    ],
)
async def test_input_that_is_not_a_dict_says_how_to_make_one(
    client: AsyncReplicate, respx_mock: respx.MockRouter, value: Any, fix: str
) -> None:
    with pytest.raises(TypeError, match="input must be a dict") as raised:
        await client.run("owner/name", value)
    assert fix in str(raised.value)
    assert not respx_mock.calls


async def test_a_413_says_to_send_large_data_as_a_file(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.post(f"{API}/models/owner/name/predictions").respond(413, text="too large")
    with pytest.raises(Exception, match="send large data as a file"):
        await client.predictions.create(model="owner/name", input={"data": "x" * 10})


async def test_a_failed_create_does_not_advise_trying_again_blindly(
    respx_mock: respx.MockRouter,
) -> None:
    respx_mock.post(f"{API}/predictions").respond(500, json={"detail": "boom"})
    respx_mock.get(f"{API}/predictions/p1").respond(500, json={"detail": "boom"})
    async with AsyncReplicate(bearer_token="r8_x", max_retries=0) as client:
        with pytest.raises(InternalServerError) as created:
            await client.predictions.create(version="v" * 64, input={})
        assert "may exist all the same" in str(created.value)
        assert "predictions.list()" in str(created.value)
        with pytest.raises(InternalServerError) as read:
            await client.predictions.get("p1")
        assert "try again later" in str(read.value)


async def test_nan_and_infinity_are_named_before_the_network(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    for value in (float("nan"), float("inf")):
        with pytest.raises(TypeError, match=r"input\['scale'\] is a float .*JSON has no NaN"):
            await client.run("owner/name", {"scale": value})
    assert not respx_mock.calls


async def test_a_bad_value_beside_a_local_file_is_reported_before_the_upload(
    client: AsyncReplicate, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff")
    with pytest.raises(TypeError, match=r"input\['when'\] is a datetime"):
        await client.run("owner/name", {"image": path, "when": datetime.datetime(2025, 1, 1)})
    with pytest.raises(TypeError, match=r"input\['tags'\] is a set"):
        await client.predictions.create(version="v" * 64, input={"image": b"x", "tags": {"a"}})
    assert not respx_mock.calls


async def test_a_dropped_connection_message_has_one_full_stop(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    import httpx

    from replicate import APIConnectionError

    respx_mock.get(f"{API}/account").mock(
        side_effect=httpx.RemoteProtocolError("Server disconnected without sending a response.")
    )
    with pytest.raises(APIConnectionError) as raised:
        await client.with_options(max_retries=0).account.get()
    assert "response.." not in str(raised.value)
    assert "without sending a response. Check the network" in str(raised.value)


async def test_a_wait_that_is_not_a_boolean_or_number_is_named(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    with pytest.raises(TypeError, match="wait must be True, False or a number"):
        await client.run("owner/name", {}, wait="yes")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    assert not respx_mock.calls


async def test_a_token_that_is_not_a_string_is_named() -> None:
    with pytest.raises(TypeError, match="token must be a string, got int"):
        AsyncReplicate(bearer_token=123)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


async def test_files_create_takes_the_1x_content_type(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.post(f"{API}/files").respond(
        201, json={"id": "f1", "urls": {"get": f"{API}/files/f1"}}
    )
    await client.files.create(b"hello", filename="a.txt", content_type="text/x-note")
    body = route.calls.last.request.content
    assert b"text/x-note" in body
    with pytest.raises(InvalidArgumentError, match="not both"):
        await client.files.create(b"hello", type="a/b", content_type="c/d")


async def test_a_misspelled_keyword_is_named_with_the_closest_one(client: AsyncReplicate) -> None:
    with pytest.raises(ArgumentTypeError, match="'modle'; did you mean 'model'"):
        await client.predictions.create(modle="replicate/hello-world", input={})  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    with pytest.raises(ArgumentTypeError, match="'webhok'; did you mean 'webhook'"):
        await client.trainings.create(  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
            "o/m:v", {}, "o/dest", webhok="https://example.com"
        )
    with pytest.raises(ArgumentTypeError, match="timout; did you mean 'timeout'"):
        await client.predictions.get("p1", timout=3)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
