"""Conventions every command shares: colour, ``--wait``, input typing without a schema."""

from __future__ import annotations

from pathlib import Path

from cli_experiments import make_project
from cli_support import Api, invoke

from replicate._cli.inputs import build_input

BOLD = "\x1b[1m"


def test_colour_only_when_asked_or_on_a_terminal(tmp_path: Path, env: dict[str, str]) -> None:
    project = make_project(tmp_path / "project")
    plain = invoke("ls", env=env, cwd=project)  # captured output is not a terminal
    assert BOLD not in plain.stdout and plain.stdout.startswith("EXPERIMENT")
    forced = invoke("ls", "--color", env=env, cwd=project)
    assert forced.stdout.startswith(BOLD + "EXPERIMENT")
    assert BOLD not in invoke("--no-color", "ls", env=env, cwd=project).stdout
    # NO_COLOR turns colour off unless --color asks for it.
    no_color = {**env, "NO_COLOR": "1"}
    assert BOLD not in invoke("show", "a1b2", env=no_color, cwd=project).stdout
    assert BOLD in invoke("show", "a1b2", "--color", env=no_color, cwd=project).stdout


def test_wait_holds_the_first_request(api: Api) -> None:
    before = len(api.emulator.requests)
    done = invoke("run", "replicate/hello-world", "text=held", "--wait", "5", env=api.env)
    assert (done.returncode, done.stdout) == (0, "hello held\n")
    creates = [
        request
        for request in list(api.emulator.requests)[before:]
        # (hello-world is a community model: its model endpoint's 404 is not a create)
        if request.method == "POST" and "predictions" in request.path and request.status != 404
    ]
    assert [request.headers.get("prefer") for request in creates] == ["wait=5"]
    unheld = invoke("run", "replicate/hello-world", env=api.env)
    assert unheld.returncode == 0
    last_create = [r for r in api.emulator.requests if r.method == "POST"][-1]
    assert "prefer" not in last_create.headers


def test_wait_out_of_range_is_a_usage_error(api: Api) -> None:
    done = invoke("run", "replicate/hello-world", "--wait", "90", env=api.env)
    assert (done.returncode, done.stderr) == (2, "error: --wait takes 1 to 60 seconds, got 90\n")


def test_values_without_a_schema_are_json_scalars_or_strings() -> None:
    words = ["n=4", "x=0.5", "e=1e3", "flag=true", "zip=007", "name=adam", "neg=-2", "nan=nan"]
    assert build_input(words, None) == {
        "n": 4,
        "x": 0.5,
        "e": 1000.0,
        "flag": True,
        "zip": "007",
        "name": "adam",
        "neg": -2,
        "nan": "nan",
    }


def test_values_follow_the_schema() -> None:
    properties = {
        "steps": {"type": "integer"},
        "scale": {"type": "number"},
        "fast": {"type": "boolean"},
        "prompt": {"type": "string"},
        "sizes": {"type": "array", "items": {"type": "integer"}},
        "options": {"type": "object"},
        "ratio": {"allOf": [{"enum": ["1:1", "16:9"], "type": "string"}]},
    }
    words = [
        "steps=4", "scale=7", "fast=no", "prompt=42", "sizes=1", "sizes=2",
        "options={\"a\": 1}", "ratio=16:9",
    ]  # fmt: skip
    assert build_input(words, properties) == {
        "steps": 4,
        "scale": 7,
        "fast": False,
        "prompt": "42",
        "sizes": [1, 2],
        "options": {"a": 1},
        "ratio": "16:9",
    }
    assert build_input(["sizes=[3, 4]"], properties) == {"sizes": [3, 4]}


def test_a_reader_that_goes_away_ends_the_command_quietly(
    tmp_path: Path, env: dict[str, str]
) -> None:
    import subprocess
    import sys
    from datetime import datetime, timezone

    from replicate.experiments import Experiment, open_repository

    project = tmp_path / "many"
    project.mkdir()
    (project / "replicate.yaml").write_text("repository: file://.replicate\n")
    repository = open_repository(directory=project)
    created = datetime(2026, 1, 1, tzinfo=timezone.utc)
    # 300 rows of 30 differing params: ~150 kB of table, more than a pipe holds.
    for number in range(300):
        params = {f"param_{index}": number * 1000 + index for index in range(30)}
        repository.create_experiment(
            Experiment(id=f"{number:064x}", created=created, params=params)
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "replicate", "ls", "--format", "wide"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(10)) == 10
    process.stdout.close()  # like `| head -c 10`
    errors = process.stderr.read()
    assert process.wait(timeout=60) == 1
    assert errors == b""
