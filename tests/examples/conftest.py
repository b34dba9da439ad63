"""Fixtures for the example tests: an emulator served on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from example_support import Served

from replicate.testing import Emulator, SystemClock


@pytest.fixture
def served() -> Iterator[Served]:
    # Sped up so that the models' simulated work takes milliseconds; pages of two items so
    # that listing walks several pages.
    emulator = Emulator(clock=SystemClock(speed=20), page_size=2)
    with emulator, emulator.serve() as server:
        yield Served(emulator, server)
