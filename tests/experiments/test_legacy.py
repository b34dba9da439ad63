"""Keepsake repositories (v1: tarballs; v0: 2020 per-file commits) stay readable.

The fixtures are built here with tarfile and json, in the layouts Keepsake wrote.
"""

from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path
from typing import Any

import pytest

import replicate
from replicate.experiments import (
    AmbiguousPrefixError,
    Checkpoint,
    Experiment,
    IncompatibleRepositoryVersion,
    open_repository,
)

EXP = "e1" + "0" * 62
CHK1, CHK2 = "c1" + "0" * 62, "c2" + "0" * 62


def put(root: Path, key: str, data: bytes) -> None:
    path = root / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def tarball(prefix: str, files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(f"{prefix}/{name}")
            info.size = len(content)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def build_v1(root: Path) -> None:
    put(root, "repository.json", json.dumps({"version": 1}).encode())
    checkpoints = [
        {"id": CHK1, "created": "2021-01-05T10:01:00.000000001Z", "step": 0,
         "metrics": {"loss": 0.6}, "path": "model.pth",
         "primary_metric": {"name": "loss", "goal": "minimize"}},
        {"id": CHK2, "created": "2021-01-05T10:02:00Z", "step": 1,
         "metrics": {"loss": 0.4}, "path": "model.pth",
         "primary_metric": {"name": "loss", "goal": "minimize"}},
    ]  # fmt: skip
    experiment = {
        "id": EXP, "created": "2021-01-05T10:00:00.123456789Z", "params": {"lr": 0.1},
        "host": "", "user": "ana", "config": {"repository": "file://.keepsake"},
        "command": "train.py", "path": ".", "python_version": "3.8.5",
        "python_packages": {"torch": "1.7.1"}, "checkpoints": checkpoints,
        "keepsake_version": "0.4.2",
    }  # fmt: skip
    put(root, f"metadata/experiments/{EXP}.json", json.dumps(experiment).encode())
    put(root, f"metadata/heartbeats/{EXP}.json",
        json.dumps({"experiment_id": EXP, "last_heartbeat": "2021-01-05T10:02:00Z"}).encode())  # fmt: skip
    # Left behind by a run that died in 2021 (status is judged by the store's mtime).
    os.utime(root / f"metadata/heartbeats/{EXP}.json", (1609840920, 1609840920))
    put(root, f"experiments/{EXP}.tar.gz",
        tarball(EXP, {"train.py": b"print(1)\n", "keepsake.yaml": b"repository: x\n"}))  # fmt: skip
    put(root, f"checkpoints/{CHK1}.tar.gz", tarball(CHK1, {"model.pth": b"one"}))
    put(root, f"checkpoints/{CHK2}.tar.gz", tarball(CHK2, {"model.pth": b"two"}))


def build_v0(root: Path) -> None:
    experiment = {
        "id": EXP, "created": "2020-08-19T09:00:00.5Z", "params": {"lr": 0.01},
        "user": "ben", "host": "1.2.3.4", "command": "python train.py",
        "config": {"storage": ".replicate/storage",
                   "metrics": [{"name": "acc", "goal": "maximize", "primary": True}]},
    }  # fmt: skip
    put(root, f"metadata/experiments/{EXP}.json", json.dumps(experiment).encode())
    put(root, f"experiments/{EXP}/train.py", b"print(0)\n")
    put(root, f"experiments/{EXP}/replicate.yaml", b"storage: x\n")
    for number, (commit, acc) in enumerate(((CHK1, 0.9), (CHK2, 0.7))):
        put(root, f"metadata/commits/{commit}.json", json.dumps({
            "id": commit, "created": f"2020-08-19T09:0{number + 1}:00Z", "experiment_id": EXP,
            "path": "weights", "labels": {"acc": acc, "loss": 1 - acc}, "step": number,
        }).encode())  # fmt: skip
        put(root, f"commits/{commit}/weights/w.bin", f"weights {number}".encode())


def test_v1_repository_reads(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    build_v1(root)
    repository = open_repository(str(root))
    [experiment] = repository.list_experiments()
    assert experiment.format == 1 and experiment.replicate_version == "0.4.2"
    assert experiment.params == {"lr": 0.1} and experiment.user == "ana"
    assert experiment.status == "stopped" and experiment.exit_reason is None
    best = experiment.best()
    assert best is not None and best.id == CHK2
    out = tmp_path / "out"
    assert best.checkout(out) == [out / "model.pth"]
    assert (out / "model.pth").read_bytes() == b"two"
    with experiment.checkpoints[0].open("model.pth") as stream:
        assert stream.read() == b"one"
    experiment.checkout(tmp_path / "code")
    assert (tmp_path / "code" / "train.py").read_bytes() == b"print(1)\n"
    assert not (tmp_path / "code" / "keepsake.yaml").exists()
    assert repository.find("c1").id == CHK1


def test_v0_repository_reads(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    build_v0(root)
    [experiment] = open_repository(str(root)).list_experiments()
    assert experiment.format == 0 and experiment.host == "1.2.3.4"
    assert [c.metrics["acc"] for c in experiment.checkpoints] == [0.9, 0.7]
    best = experiment.best()  # primary metric from the recorded config: acc, maximize
    assert best is not None and best.id == CHK1
    best.checkout(tmp_path / "out")
    assert (tmp_path / "out" / "weights" / "w.bin").read_bytes() == b"weights 0"
    with experiment.checkpoints[1].open("weights/w.bin") as stream:
        assert stream.read() == b"weights 1"
    experiment.checkout(tmp_path / "code")
    assert sorted(p.name for p in (tmp_path / "code").iterdir()) == ["train.py"]


@pytest.mark.parametrize("build", [build_v0, build_v1])
def test_keepsake_ids_resolve_to_experiments_and_checkpoints(tmp_path: Path, build: Any) -> None:
    root = tmp_path / "repo"
    build(root)
    repository = open_repository(str(root))
    found = repository.find("c2")
    assert isinstance(found, Checkpoint) and found.id == CHK2
    assert found.experiment is not None and found.experiment.id == EXP
    assert [c.id for c in found.experiment.checkpoints] == [CHK1, CHK2]
    experiment = repository.find(EXP[:5])
    assert isinstance(experiment, Experiment) and experiment.num_checkpoints == 2
    assert repository.get(EXP[:5]).latest() is not None
    with pytest.raises(AmbiguousPrefixError):
        repository.find("c")


@pytest.mark.parametrize("build", [build_v0, build_v1])
def test_writers_refuse_keepsake_data_until_upgraded(
    project: Path, tmp_path: Path, build: object
) -> None:
    root = tmp_path / "repo"
    build(root)  # type: ignore[operator]
    (project / "replicate.yaml").write_text(f"repository: {root}\n")
    with pytest.raises(IncompatibleRepositoryVersion, match=r"open_repository\(.*\)\.upgrade\(\)"):
        replicate.init(quiet=True)
    open_repository(str(root)).upgrade()
    with replicate.init(path=None, params={"new": True}, quiet=True) as experiment:
        experiment.checkpoint(metrics={"loss": 0.1})
    experiments = replicate.experiments.list()
    assert [e.format for e in experiments] == [(build is build_v1 and 1) or 0, 2]


def test_deleting_a_v1_experiment_removes_its_tarballs(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    build_v1(root)
    repository = open_repository(str(root))
    repository.get("e1").delete()
    assert repository.list_experiments() == []
    assert not (root / "experiments" / f"{EXP}.tar.gz").exists()
    assert not (root / "checkpoints" / f"{CHK1}.tar.gz").exists()
    assert not (root / "metadata" / "heartbeats" / f"{EXP}.json").exists()


def test_tarball_members_cannot_escape(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    build_v1(root)
    put(root, f"checkpoints/{CHK1}.tar.gz", tarball(CHK1, {"../../escape.txt": b"x"}))
    [experiment] = open_repository(str(root)).list_experiments()
    from replicate.experiments import StorageError

    with pytest.raises(StorageError, match="outside"):
        experiment.checkpoints[0].checkout(tmp_path / "out")
    assert not (tmp_path / "escape.txt").exists()
