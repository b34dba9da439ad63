"""1.x attributes of API objects that the emulator does not exercise, against a mocked API."""

from __future__ import annotations

import json

import pytest
import respx

from replicate import ArgumentTypeError, AsyncReplicate, InvalidArgumentError

from .conftest import API


def training_json(**changes: object) -> dict[str, object]:
    return {
        "id": "t1",
        "model": "owner/base",
        "version": "v1",
        "status": "starting",
        "input": {},
        "urls": {"get": f"{API}/trainings/t1", "cancel": f"{API}/trainings/t1/cancel"},
        **changes,
    }


async def test_training_destination_is_read_when_sent_and_none_when_not(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/trainings/t1").respond(200, json=training_json(destination="me/mine"))
    respx_mock.get(f"{API}/trainings/t2").respond(200, json=training_json(id="t2"))
    assert (await client.trainings.get("t1")).destination == "me/mine"
    assert (await client.trainings.get("t2")).destination is None
    listed = respx_mock.get(f"{API}/trainings").respond(
        200, json={"results": [training_json(destination="me/mine")], "next": None}
    )
    assert (await client.trainings.list())[0].destination == "me/mine"
    assert listed.called


async def test_unknown_keys_of_dict_like_values_read_as_dict_keys(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/trainings/t1").respond(
        200,
        json=training_json(
            status="succeeded",
            output={"version": "owner/styled:abc", "weights": "https://w/x.tar"},
            urls={"get": f"{API}/trainings/t1", "web": "https://replicate.com/t/t1"},
            metrics={"predict_time": 1.5, "gpu_seconds": 3},
        ),
    )
    training = await client.trainings.get("t1")
    assert training.output is not None and training.output["version"] == "owner/styled:abc"
    assert training.urls is not None and training.urls["web"] == "https://replicate.com/t/t1"
    assert "cancel" not in training.urls  # only what the API sent
    assert training.metrics is not None
    assert dict(training.metrics.items()) == {"predict_time": 1.5, "gpu_seconds": 3}
    assert training.metrics.get("gpu_seconds") == 3


async def test_the_1x_keyword_names_of_ids_are_accepted(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    prediction = {"id": "p1", "status": "starting"}
    training = {"id": "t1", "status": "starting"}
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=prediction)
    respx_mock.post(f"{API}/predictions/p1/cancel").respond(200, json=prediction)
    respx_mock.get(f"{API}/trainings/t1").respond(200, json=training)
    respx_mock.post(f"{API}/trainings/t1/cancel").respond(200, json=training)
    respx_mock.get(f"{API}/collections/text-to-image").respond(
        200, json={"slug": "text-to-image", "name": "Text to image", "models": []}
    )
    respx_mock.get(f"{API}/deployments/acme/app").respond(
        200, json={"owner": "acme", "name": "app"}
    )
    respx_mock.get(f"{API}/models/o/m").respond(200, json={"owner": "o", "name": "m"})
    respx_mock.get(f"{API}/models/o/m/versions/v1").respond(200, json={"id": "v1"})
    assert (await client.predictions.get(id="p1")).id == "p1"  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    assert (await client.predictions.cancel(id="p1")).id == "p1"  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    assert (await client.trainings.get(id="t1")).id == "t1"  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    assert (await client.trainings.cancel(id="t1")).id == "t1"  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    assert (await client.collections.get(slug="text-to-image")).slug == "text-to-image"  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    assert (await client.deployments.get(name="acme/app")).name == "app"  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    model = await client.models.get("o/m")
    assert (await model.versions.get(id="v1")).id == "v1"  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    # The 2.x names still work, by position and by keyword; both at once is an error.
    assert (await client.predictions.get(prediction_id="p1")).id == "p1"
    with pytest.raises(ArgumentTypeError, match=r"1\.x name id="):
        await client.predictions.get(prediction_id="p1", id="p1")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


async def test_the_1x_webhook_completed_is_a_webhook_for_the_completed_event(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.post(f"{API}/predictions").respond(
        201, json={"id": "p1", "status": "starting"}
    )
    deployment = respx_mock.post(f"{API}/deployments/acme/app/predictions").respond(
        201, json={"id": "p2", "status": "starting"}
    )
    await client.predictions.create(
        version="v1", input={}, webhook_completed="https://example.com/hook"
    )
    await client.deployments.predictions.create(
        "acme/app", input={}, webhook_completed="https://example.com/hook"
    )
    for sent in (route, deployment):
        body = json.loads(sent.calls.last.request.content)
        assert body["webhook"] == "https://example.com/hook"
        assert body["webhook_events_filter"] == ["completed"]
        assert "webhook_completed" not in body
    with pytest.raises(InvalidArgumentError, match="not both"):
        await client.predictions.create(
            version="v1", input={}, webhook="https://a", webhook_completed="https://b"
        )
