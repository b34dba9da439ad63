"""Running a model by name: official models on their endpoint, any other on its latest version.

The model-name prediction endpoint serves official models only; the API answers 404 for
any other model. The client then runs the model's latest version on ``POST /predictions``
and remembers the name, so the next run skips the model endpoint.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import respx

from replicate import AsyncReplicate, NotFoundError

from .conftest import API, prediction_json

LATEST = "f" * 64
MODEL_ENDPOINT = f"{API}/models/someone/fine-tune/predictions"
NOT_FOUND = {"title": "Not found", "detail": "Not found", "status": 404}


def model_json(latest: str | None = LATEST, *, official: bool = False) -> dict[str, object]:
    return {
        "url": "https://replicate.com/someone/fine-tune",
        "owner": "someone",
        "name": "fine-tune",
        "visibility": "public",
        "is_official": official,
        "latest_version": None if latest is None else {"id": latest, "openapi_schema": {}},
    }


def done(**changes: object) -> dict[str, object]:
    return prediction_json(status="succeeded", output="ok", **changes)


@pytest.fixture
def community(respx_mock: respx.MockRouter) -> respx.MockRouter:
    respx_mock.post(MODEL_ENDPOINT).respond(404, json=NOT_FOUND)
    respx_mock.get(f"{API}/models/someone/fine-tune").respond(200, json=model_json())
    respx_mock.post(f"{API}/predictions").respond(201, json=done())
    return respx_mock


def calls(router: respx.MockRouter) -> list[str]:
    return [f"{call.request.method} {call.request.url.path}" for call in router.calls]


async def test_run_falls_back_to_the_latest_version_once_then_goes_straight_there(
    client: AsyncReplicate, community: respx.MockRouter
) -> None:
    assert await client.run("someone/fine-tune", input={"prompt": "a"}) == "ok"
    assert calls(community) == [
        "POST /v1/models/someone/fine-tune/predictions",
        "GET /v1/models/someone/fine-tune",
        "POST /v1/predictions",
    ]
    body = json.loads(community.calls.last.request.content)
    assert body == {"version": LATEST, "input": {"prompt": "a"}}
    community.reset()
    assert await client.run("someone/fine-tune", input={"prompt": "b"}) == "ok"
    assert calls(community) == ["GET /v1/models/someone/fine-tune", "POST /v1/predictions"]


async def test_an_official_model_costs_one_request(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.post(f"{API}/models/black-forest-labs/flux-schnell/predictions").respond(
        201, json=done()
    )
    assert await client.run("black-forest-labs/flux-schnell", input={"prompt": "a"}) == "ok"
    assert len(respx_mock.calls) == 1


async def test_predictions_create_with_model_falls_back_too(
    client: AsyncReplicate, community: respx.MockRouter
) -> None:
    prediction = await client.predictions.create(model="someone/fine-tune", input={"x": 1})
    assert prediction.status == "succeeded"
    assert json.loads(community.calls.last.request.content)["version"] == LATEST


async def test_stream_falls_back_too(client: AsyncReplicate, respx_mock: respx.MockRouter) -> None:
    respx_mock.post(MODEL_ENDPOINT).respond(404, json=NOT_FOUND)
    respx_mock.get(f"{API}/models/someone/fine-tune").respond(200, json=model_json())
    stream_url = "https://stream.replicate.com/v1/files/abc"
    respx_mock.post(f"{API}/predictions").respond(
        201, json=prediction_json(urls={"stream": stream_url, "get": f"{API}/predictions/p1"})
    )
    respx_mock.get(stream_url).respond(
        200,
        headers={"Content-Type": "text/event-stream"},
        content=b"event: output\ndata: hi\n\nevent: done\ndata: {}\n\n",
    )
    events = [str(event) async for event in client.stream("someone/fine-tune", input={})]
    assert events[0] == "hi"
    assert json.loads(respx_mock.calls[2].request.content)["stream"] is True


async def test_use_runs_a_community_model_on_its_latest_version(
    client: AsyncReplicate, community: respx.MockRouter
) -> None:
    community.get(f"{API}/predictions/p1").respond(200, json=done())
    assert await client.use("someone/fine-tune")(prompt="a") == "ok"
    assert "POST /v1/models/someone/fine-tune/predictions" not in calls(community)
    assert json.loads(community.calls[1].request.content)["version"] == LATEST


async def test_a_model_that_does_not_exist_raises_not_found(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.post(MODEL_ENDPOINT).respond(404, json=NOT_FOUND)
    respx_mock.get(f"{API}/models/someone/fine-tune").respond(404, json=NOT_FOUND)
    with pytest.raises(NotFoundError):
        await client.run("someone/fine-tune", input={})
    assert "POST /v1/predictions" not in calls(respx_mock)


async def test_a_model_without_versions_raises_the_endpoints_not_found(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.post(MODEL_ENDPOINT).respond(404, json=NOT_FOUND)
    respx_mock.get(f"{API}/models/someone/fine-tune").respond(200, json=model_json(None))
    with pytest.raises(NotFoundError):
        await client.run("someone/fine-tune", input={})
    assert "POST /v1/predictions" not in calls(respx_mock)


async def test_local_files_are_uploaded_once_across_the_fallback(
    client: AsyncReplicate, community: respx.MockRouter, tmp_path: Path
) -> None:
    upload = community.post(f"{API}/files").respond(
        201,
        json={
            "id": "f1",
            "name": "a.txt",
            "content_type": "text/plain",
            "size": 2,
            "etag": "x",
            "checksums": {},
            "metadata": {},
            "created_at": "2025-01-01T00:00:00Z",
            "expires_at": None,
            "urls": {"get": "https://api.replicate.com/v1/files/f1"},
        },
    )
    path = tmp_path / "a.txt"
    path.write_text("hi")
    await client.run("someone/fine-tune", input={"file": path})
    assert upload.call_count == 1
    body = json.loads(community.calls.last.request.content)
    assert body["input"] == {"file": "https://api.replicate.com/v1/files/f1"}


async def test_copies_share_what_the_client_learnt(
    client: AsyncReplicate, community: respx.MockRouter
) -> None:
    await client.run("someone/fine-tune", input={})
    community.reset()
    await client.with_options(max_retries=0).run("someone/fine-tune", input={})
    assert calls(community) == ["GET /v1/models/someone/fine-tune", "POST /v1/predictions"]
