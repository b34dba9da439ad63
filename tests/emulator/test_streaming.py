"""Server-sent events per prediction: live delivery, the done event, and resuming by id."""

from __future__ import annotations

import httpx
from streaming_models import FAILING_STREAM, add_streaming_models

from replicate.testing import Emulator, ManualClock

LLAMA = "/models/meta/meta-llama-3-8b-instruct/predictions"


def parse(text: str) -> list[dict[str, str]]:
    events = []
    for block in text.strip().split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.split("\n"):
            key, _, value = line.partition(": ")
            fields[key] = fields[key] + "\n" + value if key in fields else value
        events.append(fields)
    return events


def test_stream_delivers_output_tokens_then_done(client: httpx.Client, clock: ManualClock) -> None:
    prediction = client.post(LLAMA, json={"input": {"prompt": "one two"}, "stream": True}).json()
    clock.advance(10)
    events = parse(client.get(prediction["urls"]["stream"]).text)
    outputs = [e["data"] for e in events if e["event"] == "output"]
    assert "".join(outputs) == "You said: one two."
    assert events[-1] == {"event": "done", "id": str(len(events)), "data": "{}"}
    assert [int(e["id"]) for e in events] == list(range(1, len(events) + 1))


def test_events_arrive_while_the_prediction_runs(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    prediction = client.post(
        LLAMA, json={"input": {"prompt": "a b c", "seconds_per_token": 1}}
    ).json()
    with client.stream("GET", prediction["urls"]["stream"]) as response:
        chunks = response.iter_text()
        first = next(chunks)
        assert "event: logs" in first and "event: done" not in first
        clock.advance(1)
        assert "data: You" in next(chunks)
        clock.advance(10)
        rest = "".join(chunks)
    assert rest.endswith("event: done\nid: 8\ndata: {}\n\n")


def test_last_event_id_resumes_without_loss_or_repeat(
    client: httpx.Client, clock: ManualClock
) -> None:
    prediction = client.post(LLAMA, json={"input": {"prompt": "x y z"}}).json()
    clock.advance(10)
    full = parse(client.get(prediction["urls"]["stream"]).text)
    resumed = parse(client.get(prediction["urls"]["stream"], headers={"Last-Event-ID": "3"}).text)
    assert resumed == full[3:]


def test_canceled_prediction_ends_stream_with_reason(
    client: httpx.Client, emulator: Emulator
) -> None:
    prediction = client.post(LLAMA, json={"input": {"prompt": "never"}, "stream": True}).json()
    client.post(f"/predictions/{prediction['id']}/cancel")
    events = parse(client.get(prediction["urls"]["stream"]).text)
    assert events[-1]["event"] == "done" and events[-1]["data"] == '{"reason": "canceled"}'


def test_failed_prediction_streams_an_error_event(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    add_streaming_models(emulator)
    prediction = client.post("/predictions", json={"version": FAILING_STREAM, "input": {}}).json()
    clock.advance(1)
    events = parse(client.get(prediction["urls"]["stream"]).text)
    assert [e["event"] for e in events[-2:]] == ["error", "done"]


def test_a_model_that_does_not_stream_has_no_stream_url_even_when_asked(
    client: httpx.Client, emulator: Emulator
) -> None:
    # The spec: `stream` is deprecated; a prediction has a stream URL if its model streams.
    version = emulator.model("emulator/slow").version_id
    prediction = client.post(
        "/predictions", json={"version": version, "input": {}, "stream": True}
    ).json()
    assert "stream" not in prediction["urls"]


def test_stream_over_loopback() -> None:
    fast = Emulator()
    try:
        with (
            fast.serve() as server,
            httpx.Client(
                base_url=server.base_url, headers={"Authorization": "Bearer r8_emulator_test_token"}
            ) as client,
        ):
            prediction = client.post(
                LLAMA, json={"input": {"prompt": "p q", "seconds_per_token": 0}}
            ).json()
            with client.stream("GET", prediction["urls"]["stream"]) as response:
                text = "".join(response.iter_text())
        assert parse(text)[-1]["event"] == "done"
    finally:
        fast.close()


async def test_async_stream_in_process(aclient: httpx.AsyncClient, clock: ManualClock) -> None:
    prediction = (await aclient.post(LLAMA, json={"input": {"prompt": "async words"}})).json()
    clock.advance(10)
    async with aclient.stream("GET", prediction["urls"]["stream"]) as response:
        text = "".join([chunk async for chunk in response.aiter_text()])
    assert (
        "".join(e["data"] for e in parse(text) if e["event"] == "output")
        == "You said: async words."
    )


def test_long_streams_are_fast() -> None:
    async def many(n: int = 50_000):  # type: ignore[no-untyped-def]
        for i in range(n):
            yield str(i)

    with Emulator() as emulator:
        emulator.add_model("me/many", many, official=True)
        with (
            emulator.serve() as server,
            httpx.Client(
                base_url=server.base_url, headers={"Authorization": "Bearer r8_emulator_test_token"}
            ) as client,
        ):
            prediction = client.post("/models/me/many/predictions", json={"input": {}}).json()
            with client.stream("GET", prediction["urls"]["stream"]) as response:
                count = sum(1 for line in response.iter_lines() if line.startswith("event: output"))
    assert count == 50_000
