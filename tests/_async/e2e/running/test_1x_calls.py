"""The calls and objects 1.x documents or returns, working as they did, beside the 2.x forms."""

from __future__ import annotations

import pytest

from replicate import AsyncFileOutput, AsyncReplicate, NotFoundError, _primitives
from replicate._async._objects import (
    AsyncCollection,
    AsyncDeployment,
    AsyncModel,
    AsyncModelVersion,
    AsyncPrediction,
)
from replicate.testing import HELLO_WORLD_VERSION, Emulator
from replicate.types import PredictionUrls

LLAMA = "meta/meta-llama-3-8b-instruct"
FLUX = "black-forest-labs/flux-schnell"


async def trainable_version(client: AsyncReplicate) -> str:
    model = await client.models.get("emulator/trainable")
    assert model.latest_version is not None and model.latest_version.id
    return model.latest_version.id


async def greeter(client: AsyncReplicate) -> AsyncDeployment:
    return await client.deployments.create(
        name="greeter",
        model="replicate/hello-world",
        version=HELLO_WORLD_VERSION,
        hardware="cpu",
        min_instances=0,
        max_instances=1,
    )


# -- pages ---------------------------------------------------------------------------


async def test_pages_have_len_and_indexing_over_their_own_results(client: AsyncReplicate) -> None:
    page = await client.models.list()
    assert len(page) == len(page.results) > 1
    assert page[0] is page.results[0]
    assert page[-1] is page.results[-1]
    assert page[:2] == page.results[:2]
    with pytest.raises(IndexError):
        page[len(page)]


async def test_every_list_refuses_a_none_cursor_before_the_network(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    for list_method in (
        client.models.list,
        client.predictions.list,
        client.trainings.list,
        client.collections.list,
        client.deployments.list,
        client.files.list,
    ):
        with pytest.raises(ValueError, match="cursor cannot be None"):
            await list_method(None)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    with pytest.raises(ValueError, match="cursor cannot be None"):
        await client.models.versions.list("emulator/slow", cursor=None)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    assert len(emulator.requests) == 0


# -- objects from lists have the methods of objects from gets --------------------------


async def test_models_from_lists_collections_and_gets_all_have_versions(
    client: AsyncReplicate,
) -> None:
    listed = next(m for m in (await client.models.list()).results if m.name == "slow")
    collected = (await client.collections.get("text-to-image")).models[0]
    created = await client.models.create("test-user", "fresh", visibility="private", hardware="cpu")
    gotten = await client.models.get("emulator/slow")
    found = (await client.search(query="slow")).models[0].model
    for model in (listed, collected, created, gotten, found):
        assert isinstance(model, AsyncModel)
        assert model.id == f"{model.owner}/{model.name}"
    versions = await listed.versions.list()
    assert [v.id for v in versions] == [gotten.latest_version.id if gotten.latest_version else ""]
    with pytest.raises(NotFoundError):  # an official model has no list of versions
        await collected.versions.list()
    assert isinstance(await client.collections.get("text-to-image"), AsyncCollection)


async def test_models_from_models_search_have_versions(client: AsyncReplicate) -> None:
    found = await client.models.search("slow")
    assert len(found) == len(found.results) >= 1
    result = found[0]
    assert (result.id, result.name) == ("emulator/slow", "slow")
    gotten = await client.models.get("emulator/slow")
    assert gotten.latest_version is not None
    assert [v.id for v in await result.versions.list()] == [gotten.latest_version.id]


async def test_versions_from_lists_gets_and_models_are_bound(client: AsyncReplicate) -> None:
    model = await client.models.get("replicate/hello-world")
    assert isinstance(model.latest_version, AsyncModelVersion)
    listed = (await client.models.versions.list("replicate/hello-world"))[0]
    gotten = await client.models.versions.get("replicate", "hello-world", HELLO_WORLD_VERSION)
    from_model = await model.versions.get(HELLO_WORLD_VERSION)
    for version in (model.latest_version, listed, gotten, from_model):
        assert isinstance(version, AsyncModelVersion)
        assert await version.predict(text="v") == "hello v"


async def test_predictions_from_examples_lists_and_gets_are_bound(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    await client.run("replicate/hello-world", {"text": "example"})
    emulator.add_example("replicate/hello-world", emulator.prediction_ids()[0])
    examples = await client.models.examples.list("replicate/hello-world")
    listed = await client.predictions.list()
    assert examples.results and listed.results
    for prediction in (*examples.results, *listed.results):
        assert isinstance(prediction, AsyncPrediction)
        await prediction.reload()
        assert prediction.output == "hello example"


async def test_deployments_from_lists_gets_and_creates_start_predictions(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    created = await greeter(client)
    listed = (await client.deployments.list())[0]
    gotten = await client.deployments.get("test-user/greeter")
    for deployment in (created, listed, gotten):
        assert isinstance(deployment, AsyncDeployment)
        assert deployment.id == "test-user/greeter"
        prediction = await deployment.predictions.create(input={"text": "d"}, wait=True)
        assert (prediction.status, prediction.output) == ("succeeded", "hello d")
    assert [
        r.headers.get("prefer")
        for r in emulator.requests
        if r.operation_id == "deployments.predictions.create"
    ] == ["wait"] * 3


# -- 1.x argument forms ----------------------------------------------------------------


async def test_predictions_create_takes_version_and_input_positionally(
    client: AsyncReplicate,
) -> None:
    prediction = await client.predictions.create(HELLO_WORLD_VERSION, {"text": "p"}, wait=True)
    assert prediction.output == "hello p"
    version = await client.models.versions.get("replicate", "hello-world", HELLO_WORLD_VERSION)
    by_object = await client.predictions.create(version, {"text": "o"}, wait=True)
    assert by_object.output == "hello o"


async def test_predictions_create_takes_model_and_deployment_tuples(
    client: AsyncReplicate,
) -> None:
    await greeter(client)
    by_model = await client.predictions.create(
        model=("meta", "meta-llama-3-8b-instruct"), input={"prompt": "t"}, wait=True
    )
    by_deployment = await client.predictions.create(
        deployment=("test-user", "greeter"), input={"text": "t"}, wait=True
    )
    assert ("".join(by_model.output), by_deployment.output) == ("You said: t.", "hello t")


async def test_models_create_takes_owner_and_name_positionally_or_by_keyword(
    client: AsyncReplicate,
) -> None:
    positional = await client.models.create(
        "test-user", "one", visibility="private", hardware="cpu"
    )
    keywords = await client.models.create(
        owner="test-user", name="two", visibility="public", hardware="cpu"
    )
    assert (positional.id, positional.visibility) == ("test-user/one", "private")
    assert (keywords.id, keywords.visibility) == ("test-user/two", "public")


async def test_trainings_create_in_each_1x_and_2x_form(client: AsyncReplicate) -> None:
    await client.models.create("test-user", "styled", visibility="private", hardware="cpu")
    version = await trainable_version(client)
    ref = f"emulator/trainable:{version}"
    model = await client.models.get("test-user", "styled")
    trainings = [
        await client.trainings.create(ref, {"style": "a"}, "test-user/styled"),
        await client.trainings.create(
            version=ref, input={"style": "b"}, destination=("test-user", "styled")
        ),
        await client.trainings.create(
            model="emulator/trainable", version=version, input={"style": "c"}, destination=model
        ),
        await client.trainings.create(
            "emulator", "trainable", version, input={"style": "d"}, destination="test-user/styled"
        ),
    ]
    for training in trainings:
        await training.wait()
        assert training.status == "succeeded"
    with pytest.raises(ValueError, match="destination"):
        await client.trainings.create(ref, {"style": "e"})


async def test_models_predictions_create_takes_model_and_a_positional_input(
    client: AsyncReplicate,
) -> None:
    model = await client.models.get(LLAMA)
    forms = [
        await client.models.predictions.create(model=LLAMA, input={"prompt": "a"}, wait=True),
        await client.models.predictions.create(LLAMA, {"prompt": "b"}, wait=True),
        await client.models.predictions.create(
            model=("meta", "meta-llama-3-8b-instruct"), input={"prompt": "c"}, wait=True
        ),
        await client.models.predictions.create(model=model, input={"prompt": "d"}, wait=True),
        await client.models.predictions.create(
            "meta", "meta-llama-3-8b-instruct", input={"prompt": "e"}, wait=True
        ),
    ]
    for prediction in forms:  # the hold may end first on a busy machine
        await prediction.wait()
    assert ["".join(p.output) for p in forms] == [f"You said: {w}." for w in "abcde"]
    with pytest.raises(ValueError, match="once"):
        await client.models.predictions.create(LLAMA, model=LLAMA, input={})


async def test_deployments_predictions_create_takes_deployment_and_a_positional_input(
    client: AsyncReplicate,
) -> None:
    deployment = await greeter(client)
    forms = [
        await client.deployments.predictions.create(
            deployment="test-user/greeter", input={"text": "a"}, wait=True
        ),
        await client.deployments.predictions.create("test-user/greeter", {"text": "b"}, wait=True),
        await client.deployments.predictions.create(
            deployment=deployment, input={"text": "c"}, wait=True
        ),
        await client.deployments.predictions.create(
            "test-user", "greeter", input={"text": "d"}, wait=True
        ),
    ]
    assert [p.output for p in forms] == [f"hello {w}" for w in "abcd"]


async def test_wait_on_every_create_sends_prefer_wait(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    deployment = await greeter(client)
    await client.predictions.create(version=HELLO_WORLD_VERSION, input={}, wait=True)
    await client.models.predictions.create(LLAMA, input={"prompt": "x"}, wait=10)
    await client.deployments.predictions.create(deployment, input={}, wait=False)
    await deployment.predictions.create(input={}, wait=60)
    await client.models.predictions.create(LLAMA, input={"prompt": "x"}, prefer="wait=3")
    creates = [
        r
        for r in emulator.requests
        if r.method == "POST" and r.operation_id != "deployments.create"
    ]
    assert [r.headers.get("prefer") for r in creates] == [
        "wait",
        "wait=10",
        None,
        "wait=60",
        "wait=3",
    ]
    with pytest.raises(ValueError, match="not both"):
        await client.models.predictions.create(LLAMA, input={}, wait=True, prefer="wait")
    with pytest.raises(ValueError, match="from 1 to 60"):
        await client.deployments.predictions.create(deployment, input={}, wait=61)


# -- attributes 1.x documents or returns -------------------------------------------------


async def test_urls_metrics_and_checksums_read_as_dicts(client: AsyncReplicate) -> None:
    prediction = await client.predictions.create(
        model=LLAMA, input={"prompt": "x"}, stream=True, wait=True
    )
    urls = prediction.urls
    assert urls["stream"] == urls.stream and urls.get("stream") == urls.stream
    assert urls.get("nope") is None and urls.get("nope", "-") == "-"
    assert urls.get == urls["get"] and "cancel" in urls and "nope" not in urls
    assert dict(urls.items()) == dict(urls) and set(urls.keys()) >= {"get", "cancel", "stream"}
    assert isinstance(urls, PredictionUrls)  # the 2.x model, read by attribute too
    with pytest.raises(KeyError):
        urls["nope"]
    assert prediction.metrics is not None and "predict_time" in prediction.metrics
    assert prediction.metrics["predict_time"] == prediction.metrics.predict_time
    file = await client.files.create(content=b"hello", filename="a.txt")
    assert file.urls["get"] == file.urls.get == file.urls.get("get")
    assert file.checksums["sha256"] == file.checksums.get("sha256") == file.checksums.sha256
    training = await client.trainings.get(
        (
            await client.trainings.create(
                f"emulator/trainable:{await trainable_version(client)}",
                {"style": "x"},
                (
                    await client.models.create(
                        "test-user", "t", visibility="private", hardware="cpu"
                    )
                ).id,
            )
        ).id
    )
    assert training.urls is not None and training.urls["get"] == training.urls.get


async def test_accounts_current_is_account_get(client: AsyncReplicate) -> None:
    current = await client.accounts.current()
    assert current == await client.account.get()
    assert current.username == "test-user"


async def test_model_versions_delete_returns_true(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    await client.models.create("test-user", "styled", visibility="private", hardware="cpu")
    training = await client.trainings.create(
        f"emulator/trainable:{await trainable_version(client)}", {"style": "s"}, "test-user/styled"
    )
    await training.wait()
    model = await client.models.get("test-user/styled")
    assert model.latest_version is not None and model.latest_version.id
    assert await model.versions.delete(model.latest_version.id) is True
    assert emulator.requests[-1].operation_id == "models.versions.delete"


async def test_poll_interval_set_on_the_client_fixes_the_interval(
    client: AsyncReplicate, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    simulated_sleep = _primitives.async_sleep

    async def recording_sleep(seconds: float) -> None:
        slept.append(seconds)
        await simulated_sleep(seconds)

    monkeypatch.setattr(_primitives, "async_sleep", recording_sleep)
    assert client.poll_interval is None
    client.poll_interval = 4.0
    await client.run("emulator/slow", {"seconds": 21, "steps": 1}, wait=1)
    assert slept and set(slept) == {4.0}
    prediction = await client.predictions.create(model="emulator/slow", input={"seconds": 9})
    slept.clear()
    await prediction.wait()
    assert slept and set(slept) == {4.0}
    assert client.with_options(timeout=5).poll_interval == 4.0
    with pytest.raises(ValueError):
        client.poll_interval = 0


async def test_poll_interval_reads_the_environment_until_set(
    client: AsyncReplicate, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL", "0.5")
    assert client.poll_interval == 0.5
    client.poll_interval = 2
    assert client.poll_interval == 2
    client.poll_interval = None
    assert client.poll_interval == 0.5


# -- async run of list outputs (item 11) --------------------------------------------------


async def test_run_outputs_a_list_that_async_for_walks_too(client: AsyncReplicate) -> None:
    tokens = await client.run(LLAMA, {"prompt": "walk me"})
    assert tokens == ["You", " said:", " walk", " me", "."]
    assert [token async for token in tokens] == tokens
    assert tokens[0] == "You"
    images = await client.run(FLUX, {"prompt": "x", "num_outputs": 2})
    files = [image async for image in images]
    assert len(files) == 2 and all(isinstance(f, AsyncFileOutput) for f in files)
    assert await client.run("replicate/hello-world", {"text": "s"}) == "hello s"


async def test_iterating_a_model_search_gives_the_models_as_1x_pages_did(
    client: AsyncReplicate,
) -> None:
    found = await client.models.search("hello")
    names = [model.name for model in found]
    assert "hello-world" in names
    assert names == [model.name for model in found.results]
