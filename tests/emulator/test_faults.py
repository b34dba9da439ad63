"""Injected faults: statuses, delays, dropped connections and cut streams, counted per call."""

from __future__ import annotations

import time

import httpx
import pytest

from replicate.testing import (
    DEFAULT_TOKEN,
    HELLO_WORLD_VERSION,
    Cut,
    Delay,
    Drop,
    Emulator,
    ManualClock,
    Status,
    SystemClock,
)

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
CREATE = {"version": HELLO_WORLD_VERSION, "input": {"text": "x"}}


def test_status_429_with_retry_after_then_success(client: httpx.Client, emulator: Emulator) -> None:
    emulator.faults.add(
        "POST /predictions", Status(429, retry_after=1, retry_after_ms=1500), times=1
    )
    first = client.post("/predictions", json=CREATE)
    assert first.status_code == 429
    assert (first.headers["retry-after"], first.headers["retry-after-ms"]) == ("1", "1500")
    assert first.json()["status"] == 429
    assert client.post("/predictions", json=CREATE).status_code == 201
    assert emulator.requests.count("predictions.create") == 2
    assert len(emulator.prediction_ids()) == 1


def test_html_5xx_and_skip_counts(client: httpx.Client, emulator: Emulator) -> None:
    emulator.faults.add("predictions.list", Status(502, html=True), skip=1, times=1)
    assert client.get("/predictions").status_code == 200
    second = client.get("/predictions")
    assert second.status_code == 502 and second.headers["content-type"] == "text/html"
    assert client.get("/predictions").status_code == 200


def test_processed_status_still_creates(client: httpx.Client, emulator: Emulator) -> None:
    emulator.faults.add("predictions.create", Status(503, processed=True))
    assert client.post("/predictions", json=CREATE).status_code == 503
    assert len(emulator.prediction_ids()) == 1


def test_delay_slows_the_answer_on_the_emulators_clock() -> None:
    with Emulator(clock=SystemClock(speed=10)) as emulator:
        client = httpx.Client(
            base_url=emulator.base_url, transport=emulator.transport(), headers=AUTH
        )
        emulator.faults.add("account.get", Delay(2))  # 2 s on a clock 10x faster
        started = time.monotonic()
        assert client.get("/account").status_code == 200
        assert 0.2 <= time.monotonic() - started < 1.5


def test_delay_longer_than_the_timeout_over_loopback_times_out() -> None:
    with Emulator() as emulator, emulator.serve() as server:
        emulator.faults.add("account.get", Delay(1))
        with (
            httpx.Client(base_url=server.base_url, timeout=0.1, headers=AUTH) as client,
            pytest.raises(httpx.ReadTimeout),
        ):
            client.get("/account")


@pytest.mark.parametrize("processed", [False, True])
def test_drop_in_process_raises_remote_protocol_error(
    client: httpx.Client, emulator: Emulator, processed: bool
) -> None:
    emulator.faults.add("POST /predictions", Drop(processed=processed))
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/predictions", json=CREATE)
    assert len(emulator.prediction_ids()) == (1 if processed else 0)


def test_drop_over_loopback(served: httpx.Client, emulator: Emulator) -> None:
    emulator.faults.add("account.get", Drop())
    with pytest.raises(httpx.RemoteProtocolError):
        served.get("/account")
    assert served.get("/account").status_code == 200


def test_cut_body_after_bytes(
    client: httpx.Client, served: httpx.Client, emulator: Emulator
) -> None:
    emulator.faults.add("hardware.list", Cut(after_bytes=10), times=2)
    for c in (client, served):
        with pytest.raises(httpx.RemoteProtocolError):
            c.get("/hardware")


def test_cut_stream_after_events_then_resume(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    prediction = client.post(
        "/models/meta/meta-llama-3-8b-instruct/predictions", json={"input": {"prompt": "a b c d"}}
    ).json()
    clock.advance(10)
    emulator.faults.add("predictions.stream", Cut(after_events=3))
    received: list[str] = []
    with (
        pytest.raises(httpx.RemoteProtocolError),
        client.stream("GET", prediction["urls"]["stream"]) as response,
    ):
        for line in response.iter_lines():
            received.append(line)
    ids = [line.split(": ")[1] for line in received if line.startswith("id: ")]
    assert ids == ["1", "2", "3"]
    rest = client.get(prediction["urls"]["stream"], headers={"Last-Event-ID": ids[-1]}).text
    assert rest.startswith("event: output\nid: 4\n")


async def test_async_drop_and_cut(aclient: httpx.AsyncClient, emulator: Emulator) -> None:
    emulator.faults.add("account.get", Drop())
    with pytest.raises(httpx.RemoteProtocolError):
        await aclient.get("/account")
    emulator.faults.add("hardware.list", Cut(after_bytes=5))
    with pytest.raises(httpx.RemoteProtocolError):
        await aclient.get("/hardware")


def test_requests_are_recorded_with_headers_and_sizes(
    client: httpx.Client, emulator: Emulator
) -> None:
    client.post("/predictions", json=CREATE, headers={"X-Trace": "1"})
    record = emulator.requests.matching("POST /predictions")[0]
    assert record.headers["x-trace"] == "1" and record.body_size > 0 and record.status == 201


def test_cut_needs_exactly_one_limit() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Cut()
