"""Training scripts as real processes: exit records, SIGKILL mid-upload, two writers at once."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from experiments.conftest import new_bucket, subprocess_environment
from experiments.invariants import check_repository

from replicate.experiments import open_repository
from replicate.experiments.store import LocalStore, S3Store, Store


def start(project: Path, body: str, **environment: str) -> subprocess.Popen[str]:
    script = project / "train.py"
    script.write_text("import replicate, time, sys, os\n" + textwrap.dedent(body))
    return subprocess.Popen(
        [sys.executable, str(script)],
        cwd=project,
        env=subprocess_environment(REPLICATE_HEARTBEAT_INTERVAL="0.2", **environment),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_line(process: subprocess.Popen[str], text: str) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if text in line:
            return
    raise AssertionError(f"{text!r} never printed; stderr: {process.stderr.read()}")  # type: ignore[union-attr]


def only_experiment(project: Path):  # type: ignore[no-untyped-def]
    [experiment] = open_repository(directory=project).list_experiments()
    return experiment


@pytest.fixture
def local_project(project: Path) -> Path:
    (project / "replicate.yaml").write_text("repository: file://repo\n")
    return project


def test_normal_exit_is_finished(local_project: Path) -> None:
    process = start(local_project, """
        experiment = replicate.init(path=None, params={"a": 1})
        experiment.checkpoint(metrics={"loss": 1.0})
    """)  # fmt: skip
    assert process.wait(60) == 0
    experiment = only_experiment(local_project)
    assert (experiment.status, experiment.exit_reason) == ("stopped", "finished")
    assert len(experiment.checkpoints) == 1
    assert list((local_project / "repo" / "metadata" / "heartbeats").glob("*.json")) == []


def test_uploads_queued_at_exit_are_finished_on_s3(project: Path, s3_bucket: str) -> None:
    # Parallel uploads (thread pools) must still work while the interpreter exits.
    url = f"s3://{s3_bucket}/root"
    (project / "replicate.yaml").write_text(f"repository: {url}\n")
    process = start(project, """
        experiment = replicate.init(path=None, params={})
        os.makedirs("weights", exist_ok=True)
        for step in range(2):
            for n in range(4):
                with open(f"weights/{n}.bin", "wb") as f:
                    f.write(os.urandom(1000))
            experiment.checkpoint(path="weights", metrics={"loss": 1.0}, quiet=True)
    """)  # fmt: skip
    assert process.wait(60) == 0, process.stderr.read()  # type: ignore[union-attr]
    assert check_repository(S3Store(s3_bucket, "root")) == 2
    [experiment] = open_repository(url).list_experiments()
    assert experiment.exit_reason == "finished"


def test_uncaught_exception_is_failed(local_project: Path) -> None:
    process = start(local_project, """
        replicate.init(path=None, params={})
        raise RuntimeError("out of memory")
    """)  # fmt: skip
    assert process.wait(60) == 1
    experiment = only_experiment(local_project)
    assert experiment.exit_reason == "failed"
    assert experiment.error == "RuntimeError: out of memory"


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_ctrl_c_are_killed(local_project: Path, sent: signal.Signals) -> None:
    process = start(local_project, """
        replicate.init(path=None, params={}).flush()
        print("started", flush=True)
        time.sleep(60)
    """)  # fmt: skip
    wait_for_line(process, "started")
    assert only_experiment(local_project).status == "running"
    process.send_signal(sent)
    code = process.wait(60)
    assert code != 0  # the signal still ends the process as it would have
    experiment = only_experiment(local_project)
    assert (experiment.status, experiment.exit_reason) == ("stopped", "killed")


def test_sigkill_is_lost_at_once_on_the_same_host(local_project: Path) -> None:
    process = start(local_project, """
        experiment = replicate.init(path=None, params={})
        experiment.flush()
        print("started", flush=True)
        time.sleep(60)
    """)  # fmt: skip
    wait_for_line(process, "started")
    assert only_experiment(local_project).status == "running"
    process.kill()
    process.wait(60)
    experiment = only_experiment(local_project)
    assert (experiment.status, experiment.exit_reason) == ("stopped", "lost")


KILLED_MID_UPLOAD = """
    experiment = replicate.init(path=None, params={})
    os.makedirs("weights", exist_ok=True)
    for step in range(1000):
        for n in range(3):
            with open(f"weights/part{n}.bin", "wb") as f:
                f.write(os.urandom(512 * 1024))
        experiment.checkpoint(path="weights", metrics={"loss": 1 / (step + 1)}, quiet=True)
        print(f"checkpoint {step}", flush=True)
"""


@pytest.mark.parametrize("kind", ["local", "s3"])
def test_sigkill_mid_upload_leaves_only_complete_checkpoints(
    project: Path, kind: str, request: pytest.FixtureRequest
) -> None:
    store: Store
    if kind == "s3":
        bucket = new_bucket(request.getfixturevalue("s3_endpoint"))
        url = f"s3://{bucket}/root"
        store = S3Store(bucket, "root")
    else:
        url = "file://repo"
        store = LocalStore(project / "repo")
    (project / "replicate.yaml").write_text(f"repository: {url}\n")
    process = start(project, KILLED_MID_UPLOAD)
    wait_for_line(process, "checkpoint 1")
    process.kill()
    process.wait(60)
    listed = check_repository(store)
    # At most checkpoints 0-2 were queued when it died; some may never appear.
    assert listed <= 3
    assert (
        len(open_repository(url if kind == "s3" else str(project / "repo")).list_experiments()) == 1
    )


def test_two_processes_checkpoint_into_one_repository(local_project: Path) -> None:
    body = """
        experiment = replicate.init(path=None, params={"worker": sys.argv[0]})
        os.makedirs("shared", exist_ok=True)
        for step in range(5):
            with open(f"shared/{os.getpid()}.bin", "wb") as f:
                f.write(bytes([step]) * 100_000)
            experiment.checkpoint(path="shared", metrics={"step": step}, quiet=True)
    """
    first = start(local_project, body)
    second = start(local_project, body)
    assert first.wait(120) == 0 and second.wait(120) == 0
    store = LocalStore(local_project / "repo")
    assert check_repository(store) == 10
    experiments = open_repository(directory=local_project).list_experiments()
    assert sorted(len(e.checkpoints) for e in experiments) == [5, 5]
    assert all(e.exit_reason == "finished" for e in experiments)


def test_checkpoint_returns_while_the_upload_is_still_running(project: Path) -> None:
    import threading

    import replicate
    from replicate.experiments.store import MemoryStore, _memory_stores

    release = threading.Event()

    class SlowStore(MemoryStore):
        def put_file(self, key: str, path: Path, *, consume: bool = False) -> None:
            assert release.wait(30)
            super().put_file(key, path, consume=consume)

    store = SlowStore("memory://slow")
    _memory_stores[store.url] = store
    (project / "replicate.yaml").write_text("repository: memory://slow\n")
    (project / "model.pth").write_bytes(b"weights")
    experiment = replicate.init(path=None, params={}, quiet=True)
    checkpoint = experiment.checkpoint(path="model.pth", metrics={"loss": 1.0})
    # Returned although the upload is blocked: training goes on.
    assert checkpoint is not None and not release.is_set()
    assert experiment.flush(timeout=0.2) is False
    release.set()
    assert experiment.flush(timeout=30)
    experiment.stop()
    assert check_repository(store) == 1


def test_a_forked_child_never_writes(local_project: Path) -> None:
    # DataLoader workers are forked from the training process: they must not record.
    process = start(local_project, """
        experiment = replicate.init(path=None, params={})
        experiment.flush()
        pid = os.fork()
        if pid == 0:
            assert experiment.checkpoint(metrics={"from": "child"}) is None
            sys.exit(0)  # runs the exit hooks in the child: they must not stop the run
        assert os.waitpid(pid, 0)[1] == 0, "the child recorded something"
        experiment.checkpoint(metrics={"from": "parent"})
        print("parent", flush=True)
        time.sleep(60)
    """)  # fmt: skip
    wait_for_line(process, "parent")
    experiment = only_experiment(local_project)
    experiment.refresh()
    assert experiment.status == "running" and experiment.ended is None
    process.terminate()
    process.wait(60)
    experiment.refresh()
    assert [c.metrics for c in experiment.checkpoints] == [{"from": "parent"}]
    assert experiment.exit_reason == "killed"
