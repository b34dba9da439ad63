"""Experiment and checkpoint objects: JSON with Keepsake's names, best() and latest()."""

from __future__ import annotations

import json
import math

from experiments.factories import make_experiment

from replicate.experiments._model import Experiment, PrimaryMetric


def test_best_minimize_and_maximize_ignore_missing_and_nan() -> None:
    experiment = make_experiment(
        1, metrics=[{"loss": 0.5}, {"loss": math.nan}, {"acc": 1.0}, {"loss": 0.2}, {"loss": 0.2}]
    )
    best = experiment.best()
    assert best is not None and best.step == 3  # ties go to the earliest
    up = make_experiment(2, metrics=[{"acc": 0.5}, {"acc": 0.9}, {"acc": 0.7}],
                         primary=PrimaryMetric("acc", "maximize"))  # fmt: skip
    assert up.best() is not None and up.best().step == 1  # type: ignore[union-attr]
    assert make_experiment(3, metrics=[{"loss": 1.0}], primary=None).best() is None


def test_latest_is_the_last_created() -> None:
    experiment = make_experiment(1, metrics=[{"loss": 1.0}, {"loss": 2.0}])
    assert experiment.latest() is experiment.checkpoints[1]
    assert make_experiment(2).latest() is None


def test_checkpoint_columns() -> None:
    experiment = make_experiment(1, metrics=[{"loss": 1.0}, {"loss": 0.5, "acc": 0.1}])
    assert experiment.checkpoints.metrics == {"loss": [1.0, 0.5], "acc": [None, 0.1]}
    assert experiment.checkpoints.step == [0, 1]


def test_json_roundtrip_keeps_keepsake_field_names() -> None:
    experiment = make_experiment(
        1, {"lr": math.inf}, [{"loss": math.nan}], host="h", user="u", command="python t.py"
    )
    document = json.loads(json.dumps(experiment.to_json(), allow_nan=False))
    for key in ("id", "created", "params", "host", "user", "config", "command", "path",
                "python_version", "python_packages", "checkpoints", "replicate_version"):  # fmt: skip
        assert key in document
    assert set(document["checkpoints"][0]) >= {
        "id", "created", "metrics", "step", "path", "primary_metric",
    }  # fmt: skip
    assert document["params"] == {"lr": "[+Infinity]"}
    assert document["format"] == 2
    again = Experiment.from_json(document)
    assert again.params == {"lr": math.inf}
    assert math.isnan(again.checkpoints[0].metrics["loss"])
    assert again.checkpoints[0].primary_metric == PrimaryMetric("loss", "minimize")
    assert again.created == experiment.created and again.format == 2


def test_reads_keepsake_v1_documents_with_nanosecond_times() -> None:
    document = {
        "id": "a" * 64,
        "created": "2020-11-02T10:00:00.123456789Z",
        "params": {"lr": 0.1},
        "checkpoints": [
            {
                "id": "b" * 64,
                "created": "2020-11-02T10:05:00.5Z",
                "metrics": {"loss": "[NaN]"},
                "step": 3,
                "path": "model.pth",
                "primary_metric": {"name": "loss", "goal": "minimize"},
            }
        ],
        "keepsake_version": "0.4.2",
    }
    experiment = Experiment.from_json(document)
    assert experiment.format == 1 and experiment.replicate_version == "0.4.2"
    assert experiment.created.microsecond == 123456
    assert experiment.checkpoints[0].created.microsecond == 500000
    assert experiment.status == "stopped" and experiment.exit_reason is None


def test_an_experiment_read_from_json_has_every_field_a_constructed_one_has() -> None:
    import dataclasses

    made = make_experiment(1, {"lr": 0.1}, [{"loss": 0.5}], user="ana", tags=["a"])
    read = Experiment.from_json(made.to_json())
    for spec in dataclasses.fields(Experiment):
        if spec.name == "checkpoints":
            assert [c.metrics for c in read.checkpoints] == [c.metrics for c in made.checkpoints]
        elif spec.name != "heartbeat":
            assert getattr(read, spec.name) == getattr(made, spec.name), spec.name
        assert hasattr(read, spec.name), spec.name


def test_a_checkpoint_read_from_json_has_every_field_a_constructed_one_has() -> None:
    import dataclasses

    from replicate.experiments._model import Checkpoint

    [made] = make_experiment(1, {}, [{"loss": 0.5}]).checkpoints
    made.experiment = None
    read = Checkpoint.from_json(made.to_json())
    for spec in dataclasses.fields(Checkpoint):
        assert getattr(read, spec.name) == getattr(made, spec.name), spec.name
