"""1.x's module paths and names, the exception base class, and the async reads of sync outputs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

import replicate
from replicate import _module_client, _primitives
from replicate.testing import DEFAULT_TOKEN, HELLO_WORLD_VERSION, Emulator, SystemClock

SRC = Path(replicate.__file__).resolve().parents[1]
LLAMA = "meta/meta-llama-3-8b-instruct"


def test_replicate_exception_is_the_base_of_every_error() -> None:
    from replicate.exceptions import ModelError, ReplicateError, ReplicateException

    assert ReplicateException is replicate.ReplicateException
    for name in replicate.exceptions.__all__:
        error = getattr(replicate.exceptions, name)
        assert issubclass(error, ReplicateException), name
    assert issubclass(ModelError, ReplicateError)
    assert ReplicateError.__bases__ == (ReplicateException,)
    with pytest.raises(ReplicateException):
        raise ModelError(SimpleNamespace(id="p1", error="out of memory"))


def test_1x_module_paths_name_the_classes_the_clients_return() -> None:
    from replicate._async import _objects as async_objects
    from replicate._sync import _objects as sync_objects
    from replicate._sync._file_output import FileOutput
    from replicate._sync._pagination import SyncCursorURLPage
    from replicate.collection import Collection
    from replicate.deployment import Deployment, DeploymentPredictions
    from replicate.file import File
    from replicate.helpers import AsyncFileOutput
    from replicate.helpers import FileOutput as HelpersFileOutput
    from replicate.model import AsyncModel, Model
    from replicate.pagination import Page, async_paginate, paginate
    from replicate.prediction import AsyncPrediction, Prediction, Progress
    from replicate.training import Training
    from replicate.version import Version, Versions

    assert (Prediction, AsyncPrediction) == (sync_objects.Prediction, async_objects.AsyncPrediction)
    assert (Model, AsyncModel) == (sync_objects.Model, async_objects.AsyncModel)
    assert (Training, Version, Versions) == (
        sync_objects.Training,
        sync_objects.ModelVersion,
        sync_objects.ModelVersions,
    )
    assert (Deployment, DeploymentPredictions, Collection) == (
        sync_objects.Deployment,
        sync_objects.DeploymentPredictions,
        sync_objects.Collection,
    )
    assert HelpersFileOutput is FileOutput is replicate.FileOutput
    assert AsyncFileOutput is replicate.AsyncFileOutput
    assert Page is SyncCursorURLPage
    assert (paginate, async_paginate) == (replicate.paginate, replicate.async_paginate)
    assert Progress is replicate.Progress
    assert File is replicate.types.File
    assert replicate.prediction.Prediction is Prediction  # reachable as an attribute too


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC), "REPLICATE_API_TOKEN": "r8_test"},
    ).stdout


def test_stream_account_and_hardware_modules_keep_their_2x_meaning() -> None:
    output = _run(
        "import replicate\n"
        "from replicate.stream import ServerSentEvent\n"
        "from replicate.account import Account\n"
        "from replicate.hardware import Hardware\n"
        "import replicate.stream, replicate.account, replicate.hardware\n"
        "from replicate import _module_functions\n"
        "calls = []\n"
        "_module_functions.stream = lambda *a, **k: calls.append((a, k)) or iter(())\n"
        "replicate.stream('meta/llama', input={'prompt': 'hi'})\n"
        "client = replicate.default_client\n"
        "print(ServerSentEvent is replicate.ServerSentEvent, calls == [(('meta/llama',), {'input': {'prompt': 'hi'}})],\n"
        "      Account is replicate.types.AccountGetResponse, Hardware is replicate.types.HardwareListResponseItem,\n"
        "      replicate.account.get == client.account.get, replicate.hardware.list == client.hardware.list)\n"
    )
    assert output.split() == ["True"] * 6


def test_default_client_is_the_current_module_level_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second = (
        replicate.Replicate(bearer_token="r8_a"),
        replicate.Replicate(bearer_token="r8_b"),
    )
    monkeypatch.setattr(_module_client, "default_client", lambda: first)
    assert replicate.default_client is first
    monkeypatch.setattr(_module_client, "default_client", lambda: second)
    assert replicate.default_client is second  # looked up each time, never cached
    assert "default_client" in dir(replicate)


def test_module_level_accounts_is_the_default_clients(monkeypatch: pytest.MonkeyPatch) -> None:
    client = replicate.Replicate(bearer_token="r8_a")
    monkeypatch.setattr(_module_client, "default_client", lambda: client)
    assert replicate.accounts is client.accounts


# -- the async reads of sync file outputs, and async_run's list outputs --------------------


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator(clock=SystemClock(speed=200)) as emulator:
        yield emulator


async def test_sync_file_output_has_awaitable_aread_and_async_for(emulator: Emulator) -> None:
    with replicate.Replicate(
        bearer_token=DEFAULT_TOKEN,
        base_url=emulator.base_url,
        http_client=httpx.Client(transport=emulator.transport()),
    ) as client:
        [image] = client.run("black-forest-labs/flux-schnell", {"prompt": "a cat"})
        assert isinstance(image, replicate.FileOutput)
        data = image.read()
        assert data.startswith(b"\x89PNG")
        assert await image.aread() == data
        assert b"".join([chunk async for chunk in image]) == data
        assert b"".join(image) == data


async def test_async_file_output_aread_is_read(emulator: Emulator) -> None:
    async with replicate.AsyncReplicate(
        bearer_token=DEFAULT_TOKEN,
        base_url=emulator.base_url,
        http_client=httpx.AsyncClient(transport=emulator.async_transport()),
    ) as client:
        [image] = await client.run("black-forest-labs/flux-schnell", {"prompt": "a cat"})
        assert await image.aread() == await image.read()


async def test_async_run_of_the_sync_client_returns_a_list_async_for_walks(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL", "0.01")
    with (
        emulator.serve() as server,
        replicate.Client(api_token=DEFAULT_TOKEN, base_url=server.base_url) as client,
    ):
        tokens = await client.async_run(LLAMA, {"prompt": "one two"})
        assert [token async for token in tokens] == ["You", " said:", " one", " two", "."]
        assert tokens[2] == " one"
        assert client.run(LLAMA, {"prompt": "x"}) == ["You", " said:", " x", "."]
        assert type(client.run(LLAMA, {"prompt": "x"})) is list  # sync run: a plain list


# -- the async methods of a sync client, on the objects and namespaces added for 1.x --------


@pytest.fixture
def served_client(emulator: Emulator) -> Iterator[replicate.Client]:
    with (
        emulator.serve() as server,
        replicate.Client(api_token=DEFAULT_TOKEN, base_url=server.base_url) as client,
    ):
        yield client


async def test_async_methods_of_the_sync_client_honour_its_poll_interval(
    served_client: replicate.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    real_sleep = _primitives.async_sleep

    async def recording_sleep(seconds: float) -> None:
        slept.append(seconds)
        await real_sleep(seconds / 200)  # the emulator's clock runs 200 times faster

    monkeypatch.setattr(_primitives, "async_sleep", recording_sleep)
    served_client.poll_interval = 3.0
    prediction = served_client.predictions.create(model="emulator/slow", input={"seconds": 20})
    await prediction.async_wait()
    assert prediction.status == "succeeded"
    assert slept and set(slept) == {3.0}


async def test_objects_from_async_methods_of_the_sync_client_hold_sync_objects(
    served_client: replicate.Client,
) -> None:
    from replicate.collection import Collection
    from replicate.model import Model
    from replicate.version import Version

    model = await served_client.models.async_get("replicate/hello-world")
    assert isinstance(model, Model) and isinstance(model.latest_version, Version)
    assert model.latest_version.predict(text="x") == "hello x"
    collection = await served_client.collections.async_get("text-to-image")
    assert isinstance(collection, Collection) and isinstance(collection.models[0], Model)
    with pytest.raises(replicate.NotFoundError):  # an official model has no list of versions
        collection.models[0].versions.list()
    assert (await served_client.accounts.async_current()).username == "test-user"
    deployment = served_client.deployments.create(
        name="greeter",
        model="replicate/hello-world",
        version=HELLO_WORLD_VERSION,
        hardware="cpu",
        min_instances=0,
        max_instances=1,
    )
    prediction = await deployment.predictions.async_create(input={"text": "d"}, wait=True)
    assert prediction.output == "hello d"
