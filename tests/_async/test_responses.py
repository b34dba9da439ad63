"""What methods return: parsed models, raw and streamed responses, file downloads, low-level calls."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from replicate import APIResponseValidationError, AsyncAPIResponse, AsyncReplicate
from replicate._async._objects import AsyncModel
from replicate.types import Prediction

from .conftest import API, TOKEN, prediction_json


async def test_models_are_bound_to_the_client(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    prediction = await client.predictions.get("p1")
    assert prediction._client is client


async def test_unknown_status_and_fields_survive(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(
        200, json=prediction_json(status="queued", novelty={"a": 1})
    )
    prediction = await client.predictions.get("p1")
    assert prediction.status == "queued"
    assert prediction.model_extra is not None
    assert prediction.model_extra["novelty"] == {"a": 1}
    assert prediction.urls.get == f"{API}/predictions/p1"
    assert prediction._client is client


async def test_strict_client_rejects_a_mismatch(respx_mock: respx.MockRouter) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json(status="queued"))
    client = AsyncReplicate(bearer_token=TOKEN, _strict_response_validation=True)
    with pytest.raises(APIResponseValidationError, match="status") as caught:
        await client.predictions.get("p1")
    await client.close()
    assert caught.value.status_code == 200


async def test_a_field_the_answer_omits_reads_as_none(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/x").respond(200, json={"id": "x", "status": "starting"})
    prediction = await client.predictions.get("x")
    assert (prediction.id, prediction.status) == ("x", "starting")
    assert prediction.output is None
    assert prediction.urls is None  # type: ignore[comparison-overlap]
    assert prediction.error is None and prediction.created_at is None  # type: ignore[comparison-overlap]
    assert prediction.progress is None
    assert prediction._client is client
    with pytest.raises(ValueError, match="has no stream URL"):
        prediction.stream()


async def test_omitted_fields_of_nested_objects_read_as_none(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/models/o/n").respond(
        200, json={"owner": "o", "name": "n", "default_example": {}, "latest_version": {"id": "v"}}
    )
    model = await client.models.get("o/n")
    assert model.default_example is not None
    assert model.default_example.output is None
    assert model.default_example.urls is None  # type: ignore[comparison-overlap]
    assert model.latest_version is not None
    assert (model.latest_version.id, model.latest_version.openapi_schema) == ("v", None)
    assert model.description is None


async def test_items_of_a_page_with_omitted_fields(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions").respond(200, json={"results": [{"id": "p1"}, {}]})
    page = await client.predictions.list()
    results = [(p.id, p.output, p.status) for p in page.results]
    assert results == [("p1", None, None), (None, None, None)]
    assert page.results[0]._client is client


@pytest.mark.parametrize(
    ("body", "kind"),
    [(b"null", "null"), (b"[]", "an array"), (b'"x"', "a string"), (b"3", "a number")],
)
async def test_an_answer_that_is_not_an_object_is_a_validation_error(
    client: AsyncReplicate, respx_mock: respx.MockRouter, body: bytes, kind: str
) -> None:
    # No object, no fields to be lenient about: an error, not a list or None posing as one.
    json_type = {"Content-Type": "application/json"}
    respx_mock.get(f"{API}/predictions/x").respond(200, content=body, headers=json_type)
    respx_mock.get(f"{API}/models/o/n").respond(200, content=body, headers=json_type)
    with pytest.raises(APIResponseValidationError, match=f"Prediction, got {kind}") as caught:
        await client.predictions.get("x")
    assert caught.value.body == json.loads(body)
    with pytest.raises(APIResponseValidationError, match="Expected a JSON object for"):
        await client.models.get("o/n")


async def test_strict_client_raises_on_an_omitted_field(respx_mock: respx.MockRouter) -> None:
    answer = prediction_json()
    del answer["output"]
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=answer)
    respx_mock.get(f"{API}/models/o/n").respond(200, json={"owner": "o", "default_example": {}})
    async with AsyncReplicate(bearer_token=TOKEN, _strict_response_validation=True) as client:
        with pytest.raises(APIResponseValidationError, match="output"):
            await client.predictions.get("p1")
        with pytest.raises(APIResponseValidationError, match="default_example"):
            await client.models.get("o/n")


async def test_strict_mode_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    monkeypatch.setenv("REPLICATE_STRICT_RESPONSES", "1")
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json(status="queued"))
    client = AsyncReplicate(bearer_token=TOKEN)
    with pytest.raises(APIResponseValidationError):
        await client.predictions.get("p1")
    await client.close()


async def test_raw_response(client: AsyncReplicate, respx_mock: respx.MockRouter) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(
        200, json=prediction_json(), headers={"X-Request-Id": "r1"}
    )
    response = await client.predictions.with_raw_response.get("p1")
    assert response.status_code == 200
    assert response.headers["X-Request-Id"] == "r1"
    assert response.http_request.url == f"{API}/predictions/p1"
    assert response.http_response.status_code == 200
    assert (await response.json())["id"] == "p1"
    assert b'"p1"' in await response.read()
    assert '"p1"' in await response.text()
    prediction = await response.parse()
    assert prediction.id == "p1"
    assert prediction._client is client
    assert await response.parse() is prediction


async def test_raw_response_of_a_list(client: AsyncReplicate, respx_mock: respx.MockRouter) -> None:
    respx_mock.get(f"{API}/predictions").respond(
        200, json={"results": [prediction_json()], "next": None}
    )
    response = await client.predictions.with_raw_response.list()
    assert response.status_code == 200
    page = await response.parse()
    assert [p.id for p in page.results] == ["p1"]


async def test_streamed_response_is_read_on_demand_and_closed(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    async with client.predictions.with_streaming_response.get("p1") as response:
        assert response.status_code == 200
        chunks = [chunk async for chunk in response.iter_bytes()]
        assert b"".join(chunks).startswith(b"{")
    assert response.http_response.is_closed


async def test_nested_requests_inside_a_raw_call_parse_normally(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    response = await client.predictions.with_raw_response.get("p1")
    # The mode applied to that one call; the next plain call returns a model again.
    assert (await response.parse()).id == (await client.predictions.get("p1")).id


async def test_file_download_streams_bytes(
    client: AsyncReplicate, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    route = respx_mock.get(f"{API}/files/f1/download").respond(200, content=b"file-bytes" * 100)
    download = await client.files.download("f1", owner="me", expiry=1, signature="sig")
    assert download.status_code == 200
    assert await download.read() == b"file-bytes" * 100
    assert route.calls.last.request.url.params["signature"] == "sig"

    download = await client.files.download("f1", owner="me", expiry=1, signature="sig")
    target = tmp_path / "out.bin"
    await download.write_to_file(target)
    assert target.read_bytes() == b"file-bytes" * 100

    download = await client.files.download("f1", owner="me", expiry=1, signature="sig")
    assert b"".join([chunk async for chunk in download.iter_bytes(100)]) == b"file-bytes" * 100


async def test_streamed_download_to_a_file(
    client: AsyncReplicate, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    respx_mock.get(f"{API}/files/f1/download").respond(200, content=b"0123456789" * 10)
    target = tmp_path / "streamed.bin"
    async with client.files.with_streaming_response.download(
        "f1", owner="me", expiry=1, signature="sig"
    ) as download:
        assert not download.is_closed
        await download.stream_to_file(target, chunk_size=7)
    assert download.is_closed
    assert target.read_bytes() == b"0123456789" * 10
    raw = await client.files.with_raw_response.download("f1", owner="me", expiry=1, signature="s")
    assert raw.is_closed  # a raw response's body is read, as for every other operation
    assert await raw.parse() == b"0123456789" * 10


async def test_empty_operation_returns_none(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.delete(f"{API}/files/f1").respond(204)
    assert await client.files.delete("f1") is None
    assert route.call_count == 1


async def test_low_level_requests(client: AsyncReplicate, respx_mock: respx.MockRouter) -> None:
    get = respx_mock.get(f"{API}/custom/endpoint", params={"q": "1"}).respond(200, json={"a": 1})
    post = respx_mock.post(f"{API}/custom/endpoint").respond(201, json={"created": True})
    patch = respx_mock.patch(f"{API}/custom/endpoint").respond(204)
    assert await client.get("/custom/endpoint", params={"q": 1}) == {"a": 1}
    assert await client.post("/custom/endpoint", json={"key": "value"}) == {"created": True}
    assert post.calls.last.request.content == b'{"key":"value"}'
    assert (
        await client.request("PATCH", "/custom/endpoint", json={"k": 1}, headers={"X-Custom": "v"})
        is None
    )
    assert patch.calls.last.request.headers["X-Custom"] == "v"
    raw = await client.get("/custom/endpoint", params={"q": 1}, cast_to=httpx.Response)
    assert isinstance(raw, httpx.Response)
    assert get.call_count == 2


async def test_raw_response_has_the_public_surface_of_2x(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json(logs="a\nb"))
    response = await client.predictions.with_raw_response.get("p1")
    assert isinstance(response, AsyncAPIResponse)
    assert response.method == "GET"
    assert response.url == f"{API}/predictions/p1"
    assert response.http_request.method == "GET"
    assert response.http_version == "HTTP/1.1"
    assert isinstance(response.elapsed, datetime.timedelta)
    assert response.is_closed  # a raw response's body is read before it is returned
    body = await response.read()
    assert "".join([chunk async for chunk in response.iter_text()]) == body.decode()
    assert [chunk async for chunk in response.iter_bytes()] == [body]
    assert [line async for line in response.iter_lines()] == body.decode().splitlines()
    assert (await response.json())["logs"] == "a\nb"
    await response.close()
    assert response.is_closed


async def test_parse_to_another_type(client: AsyncReplicate, respx_mock: respx.MockRouter) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    response = await client.predictions.with_raw_response.get("p1")
    as_dict = await response.parse(to=dict)
    assert as_dict["id"] == "p1" and isinstance(as_dict, dict)
    assert await response.parse(to=dict) is as_dict  # parsed once per type
    assert (await response.parse(to=str)).startswith("{")
    assert await response.parse(to=bytes) == await response.read()
    assert await response.parse(to=httpx.Response) is response.http_response
    plain = await response.parse(to=Prediction)
    assert type(plain) is Prediction and plain.id == "p1"
    assert (await response.parse()).id == "p1"  # the method's own type is still there


async def test_parse_to_a_type_the_body_is_not_is_a_validation_error(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/models/o/n/readme").respond(200, text="# Not JSON")
    response = await client.models.readme.with_raw_response.get("o/n")
    assert await response.parse() == "# Not JSON"
    with pytest.raises(APIResponseValidationError, match="Expected JSON"):
        await response.parse(to=dict)


async def test_parse_of_a_refined_method_keeps_parse_to(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/models/o/n").respond(200, json={"owner": "o", "name": "n"})
    response = await client.models.with_raw_response.get("o/n")
    assert isinstance(await response.parse(), AsyncModel)
    assert await response.parse(to=dict) == {"owner": "o", "name": "n"}


async def test_streamed_response_has_the_public_surface_of_2x(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    async with client.predictions.with_streaming_response.get("p1") as response:
        assert (response.method, response.status_code) == ("GET", 200)
        assert response.url == f"{API}/predictions/p1"
        assert not response.is_closed  # nothing read yet
        with pytest.raises(RuntimeError):
            response.elapsed  # noqa: B018 - only known once the body has been read
        text = "".join([chunk async for chunk in response.iter_text(7)])
        assert text.startswith('{"id":"p1"')
        assert response.is_closed  # read to the end
        assert isinstance(response.elapsed, datetime.timedelta)


async def test_streamed_response_lines_then_parse(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/models/o/n/readme").respond(200, text="# Title\n\nBody\n")
    async with client.models.readme.with_streaming_response.get("o/n") as response:
        assert [line async for line in response.iter_lines()] == ["# Title", "", "Body"]
    async with client.models.readme.with_streaming_response.get("o/n") as response:
        assert await response.text() == "# Title\n\nBody\n"
        assert await response.parse() == "# Title\n\nBody\n"


async def test_streamed_response_is_closed_on_exit_unread_and_on_error(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction_json())
    async with client.predictions.with_streaming_response.get("p1") as response:
        assert not response.is_closed
    assert response.is_closed
    entered: list[AsyncAPIResponse[Any]] = []

    async def fail_in_the_block() -> None:
        async with client.predictions.with_streaming_response.get("p1") as response:
            entered.append(response)
            raise KeyError("in the block")

    with pytest.raises(KeyError):
        await fail_in_the_block()
    assert entered[0].is_closed


# The operations that answer 204: their path and the arguments of the call.
DELETES: dict[str, tuple[str, tuple[str, ...]]] = {
    "models.versions.delete": ("/models/o/n/versions/v1", ("o", "n", "v1")),
    "models.delete": ("/models/o/n", ("o/n",)),
    "deployments.delete": ("/deployments/o/d", ("o", "d")),
    "files.delete": ("/files/f1", ("f1",)),
}


def _method(root: object, operation: str) -> Any:
    for name in operation.split("."):
        root = getattr(root, name)
    return root


@pytest.mark.parametrize("operation", sorted(DELETES))
async def test_raw_response_of_an_operation_that_answers_204(
    client: AsyncReplicate, respx_mock: respx.MockRouter, operation: str
) -> None:
    path, args = DELETES[operation]
    route = respx_mock.delete(f"{API}{path}").respond(204)
    assert await _method(client, operation)(*args) is None
    response = await _method(client.with_raw_response, operation)(*args)
    assert isinstance(response, AsyncAPIResponse)
    assert (response.status_code, response.method) == (204, "DELETE")
    assert response.url.path == f"/v1{path}"
    assert await response.parse() is None
    assert await response.read() == b""
    assert route.call_count == 2


@pytest.mark.parametrize("operation", sorted(DELETES))
async def test_streamed_response_of_an_operation_that_answers_204(
    client: AsyncReplicate, respx_mock: respx.MockRouter, operation: str
) -> None:
    path, args = DELETES[operation]
    respx_mock.delete(f"{API}{path}").respond(204)
    async with _method(client.with_streaming_response, operation)(*args) as response:
        assert isinstance(response, AsyncAPIResponse)
        assert response.status_code == 204
        assert await response.parse() is None
    assert response.is_closed


async def test_raw_create_on_a_community_model_answers_the_create(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    # The model endpoint answers 404 for a model that is not official; the client then
    # looks the model up and creates the prediction on its latest version.
    official = respx_mock.post(f"{API}/models/c/m/predictions").respond(404, json={})
    respx_mock.get(f"{API}/models/c/m").respond(
        200, json={"owner": "c", "name": "m", "latest_version": {"id": "v9"}}
    )
    create = respx_mock.post(f"{API}/predictions").respond(201, json=prediction_json())
    for _ in range(2):  # the second time, the client knows the model is not official
        response = await client.predictions.with_raw_response.create(model="c/m", input={})
        assert (response.status_code, response.url.path) == (201, "/v1/predictions")
        assert (await response.parse()).id == "p1"
    async with client.predictions.with_streaming_response.create(model="c/m", input={}) as streamed:
        assert streamed.url.path == "/v1/predictions"
        assert (await streamed.parse()).id == "p1"
    assert (official.call_count, create.call_count) == (1, 3)


async def test_raw_mode_goes_to_the_request_that_gets_an_answer(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    # A method may recover from a failed request by sending another one (a community
    # model by name: 404 on the model endpoint, then its latest version); the raw
    # response is the one of the request whose answer it returns, and the lookup in
    # between is parsed as usual.
    respx_mock.post(f"{API}/models/o/n/predictions").respond(404, json={"detail": "not found"})
    lookup = respx_mock.get(f"{API}/models/o/n").respond(
        200, json={"owner": "o", "name": "n", "latest_version": {"id": "v1"}}
    )
    create = respx_mock.post(f"{API}/predictions").respond(
        201, json=prediction_json("p9", version="v1")
    )
    response: Any = await client.predictions.with_raw_response.create(model="o/n", input={})
    assert response.url.path == "/v1/predictions"
    assert (await response.parse()).id == "p9"
    assert lookup.call_count == 1 and create.call_count == 1
    assert json.loads(create.calls.last.request.content)["version"] == "v1"
