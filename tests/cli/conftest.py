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


@pytest.fixture(scope="module")
def s3_env() -> Iterator[dict[str, str]]:
    """An S3 API on loopback (moto's server), a new bucket in it, and the environment for both.

    ``TEST_BUCKET_URL`` is the bucket's ``s3://`` URL; the rest is what boto3 reads.
    """
    import socket

    boto3 = pytest.importorskip("boto3")
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = ThreadedMotoServer("127.0.0.1", port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL_S3": endpoint,
        "TEST_BUCKET_URL": "s3://cli-tests",
    }
    boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
    ).create_bucket(Bucket="cli-tests")  # fmt: skip
    try:
        yield env
    finally:
        server.stop()
