"""init(), checkpoint(), stop() and the analysis API, on memory, local and S3 repositories."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pytest

import replicate
from replicate.experiments import (
    AmbiguousPrefixError,
    Checkpoint,
    ConfigError,
    CorruptedRepositorySpec,
    DoesNotExistError,
    Experiment,
    IncompatibleRepositoryVersion,
    Project,
    open_repository,
)


def write_project(project: Path, repository_url: str, metrics: bool = True) -> None:
    text = f"repository: {repository_url}\n"
    if metrics:
        text += "metrics:\n- name: loss\n  goal: minimize\n  primary: true\n"
    (project / "replicate.yaml").write_text(text)
    (project / "train.py").write_text("print('training')\n")
    (project / "weights").mkdir()
    (project / "weights" / "model.pth").write_bytes(b"\x00weights-v1" * 1000)


def test_record_then_analyse(project: Path, repository_url: str) -> None:
    write_project(project, repository_url)
    experiment = replicate.init(learning_rate=0.01, layers=3, quiet=True)
    first = experiment.checkpoint(path="weights", metrics={"loss": 0.5, "acc": math.nan})
    (project / "weights" / "model.pth").write_bytes(b"\x00weights-v2" * 1000)
    second = replicate.checkpoint(path="weights/model.pth", metrics={"loss": 0.3})
    third = experiment.checkpoint(metrics={"loss": 0.4}, step=10)
    assert first is not None and second is not None and third is not None
    assert [first.step, second.step, third.step] == [0, 1, 10]
    experiment.stop()

    [stored] = replicate.experiments.list()
    assert stored.id == experiment.id
    assert stored.params == {"learning_rate": 0.01, "layers": 3}
    assert stored.path == "."
    assert stored.status == "stopped" and stored.exit_reason == "finished"
    assert [c.id for c in stored.checkpoints] == [first.id, second.id, third.id]
    assert math.isnan(stored.checkpoints[0].metrics["acc"])
    best, latest = stored.best(), stored.latest()
    assert best is not None and best.id == second.id
    assert latest is not None and latest.id == third.id
    assert stored.python_version and stored.host and stored.command
    assert "PyYAML" in stored.python_packages

    # Checkpoint files come back byte for byte, at their project-relative paths.
    out = project.parent / "out"
    written = stored.checkpoints[0].checkout(out)
    assert written == [out / "weights" / "model.pth"]
    assert written[0].read_bytes() == b"\x00weights-v1" * 1000
    with best.open("weights/model.pth") as stream:
        assert stream.read() == b"\x00weights-v2" * 1000
    with pytest.raises(DoesNotExistError):
        best.open("nope.txt")

    # The code snapshot, without replicate.yaml (the target keeps its own).
    code = project.parent / "code"
    stored.checkout(code)
    assert (code / "train.py").read_text() == "print('training')\n"
    assert not (code / "replicate.yaml").exists()


def test_get_and_find_by_prefix(project: Path, repository_url: str) -> None:
    write_project(project, repository_url, metrics=False)
    experiment = replicate.init(path=None, params={"a": 1}, quiet=True)
    checkpoint = experiment.checkpoint(metrics={"m": 1})
    experiment.stop()
    assert checkpoint is not None
    assert replicate.experiments.get(experiment.id[:7]).id == experiment.id
    repository = open_repository(directory=project)
    assert isinstance(repository.find(checkpoint.id[:10]), Checkpoint)
    assert isinstance(repository.find(experiment.id), Experiment)
    with pytest.raises(DoesNotExistError):
        repository.find("zzzz")
    with pytest.raises(DoesNotExistError):
        replicate.experiments.get(checkpoint.id[:10])  # get() is for experiments


def test_ambiguous_prefix(project: Path) -> None:
    write_project(project, "memory://ambiguous", metrics=False)
    repository = Project().repository
    repository.ensure_writable()
    from replicate.experiments._timefmt import utc_now

    for suffix in ("a", "b"):
        repository.create_experiment(Experiment(id="abc" + suffix * 61, created=utc_now()))
    with pytest.raises(AmbiguousPrefixError, match="2 matching"):
        repository.find("abc")
    assert repository.find("abca").id == "abc" + "a" * 61


def test_list_filters_and_sorts(project: Path, repository_url: str) -> None:
    write_project(project, repository_url)
    for lr, loss in ((0.1, 0.9), (0.01, 0.2), (0.001, 0.5)):
        with replicate.init(path=None, params={"lr": lr}, quiet=True) as experiment:
            experiment.checkpoint(metrics={"loss": loss})
    listed = replicate.experiments.list(filter="loss < 0.6", sort="loss-desc")
    assert [e.params["lr"] for e in listed] == [0.001, 0.01]
    assert listed.primary_metric() is not None


def test_delete_experiment_and_checkpoint(project: Path, repository_url: str) -> None:
    write_project(project, repository_url)
    with replicate.init(quiet=True) as experiment:
        experiment.checkpoint(path="weights", metrics={"loss": 1.0})
        experiment.checkpoint(metrics={"loss": 0.5})
    stored = replicate.experiments.get(experiment.id)
    stored.repository.delete_checkpoint(stored.checkpoints[0])  # type: ignore[union-attr]
    stored.refresh()
    assert [c.metrics["loss"] for c in stored.checkpoints] == [0.5]
    stored.delete()
    assert replicate.experiments.list() == []


def test_unchanged_files_are_stored_once(project: Path) -> None:
    write_project(project, "file://repo")
    repository = project / "repo"
    with replicate.init(quiet=True) as experiment:
        experiment.checkpoint(path="weights", metrics={"loss": 1.0})
        experiment.checkpoint(path="weights", metrics={"loss": 0.9})
    with replicate.init(quiet=True) as again:
        again.checkpoint(path="weights", metrics={"loss": 0.8})
    objects = [p for p in (repository / "objects").rglob("*") if p.is_file()]
    # replicate.yaml, train.py and model.pth: each content once for 2 snapshots + 3 checkpoints.
    assert len(objects) == 3
    digest = hashlib.sha256((project / "weights" / "model.pth").read_bytes()).hexdigest()
    assert (repository / "objects" / "sha256" / digest[:2] / digest[2:]).exists()
    assert not list((repository / "tmp").iterdir())  # staging cleaned up


def test_init_styles(project: Path) -> None:
    write_project(project, "memory://styles", metrics=False)
    keyword = replicate.init(learning_rate=0.1, quiet=True)
    assert keyword.path == "."
    explicit = replicate.init(path=None, params={"x": 1}, quiet=True)
    assert explicit.path is None and explicit.files is None
    assert keyword.ended is not None  # the second init() stopped the first
    assert keyword.files is not None and keyword.files.count == 3
    with pytest.raises(ConfigError, match="given twice"):
        replicate.init(params={"x": 1}, x=2)
    with pytest.raises(ConfigError, match="cannot be recorded"):
        replicate.init(model=object())
    with pytest.raises(ConfigError, match="snapshot"):
        replicate.init(path="missing-dir", params={})


def test_commit_is_the_reference_form(project: Path) -> None:
    write_project(project, "memory://commit")
    experiment = replicate.init(learning_rate=0.01, quiet=True)
    commit = experiment.commit(path="weights/", step=5, train_loss=0.425, loss=0.3)
    assert commit is not None
    assert commit.step == 5 and commit.metrics == {"train_loss": 0.425, "loss": 0.3}
    assert commit.primary_metric is not None and commit.primary_metric.name == "loss"
    assert experiment.commit(None, loss=0.2) is not None  # path=None saves nothing
    experiment.stop()


def test_call_site_primary_metric_wins_over_yaml(project: Path) -> None:
    write_project(project, "memory://primary")
    experiment = replicate.init(path=None, params={}, quiet=True)
    with pytest.warns(RuntimeWarning, match="loss declared in replicate.yaml are missing"):
        checkpoint = experiment.checkpoint(metrics={"acc": 0.9}, primary_metric=("acc", "maximize"))
    assert checkpoint is not None and checkpoint.primary_metric is not None
    assert checkpoint.primary_metric.goal == "maximize"
    experiment.stop()


def test_checkpoint_never_raises(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(project, "memory://never", metrics=False)
    experiment = replicate.init(path=None, params={}, quiet=True)
    with pytest.warns(RuntimeWarning, match="does not exist"):
        assert experiment.checkpoint(path="missing") is None
    with pytest.warns(RuntimeWarning, match="cannot be recorded"):
        assert experiment.checkpoint(metrics={"bad": object()}) is None
    with pytest.warns(RuntimeWarning, match="goal"):
        assert experiment.checkpoint(metrics={"m": 1}, primary_metric=("m", "up")) is None
    monkeypatch.setenv("REPLICATE_STRICT", "1")
    with pytest.raises(ValueError, match="does not exist"):
        experiment.checkpoint(path="missing")
    experiment.stop()


def test_other_distributed_ranks_record_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(project, "memory://ranks", metrics=False)
    monkeypatch.setenv("RANK", "1")
    experiment = replicate.init(lr=1, quiet=True)
    assert experiment.checkpoint(metrics={"m": 1}) is None
    assert replicate.experiments.list() == []


def test_writers_refuse_a_newer_repository_format(project: Path) -> None:
    write_project(project, "file://repo", metrics=False)
    (project / "repo").mkdir()
    (project / "repo" / "repository.json").write_text('{"version": 3}')
    with pytest.raises(IncompatibleRepositoryVersion, match="newer"):
        replicate.init(quiet=True)
    (project / "repo" / "repository.json").write_text("{not json")
    with pytest.raises(CorruptedRepositorySpec, match=r'should be \{"version": 2\}'):
        replicate.init(quiet=True)


def test_a_new_repository_records_its_format(project: Path) -> None:
    write_project(project, "file://repo", metrics=False)
    replicate.init(path=None, params={}, quiet=True).stop()
    spec = json.loads((project / "repo" / "repository.json").read_text())
    assert spec["version"] == 2 and spec["writer"].startswith("replicate-python/")


def test_s3_errors_at_init_say_what_to_fix(project: Path, s3_endpoint: str) -> None:
    write_project(project, "s3://no-such-bucket-here", metrics=False)
    with pytest.raises(ConfigError, match="does not exist"):
        replicate.init(quiet=True)


def test_concurrent_metadata_writers_keep_each_others_changes(project: Path) -> None:
    # The training process appends checkpoints while another process (the CLI) adds tags.
    write_project(project, "file://repo", metrics=False)
    experiment = replicate.init(path=None, params={}, quiet=True)
    repository = open_repository(directory=project)
    experiment.checkpoint(metrics={"m": 0})
    assert experiment.flush()
    for number in range(1, 20):
        experiment.checkpoint(metrics={"m": number}, quiet=True)
        repository.update_experiment(
            experiment.id, lambda doc, n=number: doc.__setitem__("tags", [*doc["tags"], f"t{n}"])
        )
    experiment.stop()
    stored = repository.load_experiment(experiment.id)
    assert len(stored.checkpoints) == 20
    assert stored.tags == [f"t{n}" for n in range(1, 20)]
    assert stored.seq >= 20 + 19


def test_context_manager_records_a_failure(project: Path) -> None:
    write_project(project, "memory://context", metrics=False)
    with (
        pytest.raises(ValueError, match="diverged"),
        replicate.init(path=None, params={}, quiet=True) as experiment,
    ):
        experiment.checkpoint(metrics={"loss": math.inf})
        raise ValueError("loss diverged")
    stored = replicate.experiments.get(experiment.id)
    assert (stored.status, stored.exit_reason) == ("stopped", "failed")
    assert stored.error == "ValueError: loss diverged"
    assert stored.checkpoints[0].metrics == {"loss": math.inf}


def test_running_while_the_heartbeat_beats(project: Path) -> None:
    write_project(project, "file://repo", metrics=False)
    experiment = replicate.init(path=None, params={}, quiet=True)
    assert experiment.flush()
    [listed] = replicate.experiments.list(filter="status = running")
    assert listed.id == experiment.id and listed.is_running()
    experiment.stop()
    assert replicate.experiments.list(filter="status = running") == []
    assert not listed.is_running() and listed.exit_reason == "finished"


def test_a_run_whose_experiment_was_deleted_stops_writing(project: Path) -> None:
    write_project(project, "file://repo", metrics=False)
    experiment = replicate.init(path=None, params={}, quiet=True)
    assert experiment.flush()
    open_repository(directory=project).get(experiment.id).delete()  # `replicate rm` meanwhile
    with pytest.warns(RuntimeWarning, match="was deleted"):
        experiment.checkpoint(metrics={"m": 1})
        experiment.flush()
    experiment.stop()
    assert replicate.experiments.list() == []
    assert list((project / "repo" / "metadata" / "heartbeats").glob("*")) == []
