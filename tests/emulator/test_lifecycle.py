"""Predictions move through their states on the emulator's clock."""

from __future__ import annotations

import asyncio

import httpx

from replicate.testing import HELLO_WORLD_VERSION, Emulator, ManualClock, log, sleep


def slow_version(emulator: Emulator) -> str:
    return emulator.model("emulator/slow").version_id


def test_slow_model_walks_through_states_with_growing_logs(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    created = client.post(
        "/predictions",
        json={"version": slow_version(emulator), "input": {"seconds": 10, "steps": 10}},
    )
    assert created.status_code == 201
    url = f"/predictions/{created.json()['id']}"
    clock.advance(0)
    first = client.get(url).json()
    assert first["status"] == "processing"
    clock.advance(5)
    half = client.get(url).json()
    assert half["status"] == "processing"
    assert half["logs"].splitlines()[-1] == "  50%|█████     | 5/10 [00:05<00:05, 1.0it/s]"
    clock.advance(5)
    done = client.get(url).json()
    assert done["status"] == "succeeded"
    assert done["output"] == "finished after 10 seconds"
    assert done["metrics"]["predict_time"] == 10
    assert len(done["logs"].splitlines()) == 11
    assert done["completed_at"] > done["started_at"] >= done["created_at"]


def test_setup_time_keeps_a_prediction_starting(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    emulator.add_model("me/cold", lambda: "warm", setup_seconds=3)
    prediction = client.post(
        "/predictions", json={"version": emulator.model("me/cold").version_id, "input": {}}
    ).json()
    clock.advance(2)
    assert client.get(f"/predictions/{prediction['id']}").json()["status"] == "starting"
    clock.advance(1)
    assert client.get(f"/predictions/{prediction['id']}").json()["status"] == "succeeded"


def test_failing_model_fails_with_its_logs(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    version = emulator.model("emulator/fail").version_id
    prediction = client.post(
        "/predictions", json={"version": version, "input": {"message": "boom"}}
    ).json()
    clock.advance(1)
    failed = client.get(f"/predictions/{prediction['id']}").json()
    assert failed["status"] == "failed"
    assert failed["error"] == "boom"
    assert failed["logs"] == "step 1\nstep 2\nstep 3\n"


def test_cancel_stops_a_running_prediction(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    prediction = client.post(
        "/predictions", json={"version": slow_version(emulator), "input": {}}
    ).json()
    clock.advance(2)
    canceled = client.post(f"/predictions/{prediction['id']}/cancel").json()
    assert canceled["status"] == "canceled"
    clock.advance(20)
    later = client.get(f"/predictions/{prediction['id']}").json()
    assert later["status"] == "canceled" and later["output"] is None


def test_cancel_after_header_sets_a_deadline(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    prediction = client.post(
        "/predictions",
        json={"version": slow_version(emulator), "input": {"seconds": 60}},
        headers={"Cancel-After": "5s"},
    ).json()
    assert prediction["deadline"] is not None
    clock.advance(4)
    assert client.get(f"/predictions/{prediction['id']}").json()["status"] == "processing"
    clock.advance(1)
    assert client.get(f"/predictions/{prediction['id']}").json()["status"] == "canceled"


def test_cancel_after_rejects_too_short_or_malformed_durations(client: httpx.Client) -> None:
    for value in ("2s", "soon", "5x"):
        body = {"version": HELLO_WORLD_VERSION, "input": {}}
        assert (
            client.post("/predictions", json=body, headers={"Cancel-After": value}).status_code
            == 422
        )


async def test_prefer_wait_returns_as_soon_as_the_prediction_finishes(
    aclient: httpx.AsyncClient, emulator: Emulator, clock: ManualClock
) -> None:
    request = asyncio.ensure_future(
        aclient.post(
            "/predictions",
            json={"version": slow_version(emulator), "input": {"seconds": 3, "steps": 3}},
            headers={"Prefer": "wait=10"},
        )
    )
    await asyncio.sleep(0.05)
    assert not request.done()
    await asyncio.to_thread(clock.advance, 3)
    response = await asyncio.wait_for(request, 5)
    assert response.json()["status"] == "succeeded"
    assert response.status_code == 201


async def test_prefer_wait_gives_up_after_n_seconds(
    aclient: httpx.AsyncClient, emulator: Emulator, clock: ManualClock
) -> None:
    request = asyncio.ensure_future(
        aclient.post(
            "/predictions",
            json={"version": slow_version(emulator), "input": {"seconds": 30}},
            headers={"Prefer": "wait=2"},
        )
    )
    await asyncio.sleep(0.05)
    await asyncio.to_thread(clock.advance, 2)
    response = await asyncio.wait_for(request, 5)
    assert response.json()["status"] == "processing"
    assert response.status_code == 202


def test_prefer_wait_rejects_out_of_range_values(client: httpx.Client) -> None:
    body = {"version": HELLO_WORLD_VERSION, "input": {}}
    assert client.post("/predictions", json=body, headers={"Prefer": "wait=61"}).status_code == 422


def test_user_models_sync_async_and_generators(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    def shout(text: str) -> str:
        log("shouting")
        return text.upper()

    async def count(n: int = 3):  # type: ignore[no-untyped-def]
        for i in range(n):
            await sleep(1)
            yield i

    emulator.add_model("me/shout", shout)
    emulator.add_model("me/count", count, official=True)
    shouted = client.post(
        "/predictions",
        json={
            "version": "me/shout:" + emulator.model("me/shout").version_id,
            "input": {"text": "hi"},
        },
        headers={"Prefer": "wait"},
    ).json()
    assert (shouted["output"], shouted["logs"]) == ("HI", "shouting\n")
    counting = client.post("/models/me/count/predictions", json={"input": {"n": 4}}).json()
    assert counting["version"] == "hidden" and "stream" in counting["urls"]
    clock.advance(2)
    assert client.get(f"/predictions/{counting['id']}").json()["output"] == [0, 1]
    clock.advance(2)
    assert client.get(f"/predictions/{counting['id']}").json()["output"] == [0, 1, 2, 3]


def test_training_creates_a_version_in_the_destination(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    client.post(
        "/models",
        json={"owner": "test-user", "name": "styled", "visibility": "public", "hardware": "cpu"},
    )
    base = emulator.model("emulator/trainable").version_id
    training = client.post(
        f"/models/emulator/trainable/versions/{base}/trainings",
        json={"destination": "test-user/styled", "input": {"style": "loud"}},
    ).json()
    clock.advance(0)
    finished = client.get(f"/trainings/{training['id']}").json()
    assert finished["status"] == "succeeded"
    new_version = finished["output"]["version"]
    versions = client.get("/models/test-user/styled/versions").json()["results"]
    assert [v["id"] for v in versions] == [new_version]
    run = client.post(
        "/predictions",
        json={"version": new_version, "input": {"prompt": "hey"}},
        headers={"Prefer": "wait"},
    ).json()
    assert run["output"] == "[loud] hey"


def test_predictions_list_filters_by_creation_time(
    client: httpx.Client, clock: ManualClock
) -> None:
    first = client.post("/predictions", json={"version": HELLO_WORLD_VERSION, "input": {}}).json()
    clock.advance(10)
    second = client.post("/predictions", json={"version": HELLO_WORLD_VERSION, "input": {}}).json()
    after = client.get("/predictions", params={"created_after": first["created_at"]}).json()[
        "results"
    ]
    before = client.get("/predictions", params={"created_before": second["created_at"]}).json()[
        "results"
    ]
    assert [p["id"] for p in after] == [second["id"], first["id"]]  # at or after
    assert [p["id"] for p in before] == [first["id"]]  # strictly before
