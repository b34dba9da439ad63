"""The Python library reference's examples, run verbatim in a fresh process.

The two ``>>>`` sessions of the reference are kept character for character below and run
as one script (the second uses the experiment made by the first), in a project whose
``replicate.yaml`` uses the reference's ``storage:`` key.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from experiments.conftest import subprocess_environment

from replicate.experiments import open_repository

# From the reference, "replicate.init(**params)" and "experiment.commit(path, **labels)".
REFERENCE_SESSIONS = [
    """\
>>> import replicate
>>> experiment = replicate.init(learning_rate=0.01)
""",
    """\
>>> experiment.commit(path="weights/", step=5, train_loss=0.425, train_accuracy=0.749)
""",
]

REPLICATE_YAML = """\
storage: .replicate/storage/
metrics:
- name: train_accuracy
  goal: maximize
  primary: true
"""


def as_script(session: str) -> str:
    return "\n".join(line.removeprefix(">>> ") for line in session.splitlines()) + "\n"


def test_reference_examples_run_verbatim(project: Path) -> None:
    (project / "replicate.yaml").write_text(REPLICATE_YAML)
    (project / "train.py").write_text("# training code\n")
    (project / "weights").mkdir()
    (project / "weights" / "model.h5").write_bytes(b"weights")
    script = "".join(as_script(session) for session in REFERENCE_SESSIONS)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=project,
        env=subprocess_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr

    [experiment] = open_repository(directory=project).list_experiments()
    assert experiment.params == {"learning_rate": 0.01}
    assert experiment.exit_reason == "finished"
    code = project.parent / "code"
    experiment.checkout(code)
    assert (code / "train.py").read_text() == "# training code\n"
    [commit] = experiment.checkpoints
    assert commit.step == 5 and commit.path == "weights/"
    assert commit.metrics == {"train_loss": 0.425, "train_accuracy": 0.749}
    assert experiment.best() is commit
    weights = project.parent / "weights-out"
    commit.checkout(weights)
    assert (weights / "weights" / "model.h5").read_bytes() == b"weights"
