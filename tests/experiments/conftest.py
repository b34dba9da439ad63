"""Fixtures for experiment tracking: stores of every kind, an S3 API on loopback (moto)."""

from __future__ import annotations

import os
import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from replicate.experiments.store import LocalStore, MemoryStore, S3Store, Store

S3_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """An S3 API (moto in server mode) on 127.0.0.1, for the whole test session.

    boto3 finds it through ``AWS_ENDPOINT_URL_S3``, with dummy credentials, as it would
    find MinIO; subprocesses inherit the same variables.
    """
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer("127.0.0.1", port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    saved = {name: os.environ.get(name) for name in [*S3_ENVIRONMENT, "AWS_ENDPOINT_URL_S3"]}
    os.environ.update(S3_ENVIRONMENT)
    os.environ["AWS_ENDPOINT_URL_S3"] = endpoint
    try:
        yield endpoint
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def new_bucket(endpoint: str) -> str:
    """A new empty bucket on the loopback S3."""
    import boto3

    name = f"test-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(Bucket=name)
    return name


@pytest.fixture
def s3_bucket(s3_endpoint: str) -> str:
    return new_bucket(s3_endpoint)


@pytest.fixture(params=["memory", "local", "s3"])
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Store:
    """A fresh, empty store of each kind."""
    if store_kind == "memory":
        return MemoryStore()
    if store_kind == "local":
        return LocalStore(tmp_path / "repository")
    endpoint = request.getfixturevalue("s3_endpoint")
    return S3Store(new_bucket(endpoint), "some/root")


@pytest.fixture
def repository_url(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh repository URL of each kind (as written in replicate.yaml)."""
    if store_kind == "memory":
        return f"memory://{uuid.uuid4().hex}"
    if store_kind == "local":
        return str(tmp_path / "repository")
    endpoint = request.getfixturevalue("s3_endpoint")
    return f"s3://{new_bucket(endpoint)}/experiments"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory, made the working directory."""
    directory = tmp_path / "project"
    directory.mkdir()
    monkeypatch.chdir(directory)
    for name in ("REPLICATE_REPOSITORY", "REPLICATE_STORAGE", "RANK", "LOCAL_RANK"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REPLICATE_HEARTBEAT_INTERVAL", "0.2")
    return directory


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing caches go to a directory of the test's own, not the user's cache."""
    monkeypatch.setenv("REPLICATE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _stop_current_experiment() -> Iterator[None]:
    """No experiment leaks from one test into the next."""
    yield
    from replicate.experiments import _api

    if _api._current is not None:  # pyright: ignore[reportPrivateUsage]
        _api._current.stop("finished")  # pyright: ignore[reportPrivateUsage]
        _api._current = None  # pyright: ignore[reportPrivateUsage]


def subprocess_environment(**extra: str) -> dict[str, Any]:
    """The environment for a training script run as a subprocess of the tests."""
    source = str(Path(__file__).resolve().parents[2] / "src")
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REPLICATE_", "PYTEST_"))
    }
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [source, os.environ.get("PYTHONPATH")])
    )
    environment["PYTHONUNBUFFERED"] = "1"
    environment.update(extra)
    return environment


PYTHON = sys.executable
