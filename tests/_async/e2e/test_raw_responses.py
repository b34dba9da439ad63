"""``with_raw_response`` and ``with_streaming_response`` on every resource, nested ones too."""

from __future__ import annotations

import inspect
from typing import Any

from replicate import AsyncReplicate
from replicate._async._objects import AsyncModel, AsyncPrediction
from replicate._async._resource import AsyncAPIResource
from replicate.testing import Emulator

RESOURCES = [
    "account",
    "collections",
    "deployments",
    "deployments.predictions",
    "files",
    "hardware",
    "models",
    "models.examples",
    "models.predictions",
    "models.readme",
    "models.versions",
    "predictions",
    "trainings",
    "webhooks",
    "webhooks.default",
    "webhooks.default.secret",
]


def _resolve(root: object, dotted: str) -> Any:
    for name in dotted.split("."):
        root = getattr(root, name)
    return root


def _operations(resource: object) -> list[str]:
    return [
        name
        for name, member in inspect.getmembers(type(resource))
        if not name.startswith("_")
        and inspect.isfunction(member)
        and not isinstance(inspect.getattr_static(type(resource), name), property)
        and name not in ("wait", "run", "verify", "validate")  # helpers of several requests
    ]


async def test_every_resource_has_both_wrappers_for_every_operation(
    client: AsyncReplicate,
) -> None:
    for dotted in RESOURCES:
        resource = _resolve(client, dotted)
        assert isinstance(resource, AsyncAPIResource), dotted
        head, _, rest = dotted.partition(".")
        for wrapper in ("with_raw_response", "with_streaming_response"):
            views = {
                f"client.{wrapper}.{dotted}": _resolve(client, f"{wrapper}.{dotted}"),
                f"client.{head}.{wrapper}.{rest}": _resolve(
                    getattr(client, head), f"{wrapper}.{rest}" if rest else wrapper
                ),
            }
            for where, view in views.items():
                missing = [name for name in _operations(resource) if not hasattr(view, name)]
                assert not missing, f"{where} lacks {missing}"


async def test_nested_reads_through_both_wrappers(client: AsyncReplicate) -> None:
    raw = await client.models.versions.with_raw_response.list("replicate/hello-world")
    assert raw.status_code == 200
    assert [version.id async for version in await raw.parse()]
    async with client.webhooks.default.secret.with_streaming_response.get() as streamed:
        assert streamed.status_code == 200
        assert (await streamed.parse()).key.startswith("whsec_")
    readme = await client.models.with_raw_response.readme.get("replicate/hello-world")
    assert readme.status_code == 200


async def test_refined_methods_parse_to_their_bound_objects(client: AsyncReplicate) -> None:
    raw = await client.models.with_raw_response.get("replicate/hello-world")
    model = await raw.parse()
    assert isinstance(model, AsyncModel)
    assert [version.id async for version in await model.versions.list()]


async def test_a_create_with_files_answers_the_create_not_the_upload(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    echo = emulator.add_model("me/echo", lambda image: image)
    emulator.add_model("me/official-echo", lambda image: image, official=True)
    raw = await client.predictions.with_raw_response.create(
        version=echo.version_id, input={"image": b"abc"}
    )
    assert raw.status_code == 201
    assert raw.http_request.url.path.endswith("/predictions")
    prediction = await raw.parse()
    assert isinstance(prediction, AsyncPrediction)
    assert str(prediction.input["image"]).startswith(emulator.base_url)
    async with client.models.predictions.with_streaming_response.create(
        "me/official-echo", input={"image": b"def"}
    ) as streamed:
        assert streamed.http_request.url.path.endswith("/models/me/official-echo/predictions")
    assert emulator.requests.count("files.create") == 2


async def test_raw_creates_of_every_file_taking_operation_upload_first(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    echo = emulator.add_model("me/echo", lambda image: image)
    emulator.add_model("me/official-echo", lambda image: image, official=True)
    await client.deployments.create(
        name="echoer", model="me/echo", version=echo.version_id, hardware="cpu",
        min_instances=0, max_instances=1,
    )  # fmt: skip
    by_deployment = await client.with_raw_response.deployments.predictions.create(
        "test-user/echoer", input={"image": b"abc"}
    )
    inlined = await client.models.predictions.with_raw_response.create(
        "me/official-echo", input={"image": b"b"}, file_encoding_strategy="base64"
    )
    trainable = await client.models.get("emulator/trainable")
    assert trainable.latest_version is not None
    await client.models.create(
        owner="test-user", name="trained", visibility="private", hardware="cpu"
    )
    training = await client.trainings.with_raw_response.create(
        "emulator", "trainable", trainable.latest_version.id,
        input={"style": b"xyz"}, destination="test-user/trained",
    )  # fmt: skip
    assert by_deployment.http_request.url.path.endswith("/deployments/test-user/echoer/predictions")
    assert str((await by_deployment.parse()).input["image"]).startswith(emulator.base_url)
    assert (await inlined.parse()).input["image"] == "data:application/octet-stream;base64,Yg=="
    assert training.http_request.url.path.endswith("/trainings")
    assert str(((await training.parse()).input or {})["style"]).startswith(emulator.base_url)
    assert emulator.requests.count("files.create") == 2
