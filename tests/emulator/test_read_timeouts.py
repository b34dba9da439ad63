"""In-process requests time out like socket reads: the read timeout runs on the emulator's clock."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from streaming_models import SLOW_STREAM, add_streaming_models

from replicate.testing import (
    DEFAULT_TOKEN,
    HELLO_WORLD_VERSION,
    Delay,
    Emulator,
    ManualClock,
    SystemClock,
)

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
SLOW = {"input": {"seconds": 30, "steps": 1}}


def slow_version(emulator: Emulator) -> str:
    return emulator.model("emulator/slow").version_id


def streaming_slow(emulator: Emulator) -> str:
    """``emulator/slow`` as a streaming model, run by name (it has a stream URL)."""
    add_streaming_models(emulator)
    return SLOW_STREAM


@pytest.fixture
def fast_emulator() -> Iterator[Emulator]:
    """An emulator whose clock runs 100 times faster than real time."""
    with Emulator(clock=SystemClock(speed=100)) as emulator:
        yield emulator


def test_a_hold_longer_than_the_read_timeout_raises_read_timeout(fast_emulator: Emulator) -> None:
    # Prefer: wait=10 holds for 10 s of emulator time; the client gives up after 1 s of it.
    with httpx.Client(
        base_url=fast_emulator.base_url, transport=fast_emulator.transport(), headers=AUTH
    ) as client:
        started = time.monotonic()
        with pytest.raises(httpx.ReadTimeout):
            client.post(
                "/predictions",
                json={"version": slow_version(fast_emulator), **SLOW},
                headers={"Prefer": "wait=10"},
                timeout=httpx.Timeout(5.0, read=1.0),
            )
        assert time.monotonic() - started < 1.0  # 1 emulator second is 10 ms here
    # The server had already created the prediction when the client gave up.
    assert len(fast_emulator.prediction_ids()) == 1


def test_a_hold_within_the_read_timeout_answers(fast_emulator: Emulator) -> None:
    with httpx.Client(
        base_url=fast_emulator.base_url, transport=fast_emulator.transport(), headers=AUTH
    ) as client:
        response = client.post(
            "/predictions",
            json={"version": slow_version(fast_emulator), **SLOW},
            headers={"Prefer": "wait=2"},
            timeout=httpx.Timeout(5.0, read=3.0),
        )
    assert response.status_code == 202 and response.json()["status"] == "processing"


def test_no_read_timeout_means_no_limit(fast_emulator: Emulator) -> None:
    fast_emulator.faults.add("account.get", Delay(100))  # one real second
    with httpx.Client(
        base_url=fast_emulator.base_url,
        transport=fast_emulator.transport(),
        headers=AUTH,
        timeout=httpx.Timeout(None),
    ) as client:
        assert client.get("/account").status_code == 200


async def test_async_transport_times_out_on_a_slow_response(fast_emulator: Emulator) -> None:
    fast_emulator.faults.add("account.get", Delay(30))
    async with httpx.AsyncClient(
        base_url=fast_emulator.base_url,
        transport=fast_emulator.async_transport(),
        headers=AUTH,
        timeout=httpx.Timeout(5.0, read=2.0),
    ) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/account")
        assert (await client.get("/account")).status_code == 200  # one slow answer only


def test_manual_clock_times_out_only_when_advanced_past_the_read_timeout() -> None:
    clock = ManualClock()
    with Emulator(clock=clock) as emulator:
        emulator.faults.add("account.get", Delay(5))
        outcome: list[object] = []

        def request() -> None:
            with httpx.Client(
                base_url=emulator.base_url,
                transport=emulator.transport(),
                headers=AUTH,
                timeout=httpx.Timeout(60.0, read=3.0),
            ) as client:
                try:
                    outcome.append(client.get("/account").status_code)
                except httpx.ReadTimeout as exc:
                    outcome.append(exc)

        thread = threading.Thread(target=request)
        thread.start()
        while not emulator.requests.count("account.get"):
            time.sleep(0.01)
        clock.advance(2.9)
        time.sleep(0.1)
        assert outcome == []  # still waiting: 2.9 of the 3 seconds have passed
        clock.advance(0.2)
        thread.join(5)
    assert len(outcome) == 1 and isinstance(outcome[0], httpx.ReadTimeout)


async def test_manual_clock_answer_before_the_timeout_is_not_a_timeout() -> None:
    # The hold ends (wait=5) before the read timeout (6 s): stepping the clock past both
    # at once still gives the answer, never a spurious timeout.
    clock = ManualClock()
    with Emulator(clock=clock) as emulator:
        async with httpx.AsyncClient(
            base_url=emulator.base_url,
            transport=emulator.async_transport(),
            headers=AUTH,
            timeout=httpx.Timeout(60.0, read=6.0),
        ) as client:
            for created in range(1, 6):
                request = asyncio.ensure_future(
                    client.post(
                        "/predictions",
                        json={"version": slow_version(emulator), **SLOW},
                        headers={"Prefer": "wait=5"},
                    )
                )
                for _ in range(500):
                    if len(emulator.prediction_ids()) == created:
                        break
                    await asyncio.sleep(0.01)
                await asyncio.sleep(0.05)  # the hold is waiting on the clock
                await asyncio.to_thread(clock.advance, 100)
                response = await request
                assert response.status_code == 202


def test_a_stream_that_goes_quiet_times_out_between_chunks(fast_emulator: Emulator) -> None:
    with httpx.Client(
        base_url=fast_emulator.base_url, transport=fast_emulator.transport(), headers=AUTH
    ) as client:
        prediction = client.post(
            "/predictions",
            json={"version": streaming_slow(fast_emulator), **SLOW},
        ).json()
        with (
            client.stream(
                "GET", prediction["urls"]["stream"], timeout=httpx.Timeout(5.0, read=5.0)
            ) as response,
            pytest.raises(httpx.ReadTimeout),
        ):
            # The first log line comes at once; the next only after 30 emulator seconds.
            for _ in response.iter_lines():
                pass


async def test_async_stream_times_out_between_chunks(fast_emulator: Emulator) -> None:
    async with httpx.AsyncClient(
        base_url=fast_emulator.base_url, transport=fast_emulator.async_transport(), headers=AUTH
    ) as client:
        prediction = (
            await client.post(
                "/predictions",
                json={"version": streaming_slow(fast_emulator), **SLOW},
            )
        ).json()
        with pytest.raises(httpx.ReadTimeout):
            async with client.stream(
                "GET", prediction["urls"]["stream"], timeout=httpx.Timeout(5.0, read=5.0)
            ) as response:
                async for _ in response.aiter_lines():
                    pass


def test_a_quick_answer_is_unaffected_by_a_short_timeout(fast_emulator: Emulator) -> None:
    with httpx.Client(
        base_url=fast_emulator.base_url,
        transport=fast_emulator.transport(),
        headers=AUTH,
        timeout=httpx.Timeout(5.0, read=0.5),
    ) as client:
        response = client.post(
            "/predictions",
            json={"version": HELLO_WORLD_VERSION, "input": {"text": "quick"}},
            headers={"Prefer": "wait=5"},
        )
    assert response.json()["output"] == "hello quick"
