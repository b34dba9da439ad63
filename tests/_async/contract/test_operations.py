"""Every operation in openapi.json, called through the client against the Prism mock server.

Prism answers 422 to a request that does not match the spec and 401 without a bearer token,
so a passing call proves the SDK builds the request the spec describes; the typed result proves
the response parses (strictly: ``_strict_response_validation=True``) into the declared model.
Each call is made three ways: plainly, through ``with_raw_response`` and through
``with_streaming_response``, which must give the same result for every operation.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from replicate import AsyncAPIResponse, AsyncBinaryAPIResponse, AsyncReplicate, types
from replicate._async._objects import AsyncPrediction, AsyncTraining
from replicate.pagination import AsyncCursorURLPage, AsyncCursorURLPageWithCreatedFilters

pytestmark = pytest.mark.contract

SPEC = json.loads((Path(__file__).resolve().parents[3] / "openapi.json").read_text())
VERSION_ID = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa"

# A call takes the client or one of its wrapper views (`client.with_raw_response`, ...).
Call = Callable[[Any], Awaitable[object]]
CALLS: dict[str, tuple[Call, object]] = {}


def operation(operation_id: str, expected: object) -> Callable[[Call], Call]:
    """Registers the call that exercises ``operation_id`` and the type it must return."""

    def register(call: Call) -> Call:
        CALLS[operation_id] = (call, expected)
        return call

    return register


@operation("account.get", types.AccountGetResponse)
async def account_get(client: AsyncReplicate) -> object:
    return await client.account.get()


@operation("collections.list", AsyncCursorURLPage)
async def collections_list(client: AsyncReplicate) -> object:
    return await client.collections.list()


@operation("collections.get", types.CollectionGetResponse)
async def collections_get(client: AsyncReplicate) -> object:
    return await client.collections.get(collection_slug="super-resolution")


@operation("deployments.list", AsyncCursorURLPage)
async def deployments_list(client: AsyncReplicate) -> object:
    return await client.deployments.list()


@operation("deployments.create", types.DeploymentCreateResponse)
async def deployments_create(client: AsyncReplicate) -> object:
    return await client.deployments.create(
        hardware="gpu-t4",
        max_instances=1,
        min_instances=0,
        model="acme/model",
        name="my-deployment",
        version=VERSION_ID,
    )


@operation("deployments.get", types.DeploymentGetResponse)
async def deployments_get(client: AsyncReplicate) -> object:
    return await client.deployments.get(deployment_owner="acme", deployment_name="my-deployment")


@operation("deployments.update", types.DeploymentUpdateResponse)
async def deployments_update(client: AsyncReplicate) -> object:
    return await client.deployments.update("acme/my-deployment", min_instances=1)


@operation("deployments.delete", type(None))
async def deployments_delete(client: AsyncReplicate) -> object:
    return await client.deployments.delete(deployment_owner="acme", deployment_name="my-deployment")


@operation("deployments.predictions.create", AsyncPrediction)
async def deployments_predictions_create(client: AsyncReplicate) -> object:
    return await client.deployments.predictions.create(
        deployment_owner="acme", deployment_name="my-deployment", input={"prompt": "hi"}
    )


@operation("files.list", AsyncCursorURLPage)
async def files_list(client: AsyncReplicate) -> object:
    return await client.files.list()


@operation("files.create", types.FileCreateResponse)
async def files_create(client: AsyncReplicate) -> object:
    return await client.files.create(content=b"hello", filename="hello.txt", type="text/plain")


@operation("files.get", types.FileGetResponse)
async def files_get(client: AsyncReplicate) -> object:
    return await client.files.get(file_id="cneqzikepnug6xezperrr4z55o")


@operation("files.delete", type(None))
async def files_delete(client: AsyncReplicate) -> object:
    return await client.files.delete("cneqzikepnug6xezperrr4z55o")


@operation("files.download", bytes)
async def files_download(client: AsyncReplicate) -> object:
    return await client.files.download(
        file_id="cneqzikepnug6xezperrr4z55o", owner="acme", expiry=1700000000, signature="c2ln"
    )


@operation("hardware.list", list)
async def hardware_list(client: AsyncReplicate) -> object:
    return await client.hardware.list()


@operation("models.list", AsyncCursorURLPage)
async def models_list(client: AsyncReplicate) -> object:
    return await client.models.list(sort_by="latest_version_created_at", sort_direction="desc")


@operation("models.create", types.ModelCreateResponse)
async def models_create(client: AsyncReplicate) -> object:
    return await client.models.create(
        hardware="cpu", name="hot-dog-detector", owner="alice", visibility="public"
    )


@operation("models.get", types.ModelGetResponse)
async def models_get(client: AsyncReplicate) -> object:
    return await client.models.get(model_owner="replicate", model_name="hello-world")


@operation("models.update", types.ModelUpdateResponse)
async def models_update(client: AsyncReplicate) -> object:
    return await client.models.update("replicate/hello-world", description="Says hello")


@operation("models.delete", type(None))
async def models_delete(client: AsyncReplicate) -> object:
    return await client.models.delete("alice/hot-dog-detector")


@operation("models.examples.list", AsyncCursorURLPage)
async def models_examples_list(client: AsyncReplicate) -> object:
    return await client.models.examples.list(model_owner="replicate", model_name="hello-world")


@operation("models.predictions.create", AsyncPrediction)
async def models_predictions_create(client: AsyncReplicate) -> object:
    return await client.models.predictions.create(
        model_owner="black-forest-labs",
        model_name="flux-schnell",
        input={"prompt": "an iguana"},
        prefer="wait=5",
    )


@operation("models.readme.get", str)
async def models_readme_get(client: AsyncReplicate) -> object:
    return await client.models.readme.get("replicate/hello-world")


@operation("models.versions.list", AsyncCursorURLPage)
async def models_versions_list(client: AsyncReplicate) -> object:
    return await client.models.versions.list(model_owner="replicate", model_name="hello-world")


@operation("models.versions.get", types.models.VersionGetResponse)
async def models_versions_get(client: AsyncReplicate) -> object:
    return await client.models.versions.get(
        model_owner="replicate", model_name="hello-world", version_id=VERSION_ID
    )


@operation("models.versions.delete", type(None))
async def models_versions_delete(client: AsyncReplicate) -> object:
    return await client.models.versions.delete(
        model_owner="replicate", model_name="hello-world", version_id=VERSION_ID
    )


@operation("trainings.create", AsyncTraining)
async def trainings_create(client: AsyncReplicate) -> object:
    return await client.trainings.create(
        model_owner="ostris",
        model_name="flux-dev-lora-trainer",
        version_id=VERSION_ID,
        destination="alice/my-lora",
        input={"steps": 100},
    )


@operation("predictions.list", AsyncCursorURLPageWithCreatedFilters)
async def predictions_list(client: AsyncReplicate) -> object:
    return await client.predictions.list(created_after="2025-01-01T00:00:00Z")


@operation("predictions.create", AsyncPrediction)
async def predictions_create(client: AsyncReplicate) -> object:
    return await client.predictions.create(
        version=VERSION_ID, input={"text": "Alice"}, webhook_events_filter=["completed"]
    )


@operation("predictions.get", AsyncPrediction)
async def predictions_get(client: AsyncReplicate) -> object:
    return await client.predictions.get(prediction_id="gm3qorzdhgbfurvjtvhg6dckhu")


@operation("predictions.cancel", AsyncPrediction)
async def predictions_cancel(client: AsyncReplicate) -> object:
    return await client.predictions.cancel("gm3qorzdhgbfurvjtvhg6dckhu")


@operation("search", types.SearchResponse)
async def search(client: AsyncReplicate) -> object:
    return await client.search(query="nano banana", limit=5)


@operation("trainings.list", AsyncCursorURLPage)
async def trainings_list(client: AsyncReplicate) -> object:
    return await client.trainings.list()


@operation("trainings.get", AsyncTraining)
async def trainings_get(client: AsyncReplicate) -> object:
    return await client.trainings.get(training_id="zz4ibbonubfz7carwiefibzgga")


@operation("trainings.cancel", AsyncTraining)
async def trainings_cancel(client: AsyncReplicate) -> object:
    return await client.trainings.cancel(training_id="zz4ibbonubfz7carwiefibzgga")


@operation("webhooks.default.secret.get", types.webhooks.default.SecretGetResponse)
async def webhooks_default_secret_get(client: AsyncReplicate) -> object:
    return await client.webhooks.default.secret.get()


def spec_operation_ids() -> set[str]:
    ids: set[str] = set()
    for item in SPEC["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and "operationId" in op:
                ids.add(op["operationId"])
    return ids


def test_every_operation_in_the_spec_is_exercised() -> None:
    assert len(spec_operation_ids()) == 37
    assert spec_operation_ids() == {*CALLS, "models.search"}


PRISM_ROUTABLE = sorted(CALLS)


def _check_result(result: object, expected: object) -> None:
    assert isinstance(result, expected)  # type: ignore[arg-type]
    if isinstance(result, (AsyncCursorURLPage, AsyncCursorURLPageWithCreatedFilters)):
        assert isinstance(result.results, list)


@pytest.mark.parametrize("operation_id", PRISM_ROUTABLE)
async def test_operation_against_the_spec(prism_client: AsyncReplicate, operation_id: str) -> None:
    call, expected = CALLS[operation_id]
    result = await call(prism_client)
    if isinstance(result, AsyncBinaryAPIResponse):
        result = await result.read()
    _check_result(result, expected)


def _spec_method(operation_id: str) -> str:
    for item in SPEC["paths"].values():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return method.upper()
    raise KeyError(operation_id)


@pytest.mark.parametrize("operation_id", PRISM_ROUTABLE)
async def test_operation_with_raw_response(prism_client: AsyncReplicate, operation_id: str) -> None:
    call, expected = CALLS[operation_id]
    response = await call(prism_client.with_raw_response)
    assert isinstance(response, AsyncAPIResponse)
    assert 200 <= response.status_code < 300
    assert response.method == _spec_method(operation_id)
    assert response.is_closed
    _check_result(await response.parse(), expected)


class _Entering:
    """A wrapper view whose calls return the entered streamed response instead of its manager.

    Every manager entered is remembered, to be left (closing its response) by the test.
    """

    def __init__(self, target: Any, managers: list[Any]) -> None:
        self._target = target
        self._managers = managers

    def __getattr__(self, name: str) -> _Entering:
        return _Entering(getattr(self._target, name), self._managers)

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        manager = self._target(*args, **kwargs)
        self._managers.append(manager)
        return await manager.__aenter__()


@pytest.mark.parametrize("operation_id", PRISM_ROUTABLE)
async def test_operation_with_streaming_response(
    prism_client: AsyncReplicate, operation_id: str
) -> None:
    call, expected = CALLS[operation_id]
    managers: list[Any] = []
    response = await call(_Entering(prism_client.with_streaming_response, managers))
    assert isinstance(response, AsyncAPIResponse)
    assert len(managers) == 1
    assert 200 <= response.status_code < 300
    assert response.method == _spec_method(operation_id)
    assert not response.is_closed or response.status_code == 204
    _check_result(await response.parse(), expected)
    await managers[0].__aexit__(None, None, None)
    assert response.is_closed


@respx.mock(base_url="https://api.replicate.com/v1", assert_all_called=True)
async def test_models_search_sends_the_query_as_plain_text(respx_mock: respx.MockRouter) -> None:
    # Prism cannot route the QUERY method, so this one is checked against a recorded exchange.
    route = respx_mock.route(method="QUERY", path="/models").mock(
        return_value=httpx.Response(200, json={"next": None, "previous": None, "results": []})
    )
    async with AsyncReplicate(bearer_token="r8_contract_test_token") as client:
        result = await client.models.search("flux")
        raw = await client.with_raw_response.models.search("flux")
        async with client.models.with_streaming_response.search("flux") as streamed:
            assert (raw.method, streamed.method) == ("QUERY", "QUERY")
            assert isinstance(await streamed.parse(), types.ModelSearchResponse)
        assert streamed.is_closed
    assert isinstance(result, types.ModelSearchResponse)
    assert isinstance(await raw.parse(), types.ModelSearchResponse)
    request = route.calls.last.request
    assert request.content == b"flux"
    assert request.headers["content-type"].startswith("text/plain")
    assert request.headers["authorization"] == "Bearer r8_contract_test_token"
