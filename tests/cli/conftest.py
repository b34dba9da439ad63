"""Fixtures of the command's tests: a loopback emulator per module, a clean home per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_support import Api, cli_environment, echo, ticker

from replicate.testing import DEFAULT_TOKEN, Emulator, Server, SystemClock


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Emulator, Server]]:
    # Ten times real time: the built-in emulator/slow model's seconds pass quickly.
    with Emulator(clock=SystemClock(speed=10)) as emulator, emulator.serve() as server:
        emulator.add_model("test/ticker", ticker, official=True)
        emulator.add_model("test/echo", echo)
        yield emulator, server


@pytest.fixture
def api(served: tuple[Emulator, Server], tmp_path: Path) -> Api:
    emulator, server = served
    env = cli_environment(
        tmp_path,
        {
            "REPLICATE_API_TOKEN": DEFAULT_TOKEN,
            "REPLICATE_BASE_URL": server.base_url,
            "REPLICATE_POLL_INTERVAL": "0.05",
        },
    )
    return Api(emulator, server, env)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """An environment with no Replicate settings at all."""
    return cli_environment(tmp_path)
