"""Emulator models that stream, for tests of waiting on a prediction's event stream.

Per the API, a prediction has a stream URL only when its model streams; these are
``emulator/slow`` and ``emulator/fail`` as streaming (async generator) models.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from replicate.testing import Emulator
from replicate.testing._builtin_models import failing_model, slow_model

SLOW_STREAM = "emulator-tests/slow-stream"
"""A model like ``emulator/slow`` (``seconds``, ``steps``, progress in its logs) that streams."""

FAILING_STREAM = "emulator-tests/fail-stream"
"""A model like ``emulator/fail`` that streams (so its predictions have a stream URL)."""


def add_streaming_models(emulator: Emulator) -> None:
    """Register :data:`SLOW_STREAM` and :data:`FAILING_STREAM` (official: run by name)."""

    async def slow_stream(seconds: float = 10.0, steps: int = 10) -> AsyncIterator[str]:
        yield await slow_model(seconds, steps)

    async def failing_stream(message: str = "boom", after_lines: int = 3) -> AsyncIterator[str]:
        yield await failing_model(message, after_lines)

    emulator.add_model(SLOW_STREAM, slow_stream, official=True)
    emulator.add_model(FAILING_STREAM, failing_stream, official=True)
