"""Filters and sorting, on experiments built in memory (no I/O)."""

from __future__ import annotations

import math
from datetime import datetime, timezone

import pytest
from experiments.factories import T0, make_experiment

from replicate.experiments import FilterError
from replicate.experiments._query import (
    MISSING,
    compare,
    field_value,
    filter_experiments,
    parse_filter,
    parse_value,
    sort_experiments,
)

EXPERIMENTS = [
    make_experiment(1, {"lr": 0.1, "model": "resnet"}, [{"loss": 0.9}, {"loss": 0.5}]),
    make_experiment(2, {"lr": 0.01, "model": "vit"}, [{"loss": 0.3}, {"loss": 0.4}], running=True),
    make_experiment(3, {"lr": 0.001}, []),
    make_experiment(4, {"lr": "auto"}, [{"loss": math.nan}, {"acc": 0.7}], user="ana"),
]


def ids(experiments: list[object]) -> list[str]:
    return [experiment.id[0] for experiment in experiments]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("null", None),
        ("None", None),
        ("3", 3),
        ("-2.5", -2.5),
        ("1e-3", 0.001),
        ("TRUE", True),
        ("false", False),
        ('{"a": 1}', {"a": 1}),
        ("[1, 2]", [1, 2]),
        ("resnet", "resnet"),
        ('"quoted words"', "quoted words"),
        ("two words", "two words"),
    ],
)
def test_value_typing(text: str, expected: object) -> None:
    assert parse_value(text) == expected


def test_filter_grammar() -> None:
    condition = parse_filter("val loss >= 0.2")
    assert (condition.name, condition.op, condition.value) == ("val loss", ">=", 0.2)
    assert parse_filter("params.lr == 0.1").source == "params"
    assert parse_filter('"odd name" != x').name == "odd name"
    with pytest.raises(FilterError, match="operator"):
        parse_filter("just words")


def test_metric_filters_use_the_best_checkpoint() -> None:
    # Experiment 1's best loss is 0.5 (not its latest), experiment 2's is 0.3.
    assert ids(filter_experiments(EXPERIMENTS, "loss < 0.6")) == ["1", "2"]
    assert ids(filter_experiments(EXPERIMENTS, "loss <= 0.3")) == ["2"]


def test_metric_falls_back_to_the_latest_checkpoint_without_a_best() -> None:
    # Experiment 4's only loss is NaN: no best, so metrics come from the latest checkpoint.
    assert ids(filter_experiments(EXPERIMENTS, "acc > 0.5")) == ["4"]


def test_filters_are_anded_and_params_resolve() -> None:
    numeric_lr = EXPERIMENTS[:3]
    assert ids(filter_experiments(numeric_lr, ["lr < 0.05", "model = vit"])) == ["2"]
    assert ids(filter_experiments(numeric_lr, ["lr < 0.05"])) == ["2", "3"]
    assert ids(filter_experiments(EXPERIMENTS, "params.model ~= res*")) == ["1"]


def test_none_semantics() -> None:
    assert ids(filter_experiments(EXPERIMENTS, "model = None")) == ["3", "4"]
    assert ids(filter_experiments(EXPERIMENTS, "model != None")) == ["1", "2"]
    assert compare(MISSING, "<", 3) is False
    assert compare(MISSING, "!=", 3) is False


def test_type_mismatch_is_an_error() -> None:
    with pytest.raises(FilterError, match="cannot compare"):
        filter_experiments(EXPERIMENTS, "lr > 0.05")  # experiment 4 has lr="auto"
    with pytest.raises(FilterError, match="cannot order"):
        compare(True, "<", False)


def test_nan_never_compares() -> None:
    assert compare(math.nan, "<", 1) is False and compare(math.nan, "=", math.nan) is False
    assert compare(math.nan, "!=", 1) is True


def test_attributes_status_step_user_created() -> None:
    assert ids(filter_experiments(EXPERIMENTS, "status = running")) == ["2"]
    assert ids(filter_experiments(EXPERIMENTS, "status = stopped")) == ["1", "3", "4"]
    assert ids(filter_experiments(EXPERIMENTS, "step = 0")) == ["3"]
    assert ids(filter_experiments(EXPERIMENTS, "user = ana")) == ["4"]
    assert ids(filter_experiments(EXPERIMENTS, "created > 2026-01-01T02:30:00+00:00")) == ["3", "4"]
    assert ids(filter_experiments(EXPERIMENTS, "started < 2026-01-01T01:30:00Z")) == ["1"]
    assert field_value(EXPERIMENTS[0], "created") == datetime(2026, 1, 1, 1, tzinfo=timezone.utc)


def test_unknown_names_suggest_close_matches() -> None:
    with pytest.raises(FilterError, match="did you mean loss"):
        filter_experiments(EXPERIMENTS, "los < 1")
    with pytest.raises(FilterError, match=r"metrics\.lr"):
        filter_experiments(EXPERIMENTS, "metrics.lr < 1")


def test_callable_filter() -> None:
    assert ids(filter_experiments(EXPERIMENTS, lambda e: e.params.get("lr") == 0.001)) == ["3"]


def test_sort_numbers_then_strings_missing_last_in_both_directions() -> None:
    assert ids(sort_experiments(EXPERIMENTS, "loss")) == ["2", "1", "3", "4"]
    assert ids(sort_experiments(EXPERIMENTS, "loss-desc")) == ["1", "2", "3", "4"]
    assert ids(sort_experiments(EXPERIMENTS, "lr")) == ["3", "2", "1", "4"]
    assert ids(sort_experiments(EXPERIMENTS, "lr-desc")) == ["1", "2", "3", "4"]
    assert ids(sort_experiments(EXPERIMENTS, "created-desc")) == ["4", "3", "2", "1"]
    with pytest.raises(FilterError):
        sort_experiments(EXPERIMENTS, "nonexistent")


@pytest.mark.parametrize("text", ["val_accuracy >", "val_accuracy <=  ", "lr ="])
def test_a_filter_without_a_value_says_the_value_is_missing(text: str) -> None:
    with pytest.raises(FilterError, match=r"the value after .* is missing"):
        parse_filter(text)


def test_single_quoted_strings_are_strings_like_double_quoted_ones() -> None:
    assert parse_filter("optimizer = 'adam'").value == "adam"
    assert parse_filter('optimizer = "adam"').value == "adam"
    assert parse_filter("optimizer = adam").value == "adam"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("status = runing", "did you mean running"),
        ("status = stoped", "did you mean stopped"),
        ("status != nonsense", "one of running, stopped, finished, failed, killed, lost"),
        ("status = None", "one of running"),
        ("status = 3", "one of running"),
        ("status ~= zz*", "one of running"),
        ("status < running", "takes = != or ~="),
        ("exit = running", "one of finished, failed, killed, lost, None"),
        ("attr.exit = crashed", "one of finished"),
    ],
)
def test_an_unknown_status_or_exit_value_is_an_error_listing_the_valid_ones(
    text: str, hint: str
) -> None:
    with pytest.raises(FilterError, match=hint):
        parse_filter(text)
    with pytest.raises(FilterError):
        filter_experiments(EXPERIMENTS, text)


def test_status_takes_how_an_experiment_ended() -> None:
    ended = [
        make_experiment(5, {}, [], ended=T0, exit="failed"),
        make_experiment(6, {}, [], ended=T0, exit="finished"),
        make_experiment(7, {}, [], running=True),
        make_experiment(8, {}, []),  # heartbeat gone: lost
    ]
    assert ids(filter_experiments(ended, "status = failed")) == ["5"]
    assert ids(filter_experiments(ended, "status = Finished")) == ["6"]
    assert ids(filter_experiments(ended, "status = lost")) == ["8"]
    assert ids(filter_experiments(ended, "status != failed")) == ["6", "7", "8"]
    assert ids(filter_experiments(ended, "status = stopped")) == ["5", "6", "8"]
    assert ids(filter_experiments(ended, "status ~= f*")) == ["5", "6"]
    assert ids(filter_experiments(ended, "status ~= run*")) == ["7"]
    assert ids(filter_experiments(ended, "exit = None")) == ["7"]
    assert parse_filter("status = RUNNING").value == "running"
