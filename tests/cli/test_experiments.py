"""Experiment commands on local and loopback-S3 repositories; golden outputs with a fixed clock."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cli_experiments import NOW, ids, make_project
from cli_support import cli_environment, invoke, run_cli

import replicate._cli.exp_format

GOLDEN = Path(__file__).parent / "golden"
ID = ids()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The golden outputs' "now", in UTC."""
    monkeypatch.setattr(replicate._cli.exp_format, "now", lambda: NOW)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def golden_env(tmp_path: Path, fixed_clock: None) -> dict[str, str]:
    return cli_environment(tmp_path, {"TZ": "UTC", "COLUMNS": "200"})


@pytest.mark.parametrize(
    ("golden", "args"),
    [
        ("ls.txt", ["ls"]),
        ("ls-all.txt", ["ls", "--all"]),
        ("ls-compact.txt", ["ls", "--format", "compact"]),
        ("show-experiment.txt", ["show", "a1b2c3d4"]),
        ("show-checkpoint.txt", ["show", ID["adam-1"][:7]]),
        ("diff-experiments.txt", ["diff", "a1b2c3d4", "b2c3d4e"]),
        ("diff-checkpoints.txt", ["diff", ID["adam-0"][:7], ID["adam-2"][:7]]),
    ],
)
def test_golden_output(
    golden: str, args: list[str], project: Path, golden_env: dict[str, str]
) -> None:
    done = invoke(*args, env=golden_env, cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (GOLDEN / golden).read_text()


def test_ls_is_compact_when_wide_does_not_fit(project: Path, golden_env: dict[str, str]) -> None:
    done = invoke("ls", env={**golden_env, "COLUMNS": "80"}, cwd=project)
    assert done.stdout == (GOLDEN / "ls-compact.txt").read_text()


def test_diff_says_which_checkpoint_an_experiment_stands_for(
    project: Path, golden_env: dict[str, str]
) -> None:
    done = invoke("diff", "a1b2c3d4", "b2c3d4e", env=golden_env, cwd=project)
    assert done.stderr == (
        "Comparing checkpoints e1e1e1e (best of experiment a1b2c3d) "
        "and f1f1f1f (best of experiment b2c3d4e)\n"
    )
    mixed = invoke("diff", ID["sgd-0"][:7], "a1b2c3d4", env=golden_env, cwd=project)
    assert mixed.stderr == (
        "Comparing checkpoints f0f0f0f and e1e1e1e (best of experiment a1b2c3d)\n"
    )
    checkpoints = invoke("diff", ID["sgd-0"][:7], ID["adam-0"][:7], env=golden_env, cwd=project)
    assert (checkpoints.returncode, checkpoints.stderr) == (0, "")
    as_json = invoke("diff", "a1b2c3d4", "b2c3d4e", "--json", env=golden_env, cwd=project)
    sections = json.loads(as_json.stdout)
    assert sections["Params"] == {"learning_rate": ["0.01", "0.1"], "optimizer": ["adam", "sgd"]}
    assert sections["Python Packages"] == {"numpy": ["1.26.0", "1.26.1"]}


def test_diff_of_an_experiment_without_checkpoints_is_an_error(
    project: Path, golden_env: dict[str, str]
) -> None:
    done = invoke("diff", "d4e5f60", "a1b2c3d4", env=golden_env, cwd=project)
    assert (done.returncode, done.stderr) == (
        1,
        "error: experiment d4e5f60 has no checkpoints to compare\n",
    )


def _shell(command: str, project: Path, env: dict[str, str], stdin: str = "") -> str:
    """Run ``command`` in a shell, with this environment's ``replicate`` first on the PATH."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=project,
        env={**env, "PATH": path},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"{command}: {done.stderr}"
    return done.stdout


def test_the_references_ls_examples_run_verbatim(project: Path, env: dict[str, str]) -> None:
    env = {**env, "COLUMNS": "200"}

    def listed(command: str) -> list[str]:
        lines = _shell(command, project, env).splitlines()
        return [line.split()[0] for line in lines[1:] if line and not line.startswith(" ")]

    assert listed("replicate ls") == ["a1b2c3d", "b2c3d4e", "c3d4e5f", "d4e5f60"]
    # The running experiment is at step 60; one without checkpoints counts as step 0.
    assert listed('replicate ls --filter "step <= 50"') == ["a1b2c3d", "b2c3d4e", "d4e5f60"]
    assert listed('replicate ls --filter "optimizer = adam" --filter "accuracy > 0.8"') == [
        "a1b2c3d",
        "c3d4e5f",
    ]
    # Smallest val_loss first; the experiment without checkpoints has none and comes last.
    assert listed('replicate ls --sort "val_loss" --filter "status = stopped"') == [
        "a1b2c3d",
        "b2c3d4e",
        "d4e5f60",
    ]


def test_the_references_rm_examples_run_verbatim(project: Path, env: dict[str, str]) -> None:
    out = _shell(
        'replicate rm $(replicate ls -q --filter "val_accuracy < 0.2")', project, env, "y\n"
    )
    assert out == "Deleted experiment b2c3d4e\n"
    out = _shell("replicate rm a1b2c3d4", project, env, "yes\n")
    assert out == "Deleted experiment a1b2c3d\n"
    remaining = run_cli("ls", "-q", env=env, cwd=project).stdout.split()
    assert remaining == [ID["running"], ID["empty"]]


def test_ps_lists_only_running_experiments(project: Path, env: dict[str, str]) -> None:
    done = run_cli("ps", "--json", env=env, cwd=project)
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)
    assert (row["id"], row["running"], row["status"]) == (ID["running"], True, "running")
    # ps replaces a status filter of the user's with its own.
    replaced = invoke("ps", "-q", "-f", "status = stopped", env=env, cwd=project)
    assert replaced.stdout == f"{ID['running']}\n"


def test_ls_json_keeps_keepsakes_row_shape(project: Path, env: dict[str, str]) -> None:
    rows = json.loads(invoke("ls", "--json", env=env, cwd=project).stdout)
    adam = rows[0]
    assert set(adam) == {
        "id", "created", "params", "command", "num_checkpoints", "latest_checkpoint",
        "best_checkpoint", "user", "host", "running", "status", "exit", "tags",
    }  # fmt: skip
    assert adam["num_checkpoints"] == 3
    assert adam["best_checkpoint"]["id"] == ID["adam-1"]
    assert adam["latest_checkpoint"]["id"] == ID["adam-2"]
    assert (adam["exit"], rows[1]["exit"], rows[3]["exit"]) == ("finished", "failed", "killed")


def test_sort_descending(project: Path, env: dict[str, str]) -> None:
    done = invoke("ls", "-q", "--sort", "started-desc", env=env, cwd=project)
    assert done.stdout.split() == [ID["empty"], ID["running"], ID["sgd"], ID["adam"]]
    by_metric = invoke("ls", "-q", "-s", "accuracy-desc", env=env, cwd=project)
    assert by_metric.stdout.split() == [ID["adam"], ID["running"], ID["sgd"], ID["empty"]]


def test_filter_errors_are_usage_errors_with_close_matches(
    project: Path, env: dict[str, str]
) -> None:
    unknown = invoke("ls", "-f", "acuracy > 0.5", env=env, cwd=project)
    assert (unknown.returncode, unknown.stderr) == (
        2,
        "error: no experiment has 'acuracy'; did you mean accuracy, val_accuracy?\n",
    )
    malformed = invoke("ls", "--filter", "accuracy", env=env, cwd=project)
    assert malformed.returncode == 2 and malformed.stderr.startswith("error: invalid filter")
    mismatched = invoke("ls", "-f", "optimizer > 3", env=env, cwd=project)
    assert (mismatched.returncode, mismatched.stderr) == (
        2,
        "error: filter 'optimizer > 3': cannot compare 'adam' (str) with 3 (int)\n",
    )
    quiet_json = invoke("ls", "-q", "--json", env=env, cwd=project)
    assert quiet_json.returncode == 2


def test_no_experiments(tmp_path: Path, env: dict[str, str]) -> None:
    done = run_cli("ls", env=env, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "No experiments found\n")


def test_ids_and_prefixes(project: Path, env: dict[str, str]) -> None:
    ambiguous = invoke("show", "e", env=env, cwd=project)
    assert (ambiguous.returncode, ambiguous.stderr) == (
        1,
        "error: id prefix 'e' is ambiguous: it matches checkpoint e0e0e0e, checkpoint e1e1e1e, "
        "checkpoint e2e2e2e; give more of the id\n",
    )
    # The same message from every command, whether it takes one id or several.
    for args in (["checkout", "E"], ["diff", "e", "a1b2"], ["rm", "a1b2", "e"]):
        assert invoke(*args, env=env, cwd=project).stderr == ambiguous.stderr, args
    missing = invoke("show", "0123abc", env=env, cwd=project)
    assert (
        missing.returncode == 1
        and "no experiment or checkpoint matches '0123abc'" in missing.stderr
    )
    prediction = invoke("show", "ufawqhfynnddngldkgtslldrkq", env=env, cwd=project)
    assert prediction.stderr.endswith(
        "(for a prediction, run: replicate prediction get ufawqhfynnddngldkgtslldrkq)\n"
    )
    as_json = json.loads(run_cli("show", ID["adam-1"][:10], "--json", env=env, cwd=project).stdout)
    assert as_json["metrics"]["accuracy"] == 0.91


def test_rm_asks_once_and_deletes_nothing_without_a_yes(project: Path, env: dict[str, str]) -> None:
    done = invoke("rm", "a1b2", "b2c3", env=env, cwd=project)  # standard input is empty
    assert done.returncode == 1
    assert done.stderr == (
        "Experiment a1b2c3d (3 checkpoints)\n"
        "Experiment b2c3d4e (2 checkpoints)\n"
        "Delete 2 items? [y/N] \nerror: nothing deleted\n"
    )
    assert len(invoke("ls", "-q", env=env, cwd=project).stdout.split()) == 4


def test_rm_resolves_every_id_before_deleting(project: Path, env: dict[str, str]) -> None:
    done = invoke("rm", "-f", "a1b2", "nosuchid", env=env, cwd=project)
    assert done.returncode == 1
    assert len(invoke("ls", "-q", env=env, cwd=project).stdout.split()) == 4


def test_rm_of_a_checkpoint_and_of_a_running_experiment(project: Path, env: dict[str, str]) -> None:
    checkpoint = invoke("rm", "-f", ID["adam-0"][:7], env=env, cwd=project)
    assert checkpoint.stdout == "Deleted checkpoint e0e0e0e\n"
    shown = json.loads(invoke("show", "a1b2", "--json", env=env, cwd=project).stdout)
    assert [c["id"] for c in shown["checkpoints"]] == [ID["adam-1"], ID["adam-2"]]
    running = invoke("rm", "c3d4", env=env, cwd=project, stdin="y\n")
    assert (running.returncode, running.stderr) == (
        1,
        "error: experiment c3d4e5f is running; stop it first, or use --force\n",
    )
    forced = invoke("rm", "c3d4", "--force", env=env, cwd=project)
    assert forced.stdout == "Deleted experiment c3d4e5f\n"


def test_repository_and_project_directory_options(
    project: Path, env: dict[str, str], tmp_path: Path
) -> None:
    url = (project / ".replicate").as_uri()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for args in (["-R", url, "ls", "-q"], ["ls", "-q", "--repository", url]):
        assert len(invoke(*args, env=env, cwd=elsewhere).stdout.split()) == 4
    for args in (["-D", str(project), "ls", "-q"], ["ls", "-q", "-D", str(project)]):
        assert len(invoke(*args, env=env, cwd=elsewhere).stdout.split()) == 4
    missing = invoke("ls", "-D", str(tmp_path / "nope"), env=env)
    assert (missing.returncode, missing.stderr.count("\n")) == (1, 1)
    for named in (str(tmp_path / "no-such-repo"), (tmp_path / "no-such-repo").as_uri()):
        mistyped = invoke("ls", "-R", named, env=env, cwd=elsewhere)
        assert mistyped.returncode == 1
        assert mistyped.stderr == (
            f"error: no repository at {tmp_path / 'no-such-repo'}: -R takes an existing "
            "directory or a URL such as s3://bucket/path\n"
        )


def test_experiment_commands_on_a_loopback_s3_repository(
    s3_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket_url = s3_env["TEST_BUCKET_URL"]
    for name, value in s3_env.items():
        monkeypatch.setenv(name, value)  # the project is written from this process
    project = make_project(tmp_path / "s3-project", repository=bucket_url)
    env = cli_environment(tmp_path, {k: v for k, v in s3_env.items() if k != "TEST_BUCKET_URL"})
    listed = run_cli("ls", "-q", env=env, cwd=project)
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.split()) == 4
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shown = run_cli("-R", bucket_url, "show", "a1b2c3d4", "--json", env=env, cwd=elsewhere)
    assert json.loads(shown.stdout)["id"] == ID["adam"]
    removed = invoke("rm", "-f", "b2c3", "-R", bucket_url, env=env, cwd=elsewhere)
    assert removed.stdout == "Deleted experiment b2c3d4e\n"
    unreachable = run_cli(
        "ls", "-R", "s3://no-such-bucket-here", env={**env, "AWS_MAX_ATTEMPTS": "1"}, cwd=elsewhere
    )
    assert unreachable.returncode == 1
    assert unreachable.stderr.startswith("error: ") and unreachable.stderr.count("\n") == 1


def _recorded_project(tmp_path: Path) -> tuple[Path, str, str]:
    """A project with one experiment recorded by the library: code and a checkpoint's weights."""
    import replicate.experiments as experiments

    project = tmp_path / "recorded"
    project.mkdir()
    (project / "replicate.yaml").write_text("repository: file://.replicate\n")
    (project / "train.py").write_text("print('training')\n")
    (project / "weights").mkdir()
    (project / "weights" / "model.pth").write_text("weights v1\n")
    experiment = experiments.init(
        path=".", params={"lr": 0.1}, directory=str(project), disable_heartbeat=True, quiet=True
    )
    checkpoint = experiment.checkpoint(
        path="weights",
        step=1,
        metrics={"loss": 0.5},
        primary_metric=("loss", "minimize"),
        quiet=True,
    )
    experiment.stop()
    assert checkpoint is not None
    return project, experiment.id, checkpoint.id


def test_checkout_never_overwrites_without_a_yes_or_force(
    tmp_path: Path, env: dict[str, str]
) -> None:
    project, experiment_id, _ = _recorded_project(tmp_path)
    out = tmp_path / "out"
    done = invoke("checkout", experiment_id[:7], "-o", str(out), env=env, cwd=project)
    assert done.returncode == 0, done.stderr
    assert (out / "train.py").read_text() == "print('training')\n"
    assert (out / "weights" / "model.pth").read_text() == "weights v1\n"
    assert not (out / "replicate.yaml").exists()  # never written, and it says so
    assert (
        done.stderr == "Skipped replicate.yaml: checkout never writes the project's configuration\n"
    )
    assert done.stdout.startswith("Checked out 2 files from checkpoint ")

    (out / "train.py").write_text("my local edits\n")
    refused = invoke("checkout", experiment_id[:7], "-o", str(out), env=env, cwd=project)
    assert refused.returncode == 1
    assert f"These files in {out} differ from the checkout: train.py\n" in refused.stderr
    assert refused.stderr.endswith(
        "Overwrite 1 file? [y/N] \nerror: nothing checked out; use --force to overwrite the files that differ\n"
    )
    assert (out / "train.py").read_text() == "my local edits\n"
    assert not list(out.glob(".replicate-checkout-*"))  # the staging directory is gone

    forced = invoke("checkout", experiment_id[:7], "-o", str(out), "--force", env=env, cwd=project)
    assert forced.returncode == 0
    assert (out / "train.py").read_text() == "print('training')\n"


def test_checkout_path_and_default_directory(tmp_path: Path, env: dict[str, str]) -> None:
    project, experiment_id, checkpoint_id = _recorded_project(tmp_path)
    (project / "replicate.yaml").write_text("repository: file://.replicate\n# mine\n")
    os.remove(project / "weights" / "model.pth")
    done = run_cli(
        "checkout", checkpoint_id[:7], "--path", "weights/model.pth", env=env, cwd=project
    )
    assert done.returncode == 0, done.stderr
    assert (project / "weights" / "model.pth").read_text() == "weights v1\n"
    assert (project / "replicate.yaml").read_text().endswith("# mine\n")
    configuration = invoke(
        "checkout", experiment_id[:7], "--path", "replicate.yaml", env=env, cwd=project
    )
    assert (configuration.returncode, configuration.stderr) == (
        1,
        "error: replicate.yaml is never checked out: the project keeps its own configuration\n",
    )
    missing = invoke("checkout", experiment_id[:7], "--path", "nope.txt", env=env, cwd=project)
    assert missing.returncode == 1 and "nope.txt is in neither" in missing.stderr
    a_file = project / "train.py"
    into_file = invoke("checkout", experiment_id[:7], "-o", str(a_file), env=env, cwd=project)
    assert (into_file.returncode, into_file.stderr) == (
        1,
        f"error: {a_file} is a file, not a directory\n",
    )


def test_ls_shows_only_the_params_and_metrics_that_differ_unless_all() -> None:
    from replicate._cli.exp_list import render_experiments
    from replicate.experiments import Checkpoint, Experiment, PrimaryMetric

    def experiment(number: int, optimizer: str) -> Experiment:
        checkpoint = Checkpoint(
            id=f"{number}c".ljust(64, "0"),
            created=NOW,
            step=1,
            metrics={"accuracy": 0.5},
            primary_metric=PrimaryMetric("accuracy", "maximize"),
        )
        return Experiment(
            id=f"{number}e".ljust(64, "0"),
            created=NOW,
            params={"optimizer": optimizer, "layers": 3},
            checkpoints=[checkpoint],  # type: ignore[arg-type]
        )

    experiments = [experiment(1, "adam"), experiment(2, "sgd")]
    [header, *_] = render_experiments(experiments, layout="wide")
    assert header.split() == [
        "EXPERIMENT", "STARTED", "STATUS", "optimizer", "LATEST", "CHECKPOINT", "BEST", "CHECKPOINT"
    ]  # fmt: skip
    [header, *_] = render_experiments(experiments, layout="wide", show_all=True)
    assert header.split()[3:5] == ["optimizer", "layers"]
    assert header.split()[-1] == "accuracy"


def test_filters_and_sorts_on_params_and_attributes_read_no_checkpoints() -> None:
    """``ps``, ``ls -q`` and ``params.`` filters read only the checkpoints of what they show.

    (A name without ``params.`` may be a metric, which is looked up first.)
    """
    from replicate._cli.exp_select import select
    from replicate.experiments import Experiment

    def experiment(number: int, optimizer: str) -> Experiment:
        document = {
            "id": f"{number}".ljust(64, "0"),
            "created": f"2026-11-30T0{number}:00:00.000000Z",
            "params": {"optimizer": optimizer},
            "format": 2,
        }
        # Checkpoints that cannot be decoded: reading them raises.
        return Experiment.from_json(document, checkpoints=b"unreadable")

    experiments = [experiment(1, "sgd"), experiment(2, "adam"), experiment(3, "adam")]
    filters = ["params.optimizer = adam", "status = stopped", "exit = lost"]
    chosen = select(experiments, filters, "started-desc")
    assert [e.id[0] for e in chosen] == ["3", "2"]
    assert [e.id[0] for e in select(experiments, [], "params.optimizer")] == ["2", "3", "1"]
    with pytest.raises(ValueError):  # a name that may be a metric needs the checkpoints
        select(experiments, ["optimizer = adam"], "started")


def test_an_ambiguous_prefix_lists_ids_long_enough_to_tell_apart(
    tmp_path: Path, env: dict[str, str]
) -> None:
    from replicate.experiments import Experiment, open_repository

    project = tmp_path / "project"
    project.mkdir()
    (project / "replicate.yaml").write_text("repository: file://.replicate\n")
    repository = open_repository(directory=project)
    for number in range(6):
        repository.create_experiment(
            Experiment(id=f"0000000{number}".ljust(64, "f"), created=NOW + timedelta(number))
        )
    done = invoke("show", "0000", env=env, cwd=project)
    assert (done.returncode, done.stderr) == (
        1,
        "error: id prefix '0000' is ambiguous: it matches experiment 00000000, experiment "
        "00000001, experiment 00000002, experiment 00000003 and 2 more; give more of the id\n",
    )


def test_rm_of_many_ids_reads_the_repository_once(
    project: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from replicate.experiments.store._local import LocalStore

    listings: list[str] = []
    list_keys = LocalStore.list

    def counted(self: LocalStore, prefix: str) -> Any:
        if prefix == "metadata/experiments/":
            listings.append(prefix)
        return list_keys(self, prefix)

    monkeypatch.setattr(LocalStore, "list", counted)
    done = invoke("rm", "-f", ID["adam"], ID["sgd"], ID["empty"][:7], env=env, cwd=project)
    assert done.returncode == 0, done.stderr
    assert len(listings) == 1
    assert done.stdout.splitlines() == [
        "Deleted experiment a1b2c3d",
        "Deleted experiment b2c3d4e",
        "Deleted experiment d4e5f60",
    ]


def test_ls_says_how_a_stopped_experiment_ended(tmp_path: Path, env: dict[str, str]) -> None:
    from replicate.experiments import Experiment, open_repository

    project = tmp_path / "project"
    project.mkdir()
    (project / "replicate.yaml").write_text("repository: file://.replicate\n")
    repository = open_repository(directory=project)
    lost = Experiment(id="1" * 64, created=NOW)  # no end recorded, no heartbeat
    repository.create_experiment(lost)
    # Keepsake's format recorded no end: only "stopped" is known.
    repository.create_experiment(
        {"id": "2" * 64, "created": "2026-11-30T12:00:01.000000Z", "checkpoints": []}
    )
    done = run_cli("ls", env={**env, "COLUMNS": "200"}, cwd=project)
    assert done.returncode == 0, done.stderr
    columns = [re.split(r"\s{3,}", line) for line in done.stdout.splitlines()]
    assert [cells[2] for cells in columns] == ["STATUS", "stopped (lost)", "stopped"]
    rows = json.loads(run_cli("ls", "--json", env=env, cwd=project).stdout)
    assert [(row["status"], row["exit"]) for row in rows] == [
        ("stopped", "lost"),
        ("stopped", None),
    ]


def test_rm_of_nothing_says_so_and_succeeds(project: Path, env: dict[str, str]) -> None:
    # An `ls -q` that matches nothing gives rm no ids: composing them is not an error.
    out = _shell('replicate rm $(replicate ls -q --filter "accuracy > 2")', project, env)
    assert out == ""
    done = run_cli("rm", env=env, cwd=project)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "",
        "Nothing to remove: no ids given\n",
    )
    assert len(invoke("ls", "-q", env=env, cwd=project).stdout.split()) == 4


def test_rm_confirmation_lists_at_most_ten_items(tmp_path: Path, env: dict[str, str]) -> None:
    from replicate._cli.exp_rm import LISTED
    from replicate.experiments import Experiment, open_repository

    project = tmp_path / "project"
    project.mkdir()
    (project / "replicate.yaml").write_text("repository: file://.replicate\n")
    repository = open_repository(directory=project)
    for number in range(LISTED + 3):
        repository.create_experiment(
            Experiment(id=f"{number:02d}".ljust(64, "a"), created=NOW + timedelta(number))
        )
    ids = invoke("ls", "-q", env=env, cwd=project).stdout.split()
    done = invoke("rm", *ids, env=env, cwd=project, stdin="n\n")
    lines = done.stderr.splitlines()
    assert lines[:2] == ["Experiment 00aaaaa (0 checkpoints)", "Experiment 01aaaaa (0 checkpoints)"]
    assert lines[LISTED:] == ["... and 3 more", "Delete 13 items? [y/N] error: nothing deleted"]


def test_ls_shows_nested_params_and_metrics_as_dotted_names(
    tmp_path: Path, env: dict[str, str]
) -> None:
    from replicate.experiments import Checkpoint, Experiment, PrimaryMetric, open_repository

    project = tmp_path / "project"
    project.mkdir()
    (project / "replicate.yaml").write_text("repository: file://.replicate\n")
    repository = open_repository(directory=project)
    for number, (name, lr) in enumerate([("adam", 0.1), ("sgd", 0.01)]):
        checkpoint = Checkpoint(
            id=f"c{number}".ljust(64, "0"),
            created=NOW,
            step=1,
            metrics={"loss": {"train": 0.5 - number / 10, "val": 0.6}, "accuracy": 0.8},
            primary_metric=PrimaryMetric("accuracy", "maximize"),
        )
        repository.create_experiment(
            Experiment(
                id=f"e{number}".ljust(64, "0"),
                created=NOW + timedelta(minutes=number),
                params={"optimizer": {"name": name, "lr": lr}, "layers": [64, 32 * number]},
                checkpoints=[checkpoint],  # type: ignore[arg-type]
            )
        )
    wide = {**env, "COLUMNS": "250"}
    [header, adam, sgd] = invoke("ls", "--all", env=wide, cwd=project).stdout.splitlines()
    columns = re.split(r"\s{3,}", header)
    assert columns[3:6] == ["optimizer.name", "optimizer.lr", "layers"]
    assert columns[-3:] == ["loss.train", "loss.val", "accuracy"]
    assert re.split(r"\s{3,}", adam)[3:6] == ["adam", "0.1", "[64, 0]"]
    assert re.split(r"\s{3,}", sgd)[-3:] == ["0.4", "0.6", "0.8"]
    # Without --all, the nested values that differ have their columns too.
    [header, *_] = invoke("ls", env=wide, cwd=project).stdout.splitlines()
    assert re.split(r"\s{3,}", header)[3:6] == ["optimizer.name", "optimizer.lr", "layers"]
    compact = invoke("ls", "--all", "--format", "compact", env=wide, cwd=project).stdout
    assert "optimizer.lr=0.01" in compact and "loss.train=0.4" in compact


# Every flag of the reference's CLI document, long and short, on every command that it
# lists it for ({repo} is the project's repository URL, {dir} its directory).
_REFERENCE_FLAGS = [
    *(
        [verb, *flags]
        for verb in ("ls", "ps")
        for flags in (
            ["--all"],
            ["-f", "step <= 50"],
            ["--filter", "optimizer = adam", "--filter", "accuracy > 0.8"],
            ["--json"],
            ["-q"],
            ["--quiet"],
            ["-R", "{repo}"],
            ["--repository", "{repo}"],
            ["-s", "val_loss"],
            ["--sort=started-desc"],
            ["--sort", "accuracy-desc"],
            ["--color"],
            ["-D", "{dir}"],
            ["--project-directory", "{dir}"],
            ["-v"],
            ["--verbose"],
            ["-h"],
            ["--help"],
        )
    ),
    ["show", "a1b2c3d", "--json"],
    ["show", "a1b2c3d", "-R", "{repo}", "--color", "-D", "{dir}", "-v"],
    ["diff", "a1b2c3d", "b2c3d4e", "-R", "{repo}", "--color", "-D", "{dir}", "-v"],
    ["checkout", "a1b2c3d", "-f", "-o", "{dir}/out", "--path", "weights/model.pth"],
    ["checkout", "a1b2c3d", "--force", "--output-directory", "{dir}/out", "-R", "{repo}"],
    ["rm", "a1b2c3d", "-f"],
    ["rm", "a1b2c3d", "--force", "-R", "{repo}", "--color", "-D", "{dir}", "-v"],
    ["analytics", "on", "--color", "-D", "{dir}", "-v"],
    ["analytics", "off", "--project-directory", "{dir}", "--verbose"],
    ["feedback", "--color", "-D", "{dir}", "-v"],
]


@pytest.mark.parametrize("args", _REFERENCE_FLAGS, ids=" ".join)
def test_every_flag_of_the_reference(args: list[str], tmp_path: Path, env: dict[str, str]) -> None:
    project = (
        _recorded_project(tmp_path)[0] if args[0] == "checkout" else make_project(tmp_path / "p")
    )
    names = {"{repo}": (project / ".replicate").as_uri(), "{dir}": str(project)}
    if args[0] == "checkout":  # the recorded project's experiment, not the fixture's
        args = [args[0], invoke("ls", "-q", env=env, cwd=project).stdout.split()[0], *args[2:]]
    filled = [names.get(word, word.replace("{dir}", str(project))) for word in args]
    done = invoke(*filled, env=env, cwd=project)
    assert (done.returncode, done.stderr.startswith("error")) == (0, False), done.stderr
