"""replicate.yaml: where it is found, what it may say, and the errors that say what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from replicate.experiments import ConfigError
from replicate.experiments._config import load_config
from replicate.experiments._model import PrimaryMetric


def write(directory: Path, text: str, name: str = "replicate.yaml") -> Path:
    path = directory / name
    path.write_text(text)
    return path


def test_found_in_a_parent_directory_which_becomes_the_project(project: Path) -> None:
    write(project, "repository: s3://bucket/root\n")
    nested = project / "src" / "deep"
    nested.mkdir(parents=True)
    config = load_config(nested)
    assert config.directory == project.resolve()
    assert config.repository == "s3://bucket/root"


def test_reference_storage_key_and_relative_paths(project: Path) -> None:
    write(project, "storage: .replicate/storage/\n")
    config = load_config(project)
    assert config.repository == (project / ".replicate" / "storage").resolve().as_uri()
    write(project, "repository: file://../elsewhere\n")
    assert load_config(project).repository == (project.parent / "elsewhere").resolve().as_uri()


def test_yml_and_keepsake_names(project: Path) -> None:
    write(project, "repository: s3://one\n", "replicate.yml")
    assert load_config(project).repository == "s3://one"
    (project / "replicate.yml").unlink()
    write(project, "repository: s3://two\n", "keepsake.yaml")
    assert load_config(project).repository == "s3://two"


def test_without_a_file_the_default_is_in_the_working_directory(project: Path) -> None:
    config = load_config(project)
    assert config.config_file is None
    assert config.repository == (project / ".replicate" / "storage").resolve().as_uri()


def test_metrics_give_the_primary_metric(project: Path) -> None:
    write(
        project,
        "metrics:\n- name: loss\n  goal: minimize\n  primary: true\n- name: accuracy\n  goal: maximize\n",
    )
    config = load_config(project)
    assert config.primary_metric == PrimaryMetric("loss", "minimize")
    assert [metric.name for metric in config.metrics] == ["loss", "accuracy"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("repository: s3://a\nstorage: s3://b\n", "both 'repository' and 'storage'"),
        ("repositroy: s3://a\n", "unknown keys \\['repositroy'\\]"),
        ("repository: gs://bucket\n", "replicate\\[gcs\\]"),
        ("repository: azure://x\n", "unsupported repository scheme"),
        ("repository: s3://\n", "names no bucket"),
        ("- just\n- a list\n", "must be a mapping"),
        ("metrics:\n- name: loss\n  goal: lower\n", "minimize or maximize"),
        ("metrics:\n- name: loss\n  primary: true\n", "needs a goal"),
        (
            "metrics:\n- {name: a, goal: minimize, primary: true}\n"
            "- {name: b, goal: maximize, primary: true}\n",
            "only one metric",
        ),
        ("repository: [1]\n", "must be a string"),
        ("repository: 's3://a\n", "cannot read"),
    ],
)
def test_configuration_errors_say_what_to_fix(project: Path, text: str, message: str) -> None:
    write(project, text)
    with pytest.raises(ConfigError, match=message):
        load_config(project)


def test_environment_and_explicit_overrides(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project, "repository: s3://from-file\n")
    monkeypatch.setenv("REPLICATE_REPOSITORY", "s3://from-env")
    assert load_config(project).repository == "s3://from-env"
    assert load_config(project, repository="s3://explicit").repository == "s3://explicit"


def test_legacy_runner_keys_are_accepted(project: Path) -> None:
    write(project, "repository: s3://x\npython: '3.8'\ninstall: [apt-get install -y x]\n")
    assert load_config(project).repository == "s3://x"
