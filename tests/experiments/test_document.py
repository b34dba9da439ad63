"""The stored experiment document: checkpoints last, after a summary that listing reads instead."""

from __future__ import annotations

import json
import math
from typing import Any

from experiments.factories import make_experiment

from replicate.experiments._document import encode_document, split_document
from replicate.experiments._model import Experiment


def stored(metrics: list[dict[str, Any]], **params: Any) -> Experiment:
    return make_experiment(1, params, metrics)


def reread(data: bytes) -> Experiment:
    head, checkpoints, summary = split_document(data)
    return Experiment.from_json(head, checkpoints=checkpoints, summary=summary)


def test_checkpoints_are_written_last_after_a_summary_of_them() -> None:
    experiment = stored([{"loss": 0.5, "acc": 0.1}, {"loss": 0.2}, {"loss": 0.4, "f1": 1.0}])
    data = encode_document(experiment.to_json())
    document = json.loads(data)
    assert list(document)[-2:] == ["summary", "checkpoints"]
    assert document["checkpoints"] == experiment.to_json()["checkpoints"]
    summary = document["summary"]
    assert summary["count"] == 3
    assert summary["metrics"] == ["loss", "acc", "f1"]
    assert summary["primary_metric"] == {"name": "loss", "goal": "minimize"}
    assert summary["best"]["metrics"] == {"loss": 0.2}
    assert summary["latest"]["metrics"] == {"loss": 0.4, "f1": 1.0}
    assert summary["size"] == len(json.dumps(document["checkpoints"], separators=(",", ":")))

    head, checkpoints, found = split_document(data)
    assert isinstance(checkpoints, bytes) and json.loads(checkpoints) == document["checkpoints"]
    assert found is not None and json.loads(found) == summary
    assert "checkpoints" not in head and "summary" not in head
    assert next(iter(summary)) == "size"  # first: the reader checks it without parsing


def test_best_latest_and_metric_names_come_from_the_summary_and_stay_the_same_objects() -> None:
    experiment = reread(encode_document(stored([{"loss": 0.5}, {"loss": 0.2}, {"x": 1}]).to_json()))
    best, latest = experiment.best(), experiment.latest()
    assert experiment.metric_names() == ["loss", "x"] and experiment.num_checkpoints == 3
    assert experiment.primary_metric() is not None
    assert "_checkpoints" not in experiment.__dict__  # nothing parsed yet
    assert best is not None and latest is not None
    assert (best.metrics, latest.metrics) == ({"loss": 0.2}, {"x": 1})
    assert best.experiment is experiment
    # Parsing the checkpoints later gives the very objects already handed out.
    assert experiment.checkpoints[1] is best and experiment.checkpoints[2] is latest
    assert experiment.best() is best


def test_a_summary_that_does_not_match_the_checkpoints_is_not_trusted() -> None:
    # A writer that edits the checkpoints without rewriting the summary (an older
    # version, another tool): the summary's size no longer matches.
    data = encode_document(stored([{"loss": 0.5}, {"loss": 0.2}]).to_json())
    document = json.loads(data)
    del document["checkpoints"][1]
    edited = json.dumps(document, separators=(",", ":")).encode()
    head, checkpoints, summary = split_document(edited)
    assert summary is None and isinstance(checkpoints, list) and "summary" not in head
    best = reread(edited).best()
    assert best is not None and best.metrics == {"loss": 0.5}


def test_keepsake_documents_are_read_whole() -> None:
    # Keepsake wrote checkpoints in the middle and no format or summary.
    document = {
        "id": "a" * 64,
        "created": "2020-11-10T12:00:00.123456789Z",
        "params": {"lr": 0.1},
        "checkpoints": [
            {"id": "b" * 64, "created": "2020-11-10T12:01:00Z", "metrics": {"loss": "[NaN]"},
             "step": 0, "primary_metric": {"name": "loss", "goal": "minimize"}},
            {"id": "c" * 64, "created": "2020-11-10T12:02:00Z", "metrics": {"loss": 0.3},
             "step": 1, "primary_metric": {"name": "loss", "goal": "minimize"}},
        ],
        "keepsake_version": "0.4.2",
    }  # fmt: skip
    experiment = reread(json.dumps(document).encode())
    assert experiment.format == 1 and experiment.replicate_version == "0.4.2"
    assert [c.step for c in experiment.checkpoints] == [0, 1]
    assert math.isnan(experiment.checkpoints[0].metrics["loss"])
    best = experiment.best()
    assert best is not None and best.id == "c" * 64
    assert experiment.metric_names() == ["loss"]


def test_values_that_look_like_the_layout_do_not_confuse_the_reader() -> None:
    tricky = stored(
        [{"loss": 0.3, "checkpoints": [1]}, {"loss": 0.1}],
        checkpoints=[{"id": "zz"}],
        note=',"checkpoints":[}',
    )
    data = encode_document(tricky.to_json())
    experiment = reread(data)
    assert experiment.params == tricky.params
    best = experiment.best()
    assert best is not None and best.metrics == {"loss": 0.1}
    assert [c.metrics for c in experiment.checkpoints] == [c.metrics for c in tricky.checkpoints]
    assert experiment.metric_names() == ["loss", "checkpoints"]


def test_an_experiment_without_checkpoints_has_an_empty_summary() -> None:
    experiment = reread(encode_document(stored([]).to_json()))
    assert experiment.best() is None and experiment.latest() is None
    assert experiment.metric_names() == [] and experiment.primary_metric() is None
    assert list(experiment.checkpoints) == []


def test_the_summary_chooses_best_and_latest_as_the_parsed_checkpoints_do() -> None:
    import random

    from replicate.experiments._model import (
        Checkpoint,
        CheckpointList,
        best_checkpoint,
        latest_checkpoint,
        summarize_checkpoints,
    )

    generator = random.Random(9)
    values = [0.5, 0.1, 0.1, -3, 7, True, "text", "[NaN]", "[+Infinity]", "[-Infinity]", None]
    stamps = [
        "2026-01-01T00:00:0{}.000000Z",
        "2026-01-01T00:00:0{}Z",  # Keepsake: other widths
        "2026-01-01T01:00:0{}+01:00",
    ]
    for _ in range(300):
        items: list[dict[str, Any]] = []
        for number in range(generator.randint(0, 6)):
            metrics = {name: generator.choice(values) for name in generator.sample("lma", 2)}
            goal = generator.choice(["minimize", "maximize"])
            primary = generator.choice([None, {"name": generator.choice("lm"), "goal": goal}])
            stamp = generator.choice(stamps[:1] if generator.random() < 0.5 else stamps)
            items.append({
                "id": f"{number}".ljust(64, "a"),
                "created": stamp.format(generator.randint(0, 5)),
                "metrics": {key: value for key, value in metrics.items() if value is not None},
                "step": number,
                "primary_metric": primary,
            })  # fmt: skip
        summary = summarize_checkpoints(items)
        parsed = CheckpointList(Checkpoint.from_json(item) for item in items)
        best, latest = best_checkpoint(parsed), latest_checkpoint(parsed)
        assert (summary["best"] or {}).get("id") == (best.id if best else None), items
        assert (summary["latest"] or {}).get("id") == (latest.id if latest else None), items
        assert summary["count"] == len(items)
        assert summary["metrics"] == [*{n: 0 for c in parsed for n in c.metrics}]
        expected = parsed.primary_metric()
        assert summary["primary_metric"] == (expected.to_json() if expected else None)


def test_a_summary_that_fails_to_parse_when_used_gives_way_to_the_checkpoints() -> None:
    data = encode_document(stored([{"loss": 0.5}, {"loss": 0.2}, {"loss": 0.9}]).to_json())
    # A key slipped in between the summary and the checkpoints (not this library's layout):
    # the size still matches, but the summary's text is no longer one JSON value.
    at = data.rindex(b',"checkpoints":')
    damaged = data[:at] + b',"x":1' + data[at:]
    experiment = reread(damaged)
    best, latest = experiment.best(), experiment.latest()
    assert best is not None and best.metrics == {"loss": 0.2}
    assert latest is not None and latest.metrics == {"loss": 0.9}
    assert experiment.num_checkpoints == 3 and experiment.metric_names() == ["loss"]
