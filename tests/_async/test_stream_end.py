"""A stream the server closes before ``done``: finished predictions end it, running ones resume."""

from __future__ import annotations

import httpx
import pytest
import respx

from replicate import AsyncReplicate, ModelError

from .conftest import API, prediction_json

STREAM = "https://stream.replicate.com/v1/files/p1"
SSE = {"Content-Type": "text/event-stream"}


def streaming_prediction(status: str = "starting", **changes: object) -> dict[str, object]:
    return prediction_json(
        status=status,
        urls={
            "get": f"{API}/predictions/p1",
            "cancel": f"{API}/predictions/p1/cancel",
            "stream": STREAM,
        },
        **changes,
    )


async def test_a_stream_closed_early_for_a_finished_prediction_ends_at_once(
    client: AsyncReplicate, respx_mock: respx.MockRouter, sleeps: list[float]
) -> None:
    respx_mock.get(f"{API}/predictions/p1").mock(
        side_effect=[
            httpx.Response(200, json=streaming_prediction()),
            httpx.Response(200, json=streaming_prediction("succeeded", output=["a", "b"])),
        ]
    )
    stream = respx_mock.get(STREAM).respond(
        200, headers=SSE, content=b"id: 1\nevent: output\ndata: a\n\n"
    )
    prediction = await client.predictions.get("p1")
    events = [str(event) async for event in prediction.stream()]
    assert events == ["a"]
    assert stream.call_count == 1
    assert sleeps == []
    assert prediction.status == "succeeded"


async def test_a_stream_closed_early_while_running_resumes_after_the_last_event(
    client: AsyncReplicate, respx_mock: respx.MockRouter, sleeps: list[float]
) -> None:
    respx_mock.get(f"{API}/predictions/p1").respond(200, json=streaming_prediction("processing"))
    stream = respx_mock.get(STREAM).mock(
        side_effect=[
            httpx.Response(200, headers=SSE, content=b"id: 1\nevent: output\ndata: a\n\n"),
            httpx.Response(
                200,
                headers=SSE,
                content=b"id: 2\nevent: output\ndata: b\n\nid: 3\nevent: done\ndata: {}\n\n",
            ),
        ]
    )
    prediction = await client.predictions.get("p1")
    events = [event async for event in prediction.stream()]
    assert [str(event) for event in events if event.event == "output"] == ["a", "b"]
    assert events[-1].event == "done"
    assert stream.calls[1].request.headers["Last-Event-ID"] == "1"
    assert len(sleeps) == 1


async def test_a_stream_closed_early_for_a_failed_prediction_raises_model_error(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions/p1").mock(
        side_effect=[
            httpx.Response(200, json=streaming_prediction()),
            httpx.Response(200, json=streaming_prediction("failed", error="out of memory")),
        ]
    )
    respx_mock.get(STREAM).respond(200, headers=SSE, content=b"")
    prediction = await client.predictions.get("p1")
    with pytest.raises(ModelError, match="out of memory"):
        [event async for event in prediction.stream()]
