"""Every operation answers, with the right status, in-process and over loopback."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from replicate.testing import HELLO_WORLD_VERSION, Emulator, ManualClock

TRAINABLE = "emulator/trainable"


def exercise_every_operation(client: httpx.Client, emulator: Emulator) -> dict[str, httpx.Response]:
    """Call each of the 37 operations once; return the responses by operation id."""
    r: dict[str, httpx.Response] = {}
    r["account.get"] = client.get("/account")
    r["collections.list"] = client.get("/collections")
    r["collections.get"] = client.get("/collections/text-to-image")
    r["hardware.list"] = client.get("/hardware")
    r["search"] = client.get("/search", params={"query": "hello"})
    r["webhooks.default.secret.get"] = client.get("/webhooks/default/secret")
    r["models.list"] = client.get("/models")
    r["models.search"] = client.request(
        "QUERY", "/models", content="image", headers={"content-type": "text/plain"}
    )
    r["models.create"] = client.post(
        "/models",
        json={"owner": "test-user", "name": "mine", "visibility": "private", "hardware": "cpu"},
    )
    r["models.get"] = client.get("/models/replicate/hello-world")
    r["models.update"] = client.patch(
        "/models/test-user/mine", json={"description": "mine", "readme": "# Mine"}
    )
    r["models.readme.get"] = client.get("/models/test-user/mine/readme")
    r["models.versions.list"] = client.get("/models/replicate/hello-world/versions")
    r["models.versions.get"] = client.get(
        f"/models/replicate/hello-world/versions/{HELLO_WORLD_VERSION}"
    )
    r["predictions.create"] = client.post(
        "/predictions",
        json={"version": HELLO_WORLD_VERSION, "input": {"text": "a"}},
        headers={"Prefer": "wait"},
    )
    prediction_id = r["predictions.create"].json()["id"]
    r["models.examples.list"] = client.get("/models/replicate/hello-world/examples")
    r["models.predictions.create"] = client.post(
        "/models/meta/meta-llama-3-8b-instruct/predictions", json={"input": {"prompt": "hi"}}
    )
    r["predictions.get"] = client.get(f"/predictions/{prediction_id}")
    r["predictions.list"] = client.get("/predictions")
    r["predictions.cancel"] = client.post(
        f"/predictions/{r['models.predictions.create'].json()['id']}/cancel"
    )
    trainable = emulator.model(TRAINABLE)
    r["trainings.create"] = client.post(
        f"/models/{TRAINABLE}/versions/{trainable.version_id}/trainings",
        json={"destination": "test-user/mine", "input": {"style": "loud"}},
    )
    training_id = r["trainings.create"].json()["id"]
    for _ in range(200):  # the training runs in the background, at once
        r["trainings.get"] = client.get(f"/trainings/{training_id}")
        if r["trainings.get"].json()["status"] == "succeeded":
            break
        time.sleep(0.01)
    trained_version = r["trainings.get"].json()["output"]["version"]
    r["trainings.list"] = client.get("/trainings")
    r["trainings.cancel"] = client.post(f"/trainings/{training_id}/cancel")
    r["deployments.create"] = client.post(
        "/deployments",
        json={
            "name": "greeter",
            "model": "replicate/hello-world",
            "version": HELLO_WORLD_VERSION,
            "hardware": "cpu",
            "min_instances": 0,
            "max_instances": 1,
        },
    )
    r["deployments.get"] = client.get("/deployments/test-user/greeter")
    r["deployments.list"] = client.get("/deployments")
    r["deployments.update"] = client.patch(
        "/deployments/test-user/greeter", json={"max_instances": 2}
    )
    r["deployments.predictions.create"] = client.post(
        "/deployments/test-user/greeter/predictions",
        json={"input": {"text": "d"}},
        headers={"Prefer": "wait"},
    )
    clock = emulator.clock
    assert isinstance(clock, ManualClock)
    clock.advance(15 * 60)  # deployments can be deleted once unused for 15 minutes
    r["deployments.delete"] = client.delete("/deployments/test-user/greeter")
    r["files.create"] = client.post("/files", files={"content": ("a.txt", b"abc", "text/plain")})
    file_id = r["files.create"].json()["id"]
    r["files.get"] = client.get(f"/files/{file_id}")
    r["files.list"] = client.get("/files")
    r["files.download"] = client.get(
        emulator.signed_download_url(file_id, base_url=str(client.base_url).rstrip("/"))
    )
    r["files.delete"] = client.delete(f"/files/{file_id}")
    r["models.versions.delete"] = client.delete(
        f"/models/test-user/mine/versions/{trained_version}"
    )
    r["models.delete"] = client.delete("/models/test-user/mine")
    return r


EXPECTED_STATUS = {
    "models.create": 201,
    "predictions.create": 201,
    "models.predictions.create": 201,
    "deployments.predictions.create": 201,
    "trainings.create": 201,
    "files.create": 201,
    "deployments.delete": 204,
    "files.delete": 204,
    "models.delete": 204,
    "models.versions.delete": 202,
}


def test_every_operation_answers_in_process(client: httpx.Client, emulator: Emulator) -> None:
    responses = exercise_every_operation(client, emulator)
    assert len(responses) == 37
    for operation, response in responses.items():
        assert response.status_code == EXPECTED_STATUS.get(operation, 200), (
            operation,
            response.text,
        )


def test_every_operation_answers_over_loopback(served: httpx.Client, emulator: Emulator) -> None:
    responses = exercise_every_operation(served, emulator)
    for operation, response in responses.items():
        assert response.status_code == EXPECTED_STATUS.get(operation, 200), (
            operation,
            response.text,
        )


async def test_async_client_reaches_the_same_api(aclient: httpx.AsyncClient) -> None:
    created = await aclient.post(
        "/predictions",
        json={"version": HELLO_WORLD_VERSION, "input": {"text": "async"}},
        headers={"Prefer": "wait"},
    )
    assert created.json()["output"] == "hello async"
    listed = await aclient.get("/predictions")
    assert [p["id"] for p in listed.json()["results"]] == [created.json()["id"]]


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Basic r8_emulator_test_token"])
def test_requests_without_a_valid_token_get_401_problem(
    emulator: Emulator, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    with httpx.Client(
        base_url=emulator.base_url, transport=emulator.transport(), headers=headers
    ) as client:
        response = client.get("/account")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys() and body["status"] == 401


def test_emulator_accepts_the_tokens_it_was_given() -> None:
    emulator = Emulator(tokens=["r8_custom"])
    with (
        emulator,
        httpx.Client(transport=emulator.transport(), base_url=emulator.base_url) as client,
    ):
        assert (
            client.get("/account", headers={"Authorization": "Bearer r8_custom"}).status_code == 200
        )
        assert (
            client.get(
                "/account", headers={"Authorization": "Bearer r8_emulator_test_token"}
            ).status_code
            == 401
        )


def test_unknown_ids_are_404_problems(client: httpx.Client) -> None:
    for path in (
        "/predictions/nope",
        "/models/no/such",
        "/files/nope",
        "/trainings/nope",
        "/collections/nope",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["status"] == 404


@pytest.mark.parametrize(
    ("body", "mentions"),
    [
        ({"input": {"text": "x"}}, "version"),
        ({"version": HELLO_WORLD_VERSION}, "input"),
        ({"version": HELLO_WORLD_VERSION, "input": {"bogus": 1}}, "bogus"),
        ({"version": "0" * 64, "input": {}}, "version"),
    ],
)
def test_invalid_prediction_input_is_422(
    client: httpx.Client, body: dict[str, object], mentions: str
) -> None:
    response = client.post("/predictions", json=body)
    assert response.status_code == 422
    assert mentions in response.json()["detail"]


def test_unknown_path_is_404_and_wrong_method_405(client: httpx.Client) -> None:
    assert client.get("/nothing-here").status_code == 404
    assert client.put("/predictions").status_code == 405


SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.json"


def response_schemas(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``operationId`` → ``{status: schema}`` for JSON responses."""
    found: dict[str, dict[str, Any]] = {}
    for operations in spec["paths"].values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            schemas: dict[str, Any] = {}
            for status, response in operation.get("responses", {}).items():
                for content_type, content in response.get("content", {}).items():
                    if "json" in content_type and "schema" in content:
                        schemas[status] = content["schema"]
            found[operation["operationId"]] = schemas
    return found


@pytest.mark.skipif(not SPEC_PATH.exists(), reason="openapi.json not generated yet")
def test_every_response_matches_the_spec(client: httpx.Client, emulator: Emulator) -> None:
    spec = json.loads(SPEC_PATH.read_text())
    schemas = response_schemas(spec)
    responses = exercise_every_operation(client, emulator)
    assert set(responses) == set(schemas), "an operation is missing from the emulator or the spec"
    checked = 0
    for operation_id, response in responses.items():
        schema = schemas[operation_id].get(str(response.status_code))
        if schema is None:
            continue
        root = {"components": spec.get("components", {}), "allOf": [schema]}
        errors = list(Draft202012Validator(root).iter_errors(response.json()))
        assert not errors, f"{operation_id}: {errors[0].message} at {list(errors[0].absolute_path)}"
        checked += 1
    assert checked >= 25
