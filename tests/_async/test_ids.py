"""Ids, names and versions go to the server as given; only URL-breaking values are refused.

Whether ``v1`` is a version or ``abc`` a prediction is the server's to say (the
emulator and tests use short ids, and so may the API one day). A value that would
change the shape of the request's URL (empty, with a ``/``, or ``.``/``..``) is
refused with a ``ValueError`` before anything is sent.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import pytest
import respx

from replicate import AsyncReplicate

from .conftest import API, prediction_json

Call = Callable[[AsyncReplicate, list[str]], Awaitable[object]]

# Every operation with path parameters: (HTTP method, path template, call with the ids).
OPERATIONS: dict[str, tuple[str, str, Call]] = {
    "collections.get": (
        "GET",
        "/collections/{}",
        lambda client, ids: client.collections.get(*ids),
    ),
    "deployments.delete": (
        "DELETE",
        "/deployments/{}/{}",
        lambda client, ids: client.deployments.delete(*ids),
    ),
    "deployments.get": (
        "GET",
        "/deployments/{}/{}",
        lambda client, ids: client.deployments.get(*ids),
    ),
    "deployments.update": (
        "PATCH",
        "/deployments/{}/{}",
        lambda client, ids: client.deployments.update(*ids, min_instances=1),
    ),
    "deployments.predictions.create": (
        "POST",
        "/deployments/{}/{}/predictions",
        lambda client, ids: client.deployments.predictions.create(*ids, input={}),
    ),
    "files.delete": ("DELETE", "/files/{}", lambda client, ids: client.files.delete(*ids)),
    "files.get": ("GET", "/files/{}", lambda client, ids: client.files.get(*ids)),
    "files.download": (
        "GET",
        "/files/{}/download",
        lambda client, ids: client.files.download(*ids, owner="o", expiry=1, signature="s"),
    ),
    "models.delete": ("DELETE", "/models/{}/{}", lambda client, ids: client.models.delete(*ids)),
    "models.get": ("GET", "/models/{}/{}", lambda client, ids: client.models.get(*ids)),
    "models.update": (
        "PATCH",
        "/models/{}/{}",
        lambda client, ids: client.models.update(*ids, description="d"),
    ),
    "models.examples.list": (
        "GET",
        "/models/{}/{}/examples",
        lambda client, ids: client.models.examples.list(*ids),
    ),
    "models.predictions.create": (
        "POST",
        "/models/{}/{}/predictions",
        lambda client, ids: client.models.predictions.create(*ids, input={}),
    ),
    "models.readme.get": (
        "GET",
        "/models/{}/{}/readme",
        lambda client, ids: client.models.readme.get(*ids),
    ),
    "models.versions.list": (
        "GET",
        "/models/{}/{}/versions",
        lambda client, ids: client.models.versions.list(*ids),
    ),
    "models.versions.delete": (
        "DELETE",
        "/models/{}/{}/versions/{}",
        lambda client, ids: client.models.versions.delete(*ids),
    ),
    "models.versions.get": (
        "GET",
        "/models/{}/{}/versions/{}",
        lambda client, ids: client.models.versions.get(*ids),
    ),
    "trainings.create": (
        "POST",
        "/models/{}/{}/versions/{}/trainings",
        lambda client, ids: client.trainings.create(*ids, destination="me/out", input={}),
    ),
    "predictions.get": ("GET", "/predictions/{}", lambda client, ids: client.predictions.get(*ids)),
    "predictions.cancel": (
        "POST",
        "/predictions/{}/cancel",
        lambda client, ids: client.predictions.cancel(*ids),
    ),
    "trainings.get": ("GET", "/trainings/{}", lambda client, ids: client.trainings.get(*ids)),
    "trainings.cancel": (
        "POST",
        "/trainings/{}/cancel",
        lambda client, ids: client.trainings.cancel(*ids),
    ),
}

# Values no id on Replicate looks like today, but that fit in one path segment.
PASSED_THROUGH = ["v1", "version_id", "a b", "x:y", "...", "Ünïcode"]
REFUSED = ["", "a/b", ".", ".."]


def test_the_table_covers_every_operation_with_path_parameters() -> None:
    from .contract.test_operations import SPEC

    with_path_params = {
        op["operationId"]
        for path, item in SPEC["paths"].items()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op and "{" in path
    }
    assert with_path_params == set(OPERATIONS)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
async def test_any_one_segment_value_is_sent_as_given(
    client: AsyncReplicate, respx_mock: respx.MockRouter, operation: str
) -> None:
    method, template, call = OPERATIONS[operation]
    route = respx_mock.route().respond(200, json={})
    for value in PASSED_THROUGH:
        ids = [value] * template.count("{}")
        await call(client, ids)
        request = route.calls.last.request
        assert request.method == method
        expected = "/v1" + template.format(*(quote(part, safe="") for part in ids))
        assert request.url.raw_path.decode().split("?")[0] == expected
    assert route.call_count == len(PASSED_THROUGH)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
async def test_a_value_that_would_change_the_url_is_refused_before_sending(
    client: AsyncReplicate, respx_mock: respx.MockRouter, operation: str
) -> None:
    _, template, call = OPERATIONS[operation]
    route = respx_mock.route().respond(200, json={})
    slots = template.count("{}")
    for position in range(slots):
        for value in REFUSED:
            ids = ["ok"] * slots
            ids[position] = value
            with pytest.raises(ValueError, match=r"must be a|cannot be|is missing"):
                await call(client, ids)
    assert route.call_count == 0


async def test_predictions_create_sends_any_version_string(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.post(f"{API}/predictions").respond(201, json=prediction_json())
    for version in ("version_id", "v1", "owner/name:v1", "owner/name", " "):
        await client.predictions.create(version=version, input={"a": 1})
        assert json.loads(route.calls.last.request.content)["version"] == version
    assert route.call_count == 5
    with pytest.raises(ValueError, match="version= is empty"):
        await client.predictions.create(version="", input={})
    assert route.call_count == 5


@pytest.mark.parametrize(
    "arguments",
    [
        {"model_owner": "o", "model_name": "n", "version_id": "v1"},
        {"model_owner": "o/n", "version_id": "v1"},
        {"model": "o/n", "version": "v1"},
        {"version": "o/n:v1"},
    ],
    ids=["2.x keywords", "2.x owner/name", "1.x model and version", "1.x owner/name:version"],
)
async def test_trainings_create_sends_any_version_id(
    client: AsyncReplicate, respx_mock: respx.MockRouter, arguments: dict[str, Any]
) -> None:
    route = respx_mock.post(f"{API}/models/o/n/versions/v1/trainings").respond(
        201, json={"id": "t1", "status": "starting"}
    )
    training = await client.trainings.create(**arguments, destination="me/out", input={})
    assert training.id == "t1"
    assert json.loads(route.calls.last.request.content) == {"destination": "me/out", "input": {}}


async def test_high_level_refs_take_any_version_after_the_colon(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.post(f"{API}/predictions").respond(
        201, json=prediction_json(status="succeeded", output="hi")
    )
    assert await client.run("owner/name:v1", {"a": 1}) == "hi"
    prediction = await client.predictions.create(model="owner/name:latest", input={})
    assert prediction.id == "p1"
    sent = [json.loads(call.request.content)["version"] for call in route.calls]
    assert sent == ["v1", "latest"]
    with pytest.raises(ValueError, match="the version after ':' is empty"):
        await client.run("owner/name:", {"a": 1})
    assert route.call_count == 2


async def test_a_version_object_with_any_id_runs(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/models/o/n").respond(200, json={"owner": "o", "name": "n"})
    respx_mock.get(f"{API}/models/o/n/versions/v1").respond(
        200, json={"id": "v1", "created_at": "2025-01-01T00:00:00Z"}
    )
    route = respx_mock.post(f"{API}/predictions").respond(
        201, json=prediction_json(status="succeeded", output="hi")
    )
    model = await client.models.get("o/n")
    version = await model.versions.get("v1")
    assert await version.predict(a=1) == "hi"
    assert json.loads(route.calls.last.request.content)["version"] == "v1"
