"""What methods return: parsed models, raw and streamed responses, file downloads, low-level calls."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import respx

from replicate import APIResponseValidationError, AsyncReplicate

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
