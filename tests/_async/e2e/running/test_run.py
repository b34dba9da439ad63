"""``run()`` end to end: the Prefer hold, waiting past it, failures, timeouts, progress."""

from __future__ import annotations

import io

import pytest
from streaming_models import SLOW_STREAM, add_streaming_models

from replicate import (
    AsyncFileOutput,
    AsyncReplicate,
    ModelError,
    PredictionTimeoutError,
    Progress,
    _primitives,
)
from replicate.testing import HELLO_WORLD_VERSION, Cut, Emulator, Status
from replicate.types import Deployment

CREATES = ("predictions.create", "models.predictions.create", "deployments.predictions.create")


def creates(emulator: Emulator) -> list[str]:
    return [r.operation_id or "" for r in emulator.requests if r.operation_id in CREATES]


def polls(emulator: Emulator) -> int:
    return emulator.requests.count("predictions.get")


async def test_a_quick_prediction_costs_one_request(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    output = await client.run(f"replicate/hello-world:{HELLO_WORLD_VERSION}", {"text": "you"})
    assert output == "hello you"
    assert len(emulator.requests) == 1
    assert emulator.requests[0].headers.get("prefer") == "wait"


async def test_a_one_second_prediction_costs_one_request(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    slow = emulator.model("emulator/slow").version_id
    output = await client.run(f"emulator/slow:{slow}", input={"seconds": 1, "steps": 2})
    assert output == "finished after 1 seconds"
    assert len(emulator.requests) == 1


async def test_a_prediction_still_processing_after_the_hold_is_waited_for(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    slow = emulator.model("emulator/slow").version_id
    output = await client.run(f"emulator/slow:{slow}", {"seconds": 30, "steps": 3}, wait=5)
    assert output == "finished after 30 seconds"
    assert emulator.requests[0].headers["prefer"] == "wait=5"
    # Backoff from 0.25 s to a 2 s cap: about 15 polls for 25 s, far fewer than a 0.25 s loop.
    assert 5 <= polls(emulator) <= 20


async def test_wait_false_sends_no_prefer_header_and_polls(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    assert await client.run("replicate/hello-world", {"text": "x"}, wait=False) == "hello x"
    assert "prefer" not in emulator.requests[0].headers
    assert polls(emulator) >= 1


async def test_the_poll_interval_variable_fixes_the_interval(
    client: AsyncReplicate, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    simulated_sleep = _primitives.async_sleep

    async def recording_sleep(seconds: float) -> None:
        slept.append(seconds)
        await simulated_sleep(seconds)

    monkeypatch.setattr(_primitives, "async_sleep", recording_sleep)
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL", "5")
    await client.run("emulator/slow", {"seconds": 21, "steps": 1}, wait=1)
    assert slept and set(slept) == {5.0}


async def test_polls_back_off_to_a_cap(
    client: AsyncReplicate, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    simulated_sleep = _primitives.async_sleep

    async def recording_sleep(seconds: float) -> None:
        slept.append(seconds)
        await simulated_sleep(seconds)

    monkeypatch.setattr(_primitives, "async_sleep", recording_sleep)
    slow = emulator.model("emulator/slow").version_id
    await client.run(f"emulator/slow:{slow}", {"seconds": 300, "steps": 1}, wait=1)
    assert slept[:3] == [0.25, 0.375, 0.5625]
    assert max(slept) == 2.0 and slept == sorted(slept)


async def test_a_failed_prediction_raises_model_error_with_logs(client: AsyncReplicate) -> None:
    with pytest.raises(ModelError) as caught:
        await client.run("emulator/fail", {"message": "out of memory"})
    prediction = caught.value.prediction
    assert prediction.status == "failed"
    assert prediction.error == "out of memory"
    assert "step 3" in (prediction.logs or "")
    assert prediction.id in str(caught.value)


async def test_timeout_cancels_the_prediction_on_the_server(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    with pytest.raises(PredictionTimeoutError) as caught:
        await client.run("emulator/slow", {"seconds": 600}, wait=2, timeout=10)
    prediction_id = caught.value.prediction.id
    assert emulator.prediction(prediction_id)["status"] == "canceled"
    assert emulator.requests.count("predictions.cancel") == 1
    assert isinstance(caught.value, TimeoutError)
    assert "10 s" in str(caught.value)


async def test_timeout_shortens_the_hold(client: AsyncReplicate, emulator: Emulator) -> None:
    with pytest.raises(PredictionTimeoutError):
        await client.run("emulator/slow", {"seconds": 600}, timeout=3.5)
    assert emulator.requests[0].headers["prefer"] == "wait=4"


async def test_bad_timeout_and_wait_fail_before_the_network(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    with pytest.raises(ValueError, match="timeout"):
        await client.run("replicate/hello-world", {}, timeout=0)
    with pytest.raises(ValueError, match="wait"):
        await client.run("replicate/hello-world", {}, wait=600)
    with pytest.raises(ValueError, match="owner/name"):
        await client.run("not a model", {})
    with pytest.raises(TypeError, match="input"):
        await client.run("replicate/hello-world", ["text"])  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    assert len(emulator.requests) == 0


async def test_progress_callback_gets_each_new_progress(client: AsyncReplicate) -> None:
    seen: list[Progress] = []
    await client.run("emulator/slow", {"seconds": 20, "steps": 4}, wait=1, progress=seen.append)
    assert seen, "no progress reported"
    assert seen[-1] == Progress(percentage=1.0, current=4, total=4)
    assert [p.current for p in seen] == sorted({p.current for p in seen})


async def test_progress_true_draws_a_bar_on_stderr(
    client: AsyncReplicate, capsys: pytest.CaptureFixture[str]
) -> None:
    await client.run("emulator/slow", {"seconds": 10, "steps": 2}, wait=1, progress=True)
    err = capsys.readouterr().err
    assert "100% |" in err and "2/2" in err
    assert err.endswith("\n")


async def test_refs_route_to_their_endpoints(client: AsyncReplicate, emulator: Emulator) -> None:
    model = await client.models.get("replicate/hello-world")
    version = await model.versions.get(HELLO_WORLD_VERSION)
    assert (
        await client.run(f"replicate/hello-world:{HELLO_WORLD_VERSION}", {"text": "a"}) == "hello a"
    )
    assert await client.run(HELLO_WORLD_VERSION, {"text": "b"}) == "hello b"
    assert await client.run(version, {"text": "c"}) == "hello c"
    assert await client.run(model, {"text": "d"}) == "hello d"
    assert await client.run("replicate/hello-world", input={"text": "e"}) == "hello e"
    assert await client.run("meta/meta-llama-3-8b-instruct", {"prompt": "f"})
    assert creates(emulator) == [
        "predictions.create",
        "predictions.create",
        "predictions.create",
        # hello-world is a community model: the model endpoint answers 404 once, then
        # its latest version runs on POST /predictions.
        "models.predictions.create",
        "predictions.create",
        "predictions.create",
        # an official model runs on its model endpoint
        "models.predictions.create",
    ]


async def test_deployments_by_name_or_object(client: AsyncReplicate, emulator: Emulator) -> None:
    await client.deployments.create(
        name="greeter",
        model="replicate/hello-world",
        version=HELLO_WORLD_VERSION,
        hardware="cpu",
        min_instances=0,
        max_instances=1,
    )
    deployment = await client.deployments.get("test-user", "greeter")
    assert isinstance(deployment, Deployment)
    assert await client.run(deployment="test-user/greeter", input={"text": "a"}) == "hello a"
    assert await client.run(deployment, {"text": "b"}) == "hello b"
    assert creates(emulator) == ["deployments.predictions.create"] * 2


async def test_file_outputs_and_plain_urls(client: AsyncReplicate) -> None:
    images = await client.run(
        "black-forest-labs/flux-schnell", {"prompt": "a cat", "num_outputs": 2}
    )
    assert [type(image) for image in images] == [AsyncFileOutput, AsyncFileOutput]
    assert (await images[0].read()).startswith(b"\x89PNG")
    urls = await client.run(
        "black-forest-labs/flux-schnell", {"prompt": "a cat"}, use_file_output=False
    )
    assert isinstance(urls[0], str) and urls[0].endswith(".png")


async def test_local_file_inputs_are_uploaded(client: AsyncReplicate, emulator: Emulator) -> None:
    def size(image: str) -> str:
        return f"{image[:4]}"

    emulator.add_model("test/size", size)
    output = await client.run("test/size", {"image": io.BytesIO(b"hello")})
    assert output == "http"
    assert emulator.requests.count("files.create") == 1
    inline = await client.run(
        "test/size", {"image": io.BytesIO(b"x")}, file_encoding_strategy="base64"
    )
    assert inline == "data"


async def test_a_streaming_model_returns_its_pieces(client: AsyncReplicate) -> None:
    output = await client.run("meta/meta-llama-3-8b-instruct", {"prompt": "hi there"})
    assert "".join(text for text in output) == "You said: hi there."


async def test_predictions_run_returns_the_whole_prediction(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    prediction = await client.predictions.run("replicate/hello-world", {"text": "me"})
    assert prediction.status == "succeeded"
    assert prediction.output == "hello me"
    assert prediction.id in emulator.prediction_ids()


async def test_extra_headers_are_sent(client: AsyncReplicate, emulator: Emulator) -> None:
    await client.run("replicate/hello-world", {}, extra_headers={"X-Trace": "t1"})
    assert emulator.requests[0].headers["x-trace"] == "t1"


async def test_a_prediction_canceled_meanwhile_ends_the_wait(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    prediction = await client.predictions.create(model="emulator/slow", input={"seconds": 100})
    await client.predictions.cancel(prediction.id)
    await prediction.wait()
    assert prediction.status == "canceled"


def operations(emulator: Emulator) -> list[str]:
    return [r.operation_id or "" for r in emulator.requests]


async def test_with_a_stream_url_the_wait_is_one_stream_and_one_read(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    add_streaming_models(emulator)
    output = await client.run(SLOW_STREAM, {"seconds": 300, "steps": 3}, wait=5)
    assert output == ["finished after 300 seconds"]
    assert operations(emulator) == [
        "models.predictions.create",
        "predictions.stream",
        "predictions.get",
    ]


async def test_a_model_that_streams_is_waited_for_on_its_stream(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    prediction = await client.predictions.create(
        model="meta/meta-llama-3-8b-instruct", input={"prompt": "hi there"}
    )
    assert prediction.urls.stream
    await prediction.wait()
    assert prediction.status == "succeeded"
    assert operations(emulator)[1:] == ["predictions.stream", "predictions.get"]


async def test_without_a_stream_url_the_wait_polls(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    prediction = await client.predictions.create(model="emulator/slow", input={"seconds": 30})
    assert not prediction.urls.stream
    await prediction.wait()
    assert prediction.status == "succeeded"
    assert "predictions.stream" not in operations(emulator)
    assert polls(emulator) >= 5


async def test_a_stream_that_keeps_failing_falls_back_to_polling(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    emulator.faults.add("predictions.stream", Status(500), times=None)
    add_streaming_models(emulator)
    output = await client.run(SLOW_STREAM, {"seconds": 300, "steps": 1}, wait=1)
    assert output == ["finished after 300 seconds"]
    assert emulator.requests.count("predictions.stream") == 1
    assert polls(emulator) >= 5


async def test_progress_follows_the_logs_on_the_stream_url(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    add_streaming_models(emulator)
    seen: list[Progress] = []
    await client.run(SLOW_STREAM, {"seconds": 30, "steps": 3}, wait=1, progress=seen.append)
    assert [p.current for p in seen] == [0, 1, 2, 3]
    assert emulator.requests.count("predictions.stream") == 1
    assert polls(emulator) <= 1


async def test_progress_arrives_while_the_prediction_runs_not_at_the_end(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    seen: list[tuple[float, Progress]] = []
    started = emulator.clock.now()
    # With the default wait, a long hold would have reported everything at the end.
    await client.run(
        "emulator/slow",
        {"seconds": 300, "steps": 4},
        progress=lambda p: seen.append((emulator.clock.now() - started, p)),
    )
    [create] = [r for r in emulator.requests if r.operation_id == "models.predictions.create"]
    assert create.headers["prefer"] == "wait=1"
    assert [p.current for _, p in seen][-1] == 4
    moments = [moment for moment, p in seen if p.current is not None and p.current < 4]
    assert len(moments) >= 2, seen
    assert moments[0] < 150, "the first update came at the end, not while running"


async def test_progress_polls_back_off_no_further_than_a_second(
    client: AsyncReplicate, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays: list[float] = []
    simulated = _primitives.async_sleep

    async def recorded(seconds: float) -> None:
        delays.append(seconds)
        await simulated(seconds)

    monkeypatch.setattr(_primitives, "async_sleep", recorded)
    await client.run("emulator/slow", {"seconds": 30, "steps": 3}, wait=1, progress=lambda p: None)
    assert delays and max(delays) <= 1.0
    delays.clear()
    await client.run("emulator/slow", {"seconds": 30, "steps": 3}, wait=1)
    assert max(delays) == 2.0  # without progress, polls back off to two seconds


async def test_ctrl_c_while_waiting_cancels_the_prediction(
    client: AsyncReplicate, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_primitives, "async_sleep", interrupted)
    with pytest.raises(KeyboardInterrupt):
        await client.run("emulator/slow", {"seconds": 300, "steps": 1}, wait=False)
    [prediction_id] = emulator.prediction_ids()
    assert emulator.requests.count("predictions.cancel") == 1
    assert (await client.predictions.get(prediction_id)).status == "canceled"


async def test_ctrl_c_while_a_use_function_waits_cancels_its_prediction(
    client: AsyncReplicate, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    slow = client.use("emulator/slow")
    monkeypatch.setattr(_primitives, "async_sleep", interrupted)
    with pytest.raises(KeyboardInterrupt):
        await slow(seconds=300, steps=1)
    [prediction_id] = emulator.prediction_ids()
    assert emulator.requests.count("predictions.cancel") == 1
    assert (await client.predictions.get(prediction_id)).status == "canceled"


async def test_ctrl_c_while_a_stream_is_read_cancels_its_prediction(
    client: AsyncReplicate, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    add_streaming_models(emulator)
    # The stream drops after its first event; the wait before reconnecting is interrupted.
    emulator.faults.add("predictions.stream", Cut(after_events=1), times=None)
    monkeypatch.setattr(_primitives, "async_sleep", interrupted)
    events = client.stream(SLOW_STREAM, {"seconds": 300, "steps": 3})
    with pytest.raises(KeyboardInterrupt):
        async for _ in events:
            pass
    [prediction_id] = emulator.prediction_ids()
    assert emulator.requests.count("predictions.cancel") == 1
    assert (await client.predictions.get(prediction_id)).status == "canceled"


async def test_a_stream_left_early_is_not_canceled(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    add_streaming_models(emulator)
    events = client.stream(SLOW_STREAM, {"seconds": 300, "steps": 3})
    async for _ in events:
        break
    await events.aclose()  # type: ignore[attr-defined]
    assert emulator.requests.count("predictions.cancel") == 0


async def test_ctrl_c_before_the_create_is_answered_cancels_nothing(
    client: AsyncReplicate, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    from replicate._async._transport import AsyncTransport

    async def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(AsyncTransport, "send_request", interrupted)
    with pytest.raises(KeyboardInterrupt):
        await client.run("emulator/slow", {"seconds": 300, "steps": 1}, wait=False)
    assert emulator.requests.count("predictions.cancel") == 0


async def test_a_failing_cancel_does_not_replace_the_interrupt(
    client: AsyncReplicate, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_primitives, "async_sleep", interrupted)
    emulator.faults.add("predictions.cancel", Status(500), times=None)
    with pytest.raises(KeyboardInterrupt):
        await client.run("emulator/slow", {"seconds": 300, "steps": 1}, wait=False)
    # One try, no retries: the interrupt is not held up.
    assert emulator.requests.count("predictions.cancel") == 1


async def test_a_community_model_by_name_runs_its_latest_version_on_the_emulator(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    model = emulator.add_model("someone/fine-tune", lambda text: text[::-1])
    emulator.requests.clear()
    assert await client.run("someone/fine-tune", input={"text": "abc"}) == "cba"
    [refused] = emulator.requests.matching("models.predictions.create")
    assert refused.status == 404
    [created] = emulator.requests.matching("predictions.create")
    assert created.status == 201
    [prediction_id] = emulator.prediction_ids()
    assert (await client.predictions.get(prediction_id)).version == model.version_id
    emulator.requests.clear()
    assert await client.run("someone/fine-tune", input={"text": "xy"}) == "yx"
    assert [request.operation_id for request in emulator.requests] == [
        "models.get",
        "predictions.create",
    ]
