"""``replicate prediction|model|file|training|account|hardware`` against a loopback emulator.

Each command runs at least once as a subprocess; the finer points run in-process.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import Api, invoke, run_cli, run_cli_on_terminal

import replicate
from replicate.testing import DEFAULT_TOKEN


@pytest.fixture
def client(api: Api) -> replicate.Replicate:
    return replicate.Replicate(bearer_token=DEFAULT_TOKEN, base_url=api.server.base_url)


# predictions


def test_prediction_list_get_as_json_in_a_subprocess(api: Api, client: replicate.Replicate) -> None:
    created = client.predictions.create(model="replicate/hello-world", input={"text": "x"})
    listed = run_cli("prediction", "list", "--json", env=api.env)
    assert listed.returncode == 0, listed.stderr
    assert created.id in [item["id"] for item in json.loads(listed.stdout)]
    got = invoke("prediction", "get", created.id, "--json", env=api.env)
    assert json.loads(got.stdout)["input"] == {"text": "x"}


def test_prediction_list_as_a_table_and_as_ids(api: Api, client: replicate.Replicate) -> None:
    created = client.predictions.create(model="replicate/hello-world", input={"text": "y"})
    table = invoke("prediction", "list", "-n", "1", env=api.env)
    header, row = table.stdout.splitlines()
    assert header.split() == ["ID", "MODEL", "STATUS", "CREATED"]
    assert row.split()[:2] == [created.id, "replicate/hello-world"]
    quiet = invoke("prediction", "ls", "-q", "--limit", "2", env=api.env)
    assert quiet.stdout.splitlines()[0] == created.id
    assert len(quiet.stdout.splitlines()) == 2


def test_prediction_get_describes_it(api: Api, client: replicate.Replicate) -> None:
    created = client.predictions.create(model="replicate/hello-world", input={"text": "z"})
    client.predictions.wait(created.id)
    done = invoke("prediction", "get", created.id, env=api.env)
    lines = done.stdout.splitlines()
    assert f"ID:           {created.id}" in lines
    assert "Status:       succeeded" in lines
    assert 'Input:        {"text": "z"}' in lines
    assert lines[-2:] == ["Output:", "  hello z"]


def test_prediction_get_of_an_unknown_id_is_an_error(api: Api) -> None:
    done = invoke("prediction", "get", "nosuchprediction", env=api.env)
    assert done.returncode == 1
    assert done.stderr.startswith("error: GET ") and done.stderr.count("\n") == 1
    assert "404" in done.stderr and "does not exist" in done.stderr


def test_prediction_cancel_and_wait(api: Api, client: replicate.Replicate) -> None:
    running = client.predictions.create(model="emulator/slow", input={"seconds": 600})
    canceled = run_cli("prediction", "cancel", running.id, env=api.env)
    assert (canceled.returncode, canceled.stdout) == (0, f"Prediction {running.id} is canceled\n")
    waited = invoke("prediction", "wait", running.id, env=api.env)
    assert (waited.returncode, waited.stderr) == (
        1,
        f"error: prediction {running.id} was canceled\n",
    )
    quick = client.predictions.create(model="emulator/slow", input={"seconds": 1, "steps": 2})
    done = invoke("prediction", "wait", quick.id, env=api.env)
    assert (done.returncode, done.stdout) == (0, "finished after 1 seconds\n")


# models


def test_model_schema_is_a_table_in_a_subprocess(api: Api) -> None:
    done = run_cli("model", "schema", "emulator/slow", env=api.env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "INPUT     TYPE      DEFAULT   DESCRIPTION\n"
        "seconds   number    10.0\n"
        "steps     integer   10\n"
    )


def test_model_schema_marks_required_inputs_and_prints_json(api: Api) -> None:
    done = invoke("model", "schema", "test/echo", env=api.env)
    assert done.stdout.splitlines() == [
        "INPUT        TYPE     DEFAULT   DESCRIPTION",
        "document *   string",
        "* required",
    ]
    as_json = invoke("model", "schema", "replicate/hello-world", "--json", env=api.env)
    assert json.loads(as_json.stdout)["text"]["default"] == "world"


def test_model_schema_of_a_model_without_one_is_an_error(
    api: Api, client: replicate.Replicate
) -> None:
    # A model made through the API has no version, so no schema, until one is pushed.
    client.models.create(
        owner="test-user", name="no-version-yet", hardware="cpu", visibility="private"
    )
    done = invoke("model", "schema", "test-user/no-version-yet", env=api.env)
    assert (done.returncode, done.stderr) == (
        1,
        "error: test-user/no-version-yet publishes no input schema\n",
    )


def test_model_get_list_versions(api: Api, client: replicate.Replicate) -> None:
    got = invoke("model", "get", "emulator/slow", env=api.env)
    assert "Model:           emulator/slow" in got.stdout.splitlines()
    version = client.models.get("emulator/slow").latest_version
    assert version is not None
    assert f"Latest version:  {version.id}" in got.stdout.splitlines()
    listed = invoke("model", "list", "-q", "-n", "0", env=api.env)
    assert "replicate/hello-world" in listed.stdout.splitlines()
    versions = invoke("model", "versions", "emulator/slow", "-q", env=api.env)
    assert versions.stdout == f"{version.id}\n"
    as_json = invoke("model", "get", "emulator/slow", "--json", env=api.env)
    assert json.loads(as_json.stdout)["name"] == "slow"


def test_model_errors(api: Api) -> None:
    assert invoke("model", "get", "nobody/nothing", env=api.env).stderr == (
        "error: model nobody/nothing not found\n"
    )
    bad = invoke("model", "get", "not-a-model", env=api.env)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


# files


def test_file_upload_list_get_download_delete(api: Api, tmp_path: Path) -> None:
    source = tmp_path / "data.txt"
    source.write_text("file contents\n")
    uploaded = run_cli("file", "upload", str(source), "--json", env=api.env)
    assert uploaded.returncode == 0, uploaded.stderr
    record = json.loads(uploaded.stdout)
    file_id = record["id"]
    assert (record["name"], record["size"]) == ("data.txt", 14)

    assert file_id in invoke("file", "list", "-q", env=api.env).stdout.splitlines()
    got = invoke("file", "get", file_id, env=api.env).stdout.splitlines()
    assert "Name:      data.txt" in got and "Size:      14 bytes" in got

    signed = api.emulator.signed_download_url(file_id, base_url=api.server.base_url)
    target = tmp_path / "copy.txt"
    by_url = invoke("file", "download", signed, "-o", str(target), env=api.env)
    assert (by_url.returncode, by_url.stdout) == (0, f"{target}\n"), by_url.stderr
    assert target.read_text() == "file contents\n"

    query = dict(part.split("=", 1) for part in signed.split("?", 1)[1].split("&"))
    from urllib.parse import unquote

    by_id = invoke(
        "file", "download", file_id, "--owner", query["owner"], "--expiry", query["expiry"],
        "--signature", unquote(query["signature"]), env=api.env, cwd=tmp_path,
    )  # fmt: skip
    assert (by_id.returncode, by_id.stdout) == (0, f"{file_id}\n"), by_id.stderr
    assert (tmp_path / file_id).read_text() == "file contents\n"

    deleted = invoke("file", "delete", file_id, env=api.env)
    assert deleted.stdout == f"Deleted file {file_id}\n"
    assert invoke("file", "get", file_id, env=api.env).returncode == 1


def test_file_download_by_id_needs_the_signed_parameters(api: Api) -> None:
    done = invoke("file", "download", "someid", env=api.env)
    assert done.returncode == 2 and "--owner, --expiry and --signature" in done.stderr


def test_file_upload_of_a_missing_file_is_an_error(api: Api, tmp_path: Path) -> None:
    done = invoke("file", "upload", str(tmp_path / "nope"), env=api.env)
    assert (done.returncode, done.stderr) == (1, f"error: no such file: {tmp_path / 'nope'}\n")


def test_upload_progress_bar_on_a_terminal_not_when_piped(api: Api, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"\x01" * (3 * 1024 * 1024))
    shown = run_cli_on_terminal("file", "upload", str(big), "-q", env=api.env)
    assert shown.returncode == 0, shown.stderr
    assert "\r100% |" in shown.stderr and f"| {3 * 1024 * 1024}/{3 * 1024 * 1024}" in shown.stderr
    uploaded = invoke("file", "get", shown.stdout.strip(), "--json", env=api.env)
    assert json.loads(uploaded.stdout)["size"] == 3 * 1024 * 1024
    piped = invoke("file", "upload", str(big), "-q", env=api.env)
    assert piped.returncode == 0 and piped.stderr == ""


# trainings


def test_training_create_wait_list_get_cancel(api: Api, client: replicate.Replicate) -> None:
    client.models.create(owner="test-user", name="styled", visibility="private", hardware="cpu")
    version = client.models.get("emulator/trainable").latest_version
    assert version is not None
    ref = f"emulator/trainable:{version.id}"
    done = invoke(
        "training", "create", ref, "style=fancy", "steps=3", "-d", "test-user/styled", "--wait",
        "--json", env=api.env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    training = json.loads(done.stdout)
    assert training["status"] == "succeeded" and training["input"] == {"style": "fancy", "steps": 3}
    assert training["output"]["version"]

    listed = run_cli("training", "list", "-q", env=api.env)
    assert listed.stdout.splitlines()[0] == training["id"]
    got = invoke("training", "get", training["id"], env=api.env)
    assert "Status:    succeeded" in got.stdout.splitlines()

    # The README's order: inputs after the options.
    started = invoke("training", "create", ref, "-d", "test-user/styled", "style=x", env=api.env)
    assert started.returncode == 0, started.stderr
    training_id = started.stdout.split()[1]
    canceled = invoke("training", "cancel", training_id, "--json", env=api.env)
    assert json.loads(canceled.stdout)["status"] in ("canceled", "succeeded")


def test_training_create_needs_a_version(api: Api) -> None:
    done = invoke("training", "create", "emulator/trainable", "-d", "a/b", env=api.env)
    assert done.returncode == 2
    assert done.stderr == ("error: a training needs owner/name:version, got 'emulator/trainable'\n")


# account and hardware


def test_account_and_hardware(api: Api) -> None:
    account = run_cli("account", "--json", env=api.env)
    assert json.loads(account.stdout)["username"] == "test-user"
    shown = invoke("account", env=api.env)
    assert shown.stdout.splitlines()[0] == "Username: test-user"
    hardware = invoke("hardware", env=api.env)
    assert hardware.stdout.splitlines()[:2] == ["SKU              NAME", "cpu              CPU"]
    assert "gpu-h100" in invoke("hardware", "-q", env=api.env).stdout.splitlines()
