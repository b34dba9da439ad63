"""One client: the async methods of a sync client use its own configuration, on any event loop.

Also the 1.x rule "prepend ``async_`` to the method name" on every namespace, and the
module-level client following the environment.
"""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import Iterator

import httpx
import pytest

import replicate
from replicate import AsyncReplicate, Client, MissingAPITokenError, Replicate, _module_client
from replicate._sync._objects import Model, Prediction
from replicate.testing import DEFAULT_TOKEN, HELLO_WORLD_VERSION, Emulator, Server, SystemClock


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL", "0.01")
    with Emulator(clock=SystemClock(speed=200)) as emulator:
        yield emulator


@pytest.fixture
def server(emulator: Emulator) -> Iterator[Server]:
    with emulator.serve() as server:
        yield server


@pytest.fixture
def module_environment(monkeypatch: pytest.MonkeyPatch, server: Server) -> None:
    """The module-level client pointed at the loopback emulator through the environment."""
    monkeypatch.setenv("REPLICATE_API_TOKEN", DEFAULT_TOKEN)
    monkeypatch.setenv("REPLICATE_BASE_URL", server.base_url)
    monkeypatch.setattr(_module_client, "_client", None)


def in_process(emulator: Emulator, **options: object) -> Replicate:
    return Replicate(
        bearer_token=DEFAULT_TOKEN,
        base_url=emulator.base_url,
        http_client=httpx.Client(transport=emulator.transport()),
        **options,  # type: ignore[arg-type]
    )


# -- successive event loops -------------------------------------------------------------------


@pytest.mark.usefixtures("module_environment")
def test_three_asyncio_runs_of_module_async_run_in_a_row() -> None:
    for name in ("a", "b", "c"):
        output = asyncio.run(replicate.async_run("replicate/hello-world", {"text": name}))
        assert output == f"hello {name}"


def test_each_loop_gets_its_own_async_client_closed_when_the_loop_ends(
    emulator: Emulator,
) -> None:
    client = in_process(emulator)
    seen: list[AsyncReplicate] = []

    async def one() -> None:
        seen.append(client._async_client())  # pyright: ignore[reportPrivateUsage]
        assert client._async_client() is seen[-1]  # pyright: ignore[reportPrivateUsage]
        await client.async_run("replicate/hello-world", {"text": "x"})

    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        asyncio.run(one())
        asyncio.run(one())
        gc.collect()
    assert seen[0] is not seen[1]
    assert all(twin._transport.http_client.is_closed for twin in seen)  # pyright: ignore[reportPrivateUsage]
    client.close()


def test_close_closes_the_async_side_of_a_loop_that_is_still_open(emulator: Emulator) -> None:
    client = in_process(emulator)
    loop = asyncio.new_event_loop()
    try:

        async def twin() -> AsyncReplicate:
            await client.async_run("replicate/hello-world", {"text": "x"})
            return client._async_client()  # pyright: ignore[reportPrivateUsage]

        async_client = loop.run_until_complete(twin())
        assert not async_client._transport.http_client.is_closed  # pyright: ignore[reportPrivateUsage]
        client.close()
        assert async_client._transport.http_client.is_closed  # pyright: ignore[reportPrivateUsage]
    finally:
        loop.close()


async def test_async_close_closes_the_running_loops_client(emulator: Emulator) -> None:
    client = in_process(emulator)
    await client.async_run("replicate/hello-world", {"text": "x"})
    async_client = client._async_client()  # pyright: ignore[reportPrivateUsage]
    await client.async_close()
    assert async_client._transport.http_client.is_closed  # pyright: ignore[reportPrivateUsage]
    client.close()


# -- the client's configuration is used, never a subset of it --------------------------------


def test_async_methods_send_through_the_users_transport() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url} {request.headers['X-App']}")
        return httpx.Response(
            201,
            json={"id": "p1", "status": "succeeded", "output": "ok", "urls": {}},
        )

    client = Replicate(
        bearer_token="r8_x",
        base_url="http://mock.test/api",
        http_client=httpx.Client(transport=httpx.MockTransport(answer), headers={"X-App": "1"}),
        default_headers={"X-Other": "2"},
    )
    assert asyncio.run(client.async_run(f"o/n:{'a' * 64}", {"x": 1})) == "ok"
    assert asyncio.run(client.async_run(f"o/n:{'a' * 64}", {"x": 1})) == "ok"
    assert seen == ["POST http://mock.test/api/predictions 1"] * 2


def test_1x_client_httpx_options_reach_the_async_methods() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": "p1", "status": "succeeded", "urls": {}})

    client = Client(api_token="r8_x", transport=httpx.MockTransport(answer), headers={"A": "b"})
    prediction = asyncio.run(client.predictions.async_get("p1"))
    assert prediction.id == "p1"
    assert [str(request.url) for request in seen] == ["https://api.replicate.com/v1/predictions/p1"]
    assert seen[0].headers["A"] == "b"


def test_a_sync_only_http_client_without_an_async_one_is_a_clear_error() -> None:
    client = Replicate(
        bearer_token="r8_x", http_client=httpx.Client(transport=httpx.HTTPTransport())
    )
    with pytest.raises(TypeError, match="async_http_client="):
        asyncio.run(client.async_run("o/n", {}))


def test_async_http_client_is_used_for_async_methods() -> None:
    seen: list[str] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json={"id": "p1", "status": "succeeded", "urls": {}})

    client = Replicate(
        bearer_token="r8_x",
        http_client=httpx.Client(transport=httpx.HTTPTransport()),
        async_http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)),
    )
    for _ in range(2):
        asyncio.run(client.predictions.async_get("p1"))
    assert seen == ["https://api.replicate.com/v1/predictions/p1"] * 2


def test_the_async_client_refuses_async_http_client() -> None:
    with pytest.raises(TypeError, match="http_client="):
        AsyncReplicate(bearer_token="r8_x", async_http_client=httpx.AsyncClient())


def test_default_httpx_client_options_carry_over_to_async_methods() -> None:
    client = Replicate(
        bearer_token="r8_x",
        http_client=replicate.DefaultHttpxClient(proxy="http://127.0.0.1:9", timeout=7.0),
    )

    async def twin() -> httpx.AsyncClient:
        return client._async_client()._transport.http_client  # pyright: ignore[reportPrivateUsage]

    http_client = asyncio.run(twin())
    assert http_client.timeout == httpx.Timeout(7.0)
    proxies = [
        getattr(getattr(mount, "_pool", None), "_proxy_url", None)
        for mount in http_client._mounts.values()  # pyright: ignore[reportPrivateUsage]
    ]
    assert [(url.host, url.port) for url in proxies if url is not None] == [(b"127.0.0.1", 9)]


def test_community_models_are_remembered_across_both_sides(emulator: Emulator) -> None:
    client = in_process(emulator)

    async def side_set() -> set[str]:
        return client._async_client()._community_models  # pyright: ignore[reportPrivateUsage]

    assert asyncio.run(side_set()) is client._community_models  # pyright: ignore[reportPrivateUsage]


# -- async_ + method name, on every namespace ---------------------------------------------------


def test_every_namespace_has_async_names_on_the_sync_client(emulator: Emulator) -> None:
    client = in_process(emulator)

    async def main() -> None:
        model = await client.models.async_get("replicate/hello-world")
        assert isinstance(model, Model)
        assert model.latest_version is not None
        prediction = await client.predictions.async_create(
            version=HELLO_WORLD_VERSION, input={"text": "x"}
        )
        assert isinstance(prediction, Prediction)
        await prediction.async_wait()
        assert prediction.output == "hello x"
        slow = await client.predictions.async_create(model="emulator/slow", input={"seconds": 50})
        canceled = await client.predictions.async_cancel(slow.id)
        assert canceled.status == "canceled"
        collections = await client.collections.async_list()
        assert [collection.slug for collection in collections.results]
        account = await client.account.async_get()
        assert account.username
        versions = await model.versions.async_list()
        assert versions.results[0].id == model.latest_version.id
        page = await client.predictions.async_list()
        assert all(isinstance(item, Prediction) for item in page.results)

    asyncio.run(main())
    # The objects belong to the sync client: their sync methods work after the loop ended.
    model = client.models.get("replicate/hello-world")
    assert model.versions.list().results


def test_async_names_on_the_module_client(module_environment: None) -> None:
    del module_environment

    async def main() -> str:
        model = await replicate.models.async_get("replicate/hello-world")
        return model.name

    assert asyncio.run(main()) == "hello-world"


async def test_async_names_on_the_async_client_are_its_methods(server: Server) -> None:
    async with AsyncReplicate(bearer_token=DEFAULT_TOKEN, base_url=server.base_url) as client:
        assert client.models.async_get.__func__ is client.models.get.__func__  # type: ignore[attr-defined]
        model = await client.models.async_get("replicate/hello-world")
        assert model.name == "hello-world"


def test_an_unknown_async_name_is_an_attribute_error(emulator: Emulator) -> None:
    client = in_process(emulator)
    with pytest.raises(AttributeError, match="async_nothing"):
        client.models.async_nothing  # noqa: B018


# -- the module-level client follows the environment ---------------------------------------


def test_module_client_picks_up_a_token_set_after_the_missing_token_error(
    monkeypatch: pytest.MonkeyPatch, server: Server
) -> None:
    monkeypatch.delenv("REPLICATE_API_TOKEN", raising=False)
    monkeypatch.setenv("REPLICATE_BASE_URL", server.base_url)
    monkeypatch.setattr(_module_client, "_client", None)
    with pytest.raises(MissingAPITokenError):
        replicate.models.get("replicate/hello-world")
    monkeypatch.setenv("REPLICATE_API_TOKEN", DEFAULT_TOKEN)
    assert replicate.models.get("replicate/hello-world").name == "hello-world"


def test_module_client_follows_a_changed_base_url(
    monkeypatch: pytest.MonkeyPatch, emulator: Emulator
) -> None:
    monkeypatch.setenv("REPLICATE_API_TOKEN", DEFAULT_TOKEN)
    monkeypatch.setattr(_module_client, "_client", None)
    with emulator.serve() as first, emulator.serve() as second:
        monkeypatch.setenv("REPLICATE_BASE_URL", first.base_url)
        replicate.run("replicate/hello-world", {"text": "1"})
        assert str(replicate.predictions._client.base_url) == first.base_url  # pyright: ignore[reportPrivateUsage]
        monkeypatch.setenv("REPLICATE_BASE_URL", second.base_url)
        replicate.run("replicate/hello-world", {"text": "2"})
        assert str(replicate.predictions._client.base_url) == second.base_url  # pyright: ignore[reportPrivateUsage]


# -- the version satisfies the pins of existing users --------------------------------------


@pytest.mark.parametrize("pin", ["replicate>=1.0", "replicate>=2.0", "replicate>=0.25"])
def test_the_version_satisfies_existing_users_pins(pin: str) -> None:
    from packaging.requirements import Requirement

    assert Requirement(pin).specifier.contains(replicate.__version__)


# -- an AsyncReplicate used from successive event loops ------------------------------------


def test_an_async_client_reused_by_successive_asyncio_runs_gets_a_new_pool(server: Server) -> None:
    client = AsyncReplicate(bearer_token=DEFAULT_TOKEN, base_url=server.base_url)

    async def one(text: str) -> object:
        return await client.run("replicate/hello-world", input={"text": text})

    assert [asyncio.run(one(text)) for text in ("a", "b", "c")] == ["hello a", "hello b", "hello c"]
    asyncio.run(client.close())


def test_a_given_async_pool_used_from_another_loop_raises_before_sending() -> None:
    sent: list[str] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        sent.append(str(request.url))
        return httpx.Response(200, json={"type": "user", "username": "u", "name": "U"})

    client = AsyncReplicate(
        bearer_token="r8_x", http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer))
    )
    asyncio.run(client.account.get())
    with pytest.raises(replicate.ReplicateError, match="another event loop"):
        asyncio.run(client.account.get())
    assert len(sent) == 1


# -- 2.x conveniences ------------------------------------------------------------------------


def test_module_level_settings_as_2x_reads_them(
    monkeypatch: pytest.MonkeyPatch, server: Server
) -> None:
    monkeypatch.delenv("REPLICATE_API_TOKEN", raising=False)
    monkeypatch.delenv("REPLICATE_BASE_URL", raising=False)
    monkeypatch.setattr(_module_client, "_client", None)
    monkeypatch.setattr(replicate, "bearer_token", DEFAULT_TOKEN, raising=False)
    monkeypatch.setattr(replicate, "base_url", server.base_url, raising=False)
    assert replicate.run("replicate/hello-world", {"text": "m"}) == "hello m"


def test_low_level_post_takes_body_as_2x_does() -> None:
    sent: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        return httpx.Response(201, json={"id": "p1", "status": "starting", "urls": {}})

    client = Replicate(
        bearer_token="r8_x", http_client=httpx.Client(transport=httpx.MockTransport(answer))
    )
    response = client.post("/predictions", cast_to=httpx.Response, body={"version": "v"})
    assert response.status_code == 201
    assert sent == [b'{"version":"v"}']
    with pytest.raises(ValueError, match="not both"):
        client.post("/predictions", json={}, body={})


def test_models_have_2x_to_dict_and_to_json() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": "p1", "status": "succeeded", "input": {"a": 1}})

    client = Replicate(
        bearer_token="r8_x", http_client=httpx.Client(transport=httpx.MockTransport(answer))
    )
    prediction = client.predictions.get("p1")
    assert prediction.to_dict() == {"id": "p1", "status": "succeeded", "input": {"a": 1}}
    assert '"status": "succeeded"' in prediction.to_json()
