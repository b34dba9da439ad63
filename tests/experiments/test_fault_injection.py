"""A store that fails at the n-th call, for every n: tracking never raises, data is retried,
and the repository never lists a checkpoint whose files are missing."""

from __future__ import annotations

import uuid
import warnings
from pathlib import Path
from typing import Any

import pytest
from experiments.invariants import check_repository

import replicate
from replicate.experiments import ConfigError, StorageError
from replicate.experiments.store import MemoryStore, _memory_stores


class FaultyStore:
    """Wraps a store; call number ``fail_at`` fails, and with ``crash`` every later one too."""

    def __init__(self, inner: MemoryStore, fail_at: int | None = None, crash: bool = False) -> None:
        self.inner = inner
        self.url = inner.url
        self.fail_at = fail_at
        self.crash = crash
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            number = self.calls
            self.calls += 1
            if self.fail_at is not None and (
                number == self.fail_at or (self.crash and number > self.fail_at)
            ):
                raise StorageError(f"injected failure at call {number} ({name})")
            return method(*args, **kwargs)

        return call


def scenario(project: Path, store: FaultyStore) -> bool:
    """Record an experiment with three checkpoints; False if init() refused to start."""
    _memory_stores[store.url] = store  # type: ignore[assignment]
    (project / "replicate.yaml").write_text(f"repository: {store.url}\n")
    (project / "weights").mkdir(exist_ok=True)
    try:
        experiment = replicate.init(
            path=".", params={"lr": 0.1}, disable_heartbeat=True, quiet=True
        )
    except ConfigError:
        return False
    for step in range(3):
        (project / "weights" / "w.bin").write_bytes(bytes([step]) * 5000)
        experiment.checkpoint(path="weights", metrics={"loss": 1 / (step + 1)}, quiet=True)
    experiment.stop()
    return True


def total_calls(project: Path) -> int:
    store = FaultyStore(MemoryStore(f"memory://{uuid.uuid4().hex}"))
    assert scenario(project, store)
    assert check_repository(store.inner) == 3
    return store.calls


def test_one_failed_call_anywhere_is_retried_and_nothing_is_lost(project: Path) -> None:
    calls = total_calls(project)
    assert calls > 20
    for fail_at in range(calls):
        store = FaultyStore(MemoryStore(f"memory://{uuid.uuid4().hex}"), fail_at)
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            started = scenario(project, store)
        if not started:
            # Reading and creating repository.json (at most 4 calls) is checked at init().
            assert fail_at < 4, "only the repository checks at init() may refuse to start"
            continue
        assert check_repository(store.inner) == 3, f"failure at call {fail_at} lost data"


@pytest.mark.parametrize("crash_at_fraction", [i / 10 for i in range(10)])
def test_a_store_that_dies_leaves_no_broken_checkpoint(
    project: Path, crash_at_fraction: float
) -> None:
    calls = total_calls(project)
    store = FaultyStore(
        MemoryStore(f"memory://{uuid.uuid4().hex}"), int(calls * crash_at_fraction), crash=True
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        started = scenario(project, store)
    check_repository(store.inner)
    if started:
        assert any("could not" in str(warning.message) for warning in caught)
