"""``timeout=`` holds while the client waits on a prediction's event stream (real clock, loopback)."""

from __future__ import annotations

import time

import pytest
from streaming_models import SLOW_STREAM, add_streaming_models

from replicate import AsyncReplicate, PredictionTimeoutError
from replicate.testing import DEFAULT_TOKEN, Emulator


async def test_timeout_cancels_a_prediction_waited_for_on_its_stream(emulator: Emulator) -> None:
    add_streaming_models(emulator)
    with emulator.serve() as server:
        async with AsyncReplicate(
            bearer_token=DEFAULT_TOKEN, base_url=server.base_url, max_retries=0
        ) as client:
            started = time.monotonic()
            with pytest.raises(PredictionTimeoutError) as caught:
                await client.run(SLOW_STREAM, {"seconds": 600}, wait=False, timeout=0.5)
            elapsed = time.monotonic() - started
    prediction_id = caught.value.prediction.id
    assert emulator.prediction(prediction_id)["status"] == "canceled"
    assert emulator.requests.count("predictions.stream") >= 1
    assert elapsed < 3
