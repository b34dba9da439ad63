"""Listing reads only the documents that changed since the last listing (local cache)."""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

import pytest

from replicate.experiments import Repository
from replicate.experiments._cache import ListingCache
from replicate.experiments._model import Checkpoint, CheckpointList, Experiment
from replicate.experiments._timefmt import utc_now
from replicate.experiments.store import LocalStore


class CountingStore(LocalStore):
    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.gets: list[str] = []

    def get(self, key: str) -> tuple[bytes, str]:
        self.gets.append(key)
        return super().get(key)


def make(repository: Repository, number: int) -> Experiment:
    experiment = Experiment(
        id=str(number) * 64,
        created=utc_now(),
        params={"n": number},
        checkpoints=CheckpointList(
            [Checkpoint(id=f"c{number}".ljust(64, "0"), created=utc_now(), metrics={"m": number})]
        ),
    )
    repository.create_experiment(experiment)
    return experiment


def summary(repository: Repository) -> list[tuple[str, Any, list[Any]]]:
    return [
        (e.id[0], e.params["n"], [c.metrics for c in e.checkpoints])
        for e in repository.list_experiments()
    ]


@pytest.fixture
def store(tmp_path: Path) -> CountingStore:
    return CountingStore(tmp_path / "repository")


def test_a_second_listing_reads_only_changed_documents(store: CountingStore) -> None:
    repository = Repository(store)
    for number in (1, 2, 3):
        make(repository, number)
    first = summary(repository)
    assert first == [("1", 1, [{"m": 1}]), ("2", 2, [{"m": 2}]), ("3", 3, [{"m": 3}])]
    store.gets.clear()
    assert summary(repository) == first
    assert [key for key in store.gets if "/experiments/" in key] == []

    doomed = repository.get("3")
    repository.update_experiment("2" * 64, lambda doc: doc["params"].update(n=20))
    repository.delete_experiment(doomed)
    store.gets.clear()
    assert summary(repository) == [("1", 1, [{"m": 1}]), ("2", 20, [{"m": 2}])]
    assert [key for key in store.gets if "/experiments/" in key] == [
        f"metadata/experiments/{'2' * 64}.json"
    ]


def test_a_damaged_cache_is_ignored(store: CountingStore) -> None:
    repository = Repository(store)
    make(repository, 1)
    summary(repository)
    cache = ListingCache(store.url)
    assert cache.path is not None and cache.path.exists()
    cache.path.write_bytes(b"not marshal data")
    assert summary(repository) == [("1", 1, [{"m": 1}])]
    cache.path.write_bytes(marshal.dumps(["not", "a", "dict"]))
    assert summary(repository) == [("1", 1, [{"m": 1}])]
