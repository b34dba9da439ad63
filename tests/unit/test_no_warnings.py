"""Scripts that use the SDK the plain way run clean under ``python -X dev -W error``."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest
from example_support import STRICT_PYTHON, assert_clean, clean_environment

from replicate.testing import DEFAULT_TOKEN, Emulator, SystemClock


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with Emulator(clock=SystemClock(speed=100)) as emulator, emulator.serve() as server:
        yield server.base_url


SCRIPTS = {
    "a client never closed": """
        import replicate
        client = replicate.Replicate()
        print(client.run("replicate/hello-world", {"text": "a"}))
    """,
    "a copy made with with_options, its original dropped": """
        import replicate
        client = replicate.Replicate().with_options(max_retries=1)
        print(client.run("replicate/hello-world", {"text": "a"}))
    """,
    "the module-level client": """
        import replicate
        print(replicate.run("replicate/hello-world", {"text": "a"}))
    """,
    "async_wait of a sync prediction in asyncio.run": """
        import asyncio, replicate
        prediction = replicate.predictions.create(model="replicate/hello-world", input={"text": "a"})
        asyncio.run(prediction.async_wait())
        asyncio.run(replicate.async_run("replicate/hello-world", {"text": "b"}))
        print(prediction.output)
    """,
    "an async client in async with": """
        import asyncio, replicate
        async def main():
            async with replicate.AsyncReplicate() as client:
                print(await client.run("replicate/hello-world", {"text": "a"}))
        asyncio.run(main())
    """,
}


@pytest.mark.parametrize("script", list(SCRIPTS), ids=list(SCRIPTS))
def test_runs_without_warnings(script: str, base_url: str) -> None:
    env = {
        **clean_environment(),
        "REPLICATE_API_TOKEN": DEFAULT_TOKEN,
        "REPLICATE_BASE_URL": base_url,
        "REPLICATE_POLL_INTERVAL": "0.01",
    }
    result = subprocess.run(
        [sys.executable, *STRICT_PYTHON, "-c", textwrap.dedent(SCRIPTS[script])],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "hello a" in result.stdout
    assert_clean(result.stderr)
