"""``replicate run`` and ``replicate stream`` against a loopback emulator, as subprocesses."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cli_support import Api, invoke, run_cli, run_cli_on_terminal


def test_run_prints_the_output(api: Api) -> None:
    done = run_cli("run", "replicate/hello-world", "text=Alice", env=api.env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "hello Alice\n", "")


def test_inputs_are_typed_from_the_models_schema(api: Api) -> None:
    # emulator/slow counts `range(steps)`: a string "2" would fail the prediction.
    done = invoke("run", "emulator/slow", "seconds=0.5", "steps=2", env=api.env)
    assert (done.returncode, done.stdout) == (0, "finished after 0.5 seconds\n"), done.stderr
    last = api.emulator.prediction(api.emulator.prediction_ids()[-1])
    assert last["input"] == {"seconds": 0.5, "steps": 2}


def test_a_value_of_the_wrong_type_is_a_usage_error(api: Api) -> None:
    done = invoke("run", "emulator/slow", "steps=many", env=api.env)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "error: input steps: 'many' is not an integer\n"


def test_an_unknown_input_is_refused_with_the_inputs_there_are(api: Api) -> None:
    done = invoke("run", "emulator/slow", "stepz=2", env=api.env)
    assert done.returncode == 2
    assert done.stderr == (
        "error: unknown input 'stepz'; did you mean steps? (inputs: seconds, steps)\n"
    )


def test_an_input_that_is_not_key_value_is_a_usage_error(api: Api) -> None:
    done = invoke("run", "replicate/hello-world", "Alice", env=api.env)
    assert done.returncode == 2
    assert done.stderr == "error: inputs are key=value (or key=@file); got 'Alice'\n"


def test_a_malformed_model_reference_is_a_usage_error(api: Api) -> None:
    done = invoke("run", "not a model", env=api.env)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1


def test_an_unknown_model_is_an_error(api: Api) -> None:
    done = invoke("run", "nobody/nothing", "x=1", env=api.env)
    assert (done.returncode, done.stderr) == (1, "error: model nobody/nothing not found\n")


def test_no_token_is_an_error_in_one_line(api: Api) -> None:
    env = {**api.env}
    del env["REPLICATE_API_TOKEN"]
    done = invoke("run", "replicate/hello-world", env=env)
    assert done.returncode == 1
    assert done.stderr == (
        "error: no API token: set REPLICATE_API_TOKEN "
        "(tokens are at https://replicate.com/account/api-tokens)\n"
    )


def test_a_wrong_token_is_an_error_in_one_line(api: Api) -> None:
    wrong = {**api.env, "REPLICATE_API_TOKEN": "r8_no"}
    for args in (["run", "replicate/hello-world"], ["account"], ["prediction", "list"]):
        done = run_cli(*args, env=wrong)
        assert (done.returncode, done.stderr) == (
            1,
            "error: REPLICATE_API_TOKEN was refused by 127.0.0.1 (401): set it to a valid "
            "token (tokens are at https://replicate.com/account/api-tokens)\n",
        ), args


def test_verbose_shows_the_traceback_of_an_api_error(api: Api) -> None:
    done = invoke(
        "-v", "run", "replicate/hello-world", env={**api.env, "REPLICATE_API_TOKEN": "r8_no"}
    )
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert done.stderr.splitlines()[-1].startswith("error: ")


def test_a_failed_prediction_is_an_error_and_verbose_shows_its_logs(api: Api) -> None:
    done = invoke("run", "emulator/fail", env=api.env)
    assert done.returncode == 1
    assert done.stderr.startswith("error: prediction ")
    assert done.stderr.endswith(" failed: the model ran out of memory\n")
    verbose = invoke("run", "emulator/fail", "--verbose", env=api.env)
    assert "step 1\nstep 2\nstep 3\n" in verbose.stderr


def test_json_prints_the_finished_prediction(api: Api) -> None:
    done = invoke("run", "replicate/hello-world", "text=Bob", "--json", env=api.env)
    prediction = json.loads(done.stdout)
    assert prediction["status"] == "succeeded"
    assert prediction["output"] == "hello Bob"
    assert prediction["input"] == {"text": "Bob"}


def test_output_files_are_saved_with_output_dir(api: Api, tmp_path: Path) -> None:
    out = tmp_path / "images"
    args = ["run", "black-forest-labs/flux-schnell", "prompt=a lighthouse", "num_outputs=2"]
    done = invoke(*args, "-o", str(out), env=api.env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(out / "out-0.png"), str(out / "out-1.png")]
    for name in ("out-0.png", "out-1.png"):
        assert (out / name).read_bytes().startswith(b"\x89PNG")
    # A second run never overwrites what is there.
    again = invoke(*args, "--output-dir", str(out), env=api.env)
    assert again.stdout.splitlines() == [str(out / "out-0-2.png"), str(out / "out-1-2.png")]


def test_without_output_dir_file_urls_are_printed(api: Api) -> None:
    done = invoke("run", "black-forest-labs/flux-schnell", "prompt=x", env=api.env)
    assert done.returncode == 0
    assert done.stdout.startswith(api.server.files_url) and done.stdout.endswith("/out-0.png\n")


def test_at_path_uploads_a_local_file(api: Api, tmp_path: Path) -> None:
    document = tmp_path / "notes.txt"
    document.write_text("some notes\n")
    done = invoke("run", "test/echo", f"document=@{document}", env=api.env)
    assert done.returncode == 0, done.stderr
    url = done.stdout.strip()
    assert url.startswith(api.server.base_url + "/files/")
    listed = invoke("file", "get", url.rsplit("/", 1)[-1], "--json", env=api.env)
    assert json.loads(listed.stdout)["name"] == "notes.txt"


def test_at_a_missing_path_is_an_error(api: Api, tmp_path: Path) -> None:
    done = invoke("run", "test/echo", f"document=@{tmp_path / 'missing.txt'}", env=api.env)
    assert done.returncode == 1
    assert done.stderr == f"error: input document: no such file '{tmp_path / 'missing.txt'}'\n"


def test_language_model_text_is_printed_as_it_arrives(api: Api) -> None:
    # test/ticker yields a token every second (a tenth of a second at the emulator's speed).
    process = subprocess.Popen(
        [sys.executable, "-m", "replicate", "run", "test/ticker", "count=20"],
        env=api.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    first = os.read(process.stdout.fileno(), 100)
    still_running = process.poll() is None
    rest, errors = process.communicate(timeout=30)
    assert first.startswith(b"tick0 ")
    assert still_running, "the first token came only when the prediction had finished"
    assert (first + rest).decode() == "".join(f"tick{n} " for n in range(20)) + "\n", errors


def test_stream_prints_a_language_models_reply(api: Api) -> None:
    done = run_cli("stream", "meta/meta-llama-3-8b-instruct", "prompt=hello llamas", env=api.env)
    assert (done.returncode, done.stdout) == (0, "You said: hello llamas.\n")


def test_progress_bar_on_a_terminal_not_when_piped(api: Api) -> None:
    args = ("run", "emulator/slow", "seconds=2", "steps=4")
    shown = run_cli_on_terminal(*args, env=api.env)
    assert shown.returncode == 0
    assert shown.stdout == "finished after 2 seconds\n"
    assert "\r100% |" in shown.stderr and "| 4/4" in shown.stderr
    assert "Prediction " in shown.stderr
    piped = run_cli(*args, env=api.env)
    assert (piped.stdout, piped.stderr) == ("finished after 2 seconds\n", "")


def test_ctrl_c_cancels_the_prediction_on_the_server(api: Api) -> None:
    before = set(api.emulator.prediction_ids())
    process = subprocess.Popen(
        [sys.executable, "-m", "replicate", "run", "emulator/slow", "seconds=600"],
        env=api.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while not set(api.emulator.prediction_ids()) - before:
        assert time.monotonic() < deadline, "no prediction was created"
        time.sleep(0.05)
    [prediction_id] = set(api.emulator.prediction_ids()) - before
    time.sleep(0.3)  # past the creation, into the wait
    process.send_signal(signal.SIGINT)
    _out, errors = process.communicate(timeout=20)
    assert process.returncode == 130
    assert errors == f"error: interrupted: canceled prediction {prediction_id}\n"
    assert api.emulator.prediction(prediction_id)["status"] == "canceled"


def test_json_output_of_a_language_model_is_only_json(api: Api) -> None:
    for command in ("run", "stream"):
        done = invoke(
            command, "meta/meta-llama-3-8b-instruct", "prompt=hi there", "--json", env=api.env
        )
        assert done.returncode == 0, done.stderr
        prediction = json.loads(done.stdout)
        assert "".join(prediction["output"]) == "You said: hi there."


def test_inputs_may_come_after_options(api: Api) -> None:
    done = invoke("run", "replicate/hello-world", "--json", "text=Alice", env=api.env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["output"] == "hello Alice"
    done = invoke("run", "replicate/hello-world", "--bogus", "text=Alice", env=api.env)
    assert done.returncode == 2
    assert "--bogus" in done.stderr


def test_stream_of_a_model_that_cannot_stream_cancels_and_says_so(api: Api) -> None:
    done = invoke("stream", "emulator/slow", "seconds=300", env=api.env)
    assert done.returncode == 1
    assert "cannot stream its output" in done.stderr
    assert "use 'replicate run' instead" in done.stderr
    prediction_id = api.emulator.prediction_ids()[-1]
    assert api.emulator.prediction(prediction_id)["status"] == "canceled"
