"""Server-sent events end to end: ``stream()``, ``prediction.stream()``, resuming after cuts."""

from __future__ import annotations

import pytest
from streaming_models import FAILING_STREAM, add_streaming_models

from replicate import AsyncReplicate, ModelError, NotFoundError, ReplicateError, ServerSentEvent
from replicate.testing import Cut, Emulator

STREAM_ROUTE = "GET /predictions/{prediction_id}/stream"
PROMPT = "one two three four five six seven eight nine ten"
REPLY = "You said: one two three four five six seven eight nine ten."


async def collect(events: object) -> list[ServerSentEvent]:
    return [event async for event in events]  # type: ignore[attr-defined]  # pyright: ignore


async def test_stream_yields_output_logs_and_done(client: AsyncReplicate) -> None:
    events = await collect(client.stream("meta/meta-llama-3-8b-instruct", input={"prompt": "hi"}))
    assert events[0].event == "logs"
    assert {e.event for e in events} == {"logs", "output", "done"}
    assert events[-1].event == "done"
    assert "".join(str(e) for e in events) == "You said: hi."


async def test_five_cuts_mid_output_lose_and_repeat_nothing(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    emulator.faults.add(STREAM_ROUTE, Cut(after_events=2), times=5)
    events = await collect(client.stream("meta/meta-llama-3-8b-instruct", {"prompt": PROMPT}))
    ids = [e.id for e in events]
    assert ids == [str(n) for n in range(1, len(events) + 1)]
    assert "".join(str(e) for e in events) == REPLY
    streams = emulator.requests.matching(STREAM_ROUTE)
    assert len(streams) == 6
    assert [r.headers.get("last-event-id") for r in streams] == [None, "2", "4", "6", "8", "10"]


async def test_cuts_inside_an_event_resend_it_whole(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    emulator.faults.add(STREAM_ROUTE, Cut(after_bytes=40), times=5)
    events = await collect(client.stream("meta/meta-llama-3-8b-instruct", {"prompt": PROMPT}))
    assert "".join(str(e) for e in events) == REPLY
    assert len({e.id for e in events}) == len(events)


async def test_prediction_stream_after_create(client: AsyncReplicate) -> None:
    prediction = await client.predictions.create(
        model="meta/meta-llama-3-8b-instruct", input={"prompt": "a b"}, stream=True
    )
    text = "".join([str(event) async for event in prediction.stream()])
    assert text == "You said: a b."


async def test_an_error_event_raises_model_error(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    add_streaming_models(emulator)
    prediction = await client.predictions.create(model=FAILING_STREAM, input={"message": "boom"})
    with pytest.raises(ModelError, match="boom") as caught:
        await collect(prediction.stream())
    assert caught.value.prediction.status == "failed"
    assert "step 1" in (caught.value.prediction.logs or "")


async def test_a_prediction_without_stream_url_says_so(client: AsyncReplicate) -> None:
    prediction = await client.predictions.create(model="replicate/hello-world", input={})
    with pytest.raises(ValueError, match="does not stream its output"):
        prediction.stream()  # at the call, before any iteration or request


async def test_the_token_goes_only_to_the_api_origin(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    await collect(client.stream("meta/meta-llama-3-8b-instruct", {"prompt": "x"}))
    stream_request = emulator.requests.matching(STREAM_ROUTE)[0]
    assert stream_request.headers["authorization"].startswith("Bearer ")
    assert stream_request.headers["accept"] == "text/event-stream"


async def test_stream_of_a_model_that_cannot_stream_says_so_and_cancels(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    slow = emulator.model("emulator/slow").version_id
    with pytest.raises(ReplicateError, match="cannot stream its output") as caught:
        await collect(client.stream(f"emulator/slow:{slow}", input={"seconds": 300}))
    assert not isinstance(caught.value, ValueError)
    [prediction_id] = emulator.prediction_ids()
    assert emulator.requests.count("predictions.cancel") == 1
    assert (await client.predictions.get(prediction_id)).status == "canceled"


async def test_stream_of_a_bad_reference_raises_before_any_event(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    with pytest.raises(NotFoundError):
        # The sync client raises at the call, async code at the first iteration.
        events = client.stream("nobody/nothing", input={"prompt": "hi"})
        await collect(events)
