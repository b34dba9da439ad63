"""A project with known experiments, written through the experiment library, for tests/cli."""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta, timezone
from pathlib import Path

from replicate.experiments import Checkpoint, Experiment, PrimaryMetric, open_repository
from replicate.experiments._status import Heartbeat
from replicate.experiments._timefmt import utc_now

__all__ = ["NOW", "ids", "make_project"]

NOW = datetime(2026, 11, 30, 12, 0, 0, tzinfo=timezone.utc)
"""The fixed "now" of the golden outputs."""


def _id(prefix: str) -> str:
    return (prefix * 64)[:64]


def ids() -> dict[str, str]:
    """The experiment and checkpoint ids of :func:`make_project`, by name."""
    return {
        "adam": _id("a1b2c3d4"),
        "sgd": _id("b2c3d4e"),
        "running": _id("c3d4e5f"),
        "empty": _id("d4e5f60"),
        "adam-0": _id("e0"),
        "adam-1": _id("e1"),
        "adam-2": _id("e2"),
        "sgd-0": _id("f0"),
        "sgd-1": _id("f1"),
        "running-0": _id("90"),
    }


def _checkpoints(
    names: list[str], start: datetime, metrics: list[dict[str, float]], steps: list[int]
) -> list[Checkpoint]:
    known = ids()
    return [
        Checkpoint(
            id=known[name],
            created=start + timedelta(minutes=10 * (index + 1)),
            metrics=values,
            step=step,
            path="model.pth",
            primary_metric=PrimaryMetric("accuracy", "maximize"),
        )
        for index, (name, values, step) in enumerate(zip(names, metrics, steps))
    ]


def make_project(directory: Path, repository: str = "file://.replicate") -> Path:
    """A project directory whose ``replicate.yaml`` names ``repository``, with four experiments.

    - ``adam``: finished, 3 checkpoints, best accuracy 0.91 at step 20
    - ``sgd``: finished, 2 checkpoints, val_accuracy below 0.2
    - ``running``: running (a fresh heartbeat of this process), 1 checkpoint at step 60
    - ``empty``: no checkpoints, stopped
    Returns the project directory.
    """
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "replicate.yaml").write_text(f"repository: {repository}\n")
    repository = open_repository(directory=directory)
    known = ids()
    common = {
        "host": "gpu-1",
        "user": "ada",
        "python_version": "3.11.7",
        "replicate_version": "0.1.0",
    }
    adam_start = NOW - timedelta(hours=2)
    sgd_start = NOW - timedelta(hours=1)
    running_start = NOW - timedelta(minutes=20)
    experiments = [
        Experiment(
            id=known["adam"],
            created=adam_start,
            params={"learning_rate": 0.01, "optimizer": "adam", "layers": 3},
            command="train.py --optimizer adam",
            python_packages={"torch": "2.1.0", "numpy": "1.26.0"},
            checkpoints=_checkpoints(
                ["adam-0", "adam-1", "adam-2"],
                adam_start,
                [
                    {"accuracy": 0.62, "val_accuracy": 0.6, "val_loss": 0.9},
                    {"accuracy": 0.91, "val_accuracy": 0.88, "val_loss": 0.3},
                    {"accuracy": 0.89, "val_accuracy": 0.87, "val_loss": 0.35},
                ],
                [10, 20, 30],
            ),
            ended=adam_start + timedelta(minutes=35),
            exit="finished",
            **common,  # type: ignore[arg-type]
        ),
        Experiment(
            id=known["sgd"],
            created=sgd_start,
            params={"learning_rate": 0.1, "optimizer": "sgd", "layers": 3},
            command="train.py --optimizer sgd",
            python_packages={"torch": "2.1.0", "numpy": "1.26.1"},
            checkpoints=_checkpoints(
                ["sgd-0", "sgd-1"],
                sgd_start,
                [
                    {"accuracy": 0.12, "val_accuracy": 0.1, "val_loss": 2.3},
                    {"accuracy": 0.18, "val_accuracy": 0.15, "val_loss": 2.1},
                ],
                [10, 20],
            ),
            ended=sgd_start + timedelta(minutes=25),
            exit="failed",
            **common,  # type: ignore[arg-type]
        ),
        Experiment(
            id=known["running"],
            created=running_start,
            params={"learning_rate": 0.05, "optimizer": "adam", "layers": 4},
            command="train.py --layers 4",
            python_packages={"torch": "2.1.0", "numpy": "1.26.0"},
            checkpoints=_checkpoints(
                ["running-0"],
                running_start,
                [{"accuracy": 0.85, "val_accuracy": 0.8, "val_loss": 0.5}],
                [60],
            ),
            **common,  # type: ignore[arg-type]
        ),
        Experiment(
            id=known["empty"],
            created=NOW - timedelta(minutes=5),
            params={"learning_rate": 0.01, "optimizer": "adam", "layers": 3},
            command="train.py",
            ended=NOW - timedelta(minutes=4),
            exit="killed",
            **common,  # type: ignore[arg-type]
        ),
    ]
    for experiment in experiments:
        repository.create_experiment(experiment)
    repository.write_heartbeat(
        Heartbeat(
            experiment_id=known["running"],
            last_heartbeat=utc_now(),
            hostname=socket.gethostname(),
            pid=os.getpid(),
        )
    )
    return directory
