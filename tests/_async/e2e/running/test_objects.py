"""Prediction, training, model and version objects, and the 1.x calls around them."""

from __future__ import annotations

import pytest

from replicate import AsyncReplicate, PredictionTimeoutError
from replicate.testing import HELLO_WORLD_VERSION, Emulator


async def test_create_by_version_object_then_reload_wait_and_dict(client: AsyncReplicate) -> None:
    model = await client.models.get("emulator/slow")
    assert model.latest_version is not None
    version = await model.versions.get(model.latest_version.id)
    prediction = await client.predictions.create(version=version, input={"seconds": 20})
    assert prediction.status in ("starting", "processing")
    await prediction.reload()
    await prediction.wait()
    assert prediction.status == "succeeded"
    assert dict(prediction)["output"] == "finished after 20 seconds"
    assert prediction.progress is not None and prediction.progress.percentage == 1.0


async def test_create_routes_model_version_string_and_deployment(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    emulator.add_model("acme/greeter", lambda text="world": f"hello {text}", official=True)
    by_model = await client.predictions.create(model="acme/greeter", input={}, wait=True)
    by_ref = await client.predictions.create(
        version=f"replicate/hello-world:{HELLO_WORLD_VERSION}", input={"text": "r"}, wait=5
    )
    assert (by_model.output, by_ref.output) == ("hello world", "hello r")
    assert [r.headers.get("prefer") for r in emulator.requests] == ["wait", "wait=5"]
    with pytest.raises(ValueError, match="exactly one"):
        await client.predictions.create(input={})
    with pytest.raises(ValueError, match="exactly one"):
        await client.predictions.create(model="a/b", version=HELLO_WORLD_VERSION, input={})


async def test_cancel_then_reload_shows_canceled(client: AsyncReplicate) -> None:
    prediction = await client.predictions.create(model="emulator/slow", input={"seconds": 100})
    await prediction.cancel()
    await prediction.reload()
    assert prediction.status == "canceled"


async def test_predictions_wait_by_id_and_its_timeout(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    quick = await client.predictions.create(model="emulator/slow", input={"seconds": 5})
    assert (await client.predictions.wait(quick.id)).status == "succeeded"
    slow = await client.predictions.create(model="emulator/slow", input={"seconds": 500})
    with pytest.raises(PredictionTimeoutError):
        await client.predictions.wait(slow.id, timeout=5)
    assert emulator.prediction(slow.id)["status"] == "canceled"


async def test_output_iterator_yields_each_item_once(client: AsyncReplicate) -> None:
    prediction = await client.predictions.create(
        model="meta/meta-llama-3-8b-instruct", input={"prompt": "a b c"}
    )
    items = [item async for item in prediction.output_iterator()]
    assert "".join(items) == "You said: a b c."


async def test_version_predict(client: AsyncReplicate) -> None:
    model = await client.models.get("replicate/hello-world")
    version = await model.versions.get(HELLO_WORLD_VERSION)
    assert await version.predict(text="pipeline") == "hello pipeline"
    page = await model.versions.list()
    assert [v.id for v in page.results] == [HELLO_WORLD_VERSION]


async def test_trainings_in_the_1x_and_2x_forms(client: AsyncReplicate) -> None:
    model = await client.models.get("emulator/trainable")
    assert model.latest_version is not None
    version_id = model.latest_version.id
    await client.models.create(
        owner="test-user", name="styled", visibility="private", hardware="cpu"
    )
    legacy = await client.trainings.create(
        model="emulator/trainable",
        version=version_id,
        input={"style": "bold"},
        destination="test-user/styled",
    )
    modern = await client.trainings.create(
        "emulator", "trainable", version_id, input={"style": "bold"}, destination="test-user/styled"
    )
    joined = await client.trainings.create(
        version=f"emulator/trainable:{version_id}",
        input={"style": "x"},
        destination="test-user/styled",
    )
    await legacy.wait()
    assert legacy.status == "succeeded"
    assert (await client.trainings.wait(modern.id or "")).status == "succeeded"
    await joined.cancel()
    with pytest.raises(ValueError, match="model and version"):
        await client.trainings.create(model="emulator/trainable", input={}, destination="a/b")


async def test_hardware_collections_and_error_fields(client: AsyncReplicate) -> None:
    from replicate import NotFoundError

    skus = [hw.sku for hw in await client.hardware.list()]
    assert "cpu" in skus
    collection = await client.collections.get("text-to-image")
    assert [m.name for m in collection.models] == ["flux-schnell"]
    with pytest.raises(NotFoundError) as caught:
        await client.predictions.get("missing")
    assert caught.value.status == 404 and caught.value.detail
