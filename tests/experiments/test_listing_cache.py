"""Listing reads only the documents that changed since the last listing (local cache)."""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

import pytest

from replicate.experiments import (
    AmbiguousPrefixError,
    DoesNotExistError,
    FilterError,
    Project,
    Repository,
)
from replicate.experiments._cache import ListingCache
from replicate.experiments._model import Checkpoint, CheckpointList, Experiment, PrimaryMetric
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


class ListingStore(CountingStore):
    """Counts listings as well as reads."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.lists: list[str] = []

    def list(self, prefix: str) -> Any:
        self.lists.append(prefix)
        return super().list(prefix)


def make_many(repository: Repository, count: int, checkpoints: int) -> list[Experiment]:
    made: list[Experiment] = []
    for number in range(count):
        experiment = Experiment(
            id=f"{number:x}".ljust(64, "e"),
            created=utc_now(),
            params={"n": number},
            checkpoints=CheckpointList(
                Checkpoint(
                    id=f"{number:x}{step:x}".ljust(64, "c"),
                    created=utc_now(),
                    step=step,
                    metrics={"loss": 1 / (step + 1)},
                    primary_metric=PrimaryMetric("loss", "minimize"),
                )
                for step in range(checkpoints)
            ),
        )
        repository.create_experiment(experiment)
        made.append(experiment)
    return made


def test_listing_filtering_and_sorting_build_no_checkpoint_but_best_and_latest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = Repository(LocalStore(tmp_path / "repository"))
    made = make_many(repository, 4, 10)
    built: list[str] = []
    original = Checkpoint.from_json.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Checkpoint], data: Any) -> Checkpoint:
        built.append(str(data["id"]))
        return original(cls, data)  # type: ignore[no-any-return]

    monkeypatch.setattr(Checkpoint, "from_json", classmethod(counting))
    project = Project(repository=str(tmp_path / "repository"))
    for _ in range(2):  # the first listing reads the documents, the second the cache
        built.clear()
        selected = project.experiments.list(filter=["loss < 0.5", "n >= 1"], sort="loss-desc")
        assert [experiment.params["n"] for experiment in selected] == [1, 2, 3]
        for experiment in selected:
            best, latest = experiment.best(), experiment.latest()
            assert best is not None and latest is not None and best.step == 9
        # One checkpoint per experiment: its best, which is also its latest.
        assert sorted(built) == sorted(e.checkpoints[9].id for e in made)
        with pytest.raises(FilterError, match="did you mean loss"):
            project.experiments.list(filter="los < 1")
    built.clear()
    assert len(selected[0].checkpoints) == 10 and len(built) == 9  # the rest, when asked
    assert selected[0].checkpoints[9] is selected[0].best()


def test_get_reads_only_the_matching_document(tmp_path: Path) -> None:
    store = ListingStore(tmp_path / "repository")
    repository = Repository(store)
    made = make_many(repository, 20, 3)
    store.gets.clear()
    found = repository.get(made[5].id[:3])
    assert found.id == made[5].id and len(found.checkpoints) == 3
    assert [key for key in store.gets if "/experiments/" in key] == [
        f"metadata/experiments/{made[5].id}.json"
    ]
    assert store.lists.count("metadata/experiments/") == 1


def test_find_lists_once_and_builds_only_the_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ListingStore(tmp_path / "repository")
    repository = Repository(store)
    made = make_many(repository, 20, 3)
    target = made[7].checkpoints[2]
    built: list[str] = []
    original = Experiment.from_json.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Experiment], data: Any, *args: Any, **kwargs: Any) -> Experiment:
        built.append(str(data["id"]))
        return original(cls, data, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Experiment, "from_json", classmethod(counting))
    store.lists.clear()
    found = repository.find(target.id[:5])
    assert isinstance(found, Checkpoint) and found.id == target.id
    assert found.experiment is not None and found.experiment.id == made[7].id
    assert store.lists.count("metadata/experiments/") == 1
    assert built == [made[7].id]
    assert isinstance(repository.find(made[3].id[:4]), Experiment)
    with pytest.raises(AmbiguousPrefixError):
        repository.find("1")  # experiment 1, 10-19 and their checkpoints
    with pytest.raises(DoesNotExistError):
        repository.find("ffff")


def test_removing_the_best_checkpoint_updates_what_listing_reports(tmp_path: Path) -> None:
    repository = Repository(LocalStore(tmp_path / "repository"))
    [made] = make_many(repository, 1, 4)
    [listed] = repository.list_experiments()
    best = listed.best()
    assert best is not None and best.step == 3
    repository.delete_checkpoint(best)
    [listed] = repository.list_experiments()
    best, latest = listed.best(), listed.latest()
    assert best is not None and best.step == 2 and latest is best
    assert listed.num_checkpoints == 3 and [c.step for c in listed.checkpoints] == [0, 1, 2]
    assert made.id == listed.id


def test_find_all_resolves_every_prefix_from_one_listing_or_none(tmp_path: Path) -> None:
    store = ListingStore(tmp_path / "repository")
    repository = Repository(store)
    made = make_many(repository, 20, 3)
    store.lists.clear()
    wanted = [made[7].checkpoints[0].id[:5], made[3].id[:4], made[7].checkpoints[2].id[:5]]
    first, second, third = repository.find_all(wanted)
    assert store.lists.count("metadata/experiments/") == 1
    assert isinstance(first, Checkpoint) and isinstance(third, Checkpoint)
    assert isinstance(second, Experiment) and second.id == made[3].id
    assert (first.id, third.id) == (made[7].checkpoints[0].id, made[7].checkpoints[2].id)
    assert first.experiment is third.experiment  # one object per experiment
    with pytest.raises(DoesNotExistError):
        repository.find_all([made[1].id[:4], "ffff"])
